"""Spanish in a real browser: a participant whose browser asks for Spanish checks in, shares it
and reads the room in Spanish (the page, its script's live texts under the CSP, the shared
check-in worded from its data), while the therapist's English room shows the same check-in in
English."""

import re

import pytest
from playwright.sync_api import expect

from .conftest import DEMO_PASSWORD

pytestmark = pytest.mark.browser

ROOM = "weekend-mood"


def open_browser(chromium, server_url, locale: str, errors: list[str]):
    context = chromium.new_context(
        base_url=server_url, viewport={"width": 390, "height": 844}, is_mobile=True, locale=locale
    )
    context.set_default_timeout(10_000)
    page = context.new_page()
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    return context, page


def log_in(page, email: str) -> None:
    page.goto("/accounts/login/")
    page.fill("input[name=login]", email)
    page.fill("input[name=password]", DEMO_PASSWORD)
    page.click("form.stacked-form button[type=submit]")
    page.wait_for_url(lambda url: "/accounts/login/" not in url)


def test_a_spanish_browser_checks_in_and_reads_the_room_in_spanish(chromium, server_url):
    errors: list[str] = []
    drew_context, drew = open_browser(chromium, server_url, "es-MX", errors)
    erin_context, erin = open_browser(chromium, server_url, "en-US", errors)
    try:
        drew.goto("/accounts/login/")
        expect(drew.get_by_role("heading", level=1)).to_have_text("Inicia sesión en GroupSpace")
        log_in(drew, "drew@demo.test")
        log_in(erin, "erin@demo.test")
        erin.goto(f"/groups/{ROOM}/")
        expect(erin.locator("#connection-status")).to_have_text("Connected")

        drew.goto(f"/groups/{ROOM}/checkin/")
        expect(drew.get_by_role("heading", level=1)).to_contain_text("Hacer mi registro")
        drew.get_by_role("group", name="¿Cómo está tu ánimo?").get_by_text("Bien").click()
        drew.get_by_role("group", name="¿Cuánta ansiedad sientes?").get_by_text("3").click()
        drew.get_by_label("Horas que dormiste anoche").fill("7.5")
        drew.get_by_text("Descanso", exact=True).click()
        drew.get_by_label("¿Algo más? (opcional)").fill("Caminé un rato")
        # The form's script counts in Spanish (its catalogue loaded as a script, CSP and all).
        expect(drew.locator("#note-count")).to_have_text("14 de 1000 caracteres.")
        drew.get_by_text("Compartirlo con mi grupo").click()
        drew.get_by_role("button", name="Guardar el registro").click()
        expect(drew.get_by_text("Gracias por hacer tu registro.")).to_be_visible()

        drew.goto(f"/groups/{ROOM}/")
        expect(drew.locator("#connection-status")).to_have_text("Conectado")
        mine = drew.locator("#messages li.kind-checkin").last
        expect(mine).to_contain_text("Registro diario: ánimo 4/5 (Bien")
        expect(mine).to_contain_text("sueño 7,5 h · autocuidado: descanso.")
        expect(mine.get_by_role("button", name="Responder")).to_be_visible()

        # The therapist reads the same check-in in English, live.
        theirs = erin.locator("#messages li.kind-checkin").last
        expect(theirs).to_contain_text("Daily check-in: mood 4/5 (Good")
        expect(theirs.get_by_role("button", name="Reply")).to_be_visible()
        assert errors == []
    finally:
        drew_context.close()
        erin_context.close()


def test_a_spanish_room_reads_the_schedule_and_a_cancellation_in_spanish(chromium, server_url):
    """The session line and a schedule notice, worded by each reader's room: the Spanish
    participant's in Spanish, the English therapist's in English, from one stored message."""
    errors: list[str] = []
    drew_context, drew = open_browser(chromium, server_url, "es-MX", errors)
    erin_context, erin = open_browser(chromium, server_url, "en-US", errors)
    try:
        log_in(drew, "drew@demo.test")
        log_in(erin, "erin@demo.test")
        drew.goto(f"/groups/{ROOM}/")
        expect(drew.locator("#connection-status")).to_have_text("Conectado")
        expect(drew.locator("#session-text")).to_contain_text(
            re.compile("Próxima sesión:|Sesión en curso")
        )
        erin.goto(f"/groups/{ROOM}/")
        expect(erin.locator("#connection-status")).to_have_text("Connected")

        schedule = erin_context.new_page()
        schedule.goto(f"/groups/{ROOM}/sessions/")
        schedule.locator(".session-item:not(.is-cancelled) a").first.click()
        schedule.get_by_role("link", name="Cancel this session…").click()
        schedule.get_by_label("Note for the group (optional)").fill("Nos vemos el domingo.")
        schedule.get_by_role("button", name="Cancel the session").click()
        expect(schedule.get_by_text("Cancelled.")).to_be_visible()

        spanish = drew.locator("#messages li.kind-system").filter(has_text="Nos vemos el domingo.")
        expect(spanish).to_contain_text(re.compile(r"La sesión del .+ se canceló\."))
        english = erin.locator("#messages li.kind-system").filter(has_text="Nos vemos el domingo.")
        expect(english).to_contain_text(re.compile(r"The session on .+ is cancelled\."))

        # The schedule page in Spanish: the cancelled session tagged, times in 24 hours.
        drew.goto(f"/groups/{ROOM}/sessions/")
        expect(drew.get_by_role("heading", name="Horario", exact=True)).to_be_visible()
        expect(drew.locator(".session-item.is-cancelled .tag-cancelled").first).to_have_text(
            "Cancelada"
        )
        expect(drew.locator(".session-item time").first).to_contain_text(
            re.compile(r"· 9:00–12:00 ")
        )
        assert errors == []
    finally:
        drew_context.close()
        erin_context.close()
