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


def readd_member(actor, membership: Membership) -> None:
    """Staff bring someone back into a group they left or were removed from."""
    if not actor.is_staff:
        raise PermissionDenied
    membership.state = Membership.State.ACTIVE
    membership.ended_at = None
    membership.muted_until = None
    membership.save(update_fields=["state", "ended_at", "muted_until"])
    log_action(actor, "membership.readd", group=membership.group, subject_user=membership.user)


def leave_group(membership: Membership) -> None:
    _end_membership(membership, Membership.State.LEFT)
    log_action(
        membership.user, "membership.leave", group=membership.group, subject_user=membership.user
    )


def _end_membership(membership: Membership, state: str) -> None:
    membership.state = state
    membership.ended_at = timezone.now()
    membership.save(update_fields=["state", "ended_at"])


def accept_agreement(membership: Membership) -> None:
    Membership.objects.filter(pk=membership.pk, agreement_accepted_at__isnull=True).update(
        agreement_accepted_at=timezone.now()
    )


def update_room_settings(actor, membership: Membership, group: IOPGroup, **fields) -> None:
    """A therapist changes the room's moderation mode or agreement; audited."""
    if not membership.is_therapist:
        raise PermissionDenied
    changed = [name for name, value in fields.items() if getattr(group, name) != value]
    if not changed:
        return
    with transaction.atomic():
        IOPGroup.objects.filter(pk=group.pk).update(**fields)
        log_action(
            actor,
            "group.settings",
            group=group,
            changed=changed,
            moderation_mode=fields.get("moderation_mode", group.moderation_mode),
        )
