"""Every page a person reaches, rendered in Spanish, shows no English interface text.

Two checks per page, both on what a person reads or hears (text nodes, aria-label, placeholder,
title, alt, the words on input buttons): nothing equals a piece of English from the catalogues,
and nothing is the same as on the English rendering of the same page, except people's own
words (names, notes, messages), time zones, and the language names in the language menu.
"""

import datetime as dt
import re
import uuid
import zoneinfo

import pytest
from django.test import Client, override_settings
from django.utils import timezone, translation

from checkins.actions import record_checkin
from checkins.milestones.models import Milestone
from checkins.models import CheckIn
from groupspace.accounts.models import User
from groupspace.audit.models import AuditEntry
from groupspace.groups.models import IOPGroup
from groupspace.invitations.models import Invitation
from groupspace.moderation.models import Report
from groupspace.room.models import Message
from groupspace.room.posting import post_message
from sessions_app.letters import issue_letter
from sessions_app.models import (
    Attendance,
    PromptTemplate,
    ScheduledPrompt,
    Session,
    WeeklySlot,
)
from tests.checkins.conftest import checkin_values

from .visible_text import LETTERS, english_only_segments, visible_texts

# Words that are the same in both languages and are not interface text.
NOT_INTERFACE = {"GroupSpace", "English", "Español", "UTC"}
# Time zones are names (America/Phoenix, shown as "America/Phoenix"), not words to translate.
TIME_ZONES = {tz.replace("_", " ") for tz in zoneinfo.available_timezones()}


@pytest.fixture
def world(alice, bob, dana, sam, evening):
    """Something on every page: a check-in that asked for support (alerts), a reported
    message, an unread message, a milestone waiting for alice's choice, an invitation.
    Alice reads times in New York (set first: "today's check-in" is today on her calendar)."""
    User.objects.filter(pk=alice.pk).update(time_zone="America/New_York")
    alice.refresh_from_db()
    checkin = record_checkin(
        alice,
        evening,
        checkin_values(mood=1, wants_support=True, note="hard evening", shared=True),
        uuid.uuid4(),
    )
    message, _ = post_message(evening, bob, body="thinking of you all")
    Report.objects.create(message=message, reporter=alice, reason="just checking")
    Milestone.objects.create(
        user=alice,
        kind="streak",
        value=7,
        unit="days",
        since=timezone.localdate(),
        reached_on=timezone.localdate(),
    )
    invitation = Invitation.objects.create(group=evening, role="participant", created_by=dana)
    return {"checkin": checkin, "invitation": invitation, **sessions_world(alice, dana, evening)}


def sessions_world(alice, dana, evening):
    """Sessions on every sessions page: a weekly pattern, a moved and a cancelled session, a
    past one with alice's attendance, a prompt scheduled after each session, and a letter
    alice made in Spanish. Alice reads times in New York, the group meets in Phoenix."""
    now = timezone.now()
    slot = WeeklySlot.objects.create(
        group=evening, weekday=2, start_time=dt.time(18), starts_on=timezone.localdate()
    )

    def session(starts_in, **fields):
        starts = now + starts_in
        return Session.objects.create(
            group=evening, starts_at=starts, ends_at=starts + dt.timedelta(hours=3), **fields
        )

    upcoming = session(dt.timedelta(days=2), slot=slot, topic="Coping with holidays")
    session(dt.timedelta(days=3), moved_from=now + dt.timedelta(days=4), is_extra=True)
    session(dt.timedelta(days=5), status="cancelled", cancel_note="We meet Thursday instead.")
    past = session(-dt.timedelta(days=1))
    Attendance.objects.create(session=past, user=alice, status="late", recorded_by=dana)
    scheduled = ScheduledPrompt.objects.create(
        group=evening,
        created_by=dana,
        body="What helped today?",
        timing="after_sessions",
        slot=slot,
        anchor="end",
        offset_minutes=120,
    )
    ScheduledPrompt.objects.create(
        group=evening, created_by=dana, body="Good morning!", post_at=now + dt.timedelta(days=1)
    )
    with translation.override("es"):
        day = past_day(past)
        letter = issue_letter(alice, day - dt.timedelta(days=2), day, include_program=True)
    return {
        "slot": slot,
        "session": upcoming,
        "past": past,
        "scheduled": scheduled,
        "letter": letter,
    }


