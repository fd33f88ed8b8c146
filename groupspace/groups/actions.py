"""Changing who is in a group. Every change is written to the audit log."""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from groupspace.audit.log import log_action

from .access import can_invite
from .models import IOPGroup, Membership


def create_group(actor, **fields) -> IOPGroup:
    if not actor.is_staff:
        raise PermissionDenied
    with transaction.atomic():
        group = IOPGroup.objects.create(**fields)
        log_action(actor, "group.create", group=group)
    return group


def remove_member(actor, membership: Membership) -> None:
    """End someone's membership; their open sockets close at once (see room.signals)."""
    if not can_invite(actor, membership.group) or membership.user_id == actor.pk:
        raise PermissionDenied
    if membership.is_therapist and not actor.is_staff:
        raise PermissionDenied  # Only staff change who facilitates a group.
    _end_membership(membership, Membership.State.REMOVED)
    log_action(actor, "membership.remove", group=membership.group, subject_user=membership.user)


def leave_group(membership: Membership) -> None:
    _end_membership(membership, Membership.State.LEFT)
    log_action(
        membership.user, "membership.leave", group=membership.group, subject_user=membership.user
    )


def _end_membership(membership: Membership, state: str) -> None:
    membership.state = state
    membership.ended_at = timezone.now()
    membership.save(update_fields=["state", "ended_at"])
