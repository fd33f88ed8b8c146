"""The room page loads only its own files from its own origin, and exactly the JavaScript and
CSS that scripts/asset_sizes.py counts for the README (so the sizes there are the real ones)."""

import importlib.util
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]


def asset_sizes():
    spec = importlib.util.spec_from_file_location("asset_sizes", ROOT / "scripts/asset_sizes.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_room_loads_only_its_own_counted_files_from_its_own_origin(phone_as, scenes, server_url):
    page = phone_as("pat@scene.test")
    requested = []
    page.on("request", lambda request: requested.append(request.url))
    page.on("websocket", lambda socket: requested.append(socket.url))
    page.goto(f"/groups/{scenes['busy']}/")
    expect(page.locator("#room")).to_have_attribute("data-connection", "online")
    page.wait_for_load_state("networkidle")

    server = urlsplit(server_url)
    for url in requested:
        parts = urlsplit(url)
        assert parts.scheme in ("http", "ws") and parts.netloc == server.netloc, url
    loaded = {
        urlsplit(url).path.removeprefix("/static/")
        for url in requested
        if urlsplit(url).path.endswith((".js", ".css"))
    }
    counted = {asset.name for asset in asset_sizes().room_assets()}
    assert loaded == counted
    js = sum(a.raw for a in asset_sizes().room_assets() if a.name.endswith(".js"))
    assert js <= asset_sizes().JS_BUDGET
