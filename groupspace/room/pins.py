"""The pinned prompt: one per room, a visible prompt, set and cleared by the room's therapists."""

from django.db import transaction

from groupspace.audit.log import log_action

from . import events
from .models import Message, PinnedPrompt
from .serializers import serialize_message


def pinned_message(group_id: int) -> Message | None:
    pin = (
        PinnedPrompt.objects.select_related("message", "message__author")
        .filter(group_id=group_id, message__state=Message.State.VISIBLE)
        .first()
    )
    return pin.message if pin is not None else None


def pinned_frame_part(group_id: int) -> dict | None:
    message = pinned_message(group_id)
    return serialize_message(message, for_moderator=False) if message is not None else None


def set_pin(membership, message: Message | None) -> None:
    """Pin `message` (a visible prompt of this room, checked by the caller) or clear the pin;
    audited; every open room is told."""
    with transaction.atomic():
        current = PinnedPrompt.objects.select_for_update().filter(group_id=membership.group_id)
        previous = current.values_list("message_id", flat=True).first()
        new = message.pk if message is not None else None
        if previous == new:
            return
        if message is None:
            current.delete()
        else:
            PinnedPrompt.objects.update_or_create(
                group_id=membership.group_id,
                defaults={"message": message, "pinned_by": membership.user},
            )
        log_action(
            membership.user,
            "prompt.pin" if message is not None else "prompt.unpin",
            group=membership.group,
            message=new or previous,
        )
        announce_pin(membership.group_id)


def unpin_if_pinned(group_id: int, message_id: int) -> None:
    """A removed prompt stops being pinned (called inside the removal's transaction)."""
    if PinnedPrompt.objects.filter(group_id=group_id, message_id=message_id).delete()[0]:
        announce_pin(group_id)


def announce_pin(group_id: int) -> None:
    def send():
        frame = {"type": "pinned", "message": pinned_frame_part(group_id)}
        events.to_room_now(group_id, events.frame_event(frame))

    transaction.on_commit(send)
