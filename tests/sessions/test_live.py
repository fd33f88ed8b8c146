"""Sessions over the room's sockets: the hello carries the session state, starts, ends and
schedule changes reach open rooms live, a prompts-only session keeps participants to replies
to prompts, prompts are pinned and threaded, and scheduled prompts are posted exactly once.
Runs again on PostgreSQL and Redis (`services_suite`)."""

import datetime as dt
import uuid

import pytest
from channels.db import database_sync_to_async
from django.db import connection
from django.utils import timezone

from groupspace.audit.models import AuditEntry
from groupspace.room.models import Message
from groupspace.room.posting import post_message
from groupspace.tick import run_tick
from sessions_app import changes, prompts
from sessions_app.live import announce_starts_and_ends
from sessions_app.models import PromptPosting, ScheduledPrompt, Session, WeeklySlot
from tests.concurrency import run_at_once
from tests.room.conftest import close_worker_thread_connections  # noqa: F401 (autouse)

pytestmark = pytest.mark.services_suite


def new_session(group, starts_in: dt.timedelta, minutes=180, **fields) -> Session:
    starts = timezone.now() + starts_in
    return Session.objects.create(
        group=group, starts_at=starts, ends_at=starts + dt.timedelta(minutes=minutes), **fields
    )


make = database_sync_to_async(new_session)


async def test_hello_says_when_the_next_session_is(open_socket, alice, evening):
    upcoming = await make(evening, dt.timedelta(days=1), topic="Boundaries")
    socket = await open_socket(alice)
    assert socket.hello["session"]["current"] is None
    assert socket.hello["session"]["next"]["id"] == upcoming.pk
    assert socket.hello["session"]["next"]["topic"] == "Boundaries"
    assert socket.hello["pinned"] is None


async def test_a_session_starting_reaches_open_rooms_once(open_socket, alice, dana, evening):
    alice_socket = await open_socket(alice)
    dana_socket = await open_socket(dana)
    session = await make(evening, -dt.timedelta(minutes=1))  # the clock passed its start
    assert await database_sync_to_async(announce_starts_and_ends)() == 1
    for socket in (alice_socket, dana_socket):
        frame = await socket.receive_type("session")
        assert frame["current"]["id"] == session.pk
    assert await database_sync_to_async(announce_starts_and_ends)() == 0  # once
    await alice_socket.nothing_but_presence()


async def test_a_session_ending_says_what_is_next(open_socket, alice, evening):
    ended = await make(evening, -dt.timedelta(hours=4))
    following = await make(evening, dt.timedelta(days=2))
    await database_sync_to_async(Session.objects.filter(pk=ended.pk).update)(start_announced=True)
    socket = await open_socket(alice)
    await database_sync_to_async(run_tick)()
    frame = await socket.receive_type("session")
    assert frame["current"] is None and frame["next"]["id"] == following.pk


async def test_a_cancellation_reaches_the_room_at_once(open_socket, alice, dana, evening):
    session = await make(evening, dt.timedelta(hours=2))
    socket = await open_socket(alice)
    await database_sync_to_async(changes.cancel_session)(dana, session, "Snow day")
    notice = (await socket.receive_type("message", skip={"session"}))["message"]
    assert notice["kind"] == "system" and "Snow day" in notice["body"]
    frame = await socket.receive_type("session")
    assert frame["next"] is None


async def test_prompts_only_session_allows_only_replies_to_prompts(
    open_socket, alice, dana, evening
):
    await make(evening, -dt.timedelta(minutes=5), prompts_only=True)
    prompt, _ = await database_sync_to_async(post_message)(
        evening, dana, kind=Message.Kind.PROMPT, body="What helped today?"
    )
    alice_socket = await open_socket(alice)
    assert alice_socket.hello["session"]["current"]["prompts_only"] is True
    await alice_socket.send({"type": "send", "client_id": str(uuid.uuid4()), "body": "hi"})
    error = await alice_socket.receive_type("error", skip={"message"})
    assert error["code"] == "locked" and "replies to prompts" in error["detail"]
    reply = {
        "type": "send",
        "client_id": str(uuid.uuid4()),
        "body": "A walk",
        "reply_to": prompt.pk,
    }
    await alice_socket.send(reply)
    ack = await alice_socket.receive_type("ack", skip={"message"})
    assert ack["message"]["reply_to"] == prompt.pk
    # Therapists are not held to it.
    dana_socket = await open_socket(dana)
    await dana_socket.send({"type": "send", "client_id": str(uuid.uuid4()), "body": "Welcome"})
    assert (await dana_socket.receive_type("ack", skip={"message"}))["message"]["body"] == "Welcome"


