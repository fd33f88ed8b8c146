"""Moderation in real browsers: a removal reaches open pages; crisis words bring resources."""

import pytest
from playwright.sync_api import expect

from .test_room_live import say, stored_bodies, unique

pytestmark = pytest.mark.browser


def test_therapist_removes_a_message_and_every_open_page_shows_it_removed(room_as):
    alex = room_as("alex@demo.test")
    blake = room_as("blake@demo.test")
    dana = room_as("dana@demo.test")
    text = unique("something I regret writing")
    say(blake, text)
    for page in (alex, blake, dana):
        expect(stored_bodies(page, text)).to_have_count(1)

    item = dana.locator("#messages li[id^='m-']").filter(has_text=text)
    item.get_by_role("button", name="Remove").click()
    dialog = dana.locator("#reason-dialog")
    expect(dialog).to_be_visible()
    dialog.locator("#reason-input").fill("hurtful")
    dialog.get_by_role("button", name="Remove message").click()

    for page in (alex, blake):
        messages = page.locator("#messages")
        expect(messages.get_by_text("This message was removed by a moderator.")).to_have_count(1)
        expect(page.get_by_text(text)).to_have_count(0)  # nowhere: not in the live region either
    # The therapist still sees the text, marked as removed.
    expect(dana.locator("#messages li.state-removed").filter(has_text=text)).to_have_count(1)


def test_crisis_phrase_shows_the_writer_resources_and_alerts_the_therapist(room_as):
    dana = room_as("dana@demo.test")
    alex = room_as("alex@demo.test")
    blake = room_as("blake@demo.test")
    text = unique("honestly I don't want to be here anymore")
    say(alex, text)

    panel = alex.locator("#crisis-panel")
    expect(panel).to_be_visible()
    expect(panel.get_by_role("link", name="988")).to_have_attribute("href", "tel:988")
    expect(panel.get_by_role("link", name="911")).to_be_visible()
    expect(alex.locator("#urgent-announcer")).to_contain_text("988")
    expect(dana.locator("#therapist-alerts")).to_contain_text("Crisis language: Alex M.")
    # Peers see the message itself, and no crisis panel.
    expect(blake.locator("#messages").get_by_text(text)).to_have_count(1)
    expect(blake.locator("#crisis-panel")).to_be_hidden()
