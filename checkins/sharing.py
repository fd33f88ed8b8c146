"""A shared check-in in the group room: posted, kept up to date, withdrawn.

Posting goes through the room's one service, `post_message` (ordering, pre-moderation, crisis
check, the `message` frame); updating and withdrawing through `update_message_content`.

The stored `body` is in the default language (English, which the crisis rules read), whoever
posts it; each reader's room shows the check-in from its `data` in their own language.
"""

from django.conf import settings
from django.utils import translation

from groupspace.groups.models import Membership
from groupspace.room.models import Message
from groupspace.room.posting import is_held_for_review, post_message, update_message_content

from .models import CheckIn

WITHDRAWN_BODY = "This check-in was withdrawn by the person who shared it."


def checkin_data(checkin: CheckIn) -> dict:
    """The `data` of a shared check-in's message: scores, never the note unless shared."""
    with translation.override(settings.LANGUAGE_CODE):
        mood_label = str(checkin.mood_word)
    return {
        "checkin_id": checkin.pk,
        "kind": checkin.kind,
        "mood": checkin.mood,
        "mood_label": mood_label,
        "anxiety": checkin.anxiety,
        "craving": checkin.craving,
        "sleep_hours": float(checkin.sleep_hours) if checkin.sleep_hours is not None else None,
        "self_care": list(checkin.self_care),
        "wants_support": checkin.wants_support,
        "note": checkin.note if checkin.note_shared else None,
    }


def checkin_body(checkin: CheckIn) -> str:
    """The message text, for clients that show only `body`. Plain text, never HTML."""
    with translation.override(settings.LANGUAGE_CODE):
        return _checkin_body(checkin)


def _checkin_body(checkin: CheckIn) -> str:
    parts = [f"mood {checkin.mood}/5 ({checkin.mood_word} {checkin.mood_face})"]
    parts.append(f"anxiety {checkin.anxiety}/10")
    if checkin.craving is not None:
        parts.append(f"craving {checkin.craving}/10")
    if checkin.sleep_hours is not None:
        parts.append(f"slept {checkin.sleep_hours:g} h")
    if checkin.self_care:
        parts.append("self-care: " + ", ".join(label.lower() for label in checkin.self_care_labels))
    # Each piece ends a sentence, so the crisis check reads the note as the writer's own words.
    lines = [f"{checkin.get_kind_display()} check-in: " + " · ".join(parts) + "."]
    if checkin.wants_support:
        lines.append("I could use some support today.")
    if checkin.note_shared and checkin.note:
        lines.append(checkin.note)
    return "\n".join(lines)


def post_shared_checkin(checkin: CheckIn, membership: Membership) -> Message:
    """Post `checkin` into its room (call inside the check-in's transaction)."""
    message, _ = post_message(
        membership.group,
        membership.user,
        kind=Message.Kind.CHECKIN,
        body=checkin_body(checkin),
        data=checkin_data(checkin),
        held_for_review=is_held_for_review(membership.group, membership),
    )
    return message


def refresh_shared_message(checkin: CheckIn) -> None:
    """Bring the room's copy of an edited check-in up to date; a removed one stays removed."""
    update_message_content(checkin.message_id, checkin_body(checkin), checkin_data(checkin))


def withdraw_shared_message(checkin: CheckIn) -> None:
    """The participant took the check-in back: its scores and note leave the room."""
    update_message_content(
        checkin.message_id, WITHDRAWN_BODY, {"checkin_id": checkin.pk, "withdrawn": True}
    )
