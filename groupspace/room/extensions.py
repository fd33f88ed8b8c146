"""What apps built on the room add to it, registered in their `AppConfig.ready()`, so the
room never imports them (the same pattern as the tick and personal data).

- a hello part: an extra field of the `hello` frame, computed for the member's membership;
- a send check: may refuse a participant's `send` with a RoomError (the sessions app's
  prompts-only rule during a session). What it needs from the database it declares as
  `reads`: expressions the room annotates on the membership it reads for every post anyway,
  so a check costs no round trip of its own on the database thread every socket shares.
"""

from collections.abc import Callable

HelloPart = Callable[[object], object]  # membership -> a JSON-able value
SendCheck = Callable[[object, int | None], None]  # (membership, reply_to id) -> None or raise
SendCheckRead = Callable[[], object]  # () -> a query expression on the membership

_hello_parts: dict[str, HelloPart] = {}
_send_checks: dict[str, SendCheck] = {}
_send_check_reads: dict[str, SendCheckRead] = {}


def register_hello_part(name: str, part: HelloPart) -> None:
    _hello_parts[name] = part


def register_send_check(
    name: str, check: SendCheck, reads: dict[str, SendCheckRead] | None = None
) -> None:
    """`check` finds each of `reads` as an attribute of the membership it is given."""
    _send_checks[name] = check
    _send_check_reads.update(reads or {})


def hello_parts(membership) -> dict:
    return {name: part(membership) for name, part in _hello_parts.items()}


def send_check_reads() -> dict[str, object]:
    """The annotations the send checks need on the poster's membership."""
    return {name: make() for name, make in _send_check_reads.items()}


def run_send_checks(membership, reply_to: int | None) -> None:
    """`membership` as `actions.require_poster` reads it: with every check's reads."""
    for check in _send_checks.values():
        check(membership, reply_to)
