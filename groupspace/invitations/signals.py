from allauth.account.signals import user_signed_up
from django.dispatch import receiver

from .actions import InvitationUnusable, accept_invitation
from .session import SESSION_KEY, forget_invitation


@receiver(user_signed_up)
def join_group_after_sign_up(sender, request, user, **kwargs):
    """A sign-up only happens through an invitation: join its group straight away."""
    token = request.session.get(SESSION_KEY)
    if not token:
        return
    try:
        accept_invitation(user, token)
    except InvitationUnusable:
        pass  # It lapsed during sign-up; the account exists, the home page explains.
    forget_invitation(request)
