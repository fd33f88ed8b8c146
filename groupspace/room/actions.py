"""What a member can do in a room. Each function re-reads the membership first.

Called by the consumer (through `database_sync_to_async`) and usable from views and
commands. Raises `NoAccess` when the caller is no longer an active member (the socket is then
closed with 4403) and `RoomError` for a refused frame.
"""

import uuid
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils.translation import gettext

from groupspace.compiled_query import CompiledQuery
from groupspace.groups.access import (
    NoAccess,
    access_group_for_member,
    active_membership,
    active_memberships,
)
from groupspace.groups.models import Membership

from . import events
from .errors import RoomError
from .extensions import run_send_checks, send_check_reads
from .models import REACTION_EMOJI, Message, Reaction
from .posting import (
    announce_message_updated,
    clean_body,
    is_held_for_review,
    post_message,
    resent_message,
)
from .ratelimit import check_post_rate, uncount_post
from .serializers import member_dict, serialize_message, serialize_messages
from .shared_cache import Unavailable, first_in_window

SYNC_PAGE = 500
THREAD_MAX = 200
TYPING_INTERVAL_SECONDS = 3


@dataclass(frozen=True)
class Member:
    """What a socket remembers about its person: ids and role, re-checked on every frame."""

    user_id: int
    group_id: int
    role: str

    @property
    def is_therapist(self) -> bool:
        return self.role == Membership.Role.THERAPIST


def access_member(user, slug: str) -> Member:
    """The caller as a member of the room at `slug`, or NoAccess."""
    group, membership = access_group_for_member(user, slug)
    return Member(user_id=user.pk, group_id=group.pk, role=membership.role)


def require_member(member: Member) -> Membership:
    membership = active_membership(member.user_id, member.group_id)
    if membership is None:
        raise NoAccess
    return membership


def require_poster(member: Member) -> Membership:
    """The membership as `require_member` reads it, with what the send checks need read in
    the same statement (extensions.register_send_check)."""
    membership = _POSTER_MEMBERSHIP.first(user_id=member.user_id, group_id=member.group_id)
    if membership is None:
        raise NoAccess
    return membership


# Compiled at the first post, once every app has registered its checks.
_POSTER_MEMBERSHIP = CompiledQuery(
    lambda user_id, group_id: active_memberships(user_id, group_id).annotate(**send_check_reads())
)


def visible_messages(membership: Membership) -> QuerySet[Message]:
    """Messages this member may see: pending ones only to their author and to therapists;
    for participants, only what came after they joined unless the group shares its history."""
    return _visible_messages(**_visibility(membership))


def last_visible_message_id(membership: Membership) -> int | None:
    """Every ping asks this, so its SQL is compiled once per kind of member."""
    return _NEWEST_VISIBLE_ID.first(**_visibility(membership))


def _visibility(membership: Membership) -> dict:
    return {
        "group_id": membership.group_id,
        "user_id": membership.user_id,
        "after_id": membership.history_from_message_id or 0,
        "sees_all": membership.is_therapist,
        "sees_history": membership.group.share_history_with_new_members,
    }


def _visible_messages(
    group_id: int, user_id: int, after_id: int, sees_all: bool, sees_history: bool
) -> QuerySet[Message]:
    messages = Message.objects.filter(group_id=group_id)
    if not sees_all:
        messages = messages.filter(~Q(state=Message.State.PENDING) | Q(author_id=user_id))
        if not sees_history:
            # Protected history: what the group said before this person joined stays theirs.
            messages = messages.filter(id__gt=after_id)
    return messages


def _newest_visible_id(
    group_id: int, user_id: int, after_id: int, sees_all: bool, sees_history: bool
) -> QuerySet[Message]:
    visible = _visible_messages(group_id, user_id, after_id, sees_all, sees_history)
    return visible.order_by("-id").values_list("id", flat=True)


_NEWEST_VISIBLE_ID = CompiledQuery(_newest_visible_id, shape=("sees_all", "sees_history"))


def send_chat(member: Member, client_id: uuid.UUID, body: str, reply_to: int | None) -> dict:
    """Post a chat message; returns the message as its author sees it (for the ack)."""
    membership = require_poster(member)
    group = membership.group
    if not membership.is_therapist:
        if membership.needs_agreement:
            raise RoomError(
                "forbidden", gettext("Accept the group agreement on the room page first.")
            )
        if membership.is_muted():
            until = membership.muted_until.isoformat()
            raise RoomError("muted", gettext("You are muted until %(until)s.") % {"until": until})
        if group.is_locked:
            raise RoomError("locked", gettext("The room is locked by a therapist."))
        run_send_checks(membership, reply_to)
    body = clean_body(body)
    if reply_to is not None and not visible_messages(membership).filter(pk=reply_to).exists():
        raise RoomError("not_found", gettext("The message you replied to is not in this room."))
    # Counted before the insert, which commits at once; a resend is answered, never refused
    # or counted.
    try:
        counted = check_post_rate(member.group_id, member.user_id)
    except RoomError:
        original = resent_message(member.group_id, member.user_id, client_id)
        if original is None:
            raise
        return serialize_message(original, for_moderator=membership.is_therapist)
    message, created = post_message(
        group,
        membership.user,
        body=body,
        client_id=client_id,
        reply_to_id=reply_to,
        held_for_review=is_held_for_review(group, membership),
        author_role=membership.role,
    )
    if not created:
        uncount_post(counted)
    return serialize_message(message, for_moderator=membership.is_therapist)


