"""Sessions in real browsers at phone size: a therapist takes attendance, a participant sees
their record and makes an attendance letter that staff verify, and a cancelled session reaches
an open room live."""

import re

import pytest
from playwright.sync_api import expect

from .conftest import DEMO_PASSWORD

pytestmark = pytest.mark.browser

expect.set_options(timeout=10_000)


@pytest.fixture
def login(phone):
    def log_in(email: str):
        page = phone()
        page.goto("/accounts/login/")
        page.fill("input[name=login]", email)
        page.fill("input[name=password]", DEMO_PASSWORD)
        page.click("form.stacked-form button[type=submit]")
        page.wait_for_url(lambda url: "/accounts/login/" not in url)
        return page

    return log_in


def no_sideways_scroll(page) -> None:
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 390


def test_a_therapist_takes_attendance_on_a_phone(login):
    dana = login("dana@demo.test")
    dana.goto("/groups/evening-recovery/sessions/")
    expect(dana.get_by_role("heading", name="Coming up")).to_be_visible()
    dana.get_by_role("link", name="Attendance").first.click()
    expect(dana.get_by_role("heading", name="Attendance")).to_be_visible()
    no_sideways_scroll(dana)

    casey = dana.get_by_role("group", name="Casey")
    blake = dana.get_by_role("group", name="Blake")
    # Keyboard: focus Casey's first choice and move with the arrow keys, as a radio group.
    casey.get_by_role("radio", name="Present").focus()
    dana.keyboard.press("Space")
    expect(casey.get_by_role("radio", name="Present")).to_be_checked()
    blake.get_by_text("Late").click()
    tile = casey.locator("label").first.bounding_box()
    assert tile["height"] >= 44  # a finger-sized target
    dana.get_by_role("button", name="Save attendance").click()
    expect(dana.get_by_text(re.compile(r"Attendance saved \(\d changes?\)"))).to_be_visible()
    expect(
        dana.get_by_role("group", name="Casey").get_by_role("radio", name="Present")
    ).to_be_checked()
    expect(
        dana.get_by_role("group", name="Blake").get_by_role("radio", name="Late")
    ).to_be_checked()


def test_a_participant_makes_a_letter_and_staff_verify_it(login):
    alex = login("alex@demo.test")
    alex.goto("/me/attendance/")
    expect(alex.get_by_text(re.compile(r"You attended \d+ sessions"))).to_be_visible()
    no_sideways_scroll(alex)
    alex.get_by_role("link", name="Get an attendance letter").click()
    from_date = alex.evaluate("() => new Date(Date.now() - 20 * 864e5).toISOString().slice(0, 10)")
    alex.get_by_label("From").fill(from_date)
    alex.get_by_label("Name the program in the letter").check()
    alex.get_by_role("button", name="Make the letter").click()
    expect(alex.get_by_role("heading", name="Attendance verification")).to_be_visible()
    letter = alex.locator("article.letter")
    expect(letter).to_contain_text("Alex Moreno attended 6 sessions")
    expect(letter).to_contain_text("18 hours in all")
    expect(letter).not_to_contain_text("Evening Recovery")  # the group's name is never shown
    code = letter.locator(".letter-code strong").inner_text()
    assert re.fullmatch(r"[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}", code)
    expect(alex.get_by_role("link", name="Download PDF")).to_be_visible()
    no_sideways_scroll(alex)

    admin = login("admin@demo.test")
    admin.goto("/verify/")
    admin.get_by_label("Verification code").fill(code.lower())
    admin.get_by_role("button", name="Check").click()
    expect(admin.get_by_text("Valid.")).to_be_visible()
    expect(admin.locator("article.letter")).to_contain_text("attended 6 sessions")
    admin.get_by_label("Verification code").fill("AAAA-BBBB-CCCC")
    admin.get_by_role("button", name="Check").click()
    expect(admin.get_by_role("alert")).to_contain_text("No letter has this code")


