"""Demo data for trying GroupSpace: groups, people, messages, past check-ins. Idempotent."""

import uuid
from datetime import time, timedelta
from decimal import Decimal

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from groupspace.accounts.models import User
from groupspace.groups.models import IOPGroup, Membership
from groupspace.room.models import Message
from groupspace.room.posting import post_message

DEMO_PASSWORD = "groupspace-demo"  # noqa: S105 (demo data only; refused without DEBUG)

GROUPS = [
    {
        "slug": "evening-recovery",
        "name": "Evening Recovery IOP",
        "track": IOPGroup.Track.SUBSTANCE_USE,
        "time_zone": "America/Phoenix",
        "description": "Meets Monday, Wednesday and Thursday, 6 to 9 pm.",
        "sessions": [(0, time(18)), (2, time(18)), (3, time(18))],
        "therapists": [("dana@demo.test", "Dana", "Reyes")],
        "participants": [
            ("alex@demo.test", "Alex", "Moreno"),
            ("blake@demo.test", "Blake", "Turner"),
            ("casey@demo.test", "Casey", "Nguyen"),
        ],
        "messages": [
            (
                "dana@demo.test",
                "Welcome to the room. This is our space between sessions: be kind, and keep "
                "what's shared here in the group.",
            ),
            (
                "alex@demo.test",
                "Day 12 today. Work was rough but I went for a walk instead of stopping at "
                "the bar.",
            ),
            ("blake@demo.test", "That's huge, Alex. The walk thing works for me too."),
            ("casey@demo.test", "Anyone else find Sunday evenings the hardest?"),
        ],
    },
    {
        "slug": "weekend-mood",
        "name": "Weekend Mood & Anxiety IOP",
        "track": IOPGroup.Track.MENTAL_HEALTH,
        "time_zone": "America/Phoenix",
        "description": "Meets Saturday and Sunday, 9 am to noon.",
        "sessions": [(5, time(9)), (6, time(9))],
        "therapists": [("erin@demo.test", "Erin", "Walsh")],
        "participants": [("drew@demo.test", "Drew", "Patel")],
        "messages": [
            (
                "erin@demo.test",
                "Prompt for the week: notice one moment each day when your anxiety eased. "
                "What helped?",
            ),
            ("drew@demo.test", "Breathing exercise before the team meeting helped today."),
        ],
    },
]
STAFF = ("admin@demo.test", "Avery", "Admin")
FIRST_TIMERS = {"casey@demo.test"}
# Sobriety dates, days before the person's today: alex is on day 12 ("Day 12 today" below), so
# the tick finds 1 and 7 days reached (7 waits for alex's choice) and 14 days two days away.
DEMO_SOBRIETY_DAYS = {"alex@demo.test": 12}
# Private daily check-ins ending yesterday (so today's reminder still shows): one list per
# score, oldest day first; None in "mood" is a day without a check-in.
DEMO_CHECKINS = {
    "alex@demo.test": {
        "mood": [4, 4, 3, 4, 5, 4, 3, 3, 4, 4, 3, 4],
        "anxiety": [3, 4, 5, 3, 2, 3, 5, 6, 4, 3, 4, 3],
        "craving": [3, 2, 4, 3, 1, 2, 5, 4, 3, 2, 3, 2],
    },
    "blake@demo.test": {
        "mood": [3, 2, 3, None, 3, None, None, None],
        "anxiety": [6, 7, 6, None, 5, None, None, None],
        "craving": [5, 6, 5, None, 4, None, None, None],
    },
    "drew@demo.test": {
        "mood": [2, 3, 3, 3, 4, 3, 4, 4, 4, 5],
        "anxiety": [8, 7, 6, 6, 5, 6, 4, 4, 3, 3],
        "craving": [None] * 10,
    },
}


