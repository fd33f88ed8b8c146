"""The main screens on a 390 px phone, light and dark: each fits the width, and is saved as a
PNG. `make screenshots` writes them to docs/screenshots/ (SCREENSHOTS_DIR); otherwise they go to
a temporary folder and only the checks count."""

import os
from pathlib import Path

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

SCREENS = [
    ("home", "pat", "/"),
    ("room", "pat", "/groups/{busy}/"),
    ("check-in", "pat", "/groups/{busy}/checkin/"),
    ("dashboard", "tess", "/groups/{busy}/checkins/dashboard/"),
    ("moderation", "tess", "/groups/{busy}/moderation/"),
    ("milestones", "pat", "/me/milestones/"),
    ("schedule", "pat", "/groups/{busy}/sessions/"),
    ("attendance", "tess", "/groups/{busy}/sessions/{past_session}/attendance/"),
    ("room-therapist-dark", "tess", "/groups/{busy}/"),
]


@pytest.fixture(scope="module")
def out_dir(tmp_path_factory) -> Path:
    chosen = os.environ.get("SCREENSHOTS_DIR")
    path = Path(chosen) if chosen else tmp_path_factory.mktemp("screenshots")
    path.mkdir(parents=True, exist_ok=True)
    return path


@pytest.mark.parametrize(("name", "who", "path"), SCREENS, ids=[s[0] for s in SCREENS])
def test_main_screen_fits_a_phone(
    chromium, server_url, login_states, scenes, out_dir, name, who, path
):
    from .scenes import EMAILS

    context = chromium.new_context(
        base_url=server_url,
        viewport={"width": 390, "height": 844},
        device_scale_factor=2,
        is_mobile=True,
        color_scheme="dark" if name.endswith("-dark") else "light",
        reduced_motion="reduce",  # the celebration's glow, caught mid-way, would look like a smear
        storage_state=login_states(EMAILS[who]),
    )
    try:
        page = context.new_page()
        page.goto(path.format(**scenes))
        if name.startswith("room"):
            expect(page.locator("#room")).to_have_attribute("data-connection", "online")
            expect(page.locator("#messages > li[id^='m-']").last).to_be_in_viewport()
        page.wait_for_load_state("networkidle")
        assert page.evaluate("() => document.documentElement.scrollWidth") <= 390
        page.screenshot(path=out_dir / f"{name}.png")
    finally:
        context.close()
