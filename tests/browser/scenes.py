"""Every state of the app worth looking at, built in the browser server's own database.

Run inside the server's environment (`manage.py shell -c`, see conftest's `scenes` fixture; the
screenshot script too) after `seed_demo`. Everything goes through the project's own actions, as
a person would cause it, except the backdated check-in history (as `seed_demo` does). Its own
people and groups, so the demo rooms other browser tests write in are left alone:

- Thursday Evening IOP (substance use, pre-moderation after the first messages): therapist
  tess; participants pat, robin, jo (muted) and kim (has not accepted the group agreement yet).
  A prompt, chats, a reply, reactions, a removed message, a report, a crisis message, a shared
  check-in asking for support, a celebrated milestone, and a message waiting for approval.
- Morning Mindfulness IOP (mental health): tess and pat, no messages at all.
- Saturday Skills IOP: tess and robin, locked by tess.
- Wednesday Group: tess and pat, with more history than the room shows at first (60 messages).
- nova: an account in no group.

`main()` prints one JSON object (ids, tokens) on its last line.
"""

import json
import uuid
from datetime import timedelta
from decimal import Decimal

PASSWORD = "groupspace-demo"  # the demo password, so the browser tests log in the same way
BUSY, QUIET, LOCKED, LONG = (
    "thursday-evening",
    "morning-mindfulness",
    "saturday-skills",
    "wednesday-group",
)
LONG_HISTORY = 60  # the room asks for 50 at first
PEOPLE = {
    "tess": ("tess@scene.test", "Tess", "Lin"),
    "pat": ("pat@scene.test", "Pat", "Okafor"),
    "robin": ("robin@scene.test", "Robin", "Diaz"),
    "jo": ("jo@scene.test", "Jo", "Park"),
    "kim": ("kim@scene.test", "Kim", "Ross"),
    "nova": ("nova@scene.test", "Nova", "Reed"),
}
EMAILS = {name: spec[0] for name, spec in PEOPLE.items()}
# Mood, anxiety, craving for the days before today, oldest first (pat's history chart).
PAT_HISTORY = [(3, 6, 4), (3, 5, 4), (4, 4, 3), (2, 7, 6), (3, 5, 4), (4, 3, 2), (4, 3, 2)]


def build() -> dict:
    """Create every scene once; a second run finds them and only reports the ids."""
    from django.db import transaction

    from groupspace.groups.models import IOPGroup

    if IOPGroup.objects.filter(slug=BUSY).exists():
        return _report()
    with transaction.atomic():
        people = {name: _person(*spec) for name, spec in PEOPLE.items()}
        busy = _group(BUSY, "Thursday Evening IOP", "substance_use")
        quiet = _group(QUIET, "Morning Mindfulness IOP", "mental_health")
        locked = _group(LOCKED, "Saturday Skills IOP", "co_occurring")
        long = _group(LONG, "Wednesday Group", "mental_health")
        _join(busy, people["tess"], therapist=True)
        for name in ("pat", "robin", "jo"):
            _join(busy, people[name])
        _join(busy, people["kim"], agreed=False)
        _join(quiet, people["tess"], therapist=True)
        _join(quiet, people["pat"])
        _join(locked, people["tess"], therapist=True)
        _join(locked, people["robin"])
        _join(long, people["tess"], therapist=True)
        _join(long, people["pat"])
        _pat_history(busy, people["pat"])
    _busy_room(busy, people)
    _locked_room(locked, people)
    _long_history(long, people)
    _invitations(busy, people["tess"])
    _sessions(busy, people)
    return _report()


def _person(email: str, first: str, last: str):
    from django.utils import timezone

    from groupspace.accounts.models import User

    user = User.objects.filter(email=email).first()
    return user or User.objects.create_user(
        email,
        PASSWORD,
        first_name=first,
        last_name=last,
        verified_name=f"{first} {last}",  # as the clinic confirmed it (letters carry it)
        verified_name_at=timezone.now(),
    )


def _group(slug: str, name: str, track: str):
    from groupspace.groups.models import IOPGroup

    return IOPGroup.objects.create(
        slug=slug,
        name=name,
        track=track,
        time_zone="America/Phoenix",
        description="Meets twice a week in the evening.",
    )


def _join(group, user, *, therapist: bool = False, agreed: bool = True):
    from django.utils import timezone

    from groupspace.groups.models import Membership

    return Membership.objects.create(
        group=group,
        user=user,
        role=Membership.Role.THERAPIST if therapist else Membership.Role.PARTICIPANT,
        agreement_accepted_at=timezone.now() if agreed else None,
    )


