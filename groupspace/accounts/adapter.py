"""No open sign-up: an account is created only through a valid invitation link. Emails speak
their recipient's language."""

from allauth.account.adapter import DefaultAccountAdapter
from django.urls import reverse
from django.utils import translation

from groupspace.invitations.session import pending_invitation

from . import login_limits
from .language import chosen_language
from .models import User


class InvitationOnlyAccountAdapter(DefaultAccountAdapter):
    def is_open_for_signup(self, request) -> bool:
        return pending_invitation(request) is not None

    def get_signup_redirect_url(self, request) -> str:
        return reverse("home")

    def send_mail(self, template_prefix: str, email: str, context: dict) -> None:
        """In the language the account's owner chose, if they did; else the request's (the
        browser's, for a password reset asked for while logged out)."""
        user = context.get("user") or User.objects.filter(email__iexact=email).first()
        language = chosen_language(user) or translation.get_language()
        with translation.override(language):
            super().send_mail(template_prefix, email, context)

    def _get_login_attempts_cache_key(self, request, **credentials) -> str:
        """The key allauth's failed-login limit counts per: the (address, account) pair, not
        the account alone (accounts/login_limits.py says why). allauth has no public hook for
        this key; this private method is the one place it is read (login and password reset)."""
        login = credentials.get("email", credentials.get("username", ""))
        return login_limits.attempts_key(self.get_client_ip(request), login)

    def authentication_failed(self, request, **credentials) -> None:
        login = credentials.get("email", credentials.get("username", ""))
        login_limits.record_failure(self, request, login)
