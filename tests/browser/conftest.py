"""A real GroupSpace server (daphne in a subprocess) and Debian's Chromium driven by Playwright.

Each test module gets its own server with its own copy of a SQLite file seeded once per run
with `seed_demo`, and an in-memory channel layer; these tests never touch the Django test
database or this process's channel layer. One Chromium serves the whole package.
"""

import os
import shutil
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.ports import free_port

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
DEMO_PASSWORD = "groupspace-demo"
SERVER_START_TIMEOUT = 30.0


@pytest.fixture(autouse=True)
def fresh_channel_layer():
    """Overrides tests/conftest.py's async fixture of the same name with a no-op.

    The browser tests talk to a server in another process, so this process's channel layer is
    irrelevant. And the async original cannot run here: Playwright's sync API leaves its own
    loop marked as running in this thread, so pytest-asyncio fails to run that fixture
    ("Runner.run() cannot be called from a running event loop").
    """
    yield


def _server_env(database: Path) -> dict[str, str]:
    env = {**os.environ, "SQLITE_PATH": str(database), "DEBUG": "1"}
    for name in ("DATABASE_URL", "REDIS_URL", "DJANGO_SETTINGS_MODULE"):
        env.pop(name, None)
    env["PYTHONUNBUFFERED"] = "1"
    return env


def _manage(env: dict[str, str], *args: str) -> None:
    result = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    if result.returncode != 0:
        pytest.fail(
            f"manage.py {' '.join(args)} failed ({result.returncode}):\n"
            f"{result.stdout}\n{result.stderr}"
        )


def _answers_http(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=2):  # noqa: S310 (our own http://127.0.0.1)
            return True
    except urllib.error.HTTPError:
        return True  # any HTTP answer means the server is up
    except OSError:
        return False


@pytest.fixture(scope="session")
def seeded_database(tmp_path_factory) -> Path:
    """Migrate and seed one SQLite database for the whole run; each module serves a copy."""
    database = tmp_path_factory.mktemp("groupspace-browser-seed") / "db.sqlite3"
    env = _server_env(database)
    _manage(env, "migrate", "--noinput")
    _manage(env, "seed_demo")
    return database


@pytest.fixture(scope="module")
def server_url(seeded_database, tmp_path_factory) -> Iterator[str]:
    """A fresh copy of the seeded database served by daphne on 127.0.0.1, one per test module.

    One per module, not one per run: modules lock the room, switch it to pre-moderation, mute
    people or log them out, and each module starts from the same seeded state whatever ran
    before it. Copying the seeded file makes that cheap (daphne starts in about a second).
    """
    tmp = tmp_path_factory.mktemp("groupspace-browser-server")
    database = tmp / "db.sqlite3"
    shutil.copyfile(seeded_database, database)
    env = _server_env(database)
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    log_path = tmp / "server.log"
    with log_path.open("wb") as log:
        server = subprocess.Popen(
            [sys.executable, "-m", "daphne", "-b", "127.0.0.1", "-p", str(port)]
            + ["groupspace.asgi:application"],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    try:
        deadline = time.monotonic() + SERVER_START_TIMEOUT
        while not _answers_http(f"{url}/accounts/login/"):
            if server.poll() is not None or time.monotonic() > deadline:
                output = log_path.read_text(errors="replace")
                state = (
                    f"exited with {server.returncode}"
                    if server.poll() is not None
                    else f"did not answer within {SERVER_START_TIMEOUT:.0f} s"
                )
                pytest.fail(f"daphne {state}. Its output:\n{output}")
            time.sleep(0.1)
        yield url
    finally:
        server.terminate()
        try:
            # Daphne waits up to 10 s for a request still in flight (a service worker's
            # update check, say); this server's data is thrown away, so it need not.
            server.wait(timeout=1.5)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait(timeout=10)


@pytest.fixture(scope="package")
def chromium():
    """Debian's Chromium, headless (Playwright cannot download its own browser here).

    Package-scoped, not session-scoped, on purpose: while Playwright's sync API is alive it
    keeps its own event loop marked as running in this thread, so every pytest-asyncio
    fixture or test that runs later in the same session would fail ("Runner.run() cannot be
    called from a running event loop"). pytest-django moves tests without a database to the
    end of the run, so tests outside this folder do run after these ones; scoped to this
    package, Playwright stops as soon as the last browser test is done.
    """
    if not CHROMIUM.exists():
        pytest.fail(
            f"{CHROMIUM} is missing: the browser tests need Debian's Chromium. "
            "Run `make browser` (or `make test`, which installs it)."
        )
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        try:
            yield browser
        finally:
            browser.close()


@pytest.fixture
def phone(chromium, server_url):
    """Opens a fresh phone-sized browser context per call; all are closed after the test.
    `cookies` puts an existing login on the new phone."""
    contexts = []

    def open_phone(cookies: list | None = None):
        context = chromium.new_context(
            base_url=server_url, viewport={"width": 390, "height": 844}, is_mobile=True
        )
        context.set_default_timeout(10_000)
        if cookies:
            context.add_cookies(cookies)
        contexts.append(context)
        return context.new_page()

    yield open_phone
    for context in contexts:
        context.close()


def log_in(page, email: str) -> None:
    """Log a demo user in through the real login form."""
    page.goto("/accounts/login/")
    page.fill("input[name=login]", email)
    page.fill("input[name=password]", DEMO_PASSWORD)
    page.click("form.stacked-form button[type=submit]")
    page.wait_for_url(lambda url: "/accounts/login/" not in url)


def open_room(page, slug: str = "evening-recovery") -> None:
    """Open a room and wait until its socket is connected."""
    from playwright.sync_api import expect

    page.goto(f"/groups/{slug}/")
    expect(page.locator("#connection-status")).to_have_text("Connected")
    expect(page.locator("#room")).to_have_attribute("data-connection", "online")


@pytest.fixture(scope="module")
def logins() -> dict[str, list]:
    """Session cookies per demo user, for this module's server."""
    return {}


@pytest.fixture
def room_as(phone, logins):
    """A demo user on a phone of their own, in a room (evening-recovery).

    The first time in a module the user logs in through the real login form; later phones of
    the same user in that module get the same login's cookie (and nothing else of the first
    phone: no storage, no service worker), which saves a login round trip per page. A test
    that logs out uses `phone` and `log_in` for a login of its own.
    """

    def enter(email: str, slug: str = "evening-recovery"):
        page = phone(logins.get(email))
        if email not in logins:
            log_in(page, email)
            logins[email] = page.context.cookies()
        open_room(page, slug)
        return page

    return enter
