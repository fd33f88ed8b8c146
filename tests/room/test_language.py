"""The room's socket speaks the person's language in what the server writes for them: error
details (the sessions' too) and crisis resources. Frame `code`s never change."""

import datetime as dt
import uuid

from channels.db import database_sync_to_async
from django.utils import timezone

from groupspace.accounts.models import User
from groupspace.room.posting import post_message
from sessions_app.models import Session
from tests.conftest import session_cookie

from .conftest import Socket
from .test_messages import send_frame
from .test_safety import CRISIS_PHRASE


async def choose_language(user, language: str) -> None:
    await database_sync_to_async(User.objects.filter(pk=user.pk).update)(language=language)


async def test_errors_come_in_the_language_chosen_in_the_profile(open_socket, alice, bob):
    await choose_language(alice, "es")
    spanish = await open_socket(alice)
    english = await open_socket(bob)
    for socket in (spanish, english):
        await socket.send(send_frame("   "))
    error = await spanish.receive_type("error")
    assert (error["code"], error["detail"]) == ("empty", "El mensaje está vacío.")
    error = await english.receive_type("error")
    assert (error["code"], error["detail"]) == ("empty", "The message is empty.")


async def test_without_a_choice_the_socket_follows_the_browser(websockets, bob):
    cookie = await database_sync_to_async(session_cookie)(bob)
    communicator = websockets(
        "/ws/groups/evening/",
        [
            (b"cookie", f"sessionid={cookie}".encode()),
            (b"origin", b"http://testserver"),
            (b"accept-language", b"es-MX,es;q=0.9"),
        ],
    )
    connected, _ = await communicator.connect()
    assert connected
    socket = Socket(communicator)
    assert (await socket.receive())["type"] == "hello"
    await socket.send({"type": "react", "message_id": 1, "emoji": "x", "on": True})
    error = await socket.receive_type("error")
    assert error["code"] == "invalid"
    assert error["detail"].startswith("emoji: usa uno de estos:")
    await communicator.disconnect()


async def test_crisis_resources_in_spanish_name_988s_spanish_line(open_socket, alice, dana):
    await choose_language(alice, "es")
    socket = await open_socket(alice)
    await socket.send(send_frame(CRISIS_PHRASE))
    crisis = await socket.receive_type("crisis", skip={"ack", "message"})
    assert [r["contact"] for r in crisis["resources"]] == ["988", "911"]
    lifeline = crisis["resources"][0]["name"]
    assert "988" in lifeline
    assert "oprime el 2" in lifeline  # call 988 and press 2 for Spanish
    assert "AYUDA" in lifeline  # text AYUDA to 988
    assert crisis["resources"][1]["name"] == "Servicios de emergencia"


async def test_the_sockets_sessions_refusals_come_in_its_language(
    open_socket, alice, dana, evening
):
    starts = timezone.now() - dt.timedelta(minutes=5)
    await database_sync_to_async(Session.objects.create)(
        group=evening, starts_at=starts, ends_at=starts + dt.timedelta(hours=3), prompts_only=True
    )
    chat, _ = await database_sync_to_async(post_message)(evening, alice, body="not a prompt")
    await choose_language(alice, "es")
    await choose_language(dana, "es")
    alice_socket = await open_socket(alice)
    await alice_socket.send({"type": "send", "client_id": str(uuid.uuid4()), "body": "hola"})
    error = await alice_socket.receive_type("error", skip={"message"})
    assert (error["code"], error["detail"]) == (
        "locked",
        "Durante la sesión, en la sala solo se puede responder a los ejercicios.",
    )
    dana_socket = await open_socket(dana)
    await dana_socket.send({"type": "pin", "message_id": chat.pk})
    error = await dana_socket.receive_type("error")
    assert (error["code"], error["detail"]) == (
        "invalid",
        "message_id: solo se puede fijar un ejercicio.",
    )
    await dana_socket.send({"type": "pin", "message_id": 10**9})
    error = await dana_socket.receive_type("error")
    assert (error["code"], error["detail"]) == ("not_found", "Ese mensaje no está en esta sala.")
