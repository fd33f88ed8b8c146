"""Attendance letters: the dates and hours attended in a range, only what the participant
chose to disclose, a code staff can verify (a wrong code says so), and nobody else's letter."""

import datetime as dt

import pytest
from django.urls import reverse

from groupspace.audit.models import AuditEntry
from sessions_app.letters import normalise_code
from sessions_app.models import Attendance, AttendanceLetter, Session

pytestmark = pytest.mark.django_db


def session_on(group, day: dt.date, status, user, minutes=180):
    # 6 pm in Phoenix is 01:00 UTC the next day.
    starts = dt.datetime.combine(day + dt.timedelta(days=1), dt.time(1, 0), tzinfo=dt.UTC)
    session = Session.objects.create(
        group=group, starts_at=starts, ends_at=starts + dt.timedelta(minutes=minutes)
    )
    Attendance.objects.create(session=session, user=user, status=status)
    return session


@pytest.fixture
def history(alice, evening):
    session_on(evening, dt.date(2026, 10, 5), "present", alice)
    session_on(evening, dt.date(2026, 10, 7), "late", alice, minutes=150)
    session_on(evening, dt.date(2026, 10, 9), "absent", alice)
    session_on(evening, dt.date(2026, 10, 12), "excused", alice)
    session_on(evening, dt.date(2026, 11, 2), "present", alice)  # outside the range


def issue(client, **data):
    fields = {"date_from": "2026-10-01", "date_to": "2026-10-31", **data}
    return client.post(reverse("new_letter"), fields)


def test_one_hour_is_said_in_the_singular_in_english_and_spanish(client_for, alice, evening):
    session_on(evening, dt.date(2026, 10, 5), "present", alice, minutes=60)
    response = issue(client_for(alice))
    page = client_for(alice).get(response.url).content.decode()
    assert "attended 1 session from" in page and "1 hour in all," in page
    letter = AttendanceLetter.objects.get(user=alice)
    letter.content["language"] = "es"  # as if issued in Spanish
    letter.save()
    spanish = client_for(alice).get(response.url).content.decode()
    assert "asistió a 1 sesión" in spanish and "1 hora en total," in spanish


def test_a_letter_states_the_dates_and_hours_attended(client_for, alice, history):
    response = issue(client_for(alice))
    letter = AttendanceLetter.objects.get(user=alice)
    assert response.url == reverse("letter_detail", args=[letter.code])
    page = client_for(alice).get(response.url).content.decode()
    assert "attended 2 sessions" in page and "5.5 hours in all" in page
    assert "Monday, October 5, 2026" in page and "Wednesday, October 7, 2026" in page
    for not_attended in ("October 9, 2026", "October 12, 2026", "November 2, 2026"):
        assert not_attended not in page
    assert "6:00 PM–9:00 PM MST" in page and "(arrived late)" in page
    assert letter.code in page
    # Without the box ticked, no program and no group is named.
    assert "Intensive Outpatient" not in page and "Evening IOP" not in page


def test_naming_the_program_is_the_participants_choice(client_for, alice, history, settings):
    settings.CLINIC_NAME = "Desert Bloom IOP"
    issue(client_for(alice), include_program="on")
    letter = AttendanceLetter.objects.get(user=alice)
    page = client_for(alice).get(reverse("letter_detail", args=[letter.code])).content.decode()
    assert "at Desert Bloom IOP" in page
    assert "Evening IOP" not in page  # the group's name can say what it treats


def test_a_range_with_no_attendance_says_so(client_for, alice, evening):
    issue(client_for(alice))
    letter = AttendanceLetter.objects.get(user=alice)
    page = client_for(alice).get(reverse("letter_detail", args=[letter.code])).content.decode()
    assert "attended no recorded sessions" in page


@pytest.mark.parametrize(
    "data, error",
    [
        ({"date_from": "2026-10-31", "date_to": "2026-10-01"}, "on or before the end date"),
        ({"date_from": "2024-01-01", "date_to": "2026-10-01"}, "at most one year"),
        ({"date_to": "2099-01-01"}, "days that have passed"),
        ({"date_from": "not a date"}, "Enter a valid date"),
    ],
)
def test_a_bad_range_is_refused_and_nothing_is_issued(client_for, alice, evening, data, error):
    response = issue(client_for(alice), **data)
    assert response.status_code == 400
    assert error in response.content.decode()
    assert not AttendanceLetter.objects.exists()


def test_the_pdf_is_a_pdf_with_the_code(client_for, alice, history):
    issue(client_for(alice))
    letter = AttendanceLetter.objects.get(user=alice)
    response = client_for(alice).get(reverse("letter_pdf", args=[letter.code]))
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF-")
    assert len(response.content) > 1000


def test_nobody_else_opens_a_letter(client_for, alice, bob, dana, sam, history):
    issue(client_for(alice))
    code = AttendanceLetter.objects.get(user=alice).code
    for other in (bob, dana, sam):
        client = client_for(other)
        assert client.get(reverse("letter_detail", args=[code])).status_code == 404
        assert client.get(reverse("letter_pdf", args=[code])).status_code == 404
        assert client.post(reverse("delete_letter", args=[code])).status_code == 404
    assert AttendanceLetter.objects.filter(code=code).exists()


def test_staff_verify_a_code_as_typed_and_the_check_is_audited(client_for, alice, sam, history):
    issue(client_for(alice))
    letter = AttendanceLetter.objects.get(user=alice)
    typed = letter.code.lower().replace("-", " ")
    response = client_for(sam).post(reverse("verify_letter"), {"code": typed})
    page = response.content.decode()
    assert response.status_code == 200
    assert "Valid." in page and "attended 2 sessions" in page
    entry = AuditEntry.objects.get(action="letter.verify")
    assert entry.actor == sam and entry.subject_user == alice and entry.details["found"] is True


def test_a_wrong_code_says_so(client_for, alice, sam, history):
    issue(client_for(alice))
    response = client_for(sam).post(reverse("verify_letter"), {"code": "AAAA-BBBB-CCCC"})
    assert response.status_code == 404
    assert "No letter has this code" in response.content.decode()
    assert AuditEntry.objects.get(action="letter.verify").details["found"] is False


def test_only_staff_reach_the_verification_page(client_for, alice, dana, history):
    issue(client_for(alice))
    code = AttendanceLetter.objects.get(user=alice).code
    for person in (alice, dana):
        response = client_for(person).post(reverse("verify_letter"), {"code": code})
        assert response.status_code == 302  # to the admin login
    assert not AuditEntry.objects.filter(action="letter.verify").exists()


def test_a_deleted_letter_no_longer_verifies(client_for, alice, sam, history):
    issue(client_for(alice))
    code = AttendanceLetter.objects.get(user=alice).code
    client_for(alice).post(reverse("delete_letter", args=[code]))
    response = client_for(sam).post(reverse("verify_letter"), {"code": code})
    assert "No letter has this code" in response.content.decode()


def test_codes_are_normalised():
    assert normalise_code(" abcd efgh-jkmn ") == "ABCD-EFGH-JKMN"
    assert normalise_code("short") == "SHORT"
