"""Joining by invitation in real browsers: a therapist creates a link, a new person signs up
through it, accepts the group agreement and lands in the room, where a member already there
sees them arrive and answers their first message; the single-use link then refuses anyone else.
"""

import pytest
from playwright.sync_api import expect

from .conftest import log_in
from .test_room_live import ROOM, say, stored_bodies, unique

pytestmark = pytest.mark.browser


def test_a_new_person_joins_through_an_invitation_and_is_welcomed_live(phone, room_as):
    dana = phone()
    log_in(dana, "dana@demo.test")
    dana.goto(f"/groups/{ROOM}/people/")
    dana.get_by_label("Note for yourself (optional)").fill("for Nia")
    dana.get_by_role("button", name="Create invitation link").click()
    expect(dana.locator(".flash-list")).to_contain_text("Invitation created.")
    card = dana.locator(".card").filter(has_text="for Nia")
    expect(card).to_contain_text("Active")
    link = card.get_by_label("Link").input_value()
    assert "/invite/" in link

    alex = room_as("alex@demo.test")

    # Nia opens the link on her own phone, with no account yet.
    nia = phone()
    nia.goto(link)
    # Before she logs in, the page names the clinic, not the group (a link can be forwarded).
    expect(nia.get_by_role("heading", level=1)).to_have_text(
        "You're invited to a group at GroupSpace Intensive Outpatient Program"
    )
    expect(nia.locator("main")).not_to_contain_text("Evening")
    nia.get_by_role("link", name="Create your account").click()
    nia.get_by_label("Email").fill("nia@demo.test")
    nia.get_by_label("Password:", exact=True).fill("a long calm evening 42")
    nia.get_by_label("Password (again)").fill("a long calm evening 42")
    nia.get_by_label("First name").fill("Nia")
    nia.get_by_label("Last name").fill("Kowalski")
    nia.get_by_role("button", name="Create account and join").click()

    # Her group is on her home page; the first time in, she accepts the group agreement.
    expect(nia.get_by_role("heading", level=1)).to_have_text("Hi Nia K.")
    nia.locator(".card-link").filter(has_text="Evening Recovery IOP").click()
    expect(nia.get_by_role("heading", level=1)).to_have_text("Before you join the room")
    nia.get_by_role("button", name="I agree, take me to the room").click()
    expect(nia.locator("#connection-status")).to_have_text("Connected")
    assert nia.evaluate("() => document.documentElement.scrollWidth") <= 390

    # Alex, already in the room, sees her arrive and her first message, and answers.
    expect(alex.locator("#online-list")).to_contain_text("Nia K.")
    hello = unique("Hi everyone, I'm new here")
    say(nia, hello)
    expect(stored_bodies(alex, hello)).to_have_count(1)
    welcome = unique("Welcome, Nia. Glad you're here")
    say(alex, welcome)
    expect(stored_bodies(nia, welcome)).to_have_count(1)

    # Dana sees her in the group, and the single-use link used up.
    dana.reload()
    expect(dana.get_by_role("row", name="Nia K.")).to_contain_text("Participant")
    expect(dana.locator(".card").filter(has_text="for Nia")).to_contain_text("used 1 time")

    # Nobody else can use the link now.
    stranger = phone()
    response = stranger.goto(link)
    assert response.status == 410
    expect(stranger.get_by_text("This invitation has already been used.")).to_be_visible()
