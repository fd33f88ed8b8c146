"""What one chat post costs the database thread every socket of a process shares: each
statement is a round trip there, so the count is pinned (bench/README.md has the figures)."""

import gc
import time
import uuid

import pytest
from django.contrib.sessions.backends.db import SessionStore
from django.db.models import QuerySet
from django.db.models.sql import Query

from groupspace.accounts.idle import LAST_ACTIVITY_KEY
from groupspace.accounts.models import User
from groupspace.room import actions
from groupspace.room.errors import RoomError
from groupspace.room.models import Message
from groupspace.room.ratelimit import POSTS_PER_WINDOW, WINDOW_SECONDS
from tests.conftest import session_cookie

# the membership (with what the send checks need, such as a prompts-only session under way),
# and the insert, which on PostgreSQL takes the room's lock and commits in the same statement
# (room/ordered_insert.py). A resend is found by the unique constraint refusing its insert,
# not by a read before every insert.
POST_STATEMENTS = 2


def test_a_chat_post_takes_two_statements(
    transactional_db, alice, evening, django_assert_num_queries
):
    member = actions.access_member(alice, "evening")
    actions.send_chat(member, uuid.uuid4(), "warming the caches", None)
    with django_assert_num_queries(POST_STATEMENTS):
        message = actions.send_chat(member, uuid.uuid4(), "hello there", None)
    assert message["body"] == "hello there"
    assert message["author"] == {"id": alice.id, "display_name": "Alice M.", "role": "participant"}


def test_a_resend_is_answered_with_the_original_and_not_counted_as_a_post(
    transactional_db, alice, evening
):
    member = actions.access_member(alice, "evening")
    into_window = time.time() % WINDOW_SECONDS  # all in one limit window
    if into_window > WINDOW_SECONDS / 2:
        time.sleep(WINDOW_SECONDS - into_window + 0.05)
    client_id = uuid.uuid4()
    first = actions.send_chat(member, client_id, "once", None)
    # Far more resends than the posting limit allows posts: none is refused, none is stored.
    for _ in range(15):
        assert actions.send_chat(member, client_id, "once", None)["id"] == first["id"]
    for n in range(POSTS_PER_WINDOW - 1):
        actions.send_chat(member, uuid.uuid4(), f"new {n}", None)
    with pytest.raises(RoomError) as refused:
        actions.send_chat(member, uuid.uuid4(), "one too many", None)
    assert refused.value.code == "rate_limited"
    # At the limit, a resend (its ack lost, say) is still answered with the original.
    assert actions.send_chat(member, client_id, "once", None)["id"] == first["id"]
    assert Message.objects.filter(group=evening).count() == POSTS_PER_WINDOW


def test_a_post_leaves_no_reference_cycles_for_the_garbage_collector(
    transactional_db, alice, evening
):
    """Garbage in cycles waits for a collection, and in a long-running server for a full
    one (bench/README.md, "What the soak found"): a post frees its message, querysets and
    queries by itself. (Only those are looked for: with Redis, this test's own synchronous
    event sending leaves asyncio and import garbage that the server's event loop does not.)"""
    member = actions.access_member(alice, "evening")
    actions.send_chat(member, uuid.uuid4(), "warming the caches", None)
    gc.collect()
    gc.disable()
    try:
        for n in range(5):
            actions.send_chat(member, uuid.uuid4(), f"post {n}", None)
        gc.set_debug(gc.DEBUG_SAVEALL)
        gc.collect()
        ours = (Message, User, QuerySet, Query)
        left = [type(thing).__name__ for thing in gc.garbage if isinstance(thing, ours)]
    finally:
        gc.set_debug(0)
        gc.garbage.clear()
        gc.enable()
    assert left == []


def test_a_post_after_a_long_pause_stores_it_as_activity_with_one_read_and_one_update(
    transactional_db, alice, evening, django_assert_num_queries
):
    """Sends are stored as activity by the socket's next ping; after a long pause, by the
    send itself (consumer.ACTIVITY_SAVE_NOW_AFTER_SECONDS): the session read once, fresh,
    then one UPDATE."""
    from groupspace.room.consumer import _send_chat

    member = actions.access_member(alice, "evening")
    key = session_cookie(alice)
    actions.send_chat(member, uuid.uuid4(), "warming the caches", None)
    with django_assert_num_queries(POST_STATEMENTS + 2):  # SELECT, UPDATE
        _send_chat(member, uuid.uuid4(), "hello again", None, key)
    assert SessionStore(session_key=key).load()[LAST_ACTIVITY_KEY] >= time.time() - 5
