"""Moderation in real browsers: a removal reaches open pages; crisis words bring resources."""

import pytest
from playwright.sync_api import expect

from .test_room_live import ROOM, say, stored_bodies, unique

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
    # The panel takes the focus; closing it hands the focus back to the composer.
    expect(panel.get_by_role("button", name="Close")).to_be_focused()
    alex.keyboard.press("Enter")
    expect(panel).to_be_hidden()
    expect(alex.locator("#composer-body")).to_be_focused()

    # The alert waits in the moderation queue, with the message, until acknowledged.
    queue = dana.context.new_page()
    queue.goto(f"/groups/{ROOM}/moderation/")
    alert = queue.get_by_role("region", name="Alerts").locator(".card").filter(has_text=text)
    expect(alert).to_contain_text("Alex M.")
    alert.get_by_role("button", name="Acknowledge").click()
    expect(queue.get_by_role("region", name="Alerts").get_by_text(text)).to_have_count(0)


def message(page, text: str):
    return page.locator("#messages li[id^='m-']").filter(
        has=page.locator(".message-body", has_text=text)
    )


def test_therapist_locks_the_room_and_participants_can_read_but_not_post(room_as):
    dana = room_as("dana@demo.test")
    alex = room_as("alex@demo.test")
    blake = room_as("blake@demo.test")

    dana.get_by_text("Group menu").click()
    dana.get_by_role("button", name="Lock the room").click()
    for page in (alex, blake):
        expect(page.locator("#room-notice")).to_have_text(
            "The room is closed for now. If you are in crisis, call or text 988, or call 911."
        )
    expect(dana.locator("#room-notice")).to_contain_text("The room is locked")
    expect(dana.get_by_role("button", name="Unlock the room")).to_be_visible()

    refused = unique("Is anyone still up?")
    say(alex, refused)
    expect(alex.locator("#composer-error")).to_have_text("The room is locked by a therapist.")
    expect(alex.locator("#messages li.failed").filter(has_text=refused)).to_contain_text("Not sent")
    # The therapist can still post, and everyone reads it.
    night = unique("The room is closed overnight. Call 988 if you need someone now")
    say(dana, night)
    for page in (alex, blake):
        expect(stored_bodies(page, night)).to_have_count(1)

    dana.get_by_role("button", name="Unlock the room").click()
    for page in (alex, blake):
        expect(page.locator("#room-notice")).to_be_hidden()
    again = unique("Morning, everyone")
    say(alex, again)
    expect(stored_bodies(blake, again)).to_have_count(1)
    expect(blake.get_by_text(refused)).to_have_count(0)  # the refused one never reached anyone


def test_pre_moderation_holds_a_message_until_the_therapist_approves_it(room_as):
    dana = room_as("dana@demo.test")
    dana.get_by_text("Group menu").click()
    dana.get_by_role("link", name="Room settings and agreement").click()
    dana.get_by_label("Pre-moderation (a therapist approves participants' messages)").check()
    dana.get_by_role("button", name="Save").click()
    dana.goto(f"/groups/{ROOM}/")
    expect(dana.locator("#connection-status")).to_have_text("Connected")
    alex = room_as("alex@demo.test")
    blake = room_as("blake@demo.test")
    try:
        held = unique("Something I want to share carefully")
        say(alex, held)
        # The writer and the therapist see it, marked as waiting; the peer does not.
        for page in (alex, dana):
            expect(message(page, held)).to_contain_text("Waiting for a therapist's approval")
        expect(blake.get_by_text(held)).to_have_count(0)

        message(dana, held).get_by_role("button", name="Approve").click()
        expect(stored_bodies(blake, held)).to_have_count(1)
        for page in (alex, blake, dana):
            expect(message(page, held)).not_to_contain_text("Waiting for a therapist's approval")
            expect(message(page, held)).to_have_count(1)
    finally:
        dana.goto(f"/groups/{ROOM}/settings/")
        dana.get_by_label("Post-moderation (messages appear at once)").check()
        dana.get_by_role("button", name="Save").click()


# The room has no "lift the mute" button: the test lifts it afterwards through the same action
# (minutes 0), run in the browser server's own database, so later tests find alex unmuted.
LIFT_ALEX_MUTE = """
from groupspace.groups.models import Membership
from groupspace.moderation.actions import mute_member
from groupspace.room.actions import Member
dana = Membership.objects.get(group__slug="evening-recovery", user__email="dana@demo.test")
alex = Membership.objects.get(group__slug="evening-recovery", user__email="alex@demo.test")
mute_member(Member(user_id=dana.user_id, group_id=dana.group_id, role=dana.role), alex.user_id, 0)
"""


@pytest.fixture
def alex_unmuted_afterwards(server):
    yield
    server.manage("shell", "-c", LIFT_ALEX_MUTE)


def test_a_report_reaches_the_therapist_who_mutes_the_writer_live(room_as, alex_unmuted_afterwards):
    dana = room_as("dana@demo.test")
    alex = room_as("alex@demo.test")
    blake = room_as("blake@demo.test")
    text = unique("You all are wasting your time here")
    say(alex, text)

    message(blake, text).get_by_role("button", name="Report").click()
    dialog = blake.locator("#reason-dialog")
    expect(dialog).to_be_visible()
    dialog.locator("#reason-input").fill("unkind")
    dialog.get_by_role("button", name="Send report").click()
    expect(blake.locator("#announcer")).to_have_text(
        "Thank you. Your report went to the group's therapists."
    )
    expect(dana.locator("#therapist-alerts")).to_contain_text("A message was reported: Blake T.")

    queue = dana.context.new_page()
    queue.goto(f"/groups/{ROOM}/moderation/")
    report = queue.get_by_role("region", name="Reported messages").locator(".card")
    report = report.filter(has_text=text)
    expect(report).to_contain_text("Reported by Blake T.: “unkind”")
    report.get_by_label("Mute Alex M. for").select_option(label="15 minutes")
    report.get_by_role("button", name="Mute").click()
    expect(queue.locator(".flash-list")).to_contain_text("Muted.")

    # Alex's open room is told at once, and a send is refused without reaching anyone.
    expect(alex.locator("#composer-error")).to_contain_text(
        "A therapist has paused your messages until"
    )
    muted = unique("Why can't I post")
    say(alex, muted)
    expect(alex.locator("#composer-error")).to_contain_text("You are muted until")
    expect(alex.locator("#messages li.failed").filter(has_text=muted)).to_contain_text("Not sent")
    # Blake can still write, and everyone reads it.
    still = unique("Let's keep it kind in here")
    say(blake, still)
    expect(stored_bodies(alex, still)).to_have_count(1)
    expect(blake.get_by_text(muted)).to_have_count(0)