def _member(group, user):
    from groupspace.groups.models import Membership
    from groupspace.room.actions import Member

    role = Membership.objects.get(group=group, user=user).role
    return Member(user_id=user.pk, group_id=group.pk, role=role)


def _say(group, user, body: str, reply_to: int | None = None) -> int:
    from groupspace.room.actions import send_chat

    return send_chat(_member(group, user), uuid.uuid4(), body, reply_to)["id"]


def _pat_history(group, pat) -> None:
    from django.utils import timezone

    from checkins.actions import today_for
    from checkins.models import CheckIn

    now, today = timezone.now(), today_for(pat)
    for days_ago, (mood, anxiety, craving) in zip(
        range(len(PAT_HISTORY), 0, -1), PAT_HISTORY, strict=True
    ):
        CheckIn.objects.create(
            group=group,
            user=pat,
            client_id=uuid.uuid4(),
            mood=mood,
            anxiety=anxiety,
            craving=craving,
            sleep_hours=Decimal("7.0"),
            self_care=["exercise"] if mood >= 4 else ["rest"],
            local_date=today - timedelta(days=days_ago),
            created_at=now - timedelta(days=days_ago),
        )


def _busy_room(group, people) -> None:
    from checkins.actions import record_checkin
    from checkins.forms import CheckinValues
    from checkins.milestones.actions import decide, set_sobriety_date
    from checkins.milestones.models import Milestone
    from checkins.milestones.thresholds import today_in
    from groupspace.groups.models import IOPGroup, Membership
    from groupspace.moderation.actions import (
        flag_message,
        mute_member,
        post_prompt,
        remove_message,
    )
    from groupspace.room.actions import react

    tess, pat, robin, jo = (people[name] for name in ("tess", "pat", "robin", "jo"))
    therapist = _member(group, tess)
    prompt = post_prompt(
        therapist,
        uuid.uuid4(),
        "Prompt for tonight: name one thing that helped you get through today, however small.",
    )["id"]
    walk = _say(group, pat, "A walk after work. I left my phone at home and it was quiet.")
    _say(group, robin, "Same here, walking helps. Called my sister too.", reply_to=walk)
    for person, emoji in ((robin, "heart"), (tess, "clap"), (jo, "heart")):
        react(_member(group, person), walk, emoji, True)
    react(_member(group, pat), prompt, "pray", True)
    unkind = _say(group, jo, "Honestly some of you are just pretending to be fine.")
    flag_message(_member(group, robin), unkind, "It felt unkind")
    rude = _say(group, jo, "Whatever. This group is a joke.")
    remove_message(therapist, rude, "Hurtful to the group")
    _say(group, robin, "Rough night. I don't want to be here anymore.")
    _say(group, tess, "Robin, I'm here. I'll call you in five minutes.")
    record_checkin(
        pat,
        group,
        CheckinValues(
            kind="daily",
            mood=2,
            anxiety=7,
            craving=5,
            sleep_hours=Decimal("5.5"),
            self_care=("exercise", "people"),
            note="Hard day at work, but I came home instead of going out.",
            wants_support=True,
            shared=True,
            note_shared=True,
        ),
        uuid.uuid4(),
    )
    set_sobriety_date(pat, today_in(pat.time_zone) - timedelta(days=31))
    thirty = Milestone.objects.get(user=pat, kind="clean_time", value=30)
    decide(pat, thirty.pk, "share", group.slug)
    # The rest wait for pat's choice (the "you reached a milestone" question).
    IOPGroup.objects.filter(pk=group.pk).update(moderation_mode=IOPGroup.ModerationMode.PRE)
    _say(group, robin, "Thank you, Tess. Talking helped. I'm safer now.")
    mute_member(therapist, jo.pk, 60 * 24)
    # Everyone has read up to the prompt, so home pages show unread counts.
    Membership.objects.filter(group=group).update(last_read_message_id=prompt)


def _locked_room(group, people) -> None:
    from groupspace.moderation.actions import lock_room

    _say(group, people["tess"], "Good morning. Skills practice is at 10 today.")
    _say(group, people["robin"], "See you there.")
    lock_room(_member(group, people["tess"]), True)