def react(member: Member, message_id: int, emoji: str, on: bool) -> None:
    """Add or take back a reaction; everyone who sees the message gets `message.updated`."""
    if emoji not in REACTION_EMOJI:
        raise RoomError(
            "invalid",
            gettext("emoji: use one of %(names)s.") % {"names": ", ".join(REACTION_EMOJI)},
        )
    membership = require_member(member)
    with transaction.atomic():
        message = (
            visible_messages(membership)
            .select_for_update()
            .filter(pk=message_id)
            .exclude(state=Message.State.REMOVED)
            .first()
        )
        if message is None:
            raise RoomError("not_found", gettext("No such message in this room."))
        if on:
            _, changed = Reaction.objects.get_or_create(
                message=message, user_id=member.user_id, emoji=emoji
            )
        else:
            changed, _ = Reaction.objects.filter(
                message=message, user_id=member.user_id, emoji=emoji
            ).delete()
        if changed:
            message = (
                Message.objects.select_related("author")
                .prefetch_related("reactions")
                .get(pk=message.pk)
            )
            announce_message_updated(message)


def history(member: Member, before: int | None, limit: int) -> dict:
    """A page of older messages: the newest `limit` below `before`, returned oldest first."""
    membership = require_member(member)
    messages = visible_messages(membership)
    if before is not None:
        messages = messages.filter(id__lt=before)
    page = list(_with_details(messages).order_by("-id")[: limit + 1])
    has_more = len(page) > limit
    page = list(reversed(page[:limit]))
    return {
        "type": "history",
        "messages": serialize_messages(page, for_moderator=membership.is_therapist),
        "has_more": has_more,
    }


def sync(member: Member, after: int) -> dict:
    """Every visible message with id > after, oldest first, at most SYNC_PAGE at a time."""
    membership = require_member(member)
    messages = visible_messages(membership).filter(id__gt=after)
    page = list(_with_details(messages).order_by("id")[: SYNC_PAGE + 1])
    has_more = len(page) > SYNC_PAGE
    return {
        "type": "sync",
        "messages": serialize_messages(page[:SYNC_PAGE], for_moderator=membership.is_therapist),
        "has_more": has_more,
    }


def thread(member: Member, message_id: int) -> dict:
    """A message and its replies (oldest first, at most THREAD_MAX): a prompt's thread."""
    membership = require_member(member)
    visible = visible_messages(membership)
    parent = _with_details(visible).filter(pk=message_id).first()
    if parent is None:
        raise RoomError("not_found", gettext("No such message in this room."))
    replies = list(
        _with_details(visible.filter(reply_to_id=message_id)).order_by("id")[:THREAD_MAX]
    )
    moderator = membership.is_therapist
    return {
        "type": "thread",
        "message": serialize_message(parent, for_moderator=moderator),
        "replies": serialize_messages(replies, for_moderator=moderator),
    }


def announce_typing(member: Member) -> None:
    """Tell the room this member is typing, at most once every few seconds across sockets."""
    membership = require_member(member)
    key = f"typing:{member.group_id}:{member.user_id}"
    try:
        first = first_in_window(key, TYPING_INTERVAL_SECONDS)
    except Unavailable:  # Redis is down: so is the layer that would carry the frame
        return
    if first:
        frame = {"type": "typing", "user": member_dict(membership)}
        events.to_room_now(member.group_id, events.frame_event(frame, skip_user=member.user_id))


def pong(member: Member) -> dict:
    return pong_for(require_member(member))


def pong_for(membership: Membership) -> dict:
    return {"type": "pong", "last_message_id": last_visible_message_id(membership)}


def mark_read(member: Member, message_id: int) -> None:
    """Remember the newest message the member has seen (the home page's unread count)."""
    membership = require_member(member)
    newest = last_visible_message_id(membership) or 0
    seen = min(message_id, newest)
    Membership.objects.filter(pk=membership.pk, last_read_message_id__lt=seen).update(
        last_read_message_id=seen
    )


def _with_details(messages: QuerySet[Message]) -> QuerySet[Message]:
    return messages.select_related("author").prefetch_related("reactions")
