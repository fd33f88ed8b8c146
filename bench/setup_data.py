"""Create the benchmark's database: R rooms of M members, each with a login session.

Run as `python -m bench.setup_data ROOMS MEMBERS OUT.json` with DATABASE_URL set to the bench
database. Prints nothing; writes {"rooms": {slug: [session cookie, ...]}} to OUT.json.
"""

import json
import os
import sys

import django


def main(rooms: int, members: int, out: str) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "groupspace.settings")
    django.setup()
    from django.contrib.auth.hashers import make_password
    from django.contrib.sessions.backends.db import SessionStore
    from django.utils import timezone

    from groupspace.accounts.models import User
    from groupspace.groups.models import IOPGroup, Membership

    password = make_password(None)
    cookies: dict[str, list[str]] = {}
    for r in range(rooms):
        group = IOPGroup.objects.create(name=f"Bench {r}", slug=f"bench-{r}", track="mental_health")
        users = User.objects.bulk_create(
            User(email=f"m{r}-{m}@bench.test", password=password, display_name=f"M{r}-{m}")
            for m in range(members)
        )
        Membership.objects.bulk_create(
            Membership(
                group=group, user=u, history_from_message_id=0, agreement_accepted_at=timezone.now()
            )
            for u in users
        )
        cookies[group.slug] = []
        for user in users:
            session = SessionStore()
            session["_auth_user_id"] = str(user.pk)
            session["_auth_user_backend"] = "django.contrib.auth.backends.ModelBackend"
            session["_auth_user_hash"] = user.get_session_auth_hash()
            session.create()
            cookies[group.slug].append(session.session_key)
    with open(out, "w") as handle:
        json.dump({"rooms": cookies}, handle)


if __name__ == "__main__":
    main(int(sys.argv[1]), int(sys.argv[2]), sys.argv[3])
