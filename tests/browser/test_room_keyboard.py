"""The room with a keyboard only, and what a screen reader hears: tab order, visible focus that
is never obscured, focus kept when messages arrive or change, Escape closing dialogs and the
menu, and live regions (polite for messages and alerts, assertive for crisis)."""

import pytest
from playwright.sync_api import Page, expect

from .test_room_live import say, stored_bodies, unique

pytestmark = pytest.mark.browser

expect.set_options(timeout=10_000)

# Where the keyboard is, and whether a sighted keyboard user can see it there.
FOCUS_STATE = """() => {
    const el = document.activeElement;
    const style = getComputedStyle(el);
    const box = el.getBoundingClientRect();
    const li = el.closest("#messages > li");
    return {
        tag: el.tagName.toLowerCase(),
        id: el.id,
        text: (el.getAttribute("aria-label") || el.textContent).trim().slice(0, 40),
        message: li ? Number(li.dataset.id) : null,
        outline: style.outlineStyle === "none" ? 0 : parseFloat(style.outlineWidth),
        inView: box.width > 0 && box.height > 0 && box.bottom > 0 && box.top < innerHeight
            && box.right > 0 && box.left < innerWidth,
        // The element at the focused control's centre is the control (or inside it): nothing
        // covers it (WCAG 2.4.11, focus not obscured).
        onTop: el.contains(document.elementFromPoint(
            Math.min(Math.max(box.left + box.width / 2, 0), innerWidth - 1),
            Math.min(Math.max(box.top + box.height / 2, 0), innerHeight - 1))),
    };
}"""


@pytest.fixture
def room_as(phone_as):
    """Like conftest's room_as, from a saved login (logins are rate-limited per IP)."""

    def enter(email: str, slug: str = "evening-recovery") -> Page:
        page = phone_as(email)
        page.goto(f"/groups/{slug}/")
        expect(page.locator("#room")).to_have_attribute("data-connection", "online")
        return page

    return enter


def focus(page: Page) -> dict:
    return page.evaluate(FOCUS_STATE)


def tab(page: Page, key: str = "Tab") -> dict:
    page.keyboard.press(key)
    # The browser scrolls the focused control into view; on a loaded machine that can land a
    # frame after the key press, so read the state once it settled (a control that never
    # comes into view still fails below, after the wait).
    try:
        expect(page.locator(":focus")).to_be_in_viewport(timeout=2_000)
    except AssertionError:
        pass
    return focus(page)


def test_skip_links_lead_to_the_content_and_to_the_message_box(room_as):
    alex = room_as("alex@demo.test")
    alex.locator("body").focus()
    alex.keyboard.press("Tab")
    # A skip link slides into view when focused: wait for it rather than read it mid-way.
    expect(alex.locator(":focus")).to_be_in_viewport()
    first = focus(alex)
    assert (first["tag"], first["text"]) == ("a", "Skip to content")
    assert first["inView"] and first["outline"] >= 2
    alex.keyboard.press("Tab")
    expect(alex.locator(":focus")).to_have_text("Skip to the message box")
    expect(alex.locator(":focus")).to_be_in_viewport()
    second = focus(alex)
    assert (second["tag"], second["text"]) == ("a", "Skip to the message box")
    assert second["inView"] and second["outline"] >= 2
    alex.keyboard.press("Enter")
    expect(alex.locator("#composer-body")).to_be_focused()


def test_tab_order_runs_top_to_bottom_with_visible_unobscured_focus(room_as):
    alex = room_as("alex@demo.test")
    alex.locator("body").focus()
    seen = []
    while not seen or seen[-1]["id"] != "composer-body":
        seen.append(tab(alex))
        assert len(seen) < 500, "the message box is not in the tab order"
    for state in seen:
        assert state["outline"] >= 2, f"no visible focus indicator on {state}"
        assert state["inView"] and state["onTop"], f"focused but not in sight: {state}"
    texts = [state["text"] for state in seen]
    assert texts.index("GroupSpace") < texts.index("Group menu") < texts.index("Messages")
    # Inside the timeline, messages are visited in reading order, each one's controls together.
    messages = [state["message"] for state in seen if state["message"] is not None]
    assert messages, "the tab order never reached a message"
    assert messages == sorted(messages)

    # From the message box: forward to Send, backward into the newest message.
    alex.locator("#composer-body").focus()
    assert tab(alex)["text"] == "Send"
    alex.locator("#composer-body").focus()
    back = tab(alex, "Shift+Tab")
    newest = alex.locator("#messages > li[id^='m-']").last.get_attribute("data-id")
    assert back["message"] == int(newest)
    assert back["inView"] and back["onTop"]


