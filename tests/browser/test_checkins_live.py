"""Check-ins in real browsers: a participant checks in on a phone and shares it; the
therapist's open dashboard shows the check-in and its alert without a reload."""

import pytest
from playwright.sync_api import Page, expect

from .conftest import log_in
from .test_room_live import stored_bodies, unique

pytestmark = pytest.mark.browser

ROOM = "evening-recovery"


def open_dashboard(phone) -> Page:
    page = phone()
    log_in(page, "dana@demo.test")
    page.goto(f"/groups/{ROOM}/checkins/dashboard/")
    expect(page.locator("#dashboard-live")).to_have_attribute("data-connection", "online")
    return page


def test_a_shared_check_in_reaches_the_room_and_the_open_dashboard_live(phone, room_as):
    dashboard = open_dashboard(phone)
    reload_marker = dashboard.evaluate("() => (window.__notReloaded = true)")
    blake = room_as("blake@demo.test")

    alex = phone()
    log_in(alex, "alex@demo.test")
    alex.goto("/")
    alex.get_by_role("link", name="Check in to Evening Recovery IOP").first.click()
    expect(alex.get_by_role("heading", level=1)).to_contain_text("Check in")
    note = unique("Walked past the bar and kept going")

    # One phone screen of taps: mood, anxiety, craving, sleep, self-care, support, share.
    alex.get_by_role("group", name="How is your mood?").get_by_text("Low", exact=True).click()
    alex.get_by_role("group", name="How anxious do you feel?").get_by_text("7", exact=True).click()
    alex.get_by_role("group", name="How strong is any craving").get_by_text("3", exact=True).click()
    alex.get_by_label("Hours slept last night").fill("6.5")
    alex.get_by_label("Exercise").check()
    alex.get_by_label("I could use support today").check()
    alex.get_by_label("Anything else? (optional)").fill(note)
    alex.get_by_label("Share it with my group").check()
    alex.get_by_label("Share my note with the group too").check()
    # Large touch targets: every mood choice is at least 44 px in each direction.
    for box in alex.locator(".mood-tile").evaluate_all(
        "tiles => tiles.map(t => t.getBoundingClientRect().toJSON())"
    ):
        assert box["width"] >= 44 and box["height"] >= 44
    # Nothing wider than the phone.
    assert alex.evaluate("() => document.documentElement.scrollWidth") <= 390
    alex.get_by_role("button", name="Save check-in").click()

    expect(alex.get_by_text("It is shared with Evening Recovery IOP.")).to_be_visible()
    expect(alex.locator(".checkin-card")).to_contain_text("Mood 2/5, low")

    # The room: blake sees the shared check-in live, with the note alex chose to share.
    expect(stored_bodies(blake, note)).to_have_count(1)
    expect(blake.locator("#messages li.kind-checkin").filter(has_text=note)).to_contain_text(
        "mood 2/5 (Low"
    )

    # The dashboard, never reloaded: the check-in under alex, and the alert.
    alex_card = dashboard.locator(".participant-card").filter(has_text="Alex M.")
    expect(alex_card.locator(".today-list")).to_contain_text(note)
    expect(alex_card.locator(".today-list")).to_contain_text("Could use support today")
    alerts = dashboard.locator("#dashboard-alerts")
    expect(
        alerts.locator("li").filter(has_text="Could use support").filter(has_text="Alex M.")
    ).to_have_count(1)
    expect(dashboard.locator("#dashboard-announcer")).not_to_be_empty()
    assert reload_marker is True
    assert dashboard.evaluate("() => window.__notReloaded") is True


def test_a_participant_is_reminded_and_never_reaches_the_dashboard(phone):
    casey = phone()
    log_in(casey, "casey@demo.test")
    casey.goto("/")
    expect(casey.get_by_text("You haven't checked in today.")).to_be_visible()
    response = casey.goto(f"/groups/{ROOM}/checkins/dashboard/")
    assert response.status == 404