def test_a_cancelled_session_reaches_an_open_room(room_as, login):
    blake = room_as("blake@demo.test")
    banner = blake.locator("#session-text")
    expect(banner).to_contain_text(re.compile("Next session|Session in progress"))
    before = banner.inner_text()
    dana = login("dana@demo.test")
    dana.goto("/groups/evening-recovery/sessions/")
    dana.locator(".session-item:not(.is-cancelled) a").first.click()
    dana.get_by_role("link", name="Cancel this session…").click()
    dana.get_by_label("Note for the group (optional)").fill("We meet Thursday instead.")
    dana.get_by_role("button", name="Cancel the session").click()
    expect(dana.get_by_text("Cancelled.")).to_be_visible()
    notice = blake.locator("#messages li.kind-system").filter(has_text="We meet Thursday instead.")
    expect(notice).to_have_count(1)
    # The room's line no longer points at the cancelled session.
    expect(banner).not_to_have_text(before)
    expect(banner).to_contain_text(re.compile("Next session|Session in progress"))


def test_a_prompt_is_pinned_and_replies_gather_under_it(room_as, login):
    dana = login("dana@demo.test")
    dana.goto("/groups/evening-recovery/prompts/")
    dana.get_by_role("link", name="Use this prompt").first.click()
    body = dana.locator("#id_now-body").input_value()
    assert body  # the template filled the form
    dana.get_by_role("button", name="Post in the room").click()
    dana.wait_for_url(re.compile(r"/groups/evening-recovery/$"))
    prompt = dana.locator("#messages > li.kind-prompt").last
    expect(prompt).to_contain_text(body[:30])
    prompt.get_by_role("button", name="Pin").click()

    alex = room_as("alex@demo.test")
    expect(alex.locator("#pinned-prompt")).to_be_visible()
    expect(alex.locator("#pinned-body")).to_contain_text(body[:30])
    for n in range(4):
        alex.locator("#pinned-reply").click()
        alex.locator("#composer-body").fill(f"My answer {n}")
        alex.keyboard.press("Enter")
    thread = dana.locator("#messages > li.kind-prompt").last.locator(".thread")
    expect(thread.locator("> li")).to_have_count(4)
    expect(thread.locator("> li:visible")).to_have_count(3)  # compact: the latest three
    show_all = dana.get_by_role("button", name="Show all 4 replies")
    show_all.click()
    expect(thread.locator("> li:visible")).to_have_count(4)
    expect(dana.get_by_role("button", name="Show fewer replies")).to_have_attribute(
        "aria-expanded", "true"
    )
    # The replies are not repeated in the room's main list.
    expect(alex.locator("#messages > li.kind-chat").filter(has_text="My answer 0")).to_have_count(0)
    expect(alex.locator(".thread > li").filter(has_text="My answer 0")).to_have_count(1)


def test_the_calendar_feed_link_serves_the_sessions(login):
    alex = login("alex@demo.test")
    alex.goto("/")
    alex.get_by_role("link", name="Add sessions to your calendar").click()
    address = alex.get_by_label("Your private calendar address").input_value()
    assert re.fullmatch(r"http://127\.0\.0\.1:\d+/calendar/[\w-]+\.ics", address)
    expect(alex.get_by_role("link", name="Open in your calendar app")).to_have_attribute(
        "href", address.replace("http://", "webcal://")
    )
    # A calendar app fetches the address with no login: a fresh context, no cookies.
    calendar_app = alex.context.browser.new_context()
    try:
        feed = calendar_app.request.get(address)
        assert feed.status == 200
        assert feed.headers["content-type"].startswith("text/calendar")
        body = feed.text()
    finally:
        calendar_app.close()
    assert "BEGIN:VCALENDAR" in body and body.count("BEGIN:VEVENT") >= 20
    assert "SUMMARY:Group session" in body and "Evening Recovery" not in body
