"""Password reset emails speak the recipient's language: the account's choice, else the
browser's of whoever asked."""

from django.core import mail
from django.test import Client

from groupspace.accounts.models import User


def reset(email: str, accept_language: str) -> mail.EmailMessage:
    mail.outbox.clear()
    response = Client().post(
        "/accounts/password/reset/", {"email": email}, HTTP_ACCEPT_LANGUAGE=accept_language
    )
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    return mail.outbox[0]


def test_a_reset_asked_from_a_spanish_browser_is_in_spanish(alice):
    message = reset(alice.email, "es-MX,es;q=0.9")
    assert message.subject.endswith("Restablece tu contraseña de GroupSpace")
    assert "Alguien pidió restablecer la contraseña de tu cuenta de GroupSpace" in message.body
    assert "/accounts/password/reset/key/" in message.body
    assert "usted" not in message.body.lower()


def test_the_accounts_own_choice_beats_the_browser(alice):
    User.objects.filter(pk=alice.pk).update(language="es")
    message = reset(alice.email, "en-US")
    assert "Hola, te escribimos de GroupSpace." in message.body
    User.objects.filter(pk=alice.pk).update(language="en")
    message = reset(alice.email, "es-MX")
    assert message.subject.endswith("Reset your GroupSpace password")
    assert "Someone asked to reset the password of your GroupSpace account" in message.body


def test_an_unknown_address_is_told_how_accounts_are_made_in_its_browsers_language(db):
    message = reset("nobody@example.test", "es")
    assert message.subject.endswith("Sobre tu contraseña de GroupSpace")
    assert "pídeselo al terapeuta de tu grupo" in message.body
    assert "/accounts/signup/" not in message.body  # sign-up is by invitation only
    english = reset("nobody@example.test", "en")
    assert "ask your group's therapist" in english.body
