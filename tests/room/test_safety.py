"""Reports, crisis language and alerts, and the posting rate limit across sockets."""

import asyncio
import time

from channels.db import database_sync_to_async
from django.test import override_settings

from groupspace.accounts.models import User
from groupspace.audit.models import AuditEntry
from groupspace.moderation.models import Alert, Report
from groupspace.room.models import Message
from groupspace.room.ratelimit import WINDOW_SECONDS

from .test_errors import expect_error
from .test_messages import post, send_frame

CRISIS_PHRASE = "I don't want to be here anymore, I keep thinking of ending it"
SPANISH_CRISIS_PHRASE = "ya no quiero vivir, me quiero morir"


async def test_any_member_can_flag_and_therapists_get_an_alert(
    open_socket, alice, bob, dana, evening
):
    message_id = await post(evening, bob, "something off")
    alice_socket = await open_socket(alice)
    dana_socket = await open_socket(dana)
    bob_socket = await open_socket(bob)

    await alice_socket.send({"type": "flag", "message_id": message_id, "reason": "unkind"})
    assert await alice_socket.receive_type("flagged") == {
        "type": "flagged",
        "message_id": message_id,
    }
    alert = (await dana_socket.receive_type("alert"))["alert"]
    assert alert["kind"] == "flag"
    assert alert["message_id"] == message_id
    assert alert["user"]["id"] == alice.id
    assert alert["created_at"].endswith("Z")
    await bob_socket.nothing_but_presence()  # nobody but therapists hears of reports
    await alice_socket.nothing_but_presence()

    # The same member reporting again is one report and no new alert.
    await alice_socket.send({"type": "flag", "message_id": message_id, "reason": "again"})
    await alice_socket.receive_type("flagged")
    assert await dana_socket.nothing()
    assert await database_sync_to_async(Report.objects.count)() == 1
    assert await database_sync_to_async(Alert.objects.filter(kind="flag").count)() == 1


async def test_flag_refusals(open_socket, alice, charlie, evening, weekend):
    other_room = await post(weekend, charlie, "weekend only")
    socket = await open_socket(alice)
    await expect_error(
        socket, {"type": "flag", "message_id": other_room, "reason": ""}, "not_found"
    )
    await expect_error(socket, {"type": "flag", "message_id": other_room}, "invalid", "reason")
    mine = await post(evening, alice, "mine")
    await socket.receive_type("message")
    await expect_error(
        socket, {"type": "flag", "message_id": mine, "reason": "x" * 501}, "too_long"
    )
    assert await database_sync_to_async(Report.objects.count)() == 0


@override_settings(CLINIC_PHONE="(602) 555-0100")
async def test_crisis_language_gets_the_writer_resources_and_therapists_an_alert(
    open_socket, alice, bob, dana, evening
):
    alice_socket = await open_socket(alice)
    bob_socket = await open_socket(bob)
    dana_socket = await open_socket(dana)
    await alice_socket.send(send_frame(CRISIS_PHRASE))

    ack = await alice_socket.receive_type("ack")
    crisis = await alice_socket.receive_type("crisis", skip={"message"})
    assert crisis["message_id"] == ack["message"]["id"]
    contacts = [r["contact"] for r in crisis["resources"]]
    assert contacts == ["988", "911", "(602) 555-0100"]
    alert = (await dana_socket.receive_type("alert", skip={"message"}))["alert"]
    assert (alert["kind"], alert["message_id"], alert["user"]["id"]) == (
        "crisis",
        ack["message"]["id"],
        alice.id,
    )
    # Not blocked, not hidden: the group still sees the message.
    message = (await bob_socket.receive_type("message"))["message"]
    assert message["body"] == CRISIS_PHRASE
    assert message["state"] == "visible"
    # Nobody else gets the crisis frame or the alert.
    await bob_socket.nothing_but_presence()


@override_settings(CLINIC_PHONE="(602) 555-0100")
async def test_crisis_language_in_spanish_gets_the_writer_spanish_resources_and_an_alert(
    open_socket, alice, bob, dana, evening
):
    await database_sync_to_async(User.objects.filter(pk=alice.pk).update)(language="es")
    alice_socket = await open_socket(alice)
    bob_socket = await open_socket(bob)
    dana_socket = await open_socket(dana)
    await alice_socket.send(send_frame(SPANISH_CRISIS_PHRASE))

    ack = await alice_socket.receive_type("ack")
    crisis = await alice_socket.receive_type("crisis", skip={"message"})
    assert crisis["message_id"] == ack["message"]["id"]
    assert [r["contact"] for r in crisis["resources"]] == ["988", "911", "(602) 555-0100"]
    assert "oprime el 2" in crisis["resources"][0]["name"]  # 988's Spanish line
    alert = (await dana_socket.receive_type("alert", skip={"message"}))["alert"]
    assert (alert["kind"], alert["message_id"], alert["user"]["id"]) == (
        "crisis",
        ack["message"]["id"],
        alice.id,
    )
    message = (await bob_socket.receive_type("message"))["message"]
    assert (message["body"], message["state"]) == (SPANISH_CRISIS_PHRASE, "visible")
    await bob_socket.nothing_but_presence()