def _long_history(group, people) -> None:
    """Straight through the posting service: send_chat's rate limit is not what this is about."""
    from groupspace.room.posting import post_message

    for number in range(1, LONG_HISTORY + 1):
        author = people["pat"] if number % 2 else people["tess"]
        post_message(group, author, body=f"Week {number}: what went well, what was hard.")


def _invitations(group, tess) -> None:
    from groupspace.invitations.actions import create_invitation, revoke_invitation

    create_invitation(tess, group, role="participant", days=7, single_use=True, note="For Sam")
    withdrawn = create_invitation(tess, group, role="participant", days=7, single_use=True)
    revoke_invitation(tess, withdrawn)


def _sessions(group, people) -> None:
    """A weekly pattern, a past session with attendance, a cancelled one, a pinned prompt with
    replies, a scheduled prompt, and an attendance letter of pat's."""
    import zoneinfo
    from datetime import date, time

    from django.utils import timezone

    from groupspace.moderation.actions import pin_prompt
    from groupspace.room.models import Message
    from groupspace.room.posting import post_message
    from sessions_app import attendance, changes, prompts
    from sessions_app.letters import issue_letter
    from sessions_app.models import ScheduledPrompt, Session

    tess, pat, robin = people["tess"], people["pat"], people["robin"]
    changes.add_slot(
        tess,
        group,
        weekday=3,
        start_time=time(18),
        duration_minutes=180,
        kind="group_therapy",
        topic="Coping with cravings",
    )
    now = timezone.now()
    past = Session.objects.create(
        group=group,
        starts_at=now - timedelta(days=2),
        ends_at=now - timedelta(days=2, hours=-3),
        topic="Sleep and recovery",
        start_announced=True,
        end_announced=True,
    )
    attendance.record_attendance(tess, past, {pat.pk: "present", robin.pk: "late"})
    upcoming = Session.objects.filter(group=group, starts_at__gt=now).order_by("starts_at")
    changes.cancel_session(tess, upcoming[1], "Holiday: we meet the day after.")
    prompt = Message.objects.filter(group=group, kind="prompt").earliest("id")
    for person, text in ((pat, "Getting outside."), (robin, "A call with my sister.")):
        post_message(group, person, body=text, reply_to_id=prompt.pk)
    pin_prompt(_member(group, tess), prompt.pk)
    prompts.schedule_prompt(
        tess,
        group,
        body="How did tonight's session land?",
        timing=ScheduledPrompt.Timing.AFTER_SESSIONS,
        slot=None,
        anchor="end",
        offset_minutes=60,
    )
    today = timezone.localdate(timezone=zoneinfo.ZoneInfo(pat.time_zone))
    issue_letter(pat, date(today.year, 1, 1) if today.month > 1 else today, today, True)


def _report() -> dict:
    from checkins.models import CheckIn
    from groupspace.accounts.models import User
    from groupspace.invitations.models import Invitation
    from groupspace.room.models import Message

    users = {name: User.objects.get(email=email).pk for name, email in EMAILS.items()}
    invitations = Invitation.objects.filter(group__slug=BUSY).order_by("id")
    return {
        "users": users,
        "busy": BUSY,
        "quiet": QUIET,
        "locked": LOCKED,
        "long": LONG,
        "invitation": invitations[0].token,
        "withdrawn_invitation": invitations[1].token,
        "pat_checkin_today": CheckIn.objects.filter(user_id=users["pat"]).latest("id").pk,
        "pat_checkin_old": CheckIn.objects.filter(user_id=users["pat"]).earliest("id").pk,
        "removed_message": Message.objects.get(group__slug=BUSY, state="removed").pk,
        "pending_message": Message.objects.get(group__slug=BUSY, state="pending").pk,
        **_session_ids(users["pat"]),
    }


def _session_ids(pat_id: int) -> dict:
    from django.utils import timezone

    from groupspace.groups.models import Membership
    from sessions_app.models import AttendanceLetter, Session

    sessions = Session.objects.filter(group__slug=BUSY)
    return {
        "past_session": sessions.filter(starts_at__lt=timezone.now()).latest("starts_at").pk,
        "upcoming_session": sessions.filter(starts_at__gt=timezone.now(), status="scheduled")
        .earliest("starts_at")
        .pk,
        "cancelled_session": sessions.get(status="cancelled").pk,
        "letter": AttendanceLetter.objects.get(user_id=pat_id).code,
        "pat_membership": Membership.objects.get(user_id=pat_id, group__slug=BUSY).pk,
    }


def main() -> None:
    print(json.dumps(build()))
