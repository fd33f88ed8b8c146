"""The websocket's Origin check compares scheme, host and port with SITE_ORIGINS (security
review finding 3); with DEBUG the development hosts keep working on any port."""

import pytest


@pytest.fixture
def production_origins(settings):
    settings.SITE_ORIGINS = ["https://groupspace.example.org"]


async def connects(open_socket, user, origin) -> bool:
    socket = await open_socket(user, expect_hello=False, origin=origin)
    return socket.connected


async def test_the_sites_own_origin_connects(open_socket, alice, production_origins):
    assert await connects(open_socket, alice, b"https://groupspace.example.org")
    assert await connects(open_socket, alice, b"https://groupspace.example.org:443")


@pytest.mark.parametrize(
    "origin",
    [
        b"https://groupspace.example.org:8443",  # a wrong port
        b"http://groupspace.example.org",  # a wrong scheme
        b"https://groupspace.example.org.evil.test",  # a look-alike host
        b"https://evilgroupspace.example.org",
        b"https://localhost:9999",
        b"http://127.0.0.1:8311",
        b"null",
        None,  # no Origin at all
    ],
)
async def test_any_other_origin_is_refused_before_accept(
    open_socket, alice, production_origins, origin
):
    assert not await connects(open_socket, alice, origin)


async def test_development_hosts_connect_on_any_port_with_the_default_settings(open_socket, alice):
    assert await connects(open_socket, alice, b"http://localhost:8000")
    assert await connects(open_socket, alice, b"http://127.0.0.1:8311")
    assert not await connects(open_socket, alice, b"http://evil.example")
