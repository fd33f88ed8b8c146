"""Sessions in Spanish beyond the pages: what is stored stays in one language (schedule notices
in English with their facts in `data`, a letter in the language it was issued in, the audit
log's words), the calendar feed speaks its owner's chosen language whatever asks for it, and
the sessions pages' errors come in Spanish. The socket's sessions refusals are tested in
tests/room/test_language.py."""

import datetime as dt
import re
import zoneinfo

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation
from icalendar import Calendar

from groupspace.accounts.models import User
from groupspace.audit.models import AuditEntry
from groupspace.room.models import Message
from sessions_app.calendar import feed_for
from sessions_app.letters import issue_letter, letter_pdf
from sessions_app.live import session_dict
from sessions_app.models import Attendance, AttendanceLetter, PromptTemplate, Session
from sessions_app.prompt_library import SPANISH_TEMPLATES, TEMPLATES


def speaking(user, language: str) -> Client:
    User.objects.filter(pk=user.pk).update(language=language)
    client = Client()
    client.force_login(user)
    return client


def new_session(group, starts_in: dt.timedelta, **fields) -> Session:
    starts = timezone.now() + starts_in
    return Session.objects.create(
        group=group, starts_at=starts, ends_at=starts + dt.timedelta(hours=3), **fields
    )


def test_the_calendar_feed_speaks_its_owners_chosen_language(alice, evening):
    session = new_session(evening, dt.timedelta(days=2))
    new_session(evening, dt.timedelta(days=3), status="cancelled", cancel_note="Nieve")
    feed = feed_for(alice)
    # A calendar app asks without a useful language: the owner's choice decides.
    for language, title, name in [
        ("es", "Sesión de grupo", "Sesiones de GroupSpace"),
        ("", "Group session", "GroupSpace sessions"),  # follows the browser: English
        ("en", "Group session", "GroupSpace sessions"),
    ]:
        User.objects.filter(pk=alice.pk).update(language=language)
        response = Client().get(f"/calendar/{feed.token}.ics", HTTP_ACCEPT_LANGUAGE="es-MX,es")
        calendar = Calendar.from_ical(response.content)
        assert str(calendar["X-WR-CALNAME"]) == name, language
        event = next(
            e for e in calendar.walk("VEVENT") if str(e["UID"]).startswith(f"session-{session.pk}@")
        )
        assert str(event["SUMMARY"]) == title, language
    # With group names shown, a cancellation's note is introduced in the owner's language.
    feed.show_group_names = True
    feed.save()
    User.objects.filter(pk=alice.pk).update(language="es")
    calendar = Calendar.from_ical(Client().get(f"/calendar/{feed.token}.ics").content)
    descriptions = {str(e.get("DESCRIPTION")) for e in calendar.walk("VEVENT")}
    assert descriptions == {"Terapia de grupo", "Cancelada: Nieve"}


