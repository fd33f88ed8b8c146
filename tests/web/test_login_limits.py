"""Failed logins (security review finding 4): a guesser is stopped, the account's owner is not
locked out, and is told when their account sees many failures."""

import pytest
from django.core import mail
from django.test import Client

from tests.conftest import PASSWORD

STRANGER = "192.0.2.66"  # documentation addresses (RFC 5737)
OWNER = "198.51.100.7"


def attempt(ip: str, email: str, password: str, **headers) -> int:
    """200: refused with the form again; 302: logged in."""
    client = Client(REMOTE_ADDR=ip, **headers)
    return client.post("/accounts/login/", {"login": email, "password": password}).status_code


def refused_as_too_many(ip: str, email: str, password: str) -> bool:
    client = Client(REMOTE_ADDR=ip)
    response = client.post("/accounts/login/", {"login": email, "password": password})
    return response.status_code == 200 and b"Too many failed login attempts" in response.content


def test_a_strangers_failures_do_not_lock_the_owner_out(alice):
    for _ in range(8):
        attempt(STRANGER, alice.email, "wrong guess")
    assert refused_as_too_many(STRANGER, alice.email, PASSWORD)  # the guesser is stopped
    assert attempt(OWNER, alice.email, PASSWORD) == 302  # the owner, elsewhere, is not


def test_five_failures_stop_that_address_for_that_account(alice, bob):
    for _ in range(5):
        assert attempt(STRANGER, alice.email, "wrong guess") == 200
    assert refused_as_too_many(STRANGER, alice.email, "another guess")
    assert attempt(STRANGER, bob.email, PASSWORD) == 302  # another account from it still works


def test_an_address_spraying_many_accounts_is_stopped(alice):
    for number in range(20):
        attempt(STRANGER, f"someone{number}@example.test", "password1")
    assert refused_as_too_many(STRANGER, alice.email, PASSWORD)


def test_the_owner_is_told_once_when_their_account_sees_many_failures(alice):
    for number in range(25):  # from many addresses, as a distributed guesser would
        attempt(f"203.0.113.{number}", alice.email, "wrong guess")
    assert len(mail.outbox) == 1
    notice = mail.outbox[0]
    assert notice.to == [alice.email]
    assert "wrong password 20 times in the last hour" in notice.body
    for number in range(5):
        attempt(f"203.0.113.{100 + number}", alice.email, "wrong guess")
    assert len(mail.outbox) == 1  # at most once a day


def test_failures_for_an_unknown_address_mail_nobody(db):
    for number in range(25):
        attempt(f"203.0.113.{number}", "nobody@example.test", "guess")
    assert mail.outbox == []


@pytest.mark.parametrize("proxies", [1])
def test_behind_a_trusted_proxy_each_client_is_counted_by_its_own_address(settings, alice, proxies):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = proxies
    proxy = "127.0.0.1"  # every request arrives from the proxy
    for _ in range(8):
        attempt(proxy, alice.email, "wrong guess", HTTP_X_FORWARDED_FOR=STRANGER)
    assert attempt(proxy, alice.email, PASSWORD, HTTP_X_FORWARDED_FOR=OWNER) == 302
