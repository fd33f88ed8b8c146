"""Which language a page speaks: the person's choice in their profile, else their browser's."""

from django.conf import settings
from django.test import Client

from groupspace.accounts.models import User
from tests.conftest import PASSWORD

PROFILE = {
    "display_name": "Alice M.",
    "first_name": "Alice",
    "last_name": "Moreno",
    "time_zone": "America/Phoenix",
}
SPANISH_BROWSER = {"HTTP_ACCEPT_LANGUAGE": "es-US,es;q=0.9,en;q=0.5"}
ENGLISH_BROWSER = {"HTTP_ACCEPT_LANGUAGE": "en-US,en;q=0.9"}


def test_without_a_choice_the_login_page_follows_the_browser(db):
    spanish = Client().get("/accounts/login/", **SPANISH_BROWSER)
    assert spanish["Content-Language"] == "es"
    assert "Inicia sesión en GroupSpace" in spanish.content.decode()
    assert '<html lang="es">' in spanish.content.decode()
    english = Client().get("/accounts/login/", **ENGLISH_BROWSER)
    assert "Log in to GroupSpace" in english.content.decode()
    # No header, or a language we don't have: English, the default.
    for headers in ({}, {"HTTP_ACCEPT_LANGUAGE": "fr-FR,fr;q=0.9"}):
        page = Client().get("/accounts/login/", **headers)
        assert page["Content-Language"] == "en"
        assert "Log in to GroupSpace" in page.content.decode()
    assert "Accept-Language" in spanish["Vary"]


def test_choosing_spanish_in_the_profile_changes_every_page(client_for, alice):
    client = client_for(alice)
    assert "Your groups" in client.get("/", **ENGLISH_BROWSER).content.decode()

    response = client.post("/profile/", {**PROFILE, "language": "es"})
    assert response.status_code == 302
    alice.refresh_from_db()
    assert alice.language == "es"

    # The choice beats an English browser, on every page, and the saved message is Spanish.
    home = client.get("/profile/", **ENGLISH_BROWSER)
    assert home["Content-Language"] == "es"
    html = home.content.decode()
    assert "Guardamos tu perfil." in html
    assert "Tu perfil" in html
    assert '<option value="es" selected>Español</option>' in html
    assert "Tus grupos" in client.get("/", **ENGLISH_BROWSER).content.decode()


def test_the_choice_stays_on_the_device_after_logging_out(client_for, alice):
    User.objects.filter(pk=alice.pk).update(language="es")
    client = client_for(alice)
    client.get("/")
    assert client.cookies[settings.LANGUAGE_COOKIE_NAME].value == "es"
    client.post("/accounts/logout/")
    login = client.get("/accounts/login/", **ENGLISH_BROWSER)
    assert "Inicia sesión en GroupSpace" in login.content.decode()


def test_choosing_english_beats_a_spanish_browser(client_for, alice):
    User.objects.filter(pk=alice.pk).update(language="en")
    page = client_for(alice).get("/", **SPANISH_BROWSER)
    assert page["Content-Language"] == "en"
    assert "Your groups" in page.content.decode()


def test_following_the_browser_again_forgets_the_device_cookie(client_for, alice):
    User.objects.filter(pk=alice.pk).update(language="es")
    client = client_for(alice)
    client.get("/")
    response = client.post("/profile/", {**PROFILE, "language": ""})
    assert response.status_code == 302
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == ""  # deleted
    alice.refresh_from_db()
    assert alice.language == ""
    assert "Tus grupos" in client.get("/", **SPANISH_BROWSER).content.decode()
    assert "Your groups" in client.get("/", **ENGLISH_BROWSER).content.decode()


def test_an_unknown_language_is_refused(client_for, alice):
    response = client_for(alice).post("/profile/", {**PROFILE, "language": "xx"})
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    alice.refresh_from_db()
    assert alice.language == ""


def test_the_javascript_catalogue_is_one_file_per_language(db):
    spanish = Client().get("/jsi18n/es/")
    assert spanish.status_code == 200
    assert spanish["Content-Type"].startswith("text/javascript")
    assert spanish["Content-Language"] == "es"
    body = spanish.content.decode()
    assert "Escribiendo" in body or "escribiendo" in body  # "%(names)s is typing…"
    assert "nplurals" not in body  # compiled to a plural function, not a header
    # The URL decides, not the browser: a cached copy is never the wrong language.
    english = Client().get("/jsi18n/en/", **SPANISH_BROWSER)
    assert english["Content-Language"] == "en"
    assert "escribiendo" not in english.content.decode()
    assert Client().get("/jsi18n/fr/").status_code == 404


def test_the_language_is_in_the_persons_data_and_goes_with_the_account(client_for, alice):
    User.objects.filter(pk=alice.pk).update(language="es")
    client = client_for(alice)
    data = client.get("/me/data/export.json").json()
    assert data["profile"][0]["language"] == "es"
    client.post("/me/close/", {"password": PASSWORD})
    alice.refresh_from_db()
    assert alice.language == ""
