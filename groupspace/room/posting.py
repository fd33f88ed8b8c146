"""The one path for putting a message into a room.

Chat from the socket, prompts, shared check-ins, milestones and system notices all go
through `post_message`, so every post is stored, ordered and announced the same way.
"""

import uuid
from contextlib import nullcontext

from django.db import IntegrityError, connection, transaction
from django.utils import timezone
from django.utils.translation import gettext

from groupspace.groups.models import IOPGroup, Membership
from groupspace.moderation.safety import safety_response

from . import events
from .errors import RoomError
from .models import MAX_BODY_CHARS, Message, Reaction
from .ordered_insert import insert_in_room_order
from .serializers import serialize_message


def clean_body(body: str) -> str:
    """Strip what the database or a screen cannot take; refuse empty and over-long text."""
    # PostgreSQL refuses NUL in text; other control characters but newline and tab are noise.
    body = "".join(ch for ch in body if ch in "\n\t" or ch >= " ")
    body = body.strip()
    if not body:
        raise RoomError("empty", gettext("The message is empty."))
    if len(body) > MAX_BODY_CHARS:
        raise RoomError(
            "too_long",
            gettext("A message can be at most %(count)d characters.") % {"count": MAX_BODY_CHARS},
        )
    return body


def post_message(
    group: IOPGroup,
    author,
    *,
    kind: str = Message.Kind.CHAT,
    body: str = "",
    client_id: uuid.UUID | None = None,
    reply_to_id: int | None = None,
    data: dict | None = None,
    held_for_review: bool = False,
    author_role: str | None = None,
) -> tuple[Message, bool]:
    """Store a message and announce it to the room after commit. Returns (message, created).

    Its id follows commit order within the room (ordered_insert). A plain post is one
    statement, its own transaction; a post with crisis language or relapse risk is stored in one
    transaction with its alert, so that neither is ever stored without the other.
    A resend with a `client_id` the author already used returns the original, unannounced:
    the database's unique constraint refuses its insert, so a new message (the common case)
    costs no read to find out.
    `reply_to_id` must name a message of this room that the author may see: the caller checks
    it, with the member's visibility rules (actions.send_chat).
    `author_role`, when the caller knows it, saves reading it back to serialize the message.
    """
    message = Message(
        group=group,
        author=author,
        client_id=client_id,
        kind=kind,
        body=body,
        reply_to_id=reply_to_id,
        data=data or {},
        state=Message.State.PENDING if held_for_review else Message.State.VISIBLE,
        created_at=timezone.now(),
    )
    respond = safety_response(message)  # crisis language or relapse risk: most posts, None
    try:
        with _one_transaction(with_more_than_the_post=respond is not None):
            insert_in_room_order(message)
            message = _as_created(message, author_role)
            announce_new_message(message)
            if respond is not None:
                respond(message)
    except IntegrityError:
        # A resend: nothing was stored, and the first one is the answer.
        existing = None
        if client_id is not None and author is not None:
            existing = resent_message(group.pk, author.pk, client_id)
        if existing is None:
            raise
        return existing, False
    return message, True


def _one_transaction(*, with_more_than_the_post: bool):
    """A transaction (a savepoint inside the caller's) when the post is not alone, or when a
    refused insert (a resend) must not abort the caller's transaction; otherwise none: the
    insert is one statement, committed by itself."""
    if with_more_than_the_post or connection.in_atomic_block:
        return transaction.atomic()
    return nullcontext()


def announce_new_message(message: Message) -> None:
    """Schedule the `message` frame for everyone allowed to see it."""
    for_therapists = events.frame_event(
        {"type": "message", "message": serialize_message(message, for_moderator=True)}
    )
    if message.state == Message.State.PENDING:
        # Held for review: its author and the therapists only.
        events.to_therapists(message.group_id, for_therapists)
        if message.author_id:
            events.to_person(
                message.group_id,
                message.author_id,
                events.frame_event(
                    {"type": "message", "message": serialize_message(message, for_moderator=False)}
                ),
            )
        return
    for_participants = events.frame_event(
        {"type": "message", "message": serialize_message(message, for_moderator=False)}
    )
    events.to_room(message.group_id, participants=for_participants, therapists=for_therapists)


def announce_message_updated(message: Message, *, held: bool | None = None) -> None:
    """Schedule `message.updated` (reactions, removal, approval) to those who may see it.

    `held` (default: the message is pending) keeps the update between the author and the
    therapists, e.g. when a message is removed before it was ever released.
    """
    for_therapists = events.frame_event(
        {"type": "message.updated", "message": serialize_message(message, for_moderator=True)}
    )
    for_others = events.frame_event(
        {"type": "message.updated", "message": serialize_message(message, for_moderator=False)}
    )
    if held if held is not None else message.state == Message.State.PENDING:
        events.to_therapists(message.group_id, for_therapists)
        if message.author_id:
            events.to_person(message.group_id, message.author_id, for_others)
        return
    events.to_room(message.group_id, participants=for_others, therapists=for_therapists)


def update_message_content(message_id: int | None, body: str, data: dict) -> None:
    """Replace a post's `body` and `data` (an edited or withdrawn check-in) and announce it.

    A message a moderator removed stays removed and unchanged.
    """
    if message_id is None:
        return
    changed = (
        Message.objects.filter(pk=message_id)
        .exclude(state=Message.State.REMOVED)
        .update(body=body, data=data)
    )
    if changed:
        announce_message_updated(_reload(message_id))


def is_held_for_review(group: IOPGroup, membership: Membership) -> bool:
    return (
        group.moderation_mode == IOPGroup.ModerationMode.PRE
        and membership.role == Membership.Role.PARTICIPANT
    )


def resent_message(group_id: int, author_id: int, client_id) -> Message | None:
    """The message an author already posted with `client_id`, if any."""
    return (
        Message.objects.select_related("author")
        .prefetch_related("reactions")
        .filter(group_id=group_id, author_id=author_id, client_id=client_id)
        .first()
    )


def _as_created(message: Message, author_role: str | None) -> Message:
    """A message just inserted, as `_reload` would return it, without reading it back: its
    author is the instance it was created with and, new, it has no reactions yet."""
    message._prefetched_objects_cache = {"reactions": _NO_REACTIONS}
    if author_role is not None:
        message._author_role = author_role  # what serializers._author_roles would read
    return message


def _no_reactions():
    """An empty reactions queryset, already evaluated as a prefetch leaves it: iterating it
    compiles no SQL (a none() queryset compiles its query to find out it is empty: a fifth of
    a post's CPU on the database thread). Not message.reactions: that queryset would point
    back at the message, a reference cycle per post for the garbage collector to find."""
    empty = Reaction.objects.none()
    empty._result_cache, empty._prefetch_done = [], True  # what prefetching sets
    return empty


_NO_REACTIONS = _no_reactions()  # shared: nothing changes an evaluated queryset's results


def _reload(message_id: int) -> Message:
    return Message.objects.select_related("author").prefetch_related("reactions").get(pk=message_id)
