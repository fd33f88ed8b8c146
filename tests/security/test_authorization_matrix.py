"""Every URL the project routes, called by every kind of caller, gives exactly the outcome the
matrix in tests/security/matrix.py says. A new URL without a row fails the suite."""

import datetime
from pathlib import Path

import pytest
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import timezone

from groupspace.groups.models import Membership
from groupspace.invitations.models import Invitation
from groupspace.moderation.models import Alert, Report
from groupspace.room.posting import post_message
from sessions_app.calendar import feed_for
from sessions_app.letters import issue_letter
from sessions_app.models import ScheduledPrompt, Session, WeeklySlot
from tests.checkins.conftest import checkin_values

from .matrix import CALLERS, MATRIX, markdown_table

ROOT = Path(__file__).resolve().parents[2]
# Library URLs mounted whole; their own access rules are the libraries' (allauth's pages are
# for everyone; the admin is staff-only, checked in tests/web).
LIBRARY_PREFIXES = ("accounts/", "admin/")

# Valid form data for the actions, so "done" means the action really went through.
POST_DATA = {
    "create_invitation": {"role": "participant", "days": "7"},
    "moderation_remove": {"reason": "matrix"},
    "moderation_mute": {"minutes": "60"},
    "checkin_reminder_time": {"daily_time": "19:00"},
    "add_slot": {
        "slot-weekday": "2",
        "slot-start_time": "18:00",
        "slot-duration_minutes": "180",
        "slot-kind": "group_therapy",
        "slot-starts_on": "2026-01-01",
    },
    "add_extra_session": {
        "extra-date": "2030-01-01",
        "extra-time": "18:00",
        "extra-duration_minutes": "60",
        "extra-kind": "group_therapy",
    },
    "move_session": {"date": "2030-01-02", "time": "18:00", "duration_minutes": "60"},
    "cancel_session": {"note": "matrix"},
    "edit_session": {"kind": "group_therapy", "topic": "matrix"},
    "post_prompt_now": {"now-body": "A matrix prompt"},
    "schedule_prompt": {
        "later-body": "Later",
        "later-timing": "at",
        "later-date": "2030-01-01",
        "later-time": "18:00",
    },
}


def project_url_names() -> set[str]:
    def walk(patterns, prefix=""):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                if str(pattern.pattern).startswith(LIBRARY_PREFIXES):
                    continue
                yield from walk(pattern.url_patterns, prefix + str(pattern.pattern))
            elif isinstance(pattern, URLPattern):
                yield pattern.name

    return set(walk(get_resolver().url_patterns))


def test_every_project_url_has_a_row_and_every_row_every_caller():
    assert project_url_names() == set(MATRIX)
    for name, (_, _, expected) in MATRIX.items():
        assert set(expected) == set(CALLERS), name


def test_docs_security_md_shows_this_matrix():
    docs = (ROOT / "docs" / "security.md").read_text()
    assert markdown_table() in docs, "regenerate: python -m tests.security.matrix"


@pytest.fixture
def world(alice, bob, charlie, dana, erin, sam, evening, make_user):
    """One of everything a URL can point at, in the evening group."""
    from checkins.actions import record_checkin

    leaver = make_user("lee@example.test", "Lee")
    left = Membership.objects.create(user=leaver, group=evening, state=Membership.State.LEFT)
    bob_message, _ = post_message(evening, bob, body="hello")
    alice_message, _ = post_message(evening, alice, body="mine")
    pending, _ = post_message(evening, alice, body="held", held_for_review=True)
    report = Report.objects.create(message=alice_message, reporter=bob, reason="")
    alert = Alert.objects.create(group=evening, kind=Alert.Kind.FLAG, user=bob)
    invitation = Invitation.objects.create(group=evening, created_by=dana)
    import uuid

    checkin = record_checkin(alice, evening, checkin_values(), uuid.uuid4())
    slot = WeeklySlot.objects.create(group=evening, weekday=2, start_time=datetime.time(18))
    starts = timezone.now() - datetime.timedelta(hours=2)
    session = Session.objects.create(
        group=evening, starts_at=starts, ends_at=starts + datetime.timedelta(hours=3)
    )
    scheduled = ScheduledPrompt.objects.create(
        group=evening, created_by=dana, body="Later", post_at=starts + datetime.timedelta(days=9)
    )
    letter = issue_letter(alice, datetime.date(2026, 1, 1), datetime.date(2026, 1, 31), False)
    return {
        "callers": {
            "anonymous": None,
            "outsider": make_user("olive@example.test", "Olive"),
            "participant": alice,
            "other_participant": charlie,
            "therapist": dana,
            "other_therapist": erin,
            "staff": sam,
        },
        "ids": {
            "bob_membership": Membership.objects.get(user=bob).pk,
            "alice_membership": Membership.objects.get(user=alice).pk,
            "left_membership": left.pk,
            "invitation": invitation.pk,
            "token": invitation.token,
            "alert": alert.pk,
            "report": report.pk,
            "pending_message": pending.pk,
            "bob_message": bob_message.pk,
            "bob": bob.pk,
            "alice": alice.pk,
            "alice_checkin": checkin.pk,
            "slot": slot.pk,
            "session": session.pk,
            "scheduled_prompt": scheduled.pk,
            "letter": letter.code,
            "feed_token": feed_for(alice).token,
        },
    }


def outcome(response) -> object:
    if response.status_code == 302:
        location = response["Location"]
        if location == "/accounts/2fa/totp/activate/":
            return "second-factor"
        if location.startswith("/accounts/login/"):
            return "login"
        if location.startswith("/admin/login/"):
            return "staff-login"
        return "done"
    return response.status_code


@pytest.mark.parametrize("caller", CALLERS)
@pytest.mark.parametrize("name", list(MATRIX))
def test_outcome(client, client_for, world, name, caller):
    method, path, expected = MATRIX[name]
    user = world["callers"][caller]
    http = client_for(user) if user else client
    url = path.format(**world["ids"])
    if method == "GET":
        response = http.get(url)
    else:
        response = http.post(url, POST_DATA.get(name, {}))
    assert outcome(response) == expected[caller], f"{method} {url} as {caller}"
    if response.status_code == 200 and response["Content-Type"].startswith("text/html"):
        # Every page carries the security headers (tests/web/test_headers.py checks values).
        for header in ("Content-Security-Policy", "X-Frame-Options", "X-Content-Type-Options"):
            assert header in response, f"{header} missing on {url}"


REACHABLE_WITHOUT_SECOND_FACTOR = {
    "healthz",
    "web_manifest",
    "service_worker",
    "offline",
    "javascript_catalog",
}


@pytest.mark.parametrize("caller", ["therapist", "staff"])
@pytest.mark.parametrize("name", list(MATRIX))
def test_outcome_for_the_care_team_without_a_second_factor(
    client_for, settings, world, name, caller
):
    """With the rule on, as in production: a therapist or staff member logged in without an
    authenticator app is sent to set one up from every page but health and the installable
    app's files, which hold nothing personal. The socket's half is
    tests/room/test_second_factor.py."""
    settings.MFA_REQUIRED_FOR_CARE_TEAM = True
    method, path, expected = MATRIX[name]
    http = client_for(world["callers"][caller])
    url = path.format(**world["ids"])
    if method == "GET":
        response = http.get(url)
    else:
        response = http.post(url, POST_DATA.get(name, {}))
    reachable = name in REACHABLE_WITHOUT_SECOND_FACTOR
    wanted = expected[caller] if reachable else "second-factor"
    assert outcome(response) == wanted, f"{method} {url} as {caller} without a second factor"