def past_day(session):
    return timezone.localtime(session.starts_at, zoneinfo.ZoneInfo("America/Phoenix")).date()


def people_words() -> set[str]:
    """What people wrote or are called: never translated."""
    words = set(NOT_INTERFACE)
    for user in User.objects.all():
        words |= {user.display_name, user.first_name, user.last_name, user.email}
    words |= set(IOPGroup.objects.values_list("name", flat=True))
    words |= set(Message.objects.values_list("body", flat=True))
    words |= set(Report.objects.values_list("reason", flat=True))
    words |= {f"“{reason}”" for reason in Report.objects.values_list("reason", flat=True)}
    words |= set(CheckIn.objects.values_list("note", flat=True))
    # Sessions: what therapists wrote (topics, notes, prompts) and the prompt library's
    # templates, which are data a therapist edits before posting.
    words |= set(Session.objects.values_list("topic", flat=True))
    words |= set(Session.objects.values_list("cancel_note", flat=True))
    words |= set(ScheduledPrompt.objects.values_list("body", flat=True))
    for title, body in PromptTemplate.objects.values_list("title", "body"):
        words |= {title, body}
    # The audit log shows what was recorded: action codes and their details, as stored.
    for action, details in AuditEntry.objects.values_list("action", "details"):
        words |= {action, *(f"{key}: {value}" for key, value in details.items())}
    return {w for w in words if w}


def only_people_words(text: str, words: set[str]) -> bool:
    """True when `text` is made of names and people's words only ("Evening IOP · GroupSpace")."""
    for word in sorted(words, key=len, reverse=True):
        text = text.replace(word, " ")
    return not LETTERS.search(text)


def untranslated(spanish_html: str, english_html: str) -> set[str]:
    spanish = visible_texts(spanish_html)
    same_as_english = spanish & visible_texts(english_html)
    from_catalogue = spanish & english_only_segments()
    words = people_words()
    return {
        text
        for text in same_as_english | from_catalogue
        if text not in TIME_ZONES and not only_people_words(text, words)
    }


LETTER = re.compile(r'<article class="letter" lang="(\w+)".*?</article>', re.DOTALL)


def render_both(user, url: str, data: dict | None = None) -> tuple[str, str]:
    """The page as `user` sees it in Spanish (their profile's choice) and in English (with
    `data`, as the answer to a POST).

    An attendance letter reads as issued, in its own language, in both: it is checked on its
    own (`test_a_letter_keeps_its_language`) and left out here."""
    client = Client()
    client.force_login(user)
    pages = []
    for language in ("es", "en"):
        User.objects.filter(pk=user.pk).update(language=language)
        response = client.post(url, data) if data is not None else client.get(url)
        assert response.status_code == 200, (url, response.status_code)
        assert response["Content-Language"] == language
        pages.append(LETTER.sub("", response.content.decode()))
    return pages[0], pages[1]


