"""Milestones over the room's sockets: the private frame reaches only its owner; an unshared
milestone is in no peer's frames, history or sync; a celebration reaches every open room of
the group and is reacted and replied to like any message; two ticks at once (PostgreSQL)
reach each milestone once. Runs again on PostgreSQL and Redis (`services_suite`)."""

import uuid

import pytest
from channels.db import database_sync_to_async
from django.db import connection

from checkins.milestones import actions
from checkins.milestones.evaluate import evaluate_milestones
from checkins.milestones.models import Milestone, MilestonePreference, SobrietyDate
from groupspace.room.models import Message
from groupspace.tick import run_tick
from tests.concurrency import run_at_once
from tests.room.conftest import close_worker_thread_connections  # noqa: F401 (autouse)

from .conftest import days_ago

pytestmark = pytest.mark.services_suite


@database_sync_to_async
def reach_thirty_days(user) -> Milestone:
    actions.set_sobriety_date(user, days_ago(user, 30))
    return Milestone.objects.get(user=user, value=30, unit="days")


async def assert_no_milestone_in_history_or_sync(socket) -> None:
    await socket.send({"type": "history", "before": None, "limit": 100})
    history = await socket.receive_type("history")
    await socket.send({"type": "sync", "after": 0})
    sync = await socket.receive_type("sync")
    for message in history["messages"] + sync["messages"]:
        assert message["kind"] != "milestone"
        assert "clean" not in message["body"]


async def test_reached_frame_goes_only_to_the_owners_own_sockets(
    open_socket, alice, bob, dana, evening
):
    alice_phone = await open_socket(alice)
    alice_laptop = await open_socket(alice)
    bob_socket = await open_socket(bob)
    dana_socket = await open_socket(dana)

    milestone = await reach_thirty_days(alice)

    for socket in (alice_phone, alice_laptop):
        frame = await socket.receive_type("milestone.reached")
        assert frame["milestone"] == {
            "id": milestone.pk,
            "kind": "clean_time",
            "value": 30,
            "unit": "days",
            "label": "30 days",
            "reached_on": str(days_ago(alice, 0)),
            "state": "asking",
        }
        await socket.nothing_but_presence()  # only the furthest one asks
    await bob_socket.nothing_but_presence()
    await dana_socket.nothing_but_presence()
    await assert_no_milestone_in_history_or_sync(bob_socket)

    # Kept private: every one of alice's rooms drops the question; still nothing for bob.
    await database_sync_to_async(actions.decide)(alice, milestone.pk, "private")
    for socket in (alice_phone, alice_laptop):
        frame = await socket.receive_type("milestone.decided")
        assert frame == {
            "type": "milestone.decided",
            "milestone_id": milestone.pk,
            "state": "private",
        }
    await bob_socket.nothing_but_presence()
    await assert_no_milestone_in_history_or_sync(bob_socket)


async def test_a_celebration_reaches_the_open_room_and_peers_react_and_reply(
    open_socket, alice, bob, dana, charlie, evening
):
    alice_socket = await open_socket(alice)
    bob_socket = await open_socket(bob)
    dana_socket = await open_socket(dana)
    charlie_socket = await open_socket(charlie, "weekend")
    milestone = await reach_thirty_days(alice)
    await alice_socket.receive_type("milestone.reached")

    await database_sync_to_async(actions.decide)(alice, milestone.pk, "share")

    for socket in (alice_socket, bob_socket, dana_socket):
        message = (await socket.receive_type("message", skip={"milestone.decided"}))["message"]
        assert (message["kind"], message["author"]["id"], message["client_id"]) == (
            "milestone",
            alice.pk,
            None,
        )
        assert message["data"]["label"] == "30 days"
        assert message["data"]["kind"] == "clean_time"
        assert str(days_ago(alice, 30)) not in str(message)
    await charlie_socket.nothing_but_presence()

    await bob_socket.send(
        {"type": "react", "message_id": message["id"], "emoji": "clap", "on": True}
    )
    updated = await alice_socket.receive_type("message.updated", skip={"milestone.decided"})
    assert updated["message"]["reactions"] == {"clap": 1}
    # The therapist's note: a reply of their own, like any member's.
    await dana_socket.send(
        {
            "type": "send",
            "client_id": str(uuid.uuid4()),
            "body": "So proud of you.",
            "reply_to": message["id"],
        }
    )
    reply = (await bob_socket.receive_type("message", skip={"message.updated"}))["message"]
    assert (reply["reply_to"], reply["author"]["role"]) == (message["id"], "therapist")


async def test_always_share_from_the_tick_reaches_the_open_room(open_socket, alice, bob, evening):
    bob_socket = await open_socket(bob)

    @database_sync_to_async
    def tick_after_a_week():
        MilestonePreference.objects.create(user=alice, kind="clean_time", choice="share")
        SobrietyDate.objects.create(user=alice, since=days_ago(alice, 7))
        return run_tick()

    assert (await tick_after_a_week())["milestones"] == 2
    message = (await bob_socket.receive_type("message"))["message"]
    assert (message["kind"], message["data"]["label"]) == ("milestone", "7 days")
    await bob_socket.nothing_but_presence()


def test_two_ticks_at_once_reach_each_milestone_once(transactional_db, alice, bob, evening):
    if connection.vendor != "postgresql":
        pytest.skip("concurrent ticks need PostgreSQL (SQLite serialises all writers)")
    MilestonePreference.objects.create(user=alice, kind="clean_time", choice="share")
    SobrietyDate.objects.create(user=alice, since=days_ago(alice, 30))
    SobrietyDate.objects.create(user=bob, since=days_ago(bob, 14))
    counts = run_at_once(lambda: evaluate_milestones())
    assert sum(counts) == 4 + 3  # alice: 1, 7, 14, 30 days; bob: 1, 7, 14 days
    assert Milestone.objects.filter(user=alice).count() == 4
    assert Milestone.objects.filter(user=bob).count() == 3
    assert Message.objects.filter(kind=Message.Kind.MILESTONE).count() == 1
