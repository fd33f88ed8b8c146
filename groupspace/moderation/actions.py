"""Therapists' moderation acts in a room. Each is checked, stored, audited and announced.

Reports (flag), alerts and crisis detection build on this module (see the moderation issue).
"""

import uuid
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from groupspace.audit.log import log_action
from groupspace.groups.models import IOPGroup, Membership
from groupspace.room import events
from groupspace.room.actions import Member, require_member
from groupspace.room.errors import RoomError
from groupspace.room.models import Message
from groupspace.room.posting import announce_message_updated, clean_body, post_message
from groupspace.room.serializers import iso, serialize_message

MAX_REASON_CHARS = 500


def require_therapist(member: Member) -> Membership:
    """The caller's membership, re-read, if they are a therapist of this group."""
    membership = require_member(member)
    if not membership.is_therapist:
        raise RoomError("forbidden", "Only the group's therapists can do that.")
    return membership


def post_prompt(member: Member, client_id: uuid.UUID, body: str) -> dict:
    """Post a prompt (a message of kind `prompt`); returns it for the therapist's ack."""
    membership = require_therapist(member)
    message, _ = post_message(
        membership.group,
        membership.user,
        kind=Message.Kind.PROMPT,
        body=clean_body(body),
        client_id=client_id,
    )
    return serialize_message(message, for_moderator=True)


def remove_message(member: Member, message_id: int, reason: str) -> None:
    """Hide a message from everyone but therapists; its text stays for them and the audit."""
    membership = require_therapist(member)
    reason = _clean_reason(reason)
    with transaction.atomic():
        message = _message_in_room(membership, message_id)
        if message.state == Message.State.REMOVED:
            return
        previous_state = message.state
        message.state = Message.State.REMOVED
        message.save(update_fields=["state"])
        log_action(
            membership.user,
            "message.remove",
            group=membership.group,
            subject_user=message.author,
            message=message.pk,
            reason=reason,
            previous_state=previous_state,
        )
        held = previous_state == Message.State.PENDING
        announce_message_updated(_reload(message.pk), held=held)


def approve_message(member: Member, message_id: int) -> None:
    """Release a held (`pending`) message to the whole room."""
    membership = require_therapist(member)
    with transaction.atomic():
        message = _message_in_room(membership, message_id)
        if message.state != Message.State.PENDING:
            raise RoomError(
                "invalid", "message_id: only a message waiting for review can be approved."
            )
        message.state = Message.State.VISIBLE
        message.save(update_fields=["state"])
        log_action(
            membership.user,
            "message.approve",
            group=membership.group,
            subject_user=message.author,
            message=message.pk,
        )
        announce_message_updated(_reload(message.pk))


def mute_member(member: Member, user_id: int, minutes: int) -> None:
    """Mute a participant for `minutes` (0 lifts the mute); they are told until when."""
    membership = require_therapist(member)
    with transaction.atomic():
        target = (
            Membership.objects.select_for_update()
            .select_related("user")
            .filter(group_id=member.group_id, user_id=user_id, state=Membership.State.ACTIVE)
            .first()
        )
        if target is None:
            raise RoomError("not_found", "No such member in this room.")
        if target.is_therapist:
            raise RoomError("forbidden", "Therapists cannot be muted.")
        target.muted_until = timezone.now() + timedelta(minutes=minutes) if minutes else None
        target.save(update_fields=["muted_until"])
        log_action(
            membership.user,
            "member.mute" if minutes else "member.unmute",
            group=membership.group,
            subject_user=target.user,
            minutes=minutes,
        )
        until = iso(target.muted_until) if target.muted_until else None
        events.to_person(
            member.group_id, user_id, events.frame_event({"type": "muted", "until": until})
        )


def lock_room(member: Member, locked: bool) -> None:
    """Lock or unlock the room for participants; everyone gets a `room` frame."""
    membership = require_therapist(member)
    with transaction.atomic():
        changed = (
            IOPGroup.objects.filter(pk=member.group_id)
            .exclude(is_locked=locked)
            .update(is_locked=locked)
        )
        if not changed:
            return
        log_action(
            membership.user, "room.lock" if locked else "room.unlock", group=membership.group
        )
        events.to_room_same(member.group_id, events.frame_event({"type": "room", "locked": locked}))


def _clean_reason(reason: str) -> str:
    reason = reason.strip()
    if len(reason) > MAX_REASON_CHARS:
        raise RoomError("too_long", f"A reason can be at most {MAX_REASON_CHARS} characters.")
    return reason


def _message_in_room(membership: Membership, message_id: int) -> Message:
    message = (
        Message.objects.select_for_update()
        .filter(group_id=membership.group_id, pk=message_id)
        .first()
    )
    if message is None:
        raise RoomError("not_found", "No such message in this room.")
    return message


def _reload(message_id: int) -> Message:
    return Message.objects.select_related("author").prefetch_related("reactions").get(pk=message_id)
