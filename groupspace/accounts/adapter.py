"""No open sign-up: an account is created only through a valid invitation link."""

from allauth.account.adapter import DefaultAccountAdapter
from django.urls import reverse

from groupspace.invitations.session import pending_invitation


class InvitationOnlyAccountAdapter(DefaultAccountAdapter):
    def is_open_for_signup(self, request) -> bool:
        return pending_invitation(request) is not None

    def get_signup_redirect_url(self, request) -> str:
        return reverse("home")
