"""Creating, revoking and accepting invitations."""

from datetime import timedelta

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from groupspace.audit.log import log_action
from groupspace.groups.access import can_invite
from groupspace.groups.models import IOPGroup, Membership

from .models import Invitation


class InvitationUnusable(Exception):
    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


def create_invitation(
    actor, group: IOPGroup, *, role: str, days: int, single_use: bool, note: str = ""
) -> Invitation:
    if not can_invite(actor, group):
        raise PermissionDenied
    if role == Membership.Role.THERAPIST and not actor.is_staff:
        # Only clinic staff bring in therapists.
        raise PermissionDenied
    with transaction.atomic():
        invitation = Invitation.objects.create(
            group=group,
            role=role,
            single_use=single_use,
            note=note,
            created_by=actor,
            expires_at=timezone.now() + timedelta(days=days),
        )
        log_action(actor, "invitation.create", group=group, invitation=invitation.pk, role=role)
    return invitation


def revoke_invitation(actor, invitation: Invitation) -> None:
    if not can_invite(actor, invitation.group):
        raise PermissionDenied
    with transaction.atomic():
        updated = Invitation.objects.filter(pk=invitation.pk, revoked_at__isnull=True).update(
            revoked_at=timezone.now()
        )
        if updated:
            log_action(actor, "invitation.revoke", group=invitation.group, invitation=invitation.pk)


def accept_invitation(user, token: str) -> Membership:
    """Join the invitation's group (or come back to it). Raises InvitationUnusable."""
    with transaction.atomic():
        invitation = (
            Invitation.objects.select_for_update()
            .select_related("group")
            .filter(token=token)
            .first()
        )
        if invitation is None:
            raise InvitationUnusable("invalid")
        problem = invitation.problem()
        if problem:
            raise InvitationUnusable(problem)
        membership = Membership.objects.filter(group=invitation.group, user=user).first()
        if membership is not None and membership.is_active:
            # Already in: don't spend a single-use link or change the role.
            return membership
        if membership is None:
            membership = Membership(group=invitation.group, user=user)
        membership.role = invitation.role
        membership.state = Membership.State.ACTIVE
        membership.joined_at = timezone.now()
        membership.ended_at = None
        membership.muted_until = None
        membership.save()
        Invitation.objects.filter(pk=invitation.pk).update(uses=invitation.uses + 1)
        log_action(
            user,
            "invitation.accept",
            group=invitation.group,
            subject_user=user,
            invitation=invitation.pk,
            role=invitation.role,
        )
    return membership
