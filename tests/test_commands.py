"""Management commands and the production configuration check."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.test import override_settings

from groupspace.accounts.models import User
from groupspace.groups.models import IOPGroup, Membership
from groupspace.room.models import Message

ROOT = Path(__file__).resolve().parents[1]


@override_settings(DEBUG=True)
def test_seed_demo_creates_the_demo_and_is_idempotent(db):
    from sessions_app.models import Attendance, Session

    def counts():
        return [m.objects.count() for m in (User, Membership, Message, Session, Attendance)]

    call_command("seed_demo")
    first = counts()
    call_command("seed_demo")
    assert counts() == first
    evening = IOPGroup.objects.get(slug="evening-recovery")
    assert (evening.name, evening.track, evening.time_zone) == (
        "Evening Recovery IOP",
        "substance_use",
        "America/Phoenix",
    )
    roles = dict(Membership.objects.filter(group=evening).values_list("user__email", "role"))
    assert roles == {
        "dana@demo.test": "therapist",
        "alex@demo.test": "participant",
        "blake@demo.test": "participant",
        "casey@demo.test": "participant",
    }
    weekend = IOPGroup.objects.get(slug="weekend-mood")
    assert weekend.track == "mental_health"
    assert User.objects.get(email="admin@demo.test").is_staff
    assert User.objects.get(email="alex@demo.test").check_password("groupspace-demo")
    assert Message.objects.filter(group=weekend).exists()
    # Sessions: two past weeks with attendance, and the weeks ahead.
    from django.utils import timezone

    with_attendance = Session.objects.filter(group=evening, attendance__isnull=False).distinct()
    assert with_attendance.count() == 6
    assert all(session.starts_at < timezone.now() for session in with_attendance)
    assert Session.objects.filter(group=evening, starts_at__gt=timezone.now()).count() >= 20
    assert Attendance.objects.filter(user__email="alex@demo.test", present=True).count() == 6


@override_settings(DEBUG=False)
def test_seed_demo_is_refused_without_debug_unless_forced(db):
    with pytest.raises(CommandError, match="refused with DEBUG off"):
        call_command("seed_demo")
    assert not User.objects.exists()
    call_command("seed_demo", "--force")
    assert User.objects.filter(email="dana@demo.test").exists()


def test_announce_refuses_unknown_group_and_empty_text(evening):
    with pytest.raises(CommandError, match="No active group"):
        call_command("announce", "nope", "hi")
    with pytest.raises(CommandError, match="empty"):
        call_command("announce", "evening", "   ")
    assert not Message.objects.exists()


def test_deploy_check_with_production_settings_is_clean():
    env = {
        **os.environ,
        "DEBUG": "0",
        "SECRET_KEY": "x" * 64 + "-a-long-random-production-secret-key-for-the-check",
        "ALLOWED_HOSTS": "groupspace.example.org",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_settings_refuse_a_missing_secret_key():
    env = {**os.environ, "DEBUG": "0", "SECRET_KEY": ""}
    result = subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr
