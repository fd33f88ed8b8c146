"""The installable app in a real browser: the manifest and the service worker; the room opening
offline with its last messages and an honest offline state; messages written offline queued and
sent once on reconnect; and nothing left on the device after logging out."""

import json
import time

import pytest
from playwright.sync_api import Page, expect

from .a11y import COLOUR_RULES, axe_violations, vnu_errors
from .conftest import log_in, open_room
from .test_room_live import ROOM, message_ids, say, stored_bodies, unique

pytestmark = pytest.mark.browser

OFFLINE_TEXT = "Offline: messages will be sent when you reconnect."
ROOMS_CACHE = "groupspace-rooms"


def eventually(page: Page, script: str, arg=None, timeout: float = 10.0) -> None:
    """Evaluate an async function in the page until it returns true. (page.wait_for_function
    does not await a promise: an async predicate would pass at once.)"""
    deadline = time.monotonic() + timeout
    while not page.evaluate(script, arg):
        assert time.monotonic() < deadline, f"still false after {timeout} s: {script}"
        page.wait_for_timeout(100)


def kept_offline(page: Page, *bodies: str) -> None:
    """Wait until this device keeps the open room for offline use: the service worker controls
    the page and holds a copy of it, and the page saved its last messages (with `bodies`)."""
    eventually(
        page,
        """async ([cacheName, bodies]) => {
            if (!navigator.serviceWorker.controller || !(await caches.has(cacheName))) return false;
            const cache = await caches.open(cacheName);
            if (!(await cache.match(location.origin + location.pathname))) return false;
            const saved = Object.keys(localStorage).filter((k) => k.startsWith("groupspace:room:"));
            if (saved.length !== 1) return false;
            const kept = JSON.parse(localStorage.getItem(saved[0])).messages.map((m) => m.body);
            return bodies.every((body) => kept.includes(body));
        }""",
        [ROOMS_CACHE, list(bodies)],
    )


SAVED_OUTBOX = """() => Object.keys(localStorage)
    .filter((k) => k.startsWith("groupspace:room:"))
    .flatMap((k) => JSON.parse(localStorage.getItem(k)).outbox)"""


def saved_outbox(page: Page, count: int) -> list[dict]:
    """The unsent messages the room saved on the device, once there are `count` of them."""
    page.wait_for_function(f"(count) => ({SAVED_OUTBOX})().length === count", arg=count)
    return page.evaluate(SAVED_OUTBOX)


def bodies_in_order(page: Page, marker: str) -> list[str]:
    """The stored (acknowledged) message bodies containing `marker`, in the list's order."""
    return page.locator("#messages li[id^='m-'] .message-body").evaluate_all(
        "(items, marker) => items.map((p) => p.textContent).filter((t) => t.includes(marker))",
        marker,
    )


def no_accessibility_problems(page: Page) -> list[str]:
    """axe's WCAG 2.2 AA violations on the page as it is, in the light and the dark theme."""
    found = axe_violations(page)
    page.emulate_media(color_scheme="dark")
    found += [f"dark: {v}" for v in axe_violations(page, COLOUR_RULES)]
    page.emulate_media(color_scheme="light")
    return found


def go_offline(page: Page) -> None:
    """The browser context loses its network. Chromium's offline emulation fires `offline` and
    blocks new connections but leaves an open WebSocket working, so the test relies on the
    room's own handler for that event (RoomConnection.dropOffline), which gives the socket up:
    the page must then say it is offline."""
    page.context.set_offline(True)
    expect(page.locator("#room")).to_have_attribute("data-connection", "offline")
    expect(page.locator("#connection-status")).to_have_text(OFFLINE_TEXT)


