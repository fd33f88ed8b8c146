"""Crisis resources in Spanish name 988's Spanish line: call 988 and press 2, or text AYUDA."""

import uuid

import polib
from django.conf import settings
from django.test import override_settings
from django.utils import translation

from checkins.actions import record_checkin
from groupspace.accounts.models import User
from groupspace.moderation.safety import crisis_resources
from tests.checkins.conftest import CRISIS_NOTE, checkin_values

from .visible_text import LOCALE

SPANISH_LINE = ("988", "oprime el 2", "AYUDA")


def names_spanish_line(text: str) -> bool:
    return all(part in text for part in SPANISH_LINE)


@override_settings(CLINIC_PHONE="(602) 555-0100")
def test_the_resources_in_spanish_name_the_spanish_line_and_keep_the_numbers():
    with translation.override("es"):
        spanish = crisis_resources()
    with translation.override("en"):
        english = crisis_resources()
    assert [r["contact"] for r in spanish] == [r["contact"] for r in english]
    assert [r["contact"] for r in spanish] == ["988", "911", "(602) 555-0100"]
    assert names_spanish_line(spanish[0]["name"])
    assert [r["name"] for r in spanish[1:]] == ["Servicios de emergencia", "Tu clínica"]
    assert english[0]["name"] == "988 Suicide & Crisis Lifeline (call or text)"


def test_a_crisis_note_in_a_spanish_check_in_shows_the_spanish_line(client_for, alice, evening):
    User.objects.filter(pk=alice.pk).update(language="es")
    checkin = record_checkin(alice, evening, checkin_values(note=CRISIS_NOTE), uuid.uuid4())
    html = client_for(alice).get(f"/me/checkins/{checkin.pk}/").content.decode()
    assert "Tú importas. Hay ayuda aquí, ahora mismo." in html
    assert names_spanish_line(html)
    assert 'href="tel:988"' in html and 'href="tel:911"' in html


def test_every_spanish_text_that_sends_people_to_988_names_the_spanish_line():
    """Wherever the English says "call or text 988", the Spanish says how to reach it in
    Spanish: the home page, the check-in pages, the room (its script), the agreement."""
    checked = 0
    for domain in ("django", "djangojs"):
        for entry in polib.pofile(str(LOCALE / f"{domain}.po")):
            if "988" in entry.msgid and ("call or text" in entry.msgid.lower()):
                checked += 1
                assert "oprime el 2" in entry.msgstr, entry.msgid
                assert "AYUDA" in entry.msgstr, entry.msgid
    assert checked >= 7


def test_the_home_page_in_spanish_names_the_spanish_line(client_for, alice):
    User.objects.filter(pk=alice.pk).update(language="es")
    html = client_for(alice).get("/").content.decode()
    assert "Si estás en crisis" in html
    assert "Para español, llama al 988 y oprime el 2, o envía AYUDA" in html


def test_docs_safety_md_names_the_spanish_line():
    docs = (settings.BASE_DIR / "docs" / "safety.md").read_text()
    assert "oprime el 2" in docs and "AYUDA" in docs