def test_focus_stays_put_when_messages_arrive_and_change(room_as):
    alex = room_as("alex@demo.test")
    blake = room_as("blake@demo.test")
    composer = alex.locator("#composer-body")
    composer.focus()
    composer.type("half a thought")
    news = unique("Made tea and sat outside for a bit")
    say(blake, news)
    expect(stored_bodies(alex, news)).to_have_count(1)
    expect(composer).to_be_focused()
    expect(composer).to_have_value("half a thought")

    # A reaction by keyboard: the message re-renders, the keyboard stays on that reaction.
    item = alex.locator("#messages li[id^='m-']").filter(has_text=news)
    item.get_by_role("button", name="hug").focus()
    alex.keyboard.press("Enter")
    pressed = item.get_by_role("button", name="hug, 1")
    expect(pressed).to_have_attribute("aria-pressed", "true")
    expect(pressed).to_be_focused()
    # Another person's message arrives meanwhile: still there.
    later = unique("Thanks for the hug")
    say(blake, later)
    expect(stored_bodies(alex, later)).to_have_count(1)
    expect(pressed).to_be_focused()


def test_escape_closes_the_dialog_without_acting_and_returns_focus(room_as):
    blake = room_as("blake@demo.test")
    dana = room_as("dana@demo.test")
    text = unique("Keep this one")
    say(blake, text)
    item = dana.locator("#messages li[id^='m-']").filter(has_text=text)
    remove = item.get_by_role("button", name="Remove")
    remove.focus()
    dana.keyboard.press("Enter")
    dialog = dana.get_by_role("dialog")
    expect(dialog).to_be_visible()
    expect(dialog.locator("#reason-input")).to_be_focused()  # focus moved into the dialog
    dana.keyboard.press("Escape")
    expect(dialog).to_be_hidden()
    expect(remove).to_be_focused()
    # Nothing was removed: a later message arrives and this one is still there for everyone.
    after = unique("And this one")
    say(blake, after)
    expect(stored_bodies(dana, after)).to_have_count(1)
    expect(stored_bodies(blake, text)).to_have_count(1)
    expect(item).not_to_have_class("state-removed")

    # Confirming by keyboard removes it, and focus lands on the re-rendered message.
    dana.keyboard.press("Enter")
    expect(dialog).to_be_visible()
    dana.keyboard.type("testing removal")
    dana.keyboard.press("Enter")
    expect(dana.locator("#messages li.state-removed").filter(has_text=text)).to_have_count(1)
    expect(dana.locator("#messages li.state-removed").filter(has_text=text)).to_be_focused()


def test_escape_closes_the_group_menu_and_cancels_a_reply(room_as):
    alex = room_as("alex@demo.test")
    summary = alex.locator(".room-menu summary")
    summary.focus()
    alex.keyboard.press("Enter")
    expect(alex.locator(".room-menu ul")).to_be_visible()
    alex.keyboard.press("Tab")
    alex.keyboard.press("Escape")
    expect(alex.locator(".room-menu ul")).to_be_hidden()
    expect(summary).to_be_focused()

    reply = alex.locator("#messages li[id^='m-']").last.get_by_role("button", name="Reply")
    reply.focus()
    alex.keyboard.press("Enter")
    expect(alex.locator("#reply-preview")).to_be_visible()
    expect(alex.locator("#composer-body")).to_be_focused()
    alex.keyboard.press("Escape")
    expect(alex.locator("#reply-preview")).to_be_hidden()


def test_messages_and_alerts_are_announced_politely_crisis_assertively(room_as):
    dana = room_as("dana@demo.test")
    alex = room_as("alex@demo.test")
    blake = room_as("blake@demo.test")
    for page in (dana, alex, blake):
        expect(page.locator("#announcer")).to_have_attribute("aria-live", "polite")
        expect(page.locator("#urgent-announcer")).to_have_attribute("aria-live", "assertive")

    news = unique("Going to the Thursday meeting")
    say(blake, news)
    expect(alex.locator("#announcer")).to_have_text(f"Blake T.: {news}")
    expect(stored_bodies(blake, news)).to_have_count(1)
    expect(blake.locator("#announcer")).not_to_contain_text(news)  # not your own words

    # A report: the therapist hears it politely.
    item = alex.locator("#messages li[id^='m-']").filter(has_text=news)
    item.get_by_role("button", name="Report").click()
    alex.get_by_role("button", name="Send report").click()
    expect(alex.locator("#announcer")).to_contain_text("Your report went to the group's therapists")
    expect(dana.locator("#announcer")).to_contain_text("A message was reported from Alex M.")
    expect(dana.locator("#urgent-announcer")).not_to_contain_text("reported")

    # Crisis language: the writer and the therapist hear it at once (assertive).
    say(alex, unique("I want to end my life"))
    expect(alex.locator("#urgent-announcer")).to_contain_text("988")
    expect(dana.locator("#urgent-announcer")).to_contain_text("Crisis language from Alex M.")


def test_loading_earlier_messages_keeps_the_keyboard_in_the_timeline(phone_as, scenes):
    pat = phone_as("pat@scene.test")
    pat.goto(f"/groups/{scenes['long']}/")
    expect(pat.locator("#room")).to_have_attribute("data-connection", "online")
    messages = pat.locator("#messages > li[id^='m-']")
    expect(messages).to_have_count(50)
    earlier = pat.get_by_role("button", name="Load earlier messages")
    earlier.focus()
    pat.keyboard.press("Enter")
    expect(messages).to_have_count(60)
    expect(earlier).to_be_hidden()  # nothing older left: the keyboard goes to the oldest message
    expect(messages.first).to_contain_text("Week 1:")
    expect(messages.first).to_be_focused()
