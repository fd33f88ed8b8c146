"""The care team's second factor on the room's socket (security review finding 1): with the
rule on, as in production, a therapist or staff member without an authenticator app gets no
socket, and removing the last one closes the sockets they have open, on every process."""

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from channels.db import database_sync_to_async

from groupspace.room.consumer import CLOSE_SECOND_FACTOR_MISSING


@pytest.fixture(autouse=True)
def second_factor_required(settings):
    settings.MFA_REQUIRED_FOR_CARE_TEAM = True


@database_sync_to_async
def add_authenticator_app(user) -> None:
    TOTP.activate(user, generate_totp_secret())


async def close_code(open_socket, user) -> int:
    socket = await open_socket(user, expect_hello=False)
    assert socket.connected  # accepted, then closed before any frame
    return await socket.close_code()


async def test_a_therapist_without_a_second_factor_gets_no_socket(open_socket, dana):
    assert await close_code(open_socket, dana) == CLOSE_SECOND_FACTOR_MISSING == 4428


async def test_staff_without_a_second_factor_gets_no_socket(open_socket, sam, evening):
    assert await close_code(open_socket, sam) == 4428


async def test_recovery_codes_alone_are_not_a_second_factor(open_socket, dana):
    await database_sync_to_async(RecoveryCodes.activate)(dana)
    assert await close_code(open_socket, dana) == 4428


async def test_with_an_authenticator_app_the_therapist_gets_in(open_socket, dana):
    await add_authenticator_app(dana)
    socket = await open_socket(dana)
    assert socket.hello["me"]["role"] == "therapist"


async def test_participants_need_no_second_factor(open_socket, alice):
    socket = await open_socket(alice)
    assert socket.hello["me"]["role"] == "participant"


async def test_removing_the_last_authenticator_app_closes_open_sockets(open_socket, alice, dana):
    await add_authenticator_app(dana)
    dana_socket = await open_socket(dana)
    alice_socket = await open_socket(alice)
    await database_sync_to_async(Authenticator.objects.filter(user=dana).delete)()
    assert await dana_socket.close_code() == 4428
    await alice_socket.nothing_but_presence()  # a participant's socket stays


async def test_removing_recovery_codes_while_the_app_stays_closes_nothing(open_socket, dana):
    await add_authenticator_app(dana)
    await database_sync_to_async(RecoveryCodes.activate)(dana)
    dana_socket = await open_socket(dana)
    await database_sync_to_async(
        Authenticator.objects.filter(user=dana, type=Authenticator.Type.RECOVERY_CODES).delete
    )()
    await dana_socket.nothing_but_presence()
    await dana_socket.send({"type": "ping"})
    assert (await dana_socket.receive_type("pong"))["type"] == "pong"