async def test_ordinary_and_idiomatic_messages_raise_nothing(open_socket, alice, dana):
    alice_socket = await open_socket(alice)
    dana_socket = await open_socket(dana)
    for body in (
        "this homework is killing me",
        "I killed it at work today",
        "me muero de risa",
        "me corté el pelo",
        "nunca me haría daño",
    ):
        await alice_socket.send(send_frame(body))
        await alice_socket.receive_type("ack")
        await alice_socket.receive_type("message")
    await dana_socket.send({"type": "ping"})
    frames = []
    while True:
        frame = await dana_socket.receive()
        if frame["type"] == "pong":
            break
        frames.append(frame["type"])
    await alice_socket.nothing_but_presence()
    assert "alert" not in frames
    assert await database_sync_to_async(Alert.objects.count)() == 0


async def test_therapist_messages_about_crisis_resources_raise_no_alert(open_socket, dana):
    socket = await open_socket(dana)
    await socket.send(send_frame("If you ever feel like you want to kill yourself, call 988."))
    await socket.receive_type("ack")
    assert await database_sync_to_async(Alert.objects.count)() == 0


async def test_posting_rate_limit_holds_across_a_members_sockets(open_socket, alice, evening):
    first = await open_socket(alice)
    second = await open_socket(alice)
    # The limit counts per fixed 10-s window: start the twelve sends early in one, so they
    # cannot straddle two (which would rightly allow all of them).
    into_window = time.time() % WINDOW_SECONDS
    if into_window > WINDOW_SECONDS / 2:
        await asyncio.sleep(WINDOW_SECONDS - into_window + 0.05)
    codes = []
    for n in range(12):
        socket = first if n % 2 else second
        await socket.send(send_frame(f"message {n}"))
        while True:
            frame = await socket.receive()
            if frame["type"] in {"ack", "error"}:
                break
        codes.append(frame.get("code", "ack"))
    assert codes[:10] == ["ack"] * 10
    assert codes[10:] == ["rate_limited", "rate_limited"]
    assert await database_sync_to_async(Message.objects.count)() == 10


async def test_participant_must_accept_the_agreement_before_posting(open_socket, alice):
    from groupspace.groups.models import Membership

    await database_sync_to_async(Membership.objects.filter(user=alice).update)(
        agreement_accepted_at=None
    )
    socket = await open_socket(alice)
    error = await expect_error(socket, send_frame("hi"), "forbidden")
    assert "agreement" in error["detail"]


async def test_reports_and_alerts_are_resolved_with_an_audit_trail(
    open_socket, alice, bob, dana, evening
):
    message_id = await post(evening, bob, "needs a look")
    alice_socket = await open_socket(alice)
    await alice_socket.send({"type": "flag", "message_id": message_id, "reason": "rude"})
    await alice_socket.receive_type("flagged")
    dana_socket = await open_socket(dana)
    await dana_socket.send({"type": "remove", "message_id": message_id, "reason": "rude"})
    await dana_socket.receive_type("message.updated")
    report = await database_sync_to_async(Report.objects.get)()
    assert report.status == "actioned"
    actions = await database_sync_to_async(
        lambda: list(AuditEntry.objects.values_list("action", flat=True))
    )()
    assert actions == ["message.remove"]


async def no_alert_yet(dana_socket) -> None:
    """Nothing but presence and messages before a ping's answer, and no alert stored."""
    await dana_socket.send({"type": "ping"})
    while (frame := await dana_socket.receive())["type"] != "pong":
        assert frame["type"] in {"presence", "message", "typing"}, frame
    assert await database_sync_to_async(Alert.objects.count)() == 0


async def test_a_crisis_no_rule_knows_is_caught_by_the_learned_model(open_socket, alice, dana):
    """Said without any of the rules' words: the learned second opinion raises it."""
    alice_socket = await open_socket(alice)
    dana_socket = await open_socket(dana)
    body = "would be so much easier if a truck just hit me on the way home"
    await alice_socket.send(send_frame(body))
    ack = await alice_socket.receive_type("ack")
    crisis = await alice_socket.receive_type("crisis", skip={"message"})
    assert crisis["message_id"] == ack["message"]["id"]
    alert = (await dana_socket.receive_type("alert", skip={"message"}))["alert"]
    assert (alert["kind"], alert["message_id"]) == ("crisis", ack["message"]["id"])


