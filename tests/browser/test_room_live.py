"""The group room in a real browser: two phones, one real server, messages live both ways."""

import uuid

import pytest
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser

ROOM = "evening-recovery"
SEEDED = "Day 12 today. Work was rough but I went for a walk"
XSS = '<script>window.__pwned = 1</script><img src=x onerror="window.__pwned=2">'

expect.set_options(timeout=10_000)


def unique(text: str) -> str:
    return f"{text} [{uuid.uuid4().hex[:8]}]"


def say(page: Page, text: str) -> None:
    composer = page.locator("#composer-body")
    composer.fill(text)
    composer.press("Enter")
    expect(composer).to_have_value("")


def stored_bodies(page: Page, text: str):
    """Message bodies with exactly `text`, in messages the server has stored (not "sending")."""
    return page.locator("#messages li[id^='m-'] .message-body").filter(has_text=text)


def message_ids(page: Page) -> list[str]:
    return page.locator("#messages > li").evaluate_all("items => items.map(li => li.dataset.id)")


def assert_no_duplicates(page: Page) -> None:
    ids = message_ids(page)
    assert ids, "the message list is empty"
    assert len(ids) == len(set(ids)), f"duplicate message ids in the list: {ids}"


def test_two_people_see_each_others_messages_live(room_as):
    alex = room_as("alex@demo.test")
    blake = room_as("blake@demo.test")

    hello = unique("Made it to the walking group again this evening")
    say(alex, hello)
    expect(stored_bodies(blake, hello)).to_have_text([hello])
    expect(stored_bodies(alex, hello)).to_have_text([hello])
    expect(alex.locator("#messages li.sending")).to_have_count(0)

    reply = unique("Nice one, Alex. See you on Thursday")
    say(blake, reply)
    expect(stored_bodies(alex, reply)).to_have_text([reply])
    expect(stored_bodies(blake, reply)).to_have_text([reply])
    expect(blake.locator("#messages li.sending")).to_have_count(0)

    # Neither page was reloaded: both saw the other's message through the socket.
    for page in (alex, blake):
        expect(page.locator("#messages li[id^='m-']").last).to_contain_text(reply)
        assert_no_duplicates(page)


def test_seeded_history_shows_once_after_reload(room_as):
    alex = room_as("alex@demo.test")
    expect(alex.locator("#messages .message-body").filter(has_text=SEEDED)).to_have_count(1)
    expect(alex.locator("#empty-room")).to_be_hidden()

    note = unique("Reload check")
    say(alex, note)
    expect(stored_bodies(alex, note)).to_have_count(1)
    assert_no_duplicates(alex)
    before = message_ids(alex)

    alex.reload()
    expect(alex.locator("#connection-status")).to_have_text("Connected")
    expect(stored_bodies(alex, note)).to_have_count(1)
    expect(alex.locator("#messages .message-body").filter(has_text=SEEDED)).to_have_count(1)
    assert_no_duplicates(alex)
    assert message_ids(alex) == before


def test_script_body_shows_as_text(room_as):
    alex = room_as("alex@demo.test")
    blake = room_as("blake@demo.test")

    say(alex, XSS)
    for page in (blake, alex):
        bodies = page.locator("#messages .message-body").filter(has_text="window.__pwned = 1")
        expect(bodies).to_have_count(1)
        expect(bodies).to_have_text(XSS)
        assert bodies.text_content() == XSS
    expect(stored_bodies(alex, "window.__pwned = 1")).to_have_count(1)

    # And from history, after a reload, it is still only text.
    blake.reload()
    expect(blake.locator("#connection-status")).to_have_text("Connected")
    expect(stored_bodies(blake, "window.__pwned = 1")).to_have_text([XSS])

    for page in (alex, blake):
        assert page.evaluate("() => typeof window.__pwned") == "undefined"
        expect(page.locator("#messages img")).to_have_count(0)
        expect(page.locator("#messages script")).to_have_count(0)


def test_three_people_reply_and_react_live(room_as):
    alex = room_as("alex@demo.test")
    blake = room_as("blake@demo.test")
    dana = room_as("dana@demo.test")
    hard_day = unique("Hard day, but I called my sponsor")
    say(alex, hard_day)
    for page in (alex, blake, dana):
        expect(stored_bodies(page, hard_day)).to_have_count(1)

    def message(page: Page, text: str):
        return page.locator("#messages li[id^='m-']").filter(
            has=page.locator(".message-body", has_text=text)
        )

    # Blake replies to alex's message; Escape first drops a reply started by mistake.
    message(blake, hard_day).get_by_role("button", name="Reply").click()
    expect(blake.locator("#reply-preview")).to_be_visible()
    expect(blake.locator("#reply-text")).to_have_text("Replying to Alex M.")
    expect(blake.locator("#composer-body")).to_be_focused()
    blake.keyboard.press("Escape")
    expect(blake.locator("#reply-preview")).to_be_hidden()
    message(blake, hard_day).get_by_role("button", name="Reply").click()
    reply = unique("Proud of you for calling")
    say(blake, reply)
    expect(blake.locator("#reply-preview")).to_be_hidden()
    for page in (alex, blake, dana):
        quoted = message(page, reply).locator(".message-reply")
        expect(quoted).to_have_text(f"Replying to Alex M.: {hard_day}")

    # Reactions: dana and blake react, everyone's counts follow live; a reaction taken back
    # leaves everyone's page too.
    message(dana, hard_day).get_by_role("button", name="heart").click()
    message(blake, hard_day).get_by_role("button", name="hug").click()
    for page in (alex, blake, dana):
        expect(message(page, hard_day).get_by_role("button", name="heart, 1")).to_be_visible()
        expect(message(page, hard_day).get_by_role("button", name="hug, 1")).to_be_visible()
    expect(message(dana, hard_day).get_by_role("button", name="heart, 1")).to_have_attribute(
        "aria-pressed", "true"
    )
    expect(message(alex, hard_day).get_by_role("button", name="heart, 1")).to_have_attribute(
        "aria-pressed", "false"
    )
    message(alex, hard_day).get_by_role("button", name="heart, 1").click()
    for page in (alex, blake, dana):
        expect(message(page, hard_day).get_by_role("button", name="heart, 2")).to_be_visible()
    message(dana, hard_day).get_by_role("button", name="heart, 2").click()
    for page in (alex, blake, dana):
        expect(message(page, hard_day).get_by_role("button", name="heart, 1")).to_be_visible()
    expect(message(dana, hard_day).get_by_role("button", name="heart, 1")).to_have_attribute(
        "aria-pressed", "false"
    )
    for page in (alex, blake, dana):
        assert_no_duplicates(page)