def participant_pages(world, alice):
    checkin = world["checkin"].pk
    return [
        ("/", ["Tus grupos", "Si estás en crisis", "Alcanzaste un logro"]),
        ("/groups/evening/", ["Escríbele a tu grupo…", "Enviar", "Tú importas."]),
        ("/groups/evening/checkin/", ["¿Cómo está tu ánimo?", "Guardar el registro"]),
        ("/me/checkins/", ["Tus registros", "Los mismos números en una tabla"]),
        (f"/me/checkins/{checkin}/", ["Tu registro", "Tus terapeutas ya lo saben"]),
        (f"/me/checkins/{checkin}/edit/", ["Cambiar el registro de hoy", "Guardar los cambios"]),
        (f"/me/checkins/{checkin}/delete/", ["¿Quieres borrar este registro?"]),
        ("/me/milestones/", ["Tu progreso", "Cuando alcances un logro"]),
        ("/profile/", ["Tu perfil", "Idioma", "El idioma de mi navegador"]),
        ("/me/data/", ["Tus datos", "Descargar en JSON"]),
        ("/me/close/", ["¿Quieres cerrar tu cuenta?"]),
        ("/groups/evening/leave/", ["Salir del grupo"]),
        # Sessions.
        ("/groups/evening/sessions/", ["Horario", "Próximamente", "para el grupo", "Cancelada"]),
        (f"/groups/evening/sessions/{world['session'].pk}/", ["Terapia de grupo"]),
        ("/me/attendance/", ["Tu asistencia", "Asististe a 1 sesión", "Llegó tarde"]),
        ("/me/calendar/", ["Las sesiones en tu calendario", "Mostrar los nombres"]),
        ("/me/calendar/reset/", ["¿Quieres una nueva dirección para tu calendario?"]),
        ("/me/attendance/letters/", ["Constancia de asistencia", "Hacer la constancia"]),
        (f"/me/attendance/letters/{world['letter'].code}/", ["Descargar en PDF"]),
        (f"/me/attendance/letters/{world['letter'].code}/delete/", ["Borrar la constancia"]),
        # allauth's own pages, in our layout, with allauth's Spanish.
        ("/accounts/password/change/", ["Cerrar sesión"]),
        ("/accounts/email/", ["Cerrar sesión"]),
        ("/accounts/2fa/", ["Cerrar sesión"]),
    ]


def therapist_pages(alice, world):
    session, past, slot = world["session"].pk, world["past"].pk, world["slot"].pk
    return [
        ("/groups/evening/sessions/", ["Sesiones semanales", "Los miércoles a las 18:00"]),
        (f"/groups/evening/sessions/{session}/", ["Cambiar la sesión de hora", "Tipo de sesión"]),
        (f"/groups/evening/sessions/{past}/", ["Pasar lista"]),
        (f"/groups/evening/sessions/{past}/attendance/", ["Guardar la asistencia", "Presente"]),
        (f"/groups/evening/sessions/{session}/cancel/", ["¿Quieres cancelar esta sesión?"]),
        (f"/groups/evening/sessions/weekly/{slot}/end/", ["¿Quitar del horario los miércoles"]),
        (
            "/groups/evening/prompts/",
            ["Programar un ejercicio", "cada sesión del miércoles", "Ejercicios en español"],
        ),
        (
            f"/groups/evening/prompts/scheduled/{world['scheduled'].pk}/cancel/",
            ["¿Quieres cancelar este ejercicio programado?"],
        ),
        ("/groups/evening/", ["Cola de moderación", "Cerrar la sala"]),
        ("/groups/evening/moderation/", ["Mensajes reportados", "Silenciar"]),
        ("/groups/evening/checkins/dashboard/", ["Alertas", "Participantes"]),
        ("/groups/evening/checkins/dashboard/live/", ["Le vendría bien apoyo"]),
        (f"/groups/evening/checkins/people/{alice.pk}/", ["Registros de Alice M."]),
        (f"/groups/evening/milestones/people/{alice.pk}/", ["Registrar un logro"]),
        ("/groups/evening/people/", ["Invitar a alguien", "Activa"]),
        ("/groups/evening/settings/", ["Acuerdo del grupo", "Moderación previa"]),
        ("/groups/evening/audit/", ["Bitácora de auditoría: Evening IOP"]),
    ]


def test_a_participants_pages_in_spanish_have_no_english_left(world, alice):
    for url, expected in participant_pages(world, alice):
        spanish, english = render_both(alice, url)
        assert '<html lang="es">' in spanish, url
        assert untranslated(spanish, english) == set(), url
        for text in expected:
            assert text in spanish, (url, text)


