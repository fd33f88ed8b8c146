"""A real GroupSpace server (daphne in a subprocess) and Debian's Chromium driven by Playwright.

The server has its own SQLite file and in-memory channel layer, seeded with `seed_demo`; these
tests never touch the Django test database or this process's channel layer.
"""

import json
import os
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
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


@pytest.fixture(autouse=True)
def no_task_left_behind():
    """Overrides tests/conftest.py's async check with a no-op, for the same reason: no test
    here runs on an event loop of pytest-asyncio's."""
    yield


def _server_env(tmp: Path) -> dict[str, str]:
    env = {**os.environ, "SQLITE_PATH": str(tmp / "db.sqlite3"), "DEBUG": "1"}
    for name in ("DATABASE_URL", "REDIS_URL", "DJANGO_SETTINGS_MODULE"):
        env.pop(name, None)
    env["PYTHONUNBUFFERED"] = "1"
    return env


def _manage(env: dict[str, str], *args: str) -> str:
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
    return result.stdout


def _answers_http(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=2):  # noqa: S310 (our own http://127.0.0.1)
            return True
    except urllib.error.HTTPError:
        return True  # any HTTP answer means the server is up
    except OSError:
        return False


@dataclass(frozen=True)
class Server:
    url: str
    env: dict[str, str]

    def manage(self, *args: str) -> str:
        """Run a management command against the server's own database; returns its stdout."""
        return _manage(self.env, *args)


@pytest.fixture(scope="session")
def server_url(server) -> str:
    return server.url


@pytest.fixture(scope="session")
def scenes(server) -> dict:
    """The states of tests/browser/scenes.py, built once in the server's database."""
    out = server.manage("shell", "-c", "from tests.browser.scenes import main; main()")
    return json.loads(out.strip().splitlines()[-1])


@pytest.fixture(scope="session")
def server() -> Iterator[Server]:
    """Migrate and seed a fresh SQLite database, then serve it with daphne on 127.0.0.1."""
    with tempfile.TemporaryDirectory(prefix="groupspace-browser-") as tmp_name:
        tmp = Path(tmp_name)
        env = _server_env(tmp)
        _manage(env, "migrate", "--noinput")
        _manage(env, "seed_demo")

        port = free_port()
        url = f"http://127.0.0.1:{port}"
        log_path = tmp / "server.log"
        with log_path.open("wb") as log:
            server = subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "daphne",
                    "-b",
                    "127.0.0.1",
                    "-p",
                    str(port),
                    "groupspace.asgi:application",
                ],
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
            yield Server(url=url, env=env)
        finally:
            server.terminate()
            try:
                server.wait(timeout=10)
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
    """Opens a fresh phone-sized browser context per call; all are closed after the test."""
    contexts = []

    def open_phone():
        context = chromium.new_context(
            base_url=server_url, viewport={"width": 390, "height": 844}, is_mobile=True
        )
        context.set_default_timeout(10_000)
        contexts.append(context)
        return context.new_page()

    yield open_phone
    for context in contexts:
        context.close()


def log_in(page, email: str) -> None:
    """Through the real login form."""
    page.goto("/accounts/login/")
    page.fill("input[name=login]", email)
    page.fill("input[name=password]", DEMO_PASSWORD)
    page.click("form.stacked-form button[type=submit]")
    page.wait_for_url(lambda url: "/accounts/login/" not in url)


@pytest.fixture(scope="package")
def login_states(chromium, server_url):
    """Each person's logged-in cookies, from one real login per person per run.

    allauth limits logins to 30 a minute per IP, and every browser test comes from 127.0.0.1:
    tests that only need someone logged in reuse that person's session instead of the form.
    """
    states = {}

    def state_of(email: str) -> dict:
        if email not in states:
            context = chromium.new_context(base_url=server_url)
            log_in(context.new_page(), email)
            states[email] = context.storage_state()
            context.close()
        return states[email]

    return state_of


@pytest.fixture
def phone_as(chromium, server_url, login_states):
    """A phone-sized page already logged in as `email`; its context is closed after the test."""
    contexts = []

    def open_as(email: str):
        context = chromium.new_context(
            base_url=server_url,
            viewport={"width": 390, "height": 844},
            is_mobile=True,
            storage_state=login_states(email),
        )
        context.set_default_timeout(10_000)
        contexts.append(context)
        return context.new_page()

    yield open_as
    for context in contexts:
        context.close()


def open_room(page, slug: str = "evening-recovery") -> None:
    """Open a room and wait until its socket is connected."""
    from playwright.sync_api import expect

    page.goto(f"/groups/{slug}/")
    expect(page.locator("#connection-status")).to_have_text("Connected")
    expect(page.locator("#room")).to_have_attribute("data-connection", "online")


@pytest.fixture
def room_as(phone_as):
    """A demo user on a phone of their own, in a room (evening-recovery), logged in with their
    session from `login_states` (one real login per person per run). The room is the first page
    this phone opens. A test that logs out uses `phone` and `log_in` for a login of its own."""

    def enter(email: str, slug: str = "evening-recovery"):
        page = phone_as(email)
        open_room(page, slug)
        return page

    return enter
