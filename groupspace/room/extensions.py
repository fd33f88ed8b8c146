"""What apps built on the room add to it, registered in their `AppConfig.ready()`, so the
room never imports them (the same pattern as the tick and personal data).

- a hello part: an extra field of the `hello` frame, computed for the member's membership;
- a send check: may refuse a participant's `send` with a RoomError (the sessions app's
  prompts-only rule during a session).
"""

from collections.abc import Callable

HelloPart = Callable[[object], object]  # membership -> a JSON-able value
SendCheck = Callable[[object, int | None], None]  # (membership, reply_to id) -> None or raise

_hello_parts: dict[str, HelloPart] = {}
_send_checks: dict[str, SendCheck] = {}


def register_hello_part(name: str, part: HelloPart) -> None:
    _hello_parts[name] = part


def register_send_check(name: str, check: SendCheck) -> None:
    _send_checks[name] = check


def hello_parts(membership) -> dict:
    return {name: part(membership) for name, part in _hello_parts.items()}


def run_send_checks(membership, reply_to: int | None) -> None:
    for check in _send_checks.values():
        check(membership, reply_to)
