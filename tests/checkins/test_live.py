"""Check-ins over the room's sockets: a shared one reaches the room live with its data, a
private one reaches only the therapists' `checkin` frame, alerts reach only the therapists."""

import uuid

from channels.db import database_sync_to_async

from checkins.actions import delete_checkin, edit_checkin, record_checkin
from tests.room.conftest import close_worker_thread_connections  # noqa: F401 (autouse)

from .conftest import checkin_values


@database_sync_to_async
def check_in(user, group, **fields):
    return record_checkin(user, group, checkin_values(**fields), uuid.uuid4())


async def test_a_shared_check_in_appears_live_in_the_room_with_its_scores(
    open_socket, alice, bob, dana, charlie, evening
):
    alice_socket = await open_socket(alice)
    bob_socket = await open_socket(bob)
    dana_socket = await open_socket(dana)
    charlie_socket = await open_socket(charlie, "weekend")

    checkin = await check_in(alice, evening, mood=4, shared=True, note="private part")

    for socket in (alice_socket, bob_socket, dana_socket):
        message = (await socket.receive_type("message", skip={"checkin"}))["message"]
        assert message["id"] == checkin.message_id
        assert message["kind"] == "checkin"
        assert message["author"]["id"] == alice.id
        assert message["client_id"] is None
        assert message["data"] == {
            "checkin_id": checkin.pk,
            "kind": "daily",
            "mood": 4,
            "mood_label": "Good",
            "anxiety": 4,
            "craving": 2,
            "sleep_hours": 7.5,
            "self_care": ["exercise", "people"],
            "wants_support": False,
            "note": None,
        }
        assert "private part" not in message["body"]
    frame = await dana_socket.receive_type("checkin", skip={"message"})
    assert frame["event"] == "created"
    assert frame["checkin"]["id"] == checkin.pk
    assert frame["checkin"]["user"]["id"] == alice.id
    assert "note" not in frame["checkin"]
    await charlie_socket.nothing_but_presence()
    await bob_socket.nothing_but_presence()  # no `checkin` frame for participants

    # Peers react to it like any message.
    await bob_socket.send(
        {"type": "react", "message_id": checkin.message_id, "emoji": "heart", "on": True}
    )
    updated = (await alice_socket.receive_type("message.updated"))["message"]
    assert updated["reactions"] == {"heart": 1}


async def test_a_private_check_in_reaches_only_the_therapists(
    open_socket, alice, bob, dana, evening
):
    bob_socket = await open_socket(bob)
    dana_socket = await open_socket(dana)

    checkin = await check_in(alice, evening, mood=2, note="just for dana")

    frame = await dana_socket.receive_type("checkin")
    assert (frame["event"], frame["checkin"]["id"], frame["checkin"]["shared"]) == (
        "created",
        checkin.pk,
        False,
    )
    await bob_socket.nothing_but_presence()
    # Not in the room's record either: bob's history has nothing from alice.
    await bob_socket.send({"type": "history", "before": None, "limit": 100})
    assert (await bob_socket.receive_type("history"))["messages"] == []


async def test_support_alerts_reach_the_therapists_live_and_nobody_else(
    open_socket, alice, bob, dana, evening
):
    alice_socket = await open_socket(alice)
    bob_socket = await open_socket(bob)
    dana_socket = await open_socket(dana)

    await check_in(alice, evening, mood=1, wants_support=True)

    alerts = [
        (await dana_socket.receive_type("alert", skip={"checkin"}))["alert"] for _ in range(2)
    ]
    assert {a["reason"] for a in alerts} == {"asked_for_support", "mood_low"}
    for alert in alerts:
        assert (alert["kind"], alert["message_id"], alert["user"]["id"]) == (
            "support",
            None,
            alice.id,
        )
    await alice_socket.nothing_but_presence()
    await bob_socket.nothing_but_presence()


async def test_editing_and_deleting_a_shared_check_in_updates_the_room_live(
    open_socket, alice, bob, evening
):
    checkin = await check_in(alice, evening, mood=2, shared=True)
    bob_socket = await open_socket(bob)

    await database_sync_to_async(edit_checkin)(
        alice, checkin.pk, checkin_values(mood=4, shared=True)
    )
    updated = (await bob_socket.receive_type("message.updated"))["message"]
    assert (updated["id"], updated["data"]["mood"]) == (checkin.message_id, 4)

    await database_sync_to_async(delete_checkin)(alice, checkin.pk)
    withdrawn = (await bob_socket.receive_type("message.updated"))["message"]
    assert withdrawn["id"] == checkin.message_id
    assert withdrawn["data"] == {"checkin_id": checkin.pk, "withdrawn": True}
