"""Validation of client frames: shape only. Access and rules live in the actions.

Each reader takes the decoded JSON object and returns clean values or raises
`RoomError("invalid", ...)` naming the field.
"""

import json
import uuid

from django.utils.translation import gettext

from .errors import RoomError

MAX_FRAME_BYTES = 64 * 1024
HISTORY_MAX = 100
HISTORY_DEFAULT = 50


def decode(text: str | None, raw: bytes | None) -> dict:
    """The frame as a dict with a string `type`, refusing oversized and malformed input."""
    if text is None:
        if raw is not None and len(raw) > MAX_FRAME_BYTES:
            raise RoomError("too_long", gettext("A frame can be at most 64 KiB."))
        raise RoomError("invalid_json", gettext("Frames are JSON text, not binary."))
    if len(text) > MAX_FRAME_BYTES or len(text.encode("utf-8", "surrogatepass")) > MAX_FRAME_BYTES:
        raise RoomError("too_long", gettext("A frame can be at most 64 KiB."))
    try:
        frame = json.loads(text)
    except (ValueError, RecursionError):
        raise RoomError("invalid_json", gettext("The frame is not valid JSON.")) from None
    if not isinstance(frame, dict):
        raise RoomError(
            "invalid", gettext("type: a frame is a JSON object with a string field type.")
        )
    if not isinstance(frame.get("type"), str):
        raise RoomError("invalid", gettext("type: a string field type is required."))
    return frame


def client_id_of(frame: dict) -> str | None:
    """The frame's client_id, if it carries a string one (echoed in errors)."""
    value = frame.get("client_id")
    return value if isinstance(value, str) and len(value) <= 64 else None


def uuid_field(frame: dict, name: str) -> uuid.UUID:
    value = frame.get(name)
    if not isinstance(value, str):
        raise RoomError(
            "invalid", gettext("%(field)s: a UUID string is required.") % {"field": name}
        )
    try:
        return uuid.UUID(value)
    except ValueError:
        raise RoomError(
            "invalid", gettext("%(field)s: not a valid UUID.") % {"field": name}
        ) from None


def text_field(frame: dict, name: str) -> str:
    value = frame.get(name)
    if not isinstance(value, str):
        raise RoomError("invalid", gettext("%(field)s: a string is required.") % {"field": name})
    return value


def id_field(frame: dict, name: str, *, optional: bool = False) -> int | None:
    value = frame.get(name)
    if value is None and optional:
        return None
    # bool is an int in Python; true is not an id.
    if isinstance(value, bool) or not isinstance(value, int) or value < 0 or value > 2**63 - 1:
        text = (
            gettext("%(field)s: a message id or null is required.")
            if optional
            else gettext("%(field)s: a whole number is required.")
        )
        raise RoomError("invalid", text % {"field": name})
    return value


def bool_field(frame: dict, name: str) -> bool:
    value = frame.get(name)
    if not isinstance(value, bool):
        raise RoomError(
            "invalid", gettext("%(field)s: true or false is required.") % {"field": name}
        )
    return value


def bounded_int(frame: dict, name: str, low: int, high: int, default: int | None = None) -> int:
    value = frame.get(name, default)
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise RoomError(
            "invalid",
            gettext("%(field)s: a whole number from %(low)d to %(high)d is required.")
            % {"field": name, "low": low, "high": high},
        )
    return value