# Phrases that may score as near-misses; which ones do depends on the trained model, so the
# test picks two that the committed model scores so (and fails if it finds fewer).
NEAR_MISS_CANDIDATES = [
    "I cannot do this much longer",
    "I know what I have to do now",
    "I am so tired of all of it",
    "I feel like such a burden to all of you",
    "so this is it then",
    "tonight is the night for real",
    "I am done fighting this",
    "this is the last time you hear me complain",
    "everything feels so heavy tonight",
    "I really cannot keep doing this",
    "it is all set for tonight then",
    "nobody needs to worry about me anymore",
    "I think I finally made up my mind",
    "I just want some peace and quiet for good",
]


def two_near_misses() -> list[str]:
    from groupspace.moderation.crisis import detect_crisis
    from groupspace.moderation.learned import model

    found = [
        text
        for text in NEAR_MISS_CANDIDATES
        if model().borderline(text) and detect_crisis(text) is None
    ]
    assert len(found) >= 2, "no two candidates are near-misses for this model: add some"
    return found[:2]


async def test_two_near_misses_in_a_row_are_a_crisis(open_socket, alice, bob, dana):
    """Neither message is a crisis alone; the second, after the first, is."""
    first, second = two_near_misses()
    bob_socket = await open_socket(bob)
    dana_socket = await open_socket(dana)
    # The words alone, from someone who said nothing before, stay a near-miss.
    await bob_socket.send(send_frame(second))
    await bob_socket.receive_type("ack")
    await no_alert_yet(dana_socket)
    alice_socket = await open_socket(alice)
    await alice_socket.send(send_frame(first))
    await alice_socket.receive_type("ack", skip={"message"})
    await no_alert_yet(dana_socket)
    await alice_socket.send(send_frame(second))
    ack = await alice_socket.receive_type("ack", skip={"message"})
    await alice_socket.receive_type("crisis", skip={"message"})
    alert = (await dana_socket.receive_type("alert", skip={"message"}))["alert"]
    assert (alert["kind"], alert["message_id"]) == ("crisis", ack["message"]["id"])


@override_settings(CLINIC_PHONE="(602) 555-0100")
async def test_relapse_risk_gets_the_writer_a_kind_line_and_therapists_a_support_alert(
    open_socket, alice, bob, dana, evening
):
    """About to use, in a substance-use group: not a crisis, but not a moment to be alone."""
    alice_socket = await open_socket(alice)
    bob_socket = await open_socket(bob)
    dana_socket = await open_socket(dana)
    await alice_socket.send(send_frame("have a pint in my purse, gonna drink it after work"))
    ack = await alice_socket.receive_type("ack")
    support = await alice_socket.receive_type("relapse_support", skip={"message"})
    assert support["message_id"] == ack["message"]["id"]
    assert [r["contact"] for r in support["resources"]] == ["(602) 555-0100", "1-800-662-4357"]
    alert = (await dana_socket.receive_type("alert", skip={"message"}))["alert"]
    assert (alert["kind"], alert["reason"], alert["message_id"]) == (
        "support",
        "relapse_risk",
        ack["message"]["id"],
    )
    await bob_socket.receive_type("message")
    await bob_socket.nothing_but_presence()  # the line is the writer's alone
    await alice_socket.nothing_but_presence()  # and no crisis panel


async def test_relapse_risk_is_read_only_where_it_is_treated(open_socket, charlie, erin, dana):
    """A mental-health group's room, a therapist's post, a negation: no support alert."""
    charlie_socket = await open_socket(charlie, "weekend")
    await charlie_socket.send(send_frame("about to use. im sorry guys"))
    await charlie_socket.receive_type("ack")
    await charlie_socket.receive_type("message")
    dana_socket = await open_socket(dana)
    await dana_socket.send(send_frame("If you are about to use tonight, call me first."))
    await dana_socket.receive_type("ack")
    await charlie_socket.nothing_but_presence()
    assert await database_sync_to_async(Alert.objects.count)() == 0


async def test_a_relapse_risk_guarded_by_its_own_words_raises_nothing(open_socket, alice, dana):
    alice_socket = await open_socket(alice)
    dana_socket = await open_socket(dana)
    for body in ("I am not going to drink tonight", "poured it out, I had a bottle of wine"):
        await alice_socket.send(send_frame(body))
        await alice_socket.receive_type("ack", skip={"message"})
    await no_alert_yet(dana_socket)