def test_schedule_notices_are_stored_in_english_with_their_facts(dana, evening):
    client = speaking(dana, "es")
    session = new_session(evening, dt.timedelta(days=3))
    response = client.post(
        reverse("move_session", args=["evening", session.pk]),
        {"date": "2030-01-09", "time": "17:30", "duration_minutes": 120},
        follow=True,
    )
    assert "La sesión cambió de hora; se le avisa al grupo en la sala." in response.content.decode()
    before = session.starts_at
    notice = Message.objects.get(group=evening, kind=Message.Kind.SYSTEM)
    # English dates for the body whoever made the change: "Wed", "p.m.", never "mié".
    assert notice.body.endswith("moves to Wed 9 Jan, 5:30 p.m. MST.")
    assert notice.data == {
        "notice": "session_moved",
        "from": before.astimezone(dt.UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z"),
        "to": "2030-01-10T00:30:00.000Z",
        "time_zone": "America/Phoenix",
    }
    client.post(
        reverse("cancel_session", args=["evening", session.pk]), {"note": "Nos vemos el jueves."}
    )
    cancelled = Message.objects.filter(group=evening, kind=Message.Kind.SYSTEM).latest("id")
    assert (
        cancelled.body
        == "The session on Wed 9 Jan, 5:30 p.m. MST is cancelled. Nos vemos el jueves."
    )
    assert cancelled.data["notice"] == "session_cancelled"
    assert cancelled.data["note"] == "Nos vemos el jueves."
    client.post(
        reverse("add_extra_session", args=["evening"]),
        {
            "extra-date": "2030-02-01",
            "extra-time": "10:00",
            "extra-duration_minutes": "90",
            "extra-kind": "family_session",
        },
    )
    added = Message.objects.filter(group=evening, kind=Message.Kind.SYSTEM).latest("id")
    assert added.body == "An extra session is added: Fri 1 Feb, 10 a.m. MST."
    assert added.data == {
        "notice": "session_added",
        "starts_at": "2030-02-01T17:00:00.000Z",
        "time_zone": "America/Phoenix",
    }


def test_the_audit_log_keeps_a_weekly_pattern_in_english(dana, evening):
    response = speaking(dana, "es").post(
        reverse("add_slot", args=["evening"]),
        {
            "slot-weekday": "2",
            "slot-start_time": "18:00",
            "slot-duration_minutes": "180",
            "slot-kind": "group_therapy",
            "slot-starts_on": "2026-01-01",
        },
        follow=True,
    )
    assert "Se agregaron los miércoles; sus sesiones ya están en el horario." in (
        response.content.decode()
    )
    entry = AuditEntry.objects.get(action="schedule.slot_add")
    assert entry.details["pattern"] == "Wednesdays 18:00 (Evening IOP)"


def test_a_session_frames_kind_label_is_in_the_default_language(evening):
    session = new_session(evening, dt.timedelta(days=1), kind="skills_practice")
    with translation.override("es"):  # say, a Spanish therapist's change announces it
        assert session_dict(session)["kind_label"] == "Skills practice"


@pytest.fixture
def attended(alice, evening):
    """A session alice attended last week, 6 to 9 pm in Phoenix."""
    day = timezone.localdate(timezone=zoneinfo.ZoneInfo("America/Phoenix")) - dt.timedelta(days=7)
    starts = dt.datetime.combine(day, dt.time(18), tzinfo=zoneinfo.ZoneInfo("America/Phoenix"))
    session = Session.objects.create(
        group=evening, starts_at=starts, ends_at=starts + dt.timedelta(minutes=150)
    )
    Attendance.objects.create(session=session, user=alice, status="present")
    return day


def test_a_letter_keeps_the_language_it_was_issued_in(alice, sam, attended):
    client = speaking(alice, "es")
    response = client.post(
        reverse("new_letter"),
        {"date_from": attended.isoformat(), "date_to": attended.isoformat()},
    )
    letter = AttendanceLetter.objects.get(user=alice)
    assert letter.language == "es" and letter.content["language"] == "es"
    assert "18:00–20:30 MST" in letter.content["lines"][0]["time_label"]
    spanish = client.get(response.url).content.decode()
    assert '<article class="letter" lang="es"' in spanish
    assert "asistió a 1 sesión" in spanish and "2,5 horas en total" in spanish
    # Read later in English: the page around it is English, the letter still Spanish.
    english = speaking(alice, "en").get(response.url).content.decode()
    assert "Download PDF" in english
    assert '<article class="letter" lang="es"' in english and "asistió a 1 sesión" in english
    assert "Attendance verification" not in english
    # The PDF too, and it says its language.
    pdf = letter_pdf(letter)
    assert b"/Lang (es)" in pdf
    # Staff reading in English are told which language it is in.
    page = speaking(sam, "en").post(reverse("verify_letter"), {"code": letter.code})
    html = page.content.decode()
    assert "written in Spanish" in html and "asistió a 1 sesión" in html
    assert "Constancia de asistencia" in html  # the letter's own heading, as issued


def test_an_english_letter_stays_english_for_a_spanish_reader(alice, attended):
    letter = issue_letter(alice, attended, attended, include_program=False)
    assert letter.language == "en"
    page = speaking(alice, "es").get(reverse("letter_detail", args=[letter.code])).content.decode()
    assert '<article class="letter" lang="en"' in page
    assert "attended 1 session from" in page and "2.5 hours in all" in page
    assert "Descargar en PDF" in page
    # Letters issued before letters had a language read as English.
    letter.content.pop("language")
    letter.save()
    assert AttendanceLetter.objects.get(pk=letter.pk).language == "en"


def test_sessions_form_errors_come_in_spanish(alice, dana, evening, attended):
    html = (
        speaking(alice, "es")
        .post(reverse("new_letter"), {"date_from": "2026-03-02", "date_to": "2026-03-01"})
        .content.decode()
    )
    assert "La fecha de inicio tiene que ser igual o anterior a la fecha final." in html
    response = speaking(dana, "es").post(
        reverse("schedule_prompt", args=["evening"]),
        {"later-body": "¿Qué te ayudó hoy?", "later-timing": "at"},
    )
    assert response.status_code == 400
    assert "Elige la fecha y la hora en que se publica." in response.content.decode()
    future = new_session(evening, dt.timedelta(days=1))
    response = speaking(dana, "es").post(
        reverse("take_attendance", args=["evening", future.pk]), {f"status-{alice.pk}": "present"}
    )
    assert response.status_code == 400
    assert "La asistencia se puede registrar cuando empieza la sesión." in response.content.decode()


def library_titles(html: str) -> list[str]:
    return re.findall(r'<strong lang="(\w+)">([^<]+)</strong>', html)


def test_the_prompt_library_shows_the_therapists_language_first(dana, evening):
    # Both libraries are seeded by migrations, the same 23 templates in each language.
    assert PromptTemplate.objects.filter(language="en").count() == len(TEMPLATES) == 23
    assert PromptTemplate.objects.filter(language="es").count() == len(SPANISH_TEMPLATES) == 23
    spanish = library_titles(speaking(dana, "es").get("/groups/evening/prompts/").content.decode())
    assert [lang for lang, _ in spanish] == ["es"] * 23 + ["en"] * 23
    assert ("es", "Atrapa el pensamiento") in spanish
    english = library_titles(speaking(dana, "en").get("/groups/evening/prompts/").content.decode())
    assert [lang for lang, _ in english] == ["en"] * 23 + ["es"] * 23
    # A Spanish template fills the form like any other.
    template = PromptTemplate.objects.get(language="es", title="Cinco sentidos")
    page = speaking(dana, "es").get(f"/groups/evening/prompts/?template={template.pk}")
    assert "Vuelve al presente durante un minuto" in page.content.decode()
