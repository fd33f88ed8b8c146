"""The room side of milestones: the participant's private frames and the shared celebration.

Frames go through the room's events module (the only code that calls the channel layer), to
the participant's own sockets only (`events.to_person`), after commit. The celebration is a
room message of kind `milestone` posted through the room's one service, `post_message`.

Labels and the stored `body` are in the default language (English), whoever causes them; each
reader's page words a milestone from its kind, value and unit in their own language.
"""

from django.conf import settings
from django.utils import translation

from groupspace.groups.models import Membership
from groupspace.room import events
from groupspace.room.models import Message
from groupspace.room.posting import is_held_for_review, post_message

from .models import Milestone
from .thresholds import Kind


def milestone_dict(milestone: Milestone) -> dict:
    """A milestone as its owner's frames carry it (never sent to anyone else)."""
    with translation.override(settings.LANGUAGE_CODE):
        return _milestone_dict(milestone)


def _milestone_dict(milestone: Milestone) -> dict:
    return {
        "id": milestone.pk,
        "kind": milestone.kind,
        "value": milestone.value,
        "unit": milestone.unit,
        "label": milestone.label,
        "reached_on": milestone.reached_on.isoformat(),
        "state": milestone.state,
    }


def owner_group_ids(milestone: Milestone) -> list[int]:
    """The rooms where the owner hears about it: its group, or every group they are an active
    participant of (a person's own milestone)."""
    if milestone.group_id is not None:
        return [milestone.group_id]
    return list(
        Membership.objects.filter(
            user_id=milestone.user_id,
            role=Membership.Role.PARTICIPANT,
            state=Membership.State.ACTIVE,
            group__is_archived=False,
        ).values_list("group_id", flat=True)
    )


def tell_owner_reached(milestone: Milestone) -> None:
    """`milestone.reached` to the owner's own sockets (call inside the transaction)."""
    frame = events.frame_event(
        {"type": "milestone.reached", "milestone": milestone_dict(milestone)}
    )
    for group_id in owner_group_ids(milestone):
        events.to_person(group_id, milestone.user_id, frame)


def tell_owner_decided(milestone: Milestone) -> None:
    """`milestone.decided` to the owner's sockets, so every open room drops its question."""
    frame = events.frame_event(
        {"type": "milestone.decided", "milestone_id": milestone.pk, "state": milestone.state}
    )
    for group_id in owner_group_ids(milestone):
        events.to_person(group_id, milestone.user_id, frame)


def celebration_data(milestone: Milestone) -> dict:
    """The `data` of a `milestone` message: what was reached, never the sobriety date."""
    with translation.override(settings.LANGUAGE_CODE):
        return _celebration_data(milestone)


def _celebration_data(milestone: Milestone) -> dict:
    return {
        "milestone_id": milestone.pk,
        "kind": milestone.kind,
        "value": milestone.value,
        "unit": milestone.unit,
        "label": milestone.label,
        "therapist_note": milestone.note or None,
    }


def celebration_body(milestone: Milestone) -> str:
    """Plain text for clients that show only `body`."""
    with translation.override(settings.LANGUAGE_CODE):
        return _celebration_body(milestone)


def _celebration_body(milestone: Milestone) -> str:
    what = {
        Kind.CLEAN_TIME: f"{milestone.label} of clean and sober time",
        Kind.SESSIONS: (
            "my first session" if milestone.value == 1 else f"{milestone.label} attended"
        ),
        Kind.STREAK: milestone.label,
        Kind.PHASE: f"completing {milestone.label}",
        Kind.GRADUATION: f"graduating: {milestone.label}",
        Kind.CUSTOM: milestone.label,
    }[milestone.kind]
    body = f"🎉 Celebrating {what}!"
    if milestone.note:
        body += f"\nFrom my therapist: {milestone.note}"
    return body


def post_celebration(milestone: Milestone, membership: Membership) -> Message:
    """Post the celebration into `membership`'s room as its owner (inside the transaction)."""
    message, _ = post_message(
        membership.group,
        membership.user,
        kind=Message.Kind.MILESTONE,
        body=celebration_body(milestone),
        data=celebration_data(milestone),
        held_for_review=is_held_for_review(membership.group, membership),
    )
    return message