def test_the_app_installs_manifest_icons_and_service_worker(room_as, server_url):
    alex = room_as("alex@demo.test")
    scope = alex.evaluate("navigator.serviceWorker.ready.then((r) => r.scope)")
    assert scope == f"{server_url}/"

    manifest = alex.evaluate(
        """async () => {
            const response = await fetch(document.querySelector("link[rel=manifest]").href);
            return { type: response.headers.get("content-type"), body: await response.json() };
        }"""
    )
    assert manifest["type"] == "application/manifest+json"
    assert manifest["body"]["display"] == "standalone"
    for icon in manifest["body"]["icons"]:
        answer = alex.evaluate(
            "(src) => fetch(src).then((r) => [r.status, r.headers.get('content-type')])",
            icon["src"],
        )
        assert answer == [200, icon["type"]], icon
    # Chromium's own parse of the manifest, as its install prompt sees it: no errors.
    cdp = alex.context.new_cdp_session(alex)
    parsed = cdp.send("Page.getAppManifest")
    assert parsed["errors"] == [], parsed["errors"]
    assert parsed["url"] == f"{server_url}/manifest.webmanifest"
    # And its installability check (manifest fields, icons, the worker), which lists every
    # problem it finds; a Playwright context is always off the record, the one error allowed.
    problems = cdp.send("Page.getInstallabilityErrors")["installabilityErrors"]
    assert [p["errorId"] for p in problems if p["errorId"] != "in-incognito"] == []

    # The shell is cached, and so is this room page, with its messages.
    kept_offline(alex)
    caches = alex.evaluate("caches.keys()")
    assert ROOMS_CACHE in caches
    assert any(name.startswith("groupspace-shell-") for name in caches)
    # On a phone where the room is the very first page (the login's cookie, nothing else), the
    # worker starts only after the page loaded; the page asks it to keep the room all the same.
    first_page = room_as("alex@demo.test")
    kept_offline(first_page)


def test_the_room_opens_offline_with_its_last_messages_and_queues_what_is_written(room_as):
    alex = room_as("alex@demo.test")
    blake = room_as("blake@demo.test")
    tag = unique("#")
    earlier = f"Before the tunnel {tag}"
    say(blake, earlier)
    expect(stored_bodies(alex, earlier)).to_have_count(1)
    kept_offline(alex, earlier)

    # The phone loses its network and the room is opened again: from the device, honestly.
    go_offline(alex)
    alex.reload()
    expect(alex.locator("#connection-status")).to_have_text(OFFLINE_TEXT)
    expect(alex.locator("#room")).to_have_attribute("data-connection", "offline")
    expect(alex.locator("#connection-status")).to_be_visible()
    expect(stored_bodies(alex, earlier)).to_have_count(1)
    expect(alex.locator("#messages .message-body").filter(has_text="Day 12 today")).to_have_count(1)
    assert alex.evaluate("() => document.documentElement.scrollWidth") <= 390
    # The script words loaded (the catalogue is a script of its own), and the worker keeps
    # them: the browser's HTTP cache alone would drop them an hour later.
    assert alex.evaluate("() => typeof globalThis.django?.gettext") == "function"
    assert alex.evaluate("async () => (await caches.match('/jsi18n/en/'))?.status") == 200

    # Written offline: shown as sending, kept on the device, still there after a reload.
    queued = f"Typed in the tunnel {tag}"
    say(alex, queued)
    sending = alex.locator("#messages li.sending").filter(has_text=queued)
    expect(sending).to_have_count(1)
    expect(sending).to_contain_text("Sending…")
    [frame] = saved_outbox(alex, 1)
    assert frame["body"] == queued
    # The offline state is as accessible as the rest (tests/browser/test_accessibility.py
    # checks pages online, where this state never shows).
    assert no_accessibility_problems(alex) == []
    documents = {"room offline, a message waiting": alex.content()}
    alex.reload()
    expect(alex.locator("#messages li.sending").filter(has_text=queued)).to_have_count(1)
    assert saved_outbox(alex, 1) == [frame]

    # Other pages are not kept: the offline page, which leads back to the room.
    alex.goto("/me/checkins/")
    expect(alex.get_by_role("heading", level=1)).to_have_text("You're offline")
    expect(alex.get_by_role("link", name="988")).to_have_attribute("href", "tel:988")
    expect(alex.get_by_role("link", name="Evening Recovery IOP")).to_be_visible()
    assert no_accessibility_problems(alex) == []
    documents["offline page, with a room to open"] = alex.content()
    alex.get_by_role("link", name="Evening Recovery IOP").click()
    expect(alex.locator("#connection-status")).to_have_text(OFFLINE_TEXT)
    expect(alex.locator("#messages li.sending").filter(has_text=queued)).to_have_count(1)

    # Meanwhile blake writes; then alex's phone is back online.
    meanwhile = f"Are you there {tag}"
    say(blake, meanwhile)
    alex.context.set_offline(False)
    expect(alex.locator("#connection-status")).to_have_text("Connected")
    for page in (alex, blake):
        expect(stored_bodies(page, queued)).to_have_count(1)
        expect(stored_bodies(page, meanwhile)).to_have_count(1)
        assert bodies_in_order(page, tag) == [earlier, meanwhile, queued]
    expect(alex.locator("#messages li.sending")).to_have_count(0)
    saved_outbox(alex, 0)
    assert not vnu_errors(documents)


