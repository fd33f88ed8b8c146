"""Accounts: email login, logout, password reset, no open sign-up, the profile."""

from django.core import mail

from groupspace.accounts.models import User, default_display_name
from tests.conftest import PASSWORD


def test_login_with_email_and_password(client, alice):
    page = client.get("/accounts/login/")
    assert page.status_code == 200
    assert b'<label for="id_login">Email</label>' in page.content
    response = client.post(
        "/accounts/login/", {"login": "ALICE@example.test", "password": PASSWORD}
    )
    assert response.status_code == 302
    assert client.get("/").context["user"] == alice


def test_wrong_password_is_refused_with_a_clear_error(client, alice):
    response = client.post("/accounts/login/", {"login": alice.email, "password": "nope"})
    assert response.status_code == 200
    assert b"not correct" in response.content
    assert not response.wsgi_request.user.is_authenticated


def test_logout_ends_the_session(client_for, alice):
    client = client_for(alice)
    response = client.post("/accounts/logout/")
    assert response.status_code == 302
    assert client.get("/").status_code == 302  # back to the login page


def test_pages_need_login(client, evening):
    for url in ("/", "/profile/", "/groups/evening/"):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith("/accounts/login/")


def test_no_open_sign_up(client, db):
    page = client.get("/accounts/signup/")
    assert page.status_code == 200
    assert b"GroupSpace is by invitation" in page.content
    response = client.post(
        "/accounts/signup/",
        {
            "email": "new@example.test",
            "password1": "a-long-passphrase-1",
            "password2": "a-long-passphrase-1",
            "first_name": "New",
            "time_zone": "America/Phoenix",
        },
    )
    assert response.status_code == 200
    assert not User.objects.filter(email="new@example.test").exists()


def test_password_reset_sends_an_email(client, alice):
    response = client.post("/accounts/password/reset/", {"email": alice.email})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    assert alice.email in mail.outbox[0].to
    assert "/accounts/password/reset/key/" in mail.outbox[0].body


def test_display_name_defaults_to_first_name_and_last_initial(alice):
    assert alice.display_name == "Alice M."
    assert default_display_name("Jo", "", "jo@example.test") == "Jo"
    assert default_display_name("", "", "someone@example.test") == "someone"


def test_profile_changes_display_name_and_time_zone(client_for, alice):
    client = client_for(alice)
    response = client.post(
        "/profile/",
        {
            "display_name": "  Ali  ",
            "first_name": "Alice",
            "last_name": "Moreno",
            "time_zone": "America/New_York",
        },
    )
    assert response.status_code == 302
    alice.refresh_from_db()
    assert (alice.display_name, alice.time_zone) == ("Ali", "America/New_York")


def test_profile_refuses_an_unknown_time_zone(client_for, alice):
    client = client_for(alice)
    response = client.post(
        "/profile/",
        {
            "display_name": "Ali",
            "first_name": "Alice",
            "last_name": "",
            "time_zone": "Mars/Olympus",
        },
    )
    assert response.status_code == 200
    assert b"Select a valid choice" in response.content
    alice.refresh_from_db()
    assert alice.time_zone == "America/Phoenix"
