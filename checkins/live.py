"""The `checkin` frame: tells a group's open therapist sockets that a check-in changed.

Sent through the room's events module (the only code that calls the channel layer) to the
therapists' audience only, after commit. It carries scores, never the note: a dashboard that
wants more fetches the page again.
"""

from groupspace.groups.models import Membership
from groupspace.room import events
from groupspace.room.serializers import iso, user_dict

from .models import CheckIn

CREATED, UPDATED, DELETED = "created", "updated", "deleted"


def checkin_frame(checkin: CheckIn, event: str) -> dict:
    return {
        "type": "checkin",
        "event": event,
        "checkin": {
            "id": checkin.pk,
            "user": user_dict(checkin.user, Membership.Role.PARTICIPANT),
            "kind": checkin.kind,
            "mood": checkin.mood,
            "anxiety": checkin.anxiety,
            "craving": checkin.craving,
            "wants_support": checkin.wants_support,
            "shared": checkin.shared,
            "local_date": checkin.local_date.isoformat(),
            "created_at": iso(checkin.created_at),
        },
    }


def announce_checkin(checkin: CheckIn, event: str) -> None:
    """Schedule the frame for the group's therapists (call inside the transaction)."""
    events.to_therapists(checkin.group_id, events.frame_event(checkin_frame(checkin, event)))
