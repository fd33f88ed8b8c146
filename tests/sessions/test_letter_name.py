"""The name on attendance letters is the one the clinic confirmed (security review finding 5),
never what the person typed in their profile."""

import pytest
from django.utils import timezone

from groupspace.audit.models import AuditEntry
from groupspace.groups.models import Membership
from sessions_app.models import AttendanceLetter
from tests.conftest import join

LETTER_FORM = {"date_from": "2026-01-01", "date_to": "2026-01-31"}


@pytest.fixture
def newcomer(make_user, evening):
    """A participant whose name the clinic has not confirmed yet."""
    user = make_user("nora@example.test", "Nora", "Quinn")
    join(user, evening)
    return user


def letter_name_url(person) -> str:
    membership = Membership.objects.get(user=person)
    return f"/groups/{membership.group.slug}/people/{membership.pk}/letter-name/"


def test_without_a_confirmed_name_no_letter_is_issued(client_for, newcomer):
    client = client_for(newcomer)
    assert b"has not confirmed the name" in client.get("/me/attendance/letters/").content
    response = client.post("/me/attendance/letters/", LETTER_FORM)
    assert response.status_code == 400
    assert b"has not confirmed the name for your letters yet" in response.content
    assert not AttendanceLetter.objects.exists()


def test_a_therapist_confirms_the_name_and_letters_carry_it(client_for, dana, newcomer):
    response = client_for(dana).post(letter_name_url(newcomer), {"name": "  Nora   Quinn-Ávila "})
    assert response.status_code == 302
    newcomer.refresh_from_db()
    assert newcomer.verified_name == "Nora Quinn-Ávila"
    assert newcomer.verified_name_by == dana
    entry = AuditEntry.objects.get(action="member.letter_name")
    assert (entry.actor, entry.subject_user, entry.details["name"]) == (
        dana,
        newcomer,
        "Nora Quinn-Ávila",
    )
    # The person renames themself in their profile: the letter keeps the clinic's name.
    newcomer.first_name, newcomer.last_name = "Queen", "Of Everything"
    newcomer.save()
    client = client_for(newcomer)
    assert b"Nora Quinn-\xc3\x81vila" in client.get("/me/attendance/letters/").content
    client.post("/me/attendance/letters/", LETTER_FORM)
    letter = AttendanceLetter.objects.get(user=newcomer)
    assert letter.content["name"] == "Nora Quinn-Ávila"
    assert letter.content["name_confirmed_on"] == timezone.localdate().isoformat()


def test_the_verification_page_says_which_name_was_confirmed_and_when(client_for, alice, sam):
    client_for(alice).post("/me/attendance/letters/", LETTER_FORM)
    letter = AttendanceLetter.objects.get(user=alice)
    page = client_for(sam).post("/verify/", {"code": letter.code})
    assert b"The name on it, Alice Moreno, is the one the clinic confirmed on" in page.content


@pytest.mark.parametrize(
    "typed,error",
    [
        ("   ", b"Enter the name"),
        ("x" * 151, b"at most 150 characters"),
        ("Nora\x07Quinn", b"cannot be printed"),
    ],
)
def test_bad_names_are_refused_and_nothing_changes(client_for, dana, newcomer, typed, error):
    response = client_for(dana).post(letter_name_url(newcomer), {"name": typed})
    assert response.status_code == 400
    assert error in response.content
    newcomer.refresh_from_db()
    assert newcomer.verified_name == ""
    assert not AuditEntry.objects.filter(action="member.letter_name").exists()


def test_only_the_groups_therapists_and_staff_confirm_names(
    client_for, alice, bob, erin, charlie, sam, newcomer
):
    url = letter_name_url(newcomer)
    for stranger in (newcomer, alice, bob, erin, charlie):  # the person themself included
        response = client_for(stranger).post(url, {"name": "Someone Else"})
        assert response.status_code == 404, stranger
    newcomer.refresh_from_db()
    assert newcomer.verified_name == ""
    assert client_for(sam).post(url, {"name": "Nora Quinn"}).status_code == 302