def test_the_room_and_the_check_in_page_load_the_spanish_javascript_catalogue(world, alice):
    for url in ("/groups/evening/", "/groups/evening/checkin/"):
        spanish, english = render_both(alice, url)
        assert '<script src="/jsi18n/es/"></script>' in spanish
        assert '<script src="/jsi18n/en/"></script>' in english


def test_a_therapists_pages_in_spanish_have_no_english_left(world, alice, dana):
    for url, expected in therapist_pages(alice, world):
        spanish, english = render_both(dana, url)
        assert untranslated(spanish, english) == set(), url
        for text in expected:
            assert text in spanish, (url, text)


def test_staff_pages_in_spanish_have_no_english_left(world, sam):
    for url, expected in [
        ("/groups/", ["Los grupos de la clínica", "Crear el grupo"]),
        ("/audit/", ["Bitácora de auditoría: toda la clínica"]),
        ("/verify/", ["Verificar una constancia de asistencia"]),
        ("/groups/evening/sessions/", ["Agregar una sesión semanal"]),
    ]:
        spanish, english = render_both(sam, url)
        assert untranslated(spanish, english) == set(), url
        for text in expected:
            assert text in spanish, (url, text)
    # Checking a code: the page in the staff member's language, the letter as issued.
    for code, expected in [
        (world["letter"].code, ["Válida.", "escrita en español"]),
        ("AAAA-BBBB-CCCC", ["Ninguna constancia tiene este código."]),
    ]:
        client = Client()
        client.force_login(sam)
        User.objects.filter(pk=sam.pk).update(language="es")
        spanish = client.post("/verify/", {"code": code})
        User.objects.filter(pk=sam.pk).update(language="en")
        english = client.post("/verify/", {"code": code})
        html = LETTER.sub("", spanish.content.decode())
        assert untranslated(html, LETTER.sub("", english.content.decode())) == set(), code
        for text in expected:
            assert text in html, (code, text)


def test_pages_for_people_not_logged_in_follow_the_browser(world):
    token = world["invitation"].token
    for url, expected in [
        ("/accounts/login/", ["Inicia sesión en GroupSpace", "¿Olvidaste tu contraseña?"]),
        ("/accounts/signup/", ["A GroupSpace se entra por invitación"]),
        ("/accounts/password/reset/", ["Iniciar sesión"]),
        (f"/invite/{token}/", ["Te invitaron a un grupo de ", "Crea tu cuenta"]),
        # What the service worker shows offline (fetched without cookies when it installs).
        ("/offline/", ["No tienes conexión", "Intentar de nuevo", "oprime el 2"]),
    ]:
        spanish = Client().get(url, HTTP_ACCEPT_LANGUAGE="es-MX,es;q=0.9,en;q=0.5")
        english = Client().get(url, HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
        assert spanish["Content-Language"] == "es"
        html = spanish.content.decode()
        assert untranslated(html, english.content.decode()) == set(), url
        for text in expected:
            assert text in html, (url, text)


def test_the_check_in_form_errors_are_in_spanish(alice, evening):
    client = Client()
    client.force_login(alice)
    User.objects.filter(pk=alice.pk).update(language="es")
    response = client.post("/groups/evening/checkin/", {"client_id": str(uuid.uuid4())})
    html = response.content.decode()
    assert response.status_code == 400
    assert "Algunas respuestas necesitan otra mirada" in html
    assert "Elige cómo está tu ánimo." in html
    assert "Elige un número del 0 al 10." in html


@override_settings(DEBUG=False)
def test_the_not_found_page_is_in_the_persons_language(client_for, alice):
    User.objects.filter(pk=alice.pk).update(language="es")
    response = client_for(alice).get("/groups/no-such-group/")
    assert response.status_code == 404
    assert "Esta página no está aquí" in response.content.decode()
    english = Client().get("/invite/nope/x/", HTTP_ACCEPT_LANGUAGE="en")
    assert english.status_code == 404
    assert "This page isn't here" in english.content.decode()
