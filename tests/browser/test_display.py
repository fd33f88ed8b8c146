"""How pages adapt to the person: text enlarged to 200 % on a 390 px phone, reduced motion, a dark
theme, and states that never rely on colour alone."""

import pytest
from playwright.sync_api import Page, expect

from .test_accessibility import wait_for_room

pytestmark = pytest.mark.browser

expect.set_options(timeout=10_000)

# Everything that is shown must fit the screen's width (tables may scroll inside their own
# keyboard-reachable box), and no box may cut its own text off.
LAYOUT_PROBLEMS = """() => {
    const problems = [];
    const name = (el) => el.tagName.toLowerCase() + (el.id ? "#" + el.id : "")
        + (typeof el.className === "string" && el.className ? "." + el.className.trim() : "");
    if (document.documentElement.scrollWidth > innerWidth) {
        problems.push(`the page scrolls sideways: ${document.documentElement.scrollWidth} px`);
    }
    for (const el of document.body.querySelectorAll("*")) {
        if (el.closest(".visually-hidden, .skip-link, template, svg, .choice-tile input")) continue;
        const style = getComputedStyle(el);
        if (style.display === "none" || style.visibility === "hidden") continue;
        if (!el.getClientRects().length) continue;
        const box = el.getBoundingClientRect();
        const outside = box.right > innerWidth + 1 || box.left < -1;
        if (outside && !el.parentElement.closest(".table-wrap")) {
            problems.push(`${name(el)} sticks out: ${box.left} to ${box.right} px`);
        }
        const clips = (value) => value !== "visible";
        if (el.matches(".table-wrap")) continue;  // scrolls on purpose, reachable by keyboard
        if (clips(style.overflowX) && el.scrollWidth > el.clientWidth + 1) {
            problems.push(`${name(el)} cuts off ${el.scrollWidth - el.clientWidth} px of width`);
        }
        if (["hidden", "clip"].includes(style.overflowY) && el.scrollHeight > el.clientHeight + 1) {
            problems.push(`${name(el)} cuts off ${el.scrollHeight - el.clientHeight} px of height`);
        }
    }
    return problems;
}"""


@pytest.fixture
def pat(phone_as, scenes) -> Page:
    return phone_as("pat@scene.test")


def enlarge_text(page: Page) -> None:
    """Text at 200 %: the root font size doubles, and every rem-sized thing with it."""
    page.evaluate("() => { document.documentElement.style.fontSize = '200%'; }")


@pytest.mark.parametrize(
    "path",
    [
        "/groups/{busy}/",
        "/groups/{quiet}/",
        "/groups/{busy}/checkin/",
        "/me/checkins/",
        "/me/milestones/",
        "/",
    ],
)
def test_text_at_200_percent_loses_nothing_at_390_px(pat, scenes, path):
    pat.goto(path.format(**scenes))
    if "/groups/" in path and "checkin" not in path:
        wait_for_room(pat)
    normal_size = pat.evaluate("() => parseFloat(getComputedStyle(document.body).fontSize)")
    enlarge_text(pat)
    assert pat.evaluate("() => parseFloat(getComputedStyle(document.body).fontSize)") == 2 * (
        normal_size
    )
    assert pat.evaluate(LAYOUT_PROBLEMS) == []


# The room's parts (header, reminders, milestone questions, timeline, composer) stack without
# one painting over another, however tall the ones above the timeline get.
OVERLAPS = """() => {
    const parts = [...document.querySelectorAll("#room > *")].filter(
        (el) => el.getClientRects().length && getComputedStyle(el).position === "static");
    const overlaps = [];
    for (const part of parts) {  // content taller than its box spills over the next part
        if (part.id !== "timeline" && part.scrollHeight > part.clientHeight + 1) {
            overlaps.push(`${part.className} spills ${part.scrollHeight - part.clientHeight} px`);
        }
    }
    for (let i = 1; i < parts.length; i++) {
        const above = parts[i - 1].getBoundingClientRect();
        const below = parts[i].getBoundingClientRect();
        if (above.bottom > below.top + 1) {
            overlaps.push(`${parts[i - 1].className} over ${parts[i].className}`);
        }
    }
    return overlaps;
}"""


@pytest.mark.parametrize("size", ["100%", "200%"])
def test_room_parts_never_overlap(pat, scenes, size):
    pat.goto(f"/groups/{scenes['busy']}/")
    wait_for_room(pat)
    pat.evaluate(f"() => {{ document.documentElement.style.fontSize = '{size}'; }}")
    assert pat.evaluate(OVERLAPS) == []