async def test_only_a_prompts_only_session_under_way_keeps_the_room_to_replies(
    open_socket, alice, weekend, evening
):
    """Read with the poster's membership: ended, cancelled, not yet started, another group's,
    or a session that is not prompts-only leave the room open."""
    await make(evening, -dt.timedelta(hours=4), minutes=60, prompts_only=True)  # ended
    await make(evening, dt.timedelta(minutes=10), prompts_only=True)  # not yet
    await make(evening, -dt.timedelta(minutes=5), prompts_only=True, status="cancelled")
    await make(weekend, -dt.timedelta(minutes=5), prompts_only=True)  # another group's
    await make(evening, -dt.timedelta(minutes=5))  # under way, open
    alice_socket = await open_socket(alice)
    await alice_socket.send({"type": "send", "client_id": str(uuid.uuid4()), "body": "hi"})
    assert (await alice_socket.receive_type("ack", skip={"message"}))["message"]["body"] == "hi"


async def test_a_therapist_pins_a_prompt_and_everyone_sees_it(open_socket, alice, dana, evening):
    prompt, _ = await database_sync_to_async(post_message)(
        evening, dana, kind=Message.Kind.PROMPT, body="Pin me"
    )
    chat, _ = await database_sync_to_async(post_message)(evening, alice, body="not a prompt")
    alice_socket = await open_socket(alice)
    dana_socket = await open_socket(dana)
    await dana_socket.send({"type": "pin", "message_id": chat.pk})
    assert (await dana_socket.receive_type("error"))["code"] == "invalid"
    await alice_socket.send({"type": "pin", "message_id": prompt.pk})
    assert (await alice_socket.receive_type("error"))["code"] == "forbidden"
    await dana_socket.send({"type": "pin", "message_id": prompt.pk})
    for socket in (alice_socket, dana_socket):
        frame = await socket.receive_type("pinned")
        assert frame["message"]["id"] == prompt.pk
    late_comer = await open_socket(alice)
    assert late_comer.hello["pinned"]["id"] == prompt.pk
    # Removing the prompt unpins it.
    await dana_socket.send({"type": "remove", "message_id": prompt.pk, "reason": ""})
    frame = await alice_socket.receive_type("pinned", skip={"message.updated"})
    assert frame["message"] is None
    actions = await database_sync_to_async(
        lambda: list(AuditEntry.objects.values_list("action", flat=True).order_by("id"))
    )()
    assert actions == ["prompt.pin", "message.remove"]  # the unpin is part of the removal


async def test_a_prompts_thread_comes_back_whole(open_socket, alice, bob, dana, evening):
    @database_sync_to_async
    def thread_with_replies():
        prompt, _ = post_message(evening, dana, kind=Message.Kind.PROMPT, body="Share a win")
        replies = [
            post_message(evening, person, body=f"win {n}", reply_to_id=prompt.pk)[0].pk
            for n, person in enumerate([alice, bob, alice, bob, alice])
        ]
        post_message(evening, bob, body="unrelated")
        held, _ = post_message(
            evening, bob, body="held reply", reply_to_id=prompt.pk, held_for_review=True
        )
        return prompt, replies, held

    prompt, replies, held = await thread_with_replies()
    socket = await open_socket(alice)
    await socket.send({"type": "thread", "message_id": prompt.pk})
    frame = await socket.receive_type("thread")
    assert frame["message"]["id"] == prompt.pk
    assert [m["id"] for m in frame["replies"]] == replies  # oldest first; bob's held one hidden
    therapist = await open_socket(dana)
    await therapist.send({"type": "thread", "message_id": prompt.pk})
    assert [m["id"] for m in (await therapist.receive_type("thread"))["replies"]] == [
        *replies,
        held.pk,
    ]
    await socket.send({"type": "thread", "message_id": 999999})
    assert (await socket.receive_type("error"))["code"] == "not_found"