def test_a_dropped_connection_loses_nothing_and_shows_everything_once_in_order(room_as):
    """The issue's flow: two people in the room, one loses the network, the other keeps
    writing, the first writes while offline, then comes back."""
    alex = room_as("alex@demo.test")
    blake = room_as("blake@demo.test")
    sent_frames: list[dict] = []
    acks: list[dict] = []

    def watch(socket):
        socket.on("framesent", lambda payload: sent_frames.append(json.loads(payload)))
        socket.on(
            "framereceived",
            lambda payload: (
                acks.append(json.loads(payload))
                if '"type": "ack"' in payload or '"type":"ack"' in payload
                else None
            ),
        )

    alex.on("websocket", watch)
    tag = unique("#")
    before = f"Before it dropped {tag}"
    say(alex, before)
    expect(stored_bodies(blake, before)).to_have_count(1)
    # Acknowledged to alex too, so that only what is written offline waits below.
    expect(stored_bodies(alex, before)).to_have_count(1)
    expect(alex.locator("#messages li.sending")).to_have_count(0)

    go_offline(alex)
    peer = [f"Blake keeps writing {n} {tag}" for n in (1, 2)]
    for text in peer:
        say(blake, text)
    queued = [f"Alex writes offline {n} {tag}" for n in (1, 2)]
    for text in queued:
        say(alex, text)
    expect(alex.locator("#messages li.sending")).to_have_count(2)
    outbox = saved_outbox(alex, 2)
    assert [frame["body"] for frame in outbox] == queued
    client_ids = [frame["client_id"] for frame in outbox]
    last = f"Blake once more {tag}"
    say(blake, last)
    expect(stored_bodies(blake, last)).to_have_count(1)
    assert not any(f.get("type") == "send" and f.get("body") in queued for f in sent_frames)

    alex.context.set_offline(False)
    expected = [before, *peer, last, *queued]
    for page in (alex, blake):
        expect(stored_bodies(page, queued[-1])).to_have_count(1)
        expect(page.locator("#messages li.sending")).to_have_count(0)
        assert bodies_in_order(page, tag) == expected
        ids = message_ids(page)
        assert len(ids) == len(set(ids)), "a message shows twice"
    # The queued messages went out once each, after the reconnect, with their client_id.
    sends = [f for f in sent_frames if f.get("type") == "send" and f["body"] in queued]
    assert [f["client_id"] for f in sends] == client_ids
    assert {a["client_id"] for a in acks if a["message"]["body"] in queued} == set(client_ids)
    saved_outbox(alex, 0)

    # And the server stored each exactly once: fresh pages load the same list from history.
    for page in (alex, blake):
        page.reload()
        expect(page.locator("#connection-status")).to_have_text("Connected")
        expect(stored_bodies(page, queued[-1])).to_have_count(1)
        assert bodies_in_order(page, tag) == expected


def test_logging_out_leaves_nothing_of_the_room_on_the_device(phone):
    alex = phone()
    log_in(alex, "alex@demo.test")
    open_room(alex, ROOM)
    kept_offline(alex, "That's huge, Alex. The walk thing works for me too.")

    alex.get_by_role("button", name="Log out").click()
    alex.wait_for_url("**/accounts/login/**")
    assert alex.evaluate("() => Object.keys(localStorage)") == []
    eventually(alex, "async (name) => !(await caches.has(name))", ROOMS_CACHE)

    # The login page registered a fresh worker (Clear-Site-Data removed the old one). Offline,
    # the room's address gets the offline page: no room, none of its messages, no link to it.
    eventually(alex, "() => navigator.serviceWorker.ready.then(() => true)")
    alex.reload()  # now controlled by the new worker
    alex.context.set_offline(True)
    alex.goto(f"/groups/{ROOM}/")
    expect(alex.get_by_role("heading", level=1)).to_have_text("You're offline")
    expect(alex.locator("#offline-rooms li")).to_have_count(0)
    expect(alex.locator("#offline-rooms-section")).to_be_hidden()
    assert alex.locator("#messages").count() == 0
    assert "Day 12 today" not in alex.content()
