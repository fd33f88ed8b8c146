"""Messages and people as the protocol's JSON objects, for one kind of viewer."""

from collections import defaultdict
from collections.abc import Iterable
from datetime import UTC

from groupspace.groups.models import Membership

from .models import Message


def iso(dt) -> str:
    """ISO 8601 in UTC with milliseconds and a Z, as the protocol shows."""
    return dt.astimezone(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def user_dict(user, role: str) -> dict:
    return {"id": user.id, "display_name": user.display_name, "role": role}


def member_dict(membership: Membership) -> dict:
    return user_dict(membership.user, membership.role)


def roles_in_group(group_id: int, user_ids: Iterable[int]) -> dict[int, str]:
    rows = Membership.objects.filter(group_id=group_id, user_id__in=set(user_ids)).values_list(
        "user_id", "role"
    )
    return dict(rows)


def serialize_messages(messages: list[Message], *, for_moderator: bool) -> list[dict]:
    """Protocol message objects. Expects `author` selected and `reactions` prefetched.

    A removed message keeps its text in the database, but only moderators are sent it.
    """
    if not messages:
        return []
    roles = _author_roles(messages)
    return [_message_dict(m, roles, for_moderator) for m in messages]


def _author_roles(messages: list[Message]) -> dict[int, str]:
    """The authors' roles in the group. Remembered on each message object: a new message is
    serialized for each audience and for its author's ack, one query instead of three."""
    unknown = [m for m in messages if m.author_id and not hasattr(m, "_author_role")]
    if unknown:
        found = roles_in_group(messages[0].group_id, (m.author_id for m in unknown))
        for message in unknown:
            message._author_role = found.get(message.author_id)
    return {m.author_id: m._author_role for m in messages if m.author_id and m._author_role}


def serialize_message(message: Message, *, for_moderator: bool) -> dict:
    return serialize_messages([message], for_moderator=for_moderator)[0]


def _message_dict(message: Message, roles: dict[int, str], for_moderator: bool) -> dict:
    reacted_by: dict[str, list[int]] = defaultdict(list)
    for reaction in sorted(message.reactions.all(), key=lambda r: r.id):
        reacted_by[reaction.emoji].append(reaction.user_id)
    hidden = message.state == Message.State.REMOVED and not for_moderator
    author = message.author
    return {
        "id": message.id,
        "client_id": str(message.client_id) if message.client_id else None,
        "kind": message.kind,
        "author": user_dict(author, roles.get(author.id, "participant")) if author else None,
        "body": "" if hidden else message.body,
        "created_at": iso(message.created_at),
        "reply_to": message.reply_to_id,
        "reactions": {emoji: len(users) for emoji, users in reacted_by.items()},
        "reacted_by": dict(reacted_by),
        "state": message.state,
        "data": {} if hidden else message.data,
    }
