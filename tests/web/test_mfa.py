"""Multi-factor authentication: required for therapists and staff when configured."""

import time

import pytest
from allauth.mfa.totp.internal.auth import (
    TOTP,
    format_hotp_value,
    generate_totp_secret,
    hotp_value,
)
from django.test import override_settings

from tests.conftest import PASSWORD

required = override_settings(MFA_REQUIRED_FOR_CARE_TEAM=True)


def current_code(secret: str) -> str:
    return format_hotp_value(hotp_value(secret, int(time.time()) // 30))


@required
@pytest.mark.parametrize("persona", ["dana", "sam"])
def test_care_team_without_a_second_factor_is_sent_to_set_one_up(client, request, persona, evening):
    user = request.getfixturevalue(persona)
    client.post("/accounts/login/", {"login": user.email, "password": PASSWORD})
    for url in ("/", "/groups/", "/groups/evening/", "/groups/evening/moderation/", "/admin/"):
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"] == "/accounts/2fa/totp/activate/", url
    # allauth asks for the password again before a second factor is added; no redirect loop.
    response = client.get("/accounts/2fa/totp/activate/")
    assert response["Location"].startswith("/accounts/reauthenticate/")
    client.post(response["Location"], {"password": PASSWORD})
    setup = client.get("/accounts/2fa/totp/activate/")
    assert setup.status_code == 200
    assert b"svg" in setup.content  # the QR code to scan


@required
def test_participants_may_skip_the_second_factor(client_for, alice, evening):
    assert client_for(alice).get("/groups/evening/").status_code == 200


@required
def test_with_a_second_factor_the_care_team_gets_in(client_for, dana, evening):
    TOTP.activate(dana, generate_totp_secret())
    assert client_for(dana).get("/groups/evening/moderation/").status_code == 200


def test_not_required_in_development_settings(client_for, dana, evening):
    assert client_for(dana).get("/groups/evening/moderation/").status_code == 200


def test_login_asks_for_the_code_when_a_second_factor_is_set(client, dana):
    secret = generate_totp_secret()
    TOTP.activate(dana, secret)
    response = client.post("/accounts/login/", {"login": dana.email, "password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == "/accounts/2fa/authenticate/"
    assert client.get("/").status_code == 302  # not logged in yet
    wrong = client.post("/accounts/2fa/authenticate/", {"code": "000000"})
    assert wrong.status_code == 200
    response = client.post("/accounts/2fa/authenticate/", {"code": current_code(secret)})
    assert response.status_code == 302
    assert client.get("/").status_code == 200
