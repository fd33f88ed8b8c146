"""Create the benchmark's people inside Django: R rooms of M members, each logged in.

Run by bench.prepare as `python -m bench.setup_data ROOMS MEMBERS THERAPISTS OUT.json` with
DATABASE_URL naming the (fresh) bench database. Writes {"rooms": {slug: [cookie, ...]}}, the
session cookie of every member, room by room. Bulk inserts: 10,000 people take seconds.
"""

import json
import os
import sys
from datetime import timedelta

import django


def main(rooms: int, members: int, therapists: int, out: str) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "groupspace.settings")
    django.setup()
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.auth.hashers import make_password
    from django.contrib.sessions.backends.db import SessionStore
    from django.contrib.sessions.models import Session
    from django.db import connection
    from django.utils import timezone
    from django.utils.crypto import get_random_string

    from groupspace.accounts.idle import LAST_ACTIVITY_KEY
    from groupspace.accounts.models import User
    from groupspace.groups.models import IOPGroup, Membership

    now = timezone.now()
    unusable = make_password(None)  # nobody logs in with a password; sessions are made here
    groups = IOPGroup.objects.bulk_create(
        IOPGroup(name=f"Bench {r}", slug=f"bench-{r}", track=IOPGroup.Track.MENTAL_HEALTH)
        for r in range(rooms)
    )
    users = User.objects.bulk_create(
        User(email=f"m{r}-{m}@bench.test", password=unusable, display_name=f"Member {r}-{m}")
        for r in range(rooms)
        for m in range(members)
    )
    # bulk_create skips Membership.save(): history_from_message_id is set here (empty rooms).
    Membership.objects.bulk_create(
        Membership(
            group=groups[index // members],
            user=user,
            role=(
                Membership.Role.THERAPIST
                if index % members < therapists
                else Membership.Role.PARTICIPANT
            ),
            agreement_accepted_at=now,  # participants who have not accepted get `forbidden`
            history_from_message_id=0,
        )
        for index, user in enumerate(users)
    )
    encoder = SessionStore()
    backend = "django.contrib.auth.backends.ModelBackend"
    expires = now + timedelta(seconds=settings.SESSION_COOKIE_AGE)
    sessions = [
        Session(
            session_key=get_random_string(32, "abcdefghijklmnopqrstuvwxyz0123456789"),
            session_data=encoder.encode(
                {
                    SESSION_KEY: str(user.pk),
                    BACKEND_SESSION_KEY: backend,
                    HASH_SESSION_KEY: user.get_session_auth_hash(),
                    # As the room page's load records it just before the socket opens.
                    LAST_ACTIVITY_KEY: int(now.timestamp()),
                }
            ),
            expire_date=expires,
        )
        for user in users
    ]
    Session.objects.bulk_create(sessions, batch_size=2000)
    cookies: dict[str, list[str]] = {group.slug: [] for group in groups}
    for index, session in enumerate(sessions):
        cookies[groups[index // members].slug].append(session.session_key)
    # A database in use has its planner statistics; freshly bulk-loaded tables have none until
    # autovacuum comes by, which would plan the first minutes' queries blind.
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    with open(out, "w") as handle:
        json.dump({"rooms": cookies}, handle)


if __name__ == "__main__":
    main(int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3]), sys.argv[4])