class Command(BaseCommand):
    help = "Create the demo groups, people and messages (safe to run again)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--force", action="store_true", help="Run even when DEBUG is off (never in production)."
        )

    def handle(self, *args, force: bool = False, **options):
        if not settings.DEBUG and not force:
            raise CommandError(
                "seed_demo creates accounts with a known password; refused with DEBUG off."
            )
        with transaction.atomic():
            admin = self.person(*STAFF, staff=True)
            for spec in GROUPS:
                self.group(spec)
        self.stdout.write("Demo data is ready. Log in at /accounts/login/ with")
        self.stdout.write(f"  password {DEMO_PASSWORD} for every demo account:")
        self.stdout.write(f"  {admin.email} (clinic staff)")
        for spec in GROUPS:
            for email, *_ in spec["therapists"]:
                self.stdout.write(f"  {email} (therapist, {spec['name']})")
            for email, *_ in spec["participants"]:
                self.stdout.write(f"  {email} (participant, {spec['name']})")

    def person(self, email: str, first: str, last: str, *, staff: bool = False) -> User:
        user = User.objects.filter(email=email).first()
        if user is None:
            user = User.objects.create_user(
                email,
                DEMO_PASSWORD,
                first_name=first,
                last_name=last,
                is_staff=staff,
                is_superuser=staff,
                # As if the clinic had confirmed each demo person's name (letters carry it).
                verified_name=f"{first} {last}",
                verified_name_at=timezone.now(),
            )
        return user

    def group(self, spec: dict) -> None:
        group, _ = IOPGroup.objects.get_or_create(
            slug=spec["slug"],
            defaults={key: spec[key] for key in ("name", "track", "time_zone", "description")},
        )
        people = {}
        for role, key in (
            (Membership.Role.THERAPIST, "therapists"),
            (Membership.Role.PARTICIPANT, "participants"),
        ):
            for email, first, last in spec[key]:
                user = self.person(email, first, last)
                Membership.objects.get_or_create(
                    group=group,
                    user=user,
                    defaults={
                        "role": role,
                        # Casey meets the group agreement on first entry; the others have.
                        "agreement_accepted_at": None if email in FIRST_TIMERS else timezone.now(),
                    },
                )
                people[email] = user
        self.checkins(group, people)
        self.sobriety_dates(people)
        self.sessions(group, people, spec)
        if Message.objects.filter(group=group).exists():
            return
        start = timezone.now() - timedelta(hours=len(spec["messages"]))
        for offset, (email, body) in enumerate(spec["messages"]):
            message, _ = post_message(group, people[email], body=body)
            Message.objects.filter(pk=message.pk).update(created_at=start + timedelta(hours=offset))

    def sessions(self, group: IOPGroup, people: dict[str, User], spec: dict) -> None:
        # Imported here: sessions build on the core, and only this demo command reaches back.
        from sessions_app.demo import seed_sessions

        therapist = people[spec["therapists"][0][0]]
        seed_sessions(group, people, spec["sessions"], therapist)

    def sobriety_dates(self, people: dict[str, User]) -> None:
        """Set only when missing (idempotent); the milestones are the tick's to find."""
        from checkins.milestones.models import SobrietyDate
        from checkins.milestones.thresholds import today_in

        for email, days in DEMO_SOBRIETY_DAYS.items():
            user = people.get(email)
            if user is not None:
                since = today_in(user.time_zone) - timedelta(days=days)
                SobrietyDate.objects.get_or_create(user=user, defaults={"since": since})

    def checkins(self, group: IOPGroup, people: dict[str, User]) -> None:
        """Past check-ins, stored as history (no alerts, nothing posted): demo data only."""
        # Imported here: check-ins build on the core, and only this demo command reaches back.
        from checkins.actions import today_for
        from checkins.models import CheckIn

        if CheckIn.objects.filter(group=group).exists():
            return
        now = timezone.now()
        for email, scores in DEMO_CHECKINS.items():
            user = people.get(email)
            if user is None:
                continue
            days = zip(scores["mood"], scores["anxiety"], scores["craving"], strict=True)
            for days_ago, (mood, anxiety, craving) in zip(
                range(len(scores["mood"]), 0, -1), days, strict=True
            ):
                if mood is None:
                    continue
                CheckIn.objects.create(
                    group=group,
                    user=user,
                    client_id=uuid.uuid4(),
                    mood=mood,
                    anxiety=anxiety,
                    craving=craving,
                    sleep_hours=Decimal("7.0"),
                    self_care=["exercise"] if mood >= 4 else ["rest"],
                    local_date=today_for(user) - timedelta(days=days_ago),
                    created_at=now - timedelta(days=days_ago),
                )
