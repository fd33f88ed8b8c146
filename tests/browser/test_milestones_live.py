"""Milestones in real browsers: alex reaches 30 days, is asked privately in the open room,
chooses to celebrate, and blake's open room shows the celebration and reacts to it."""

import re
import zoneinfo
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

expect.set_options(timeout=10_000)


def test_thirty_days_celebrated_live_and_a_peer_reacts(room_as):
    alex = room_as("alex@demo.test")
    blake = room_as("blake@demo.test")

    # Alex sets the date 30 days back on their own calendar (demo accounts: America/Phoenix)
    # in another tab of the same login; the room tab hears about it privately.
    today = timezone.localdate(timezone=zoneinfo.ZoneInfo("America/Phoenix"))
    settings_tab = alex.context.new_page()
    settings_tab.goto("/me/milestones/")
    settings_tab.get_by_label("The day your clean and sober time began").fill(
        (today - timedelta(days=30)).isoformat()
    )
    settings_tab.get_by_role("button", name="Save the date").click()
    expect(settings_tab.get_by_text("Your date is saved.")).to_be_visible()
    expect(settings_tab.locator(".progress-numbers")).to_contain_text("30 days clean and sober")

    question = alex.locator("#milestone-prompts form").filter(has_text="30 days")
    expect(question).to_be_visible()
    expect(blake.locator("#milestone-prompts")).to_have_count(1)
    expect(blake.locator("#milestone-prompts form")).to_have_count(0)  # nothing for blake
    button = question.get_by_role("button", name="Celebrate with my group")
    box = button.bounding_box()
    assert box["height"] >= 44
    button.click()
    expect(question).to_have_count(0)

    celebration = blake.locator("#messages li.kind-milestone").filter(has_text="30 days")
    expect(celebration).to_have_count(1)
    expect(celebration).to_have_class(re.compile(r"\bcelebration\b"))
    expect(celebration).to_contain_text("Celebrating 30 days of clean and sober time")
    celebration.get_by_role("button", name="heart").click()
    mine = alex.locator("#messages li.kind-milestone").filter(has_text="30 days")
    expect(mine.get_by_role("button", name="heart, 1")).to_be_visible()
    assert alex.evaluate("() => document.documentElement.scrollWidth") <= 390