def test_room_at_200_percent_still_shows_messages_and_the_message_box(pat, scenes):
    pat.goto(f"/groups/{scenes['busy']}/")
    wait_for_room(pat)
    enlarge_text(pat)
    timeline = pat.locator("#timeline").bounding_box()
    assert timeline["height"] >= 0.4 * 844, "too little of the room is left for messages"
    for control in (pat.locator("#composer-body"), pat.get_by_role("button", name="Send")):
        control.scroll_into_view_if_needed()
        expect(control).to_be_in_viewport()


def test_reduced_motion_turns_animations_and_transitions_off(phone_as, scenes):
    """The celebration glows once; with reduced motion nothing moves at all."""
    moving = """() => [...document.querySelectorAll("*")].filter((el) => {
        const style = getComputedStyle(el);
        return style.animationName !== "none" || parseFloat(style.transitionDuration) > 0;
    }).map((el) => el.className)"""
    page = phone_as("pat@scene.test")
    page.goto(f"/groups/{scenes['busy']}/")
    wait_for_room(page)
    celebration = page.locator("#messages li.celebration")
    expect(celebration).to_have_count(1)
    assert celebration.evaluate("li => getComputedStyle(li).animationName") == "milestone-glow"

    page.emulate_media(reduced_motion="reduce")
    page.reload()
    wait_for_room(page)
    expect(celebration).to_have_count(1)
    assert page.evaluate(moving) == []


def test_dark_theme_follows_the_system(phone_as, scenes):
    colours = """() => {
        const style = getComputedStyle(document.body);
        const rgb = (value) => value.match(/\\d+/g).slice(0, 3).map(Number);
        const light = (c) => c.reduce((sum, v) => sum + v, 0) / 3;
        return {
            page: light(rgb(getComputedStyle(document.documentElement).backgroundColor)),
            text: light(rgb(style.color)),
            scheme: getComputedStyle(document.documentElement).colorScheme,
        };
    }"""
    page = phone_as("pat@scene.test")
    page.goto(f"/groups/{scenes['busy']}/checkin/")
    day = page.evaluate(colours)
    assert day["page"] > 200 and day["text"] < 60
    page.emulate_media(color_scheme="dark")
    night = page.evaluate(colours)
    assert night["page"] < 40 and night["text"] > 200
    assert "dark" in night["scheme"]  # native controls (date pickers, scrollbars) follow


def test_states_are_told_in_words_not_only_in_colour(phone_as, scenes):
    """Pending, removed, muted, locked and a chosen reaction or mood: each has words or a change
    of shape next to its colour."""
    tess = phone_as("tess@scene.test")
    tess.goto(f"/groups/{scenes['busy']}/")
    wait_for_room(tess)
    pending = tess.locator(f"#m-{scenes['pending_message']}")
    expect(pending).to_contain_text("Waiting for a therapist's approval")
    removed = tess.locator(f"#m-{scenes['removed_message']}")
    expect(removed).to_contain_text("Removed: participants no longer see it")
    assert pending.evaluate("li => getComputedStyle(li).borderTopStyle") == "dashed"

    # A reaction you gave: pressed for screen readers, thicker border and bold for the eye.
    walk = tess.locator("#messages li").filter(
        has=tess.locator(".message-body", has_text="A walk after work")
    )
    mine, other = (
        walk.get_by_role("button", name="applause, 1"),
        walk.get_by_role("button", name="hug"),
    )
    expect(mine).to_have_attribute("aria-pressed", "true")
    expect(other).to_have_attribute("aria-pressed", "false")
    shape = "b => [getComputedStyle(b).borderTopWidth, getComputedStyle(b).fontWeight]"
    assert mine.evaluate(shape) != other.evaluate(shape)

    jo = phone_as("jo@scene.test")
    jo.goto(f"/groups/{scenes['busy']}/")
    wait_for_room(jo)
    expect(jo.locator("#composer-error")).to_contain_text("paused your messages")
    expect(jo.locator("#composer")).to_have_attribute("data-state", "muted")

    robin = phone_as("robin@scene.test")
    robin.goto(f"/groups/{scenes['locked']}/")
    wait_for_room(robin)
    expect(robin.locator("#room-notice")).to_contain_text("The room is closed for now")

    # A chosen mood: a thicker border and underlined word, not only a tint.
    robin.goto(f"/groups/{scenes['busy']}/checkin/")
    tile = robin.locator(".mood-tile").filter(has_text="Okay")
    looks = """t => [
        getComputedStyle(t).borderTopWidth,
        getComputedStyle(t.querySelector('.choice-word')).textDecorationLine,
    ]"""
    before = tile.evaluate(looks)
    tile.click()
    after = tile.evaluate(looks)
    assert before != after and after[1] == "underline"
