"""The invitation a visitor opened, remembered in their session across sign-up or log-in."""

from .models import Invitation

SESSION_KEY = "groupspace_invitation"


def remember_invitation(request, invitation: Invitation) -> None:
    request.session[SESSION_KEY] = invitation.token


def forget_invitation(request) -> None:
    request.session.pop(SESSION_KEY, None)


def pending_invitation(request) -> Invitation | None:
    """The invitation in the session if it can still be used."""
    token = request.session.get(SESSION_KEY) if hasattr(request, "session") else None
    if not token:
        return None
    invitation = Invitation.objects.select_related("group").filter(token=token).first()
    if invitation is None or invitation.problem() is not None:
        return None
    return invitation