async def test_a_scheduled_prompt_is_posted_by_the_tick_once(open_socket, alice, dana, evening):
    @database_sync_to_async
    def schedule_then_make_it_due():
        scheduled = prompts.schedule_prompt(
            dana,
            evening,
            body="Evening reflection",
            timing=ScheduledPrompt.Timing.AT,
            post_at=timezone.now() + dt.timedelta(minutes=1),
        )
        ScheduledPrompt.objects.filter(pk=scheduled.pk).update(
            post_at=timezone.now() - dt.timedelta(seconds=1)
        )

    await schedule_then_make_it_due()
    socket = await open_socket(alice)
    await database_sync_to_async(run_tick)()
    await database_sync_to_async(run_tick)()
    message = (await socket.receive_type("message", skip={"session"}))["message"]
    assert message["kind"] == "prompt" and message["body"] == "Evening reflection"
    assert message["author"]["id"] == dana.pk
    await socket.nothing_but_presence()
    assert await database_sync_to_async(Message.objects.filter(kind="prompt").count)() == 1


def test_a_prompt_relative_to_each_wednesday_session(db, dana, evening):
    slot = WeeklySlot.objects.create(group=evening, weekday=2, start_time=dt.time(18))
    other_slot = WeeklySlot.objects.create(group=evening, weekday=4, start_time=dt.time(18))
    scheduled = prompts.schedule_prompt(
        dana,
        evening,
        body="How did tonight's session land?",
        timing=ScheduledPrompt.Timing.AFTER_SESSIONS,
        slot=slot,
        anchor=ScheduledPrompt.Anchor.END,
        offset_minutes=120,
    )
    now = timezone.now()
    # Sessions that ended 3 hours ago (due an hour ago), one ending now (due later), one of
    # the other slot, one cancelled, and one long before the prompt was scheduled.
    due = new_session(evening, -dt.timedelta(hours=6), slot=slot, slot_date=dt.date(2030, 1, 2))
    new_session(evening, -dt.timedelta(hours=3), slot=slot, slot_date=dt.date(2030, 1, 9))
    new_session(evening, -dt.timedelta(hours=6), slot=other_slot, slot_date=dt.date(2030, 1, 3))
    new_session(
        evening,
        -dt.timedelta(hours=6, minutes=5),
        slot=slot,
        slot_date=dt.date(2030, 1, 16),
        status=Session.Status.CANCELLED,
    )
    ScheduledPrompt.objects.filter(pk=scheduled.pk).update(created_at=now - dt.timedelta(hours=7))
    assert prompts.post_due_prompts(now) == 1
    assert prompts.post_due_prompts(now) == 0
    posting = PromptPosting.objects.get()
    assert posting.occurrence == f"session-{due.pk}"
    assert Message.objects.get(pk=posting.message_id).body == "How did tonight's session land?"
    # Three hours later, the second session's prompt is due too.
    assert prompts.post_due_prompts(now + dt.timedelta(hours=3)) == 1


def test_a_prompt_missed_for_hours_is_skipped_not_posted_late(db, dana, evening):
    scheduled = prompts.schedule_prompt(
        dana,
        evening,
        body="Good morning",
        timing=ScheduledPrompt.Timing.AT,
        post_at=timezone.now() + dt.timedelta(minutes=1),
    )
    later = timezone.now() + dt.timedelta(hours=12)
    assert prompts.post_due_prompts(later) == 0
    assert PromptPosting.objects.get(scheduled_prompt=scheduled).skipped
    assert not Message.objects.filter(kind="prompt").exists()


def test_a_scheduled_prompt_from_a_therapist_who_left_is_posted_by_groupspace(db, dana, evening):
    scheduled = prompts.schedule_prompt(
        dana,
        evening,
        body="Weekend plan?",
        timing=ScheduledPrompt.Timing.AT,
        post_at=timezone.now() + dt.timedelta(minutes=1),
    )
    dana.memberships.update(state="left")
    prompts.post_due_prompts(scheduled.post_at + dt.timedelta(seconds=1))
    assert Message.objects.get(kind="prompt").author is None


def test_two_ticks_at_once_post_each_scheduled_prompt_once(transactional_db, dana, evening):
    if connection.vendor != "postgresql":
        pytest.skip("concurrent ticks need PostgreSQL (SQLite serialises all writers)")
    for n in range(5):
        prompts.schedule_prompt(
            dana,
            evening,
            body=f"Prompt {n}",
            timing=ScheduledPrompt.Timing.AT,
            post_at=timezone.now() + dt.timedelta(minutes=1),
        )
    moment = timezone.now() + dt.timedelta(minutes=2)
    counts = run_at_once(lambda: prompts.post_due_prompts(moment))
    assert sum(counts) == 5
    assert Message.objects.filter(kind="prompt").count() == 5
    assert sorted(Message.objects.values_list("body", flat=True)) == [
        f"Prompt {n}" for n in range(5)
    ]
