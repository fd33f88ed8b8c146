"""Every page and state of the app, checked by axe-core (WCAG 2.2 A and AA, light and dark) and
by the Nu HTML Checker, on a 390 px phone.

Each entry of VISITS opens one page as one person (the people of tests/browser/scenes.py, or the
demo staff account) and may bring it into a state (a dialog open, a crisis panel shown). The
`audit` fixture visits lazily and remembers each result, so `-k room` visits only rooms; the
HTML test needs them all and runs the Nu HTML Checker once over the whole batch.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

import pytest
from playwright.sync_api import Page, expect

from .a11y import COLOUR_RULES, axe_violations, vnu_errors
from .conftest import DEMO_PASSWORD

pytestmark = pytest.mark.browser

expect.set_options(timeout=10_000)

STAFF = "admin@demo.test"
CRISIS_TEXT = "I don't want to be here anymore, honestly."


@dataclass(frozen=True)
class Visit:
    name: str
    who: str | None  # a scenes.py person, "staff", or None for a visitor who is not logged in
    path: str  # formatted with the scenes' ids: {busy}, {pat}, {invitation}...
    # Brings the loaded page into the state to check; gets the page and an opener of other
    # people's pages (for states another person causes, like a live alert).
    act: Callable | None = None
    room: bool = False  # wait for the socket and the first messages before checking
    status: int = 200


def open_dialog(button: str, dialog_title: str):
    def act(page: Page, _open) -> None:
        # A message's own actions (a prompt's thread holds its replies' actions too).
        actions = page.locator("#messages li[id^='m-'] > .message-actions")
        actions.get_by_role("button", name=button).first.click()
        dialog = page.get_by_role("dialog")
        expect(dialog).to_be_visible()
        expect(dialog).to_contain_text(dialog_title)

    return act


def start_reply(page: Page, _open) -> None:
    actions = page.locator("#messages li[id^='m-'] > .message-actions")
    actions.get_by_role("button", name="Reply").first.click()
    expect(page.locator("#reply-preview")).to_be_visible()


def open_room_menu(page: Page, _open) -> None:
    page.locator(".room-menu summary").click()
    expect(page.locator(".room-menu ul")).to_be_visible()


def say_crisis(page: Page, _open) -> None:
    page.locator("#composer-body").fill(CRISIS_TEXT)
    page.locator("#composer-body").press("Enter")
    expect(page.locator("#crisis-panel")).to_be_visible()


def peer_says_crisis(page: Page, open_as) -> None:
    robin = open_as("robin")
    robin.goto(page.url)
    wait_for_room(robin)
    say_crisis(robin, open_as)
    expect(page.locator("#therapist-alerts")).to_be_visible()


def submit_empty_checkin(page: Page, _open) -> None:
    # The browser would stop an empty form (required radios); the server's answer is the state
    # to check, as a browser without that validation gets it.
    page.locator("#checkin-form").evaluate("form => { form.noValidate = true; }")
    page.get_by_role("button", name="Save check-in").click()
    expect(page.locator(".form-errors")).to_be_visible()


def wrong_password(page: Page, _open) -> None:
    page.fill("input[name=login]", "pat@scene.test")
    page.fill("input[name=password]", "not the password")
    page.get_by_role("button", name="Log in").click()
    expect(page.locator(".errorlist, [role=alert]").first).to_be_visible()


def expired_form(page: Page, _open) -> None:
    """A login form left open until its CSRF cookie is gone (a phone left overnight)."""
    page.context.clear_cookies()
    page.fill("input[name=login]", "pat@scene.test")
    page.fill("input[name=password]", DEMO_PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("heading", level=1)).to_be_visible()


def open_signup(page: Page, _open) -> None:
    page.get_by_role("link", name="Create your account").click()
    expect(page.locator("form input[type=password]").first).to_be_visible()


def open_member_removal(page: Page, _open) -> None:
    page.get_by_role("link", name="Remove Jo P.").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Remove")


def open_schedule_forms(page: Page, _open) -> None:
    for summary in page.locator("details.form-disclosure > summary").all():
        summary.click()


def verify_letter(page: Page, _open) -> None:
    page.get_by_label("Verification code").fill("AAAA-BBBB-CCCC")
    page.get_by_role("button", name="Check").click()
    expect(page.get_by_role("alert")).to_contain_text("No letter has this code")


VISITS = [
    # Not logged in.
    Visit("login", None, "/accounts/login/"),
    Visit("login with a wrong password", None, "/accounts/login/", act=wrong_password),
    Visit("login form expired (403 CSRF)", None, "/accounts/login/", act=expired_form, status=403),
    Visit("password reset", None, "/accounts/password/reset/"),
    Visit("invitation, not logged in", None, "/invite/{invitation}/"),
    Visit("sign-up from an invitation", None, "/invite/{invitation}/", act=open_signup),
    Visit("invitation withdrawn", None, "/invite/{withdrawn_invitation}/", status=410),
    Visit("signup without an invitation", None, "/accounts/signup/"),
    Visit("offline page (as the service worker keeps it)", None, "/offline/"),
    # Error pages: the browser server runs with DEBUG on, which shows Django's own 404 page, so
    # these are rendered by this process (DEBUG off, the project's real handlers) and served to
    # the browser at the server's origin (see ERROR_PAGES).
    Visit("not found (404)", None, "/__errors__/404/", status=404),
    Visit("not allowed (403)", None, "/__errors__/403/", status=403),
    Visit("server error (500)", None, "/__errors__/500/", status=500),
    # A participant.
    Visit("home, participant", "pat", "/"),
    Visit("room busy, participant", "pat", "/groups/{busy}/", room=True),
    Visit(
        "room, report dialog open",
        "pat",
        "/groups/{busy}/",
        room=True,
        act=open_dialog("Report", "Report this message"),
    ),
    Visit("room, replying", "pat", "/groups/{busy}/", room=True, act=start_reply),
    Visit("room, group menu open", "pat", "/groups/{busy}/", room=True, act=open_room_menu),
    Visit("room empty", "pat", "/groups/{quiet}/", room=True),
    Visit("room with earlier messages to load", "pat", "/groups/{long}/", room=True),
    Visit("check-in form", "pat", "/groups/{busy}/checkin/"),
    Visit(
        "check-in form with errors",
        "pat",
        "/groups/{busy}/checkin/",
        act=submit_empty_checkin,
        status=400,
    ),
    Visit("check-in form, mental health track", "pat", "/groups/{quiet}/checkin/"),
    Visit("check-in detail", "pat", "/me/checkins/{pat_checkin_today}/"),
    Visit("check-in history", "pat", "/me/checkins/"),
    Visit("check-in history, 90 days", "pat", "/me/checkins/?days=90"),
    Visit("check-in edit", "pat", "/me/checkins/{pat_checkin_today}/edit/"),
    Visit("check-in delete, asks first", "pat", "/me/checkins/{pat_checkin_today}/delete/"),
    Visit(
        "check-in of an earlier day, refused (403)",
        "pat",
        "/me/checkins/{pat_checkin_old}/edit/",
        status=403,
    ),
    Visit("milestones, own progress", "pat", "/me/milestones/"),
    Visit("profile", "pat", "/profile/"),
    Visit("my data", "pat", "/me/data/"),
    Visit("close account, asks first", "pat", "/me/close/"),
    Visit("leave group, asks first", "pat", "/groups/{busy}/leave/"),
    Visit("password change", "pat", "/accounts/password/change/"),
    Visit("email addresses", "pat", "/accounts/email/"),
    Visit("two-factor authentication", "pat", "/accounts/2fa/"),
    Visit("log out, asks first", "pat", "/accounts/logout/"),
    # Other participants: their own message waiting, a locked room, muted, the agreement.
    Visit("room, own message waiting for approval", "robin", "/groups/{busy}/", room=True),
    Visit("room locked, participant", "robin", "/groups/{locked}/", room=True),
    Visit("room muted", "jo", "/groups/{busy}/", room=True),
    Visit("group agreement", "kim", "/groups/{busy}/"),
    Visit("home, in no group yet", "nova", "/"),
    Visit("invitation, logged in", "nova", "/invite/{invitation}/"),
    # The therapist.
    Visit("home, therapist", "tess", "/"),
    Visit("room busy, therapist", "tess", "/groups/{busy}/", room=True),
    Visit(
        "room, remove dialog open",
        "tess",
        "/groups/{busy}/",
        room=True,
        act=open_dialog("Remove", "Remove this message"),
    ),
    Visit("room locked, therapist", "tess", "/groups/{locked}/", room=True),
    Visit("check-in dashboard with alerts", "tess", "/groups/{busy}/checkins/dashboard/"),
    Visit("check-in dashboard, quiet group", "tess", "/groups/{quiet}/checkins/dashboard/"),
    Visit("participant's check-ins", "tess", "/groups/{busy}/checkins/people/{pat}/"),
    Visit("participant's milestones", "tess", "/groups/{busy}/milestones/people/{pat}/"),
    Visit("moderation queue", "tess", "/groups/{busy}/moderation/"),
    Visit("moderation queue, nothing open", "tess", "/groups/{quiet}/moderation/"),
    Visit(
        "remove a message, asks first",
        "tess",
        "/groups/{busy}/moderation/messages/{pending_message}/remove/",
    ),
    Visit("group audit log", "tess", "/groups/{busy}/audit/"),
    Visit("people and invitations", "tess", "/groups/{busy}/people/"),
    Visit(
        "name on a member's letters", "tess", "/groups/{busy}/people/{pat_membership}/letter-name/"
    ),
    Visit("remove a member, asks first", "tess", "/groups/{busy}/people/", act=open_member_removal),
    Visit("room settings", "tess", "/groups/{busy}/settings/"),
    Visit("check-in refused to a therapist (403)", "tess", "/groups/{busy}/checkin/", status=403),
    # Sessions.
    Visit("schedule, participant", "pat", "/groups/{busy}/sessions/"),
    Visit("schedule, therapist", "tess", "/groups/{busy}/sessions/", act=open_schedule_forms),
    Visit(
        "session, therapist",
        "tess",
        "/groups/{busy}/sessions/{upcoming_session}/",
        act=open_schedule_forms,
    ),
    Visit("session cancelled, participant", "pat", "/groups/{busy}/sessions/{cancelled_session}/"),
    Visit(
        "cancel a session, asks first", "tess", "/groups/{busy}/sessions/{upcoming_session}/cancel/"
    ),
    Visit("attendance", "tess", "/groups/{busy}/sessions/{past_session}/attendance/"),
    Visit("prompt library", "tess", "/groups/{busy}/prompts/"),
    Visit("own attendance", "pat", "/me/attendance/"),
    Visit("attendance letters", "pat", "/me/attendance/letters/"),
    Visit("attendance letter", "pat", "/me/attendance/letters/{letter}/"),
    Visit("calendar feed", "pat", "/me/calendar/"),
    Visit("new calendar address, asks first", "pat", "/me/calendar/reset/"),
    Visit("verify a letter, wrong code", "staff", "/verify/", act=verify_letter, status=404),
    # Clinic staff.
    Visit("home, staff", "staff", "/"),
    Visit("groups", "staff", "/groups/"),
    Visit("clinic audit log", "staff", "/audit/"),
    # States someone else causes, last: they add messages and alerts to the busy room.
    Visit("room, crisis resources shown", "pat", "/groups/{busy}/", room=True, act=say_crisis),
    Visit(
        "room, live alert to the therapist",
        "tess",
        "/groups/{busy}/",
        room=True,
        act=peer_says_crisis,
    ),
]


def render_error_page(status: int) -> str:
    """The project's error page for `status`, as Django's handlers render it with DEBUG off."""
    from django.contrib.auth.models import AnonymousUser
    from django.core.exceptions import PermissionDenied
    from django.test import Client, RequestFactory
    from django.views import defaults

    if status == 404:  # through the whole stack: URL resolution, middleware, the 404 handler
        response = Client().get("/groups/no-such-group/people/nobody/")
    else:
        request = RequestFactory().get("/")
        request.user = AnonymousUser()
        if status == 403:
            response = defaults.permission_denied(request, PermissionDenied())
        else:
            response = defaults.server_error(request)
    assert response.status_code == status
    return response.content.decode()


def wait_for_room(page: Page) -> None:
    expect(page.locator("#room")).to_have_attribute("data-connection", "online")
    first = page.locator("#messages > li[id^='m-'], #empty-room:not([hidden])").first
    expect(first).to_be_visible()


@dataclass
class Result:
    violations: list[str] = field(default_factory=list)
    html: dict[str, str] = field(default_factory=dict)  # document name -> HTML
    error: str = ""


class Audit:
    """Visits on demand, once each; one logged-in browser context per person."""

    def __init__(self, chromium, server_url: str, scenes: dict, login_states):
        self.chromium = chromium
        self.server_url = server_url
        self.login_states = login_states
        self.ids = {**scenes, **scenes["users"]}
        self.emails = {"staff": STAFF, **_scene_emails()}
        self.contexts = {}
        self.results: dict[str, Result] = {}

    def page_of(self, who: str | None) -> Page:
        if who not in self.contexts:
            context = self.chromium.new_context(
                base_url=self.server_url,
                viewport={"width": 390, "height": 844},
                is_mobile=True,
                storage_state=self.login_states(self.emails[who]) if who else None,
                # The error pages are served by page.route, which never sees a request the
                # service worker answers; these pages are checked online, without it.
                service_workers="block",
            )
            context.set_default_timeout(10_000)
            context.new_page()
            self.contexts[who] = context
        context = self.contexts[who]
        return context.pages[0] if context.pages else context.new_page()

    def extra_page(self, who: str) -> Page:
        self.page_of(who)
        return self.contexts[who].new_page()

    def result(self, visit: Visit) -> Result:
        if visit.name not in self.results:
            self.results[visit.name] = self._visit(visit)
        return self.results[visit.name]

    def _visit(self, visit: Visit) -> Result:
        result = Result()
        page = self.page_of(visit.who)
        documents = []

        def remember(response) -> None:
            if response.request.is_navigation_request() and response.frame == page.main_frame:
                documents.append(response)

        page.on("response", remember)
        try:
            if visit.path.startswith("/__errors__/"):
                body = render_error_page(visit.status)
                page.route(
                    f"**{visit.path}",
                    lambda route: route.fulfill(
                        status=visit.status, body=body, content_type="text/html; charset=utf-8"
                    ),
                )
            page.goto(visit.path.format(**self.ids))
            if visit.room:
                wait_for_room(page)
            if visit.act:
                visit.act(page, self.extra_page)
            page.wait_for_load_state()
            served = documents[-1]
            assert served.status == visit.status, f"answered {served.status}, not {visit.status}"
            result.violations = axe_violations(page)
            page.emulate_media(color_scheme="dark")
            result.violations += [f"dark: {v}" for v in axe_violations(page, COLOUR_RULES)]
            page.emulate_media(color_scheme="light")
            result.html[f"{visit.name} (served)"] = served.text()
            if visit.room or visit.act:
                # What scripts built matters too: the messages, the dialogs.
                result.html[f"{visit.name} (DOM)"] = page.content()
        except Exception as problem:  # noqa: BLE001 (reported by that page's test)
            result.error = f"{type(problem).__name__}: {problem}"
        finally:
            page.remove_listener("response", remember)
            for extra in self.contexts[visit.who].pages[1:]:
                extra.close()
        return result

    def close(self) -> None:
        for context in self.contexts.values():
            context.close()


def _scene_emails() -> dict[str, str]:
    from .scenes import EMAILS

    return EMAILS


@pytest.fixture(scope="module")
def audit(chromium, server_url, scenes, login_states):
    audit = Audit(chromium, server_url, scenes, login_states)
    yield audit
    audit.close()


@pytest.mark.parametrize("visit", VISITS, ids=[v.name for v in VISITS])
def test_page_has_no_wcag_violations(audit, visit):
    result = audit.result(visit)
    if result.error:
        pytest.fail(result.error, pytrace=False)
    if result.violations:
        pytest.fail("\n".join(result.violations), pytrace=False)


# Known-bad inputs that each checker must flag, so a checker that silently checks nothing fails.
BROKEN_HTML = '<!DOCTYPE html><html lang="en"><title>x</title><p><div>block in a p</p></div>'


def test_axe_reports_a_known_violation(audit):
    page = audit.page_of(None)
    page.goto("/accounts/login/")
    page.locator("#id_login").evaluate("input => input.labels[0].remove()")
    assert any(line.startswith("label ") for line in axe_violations(page))


def test_every_page_is_valid_html(audit):
    documents = {"known-bad canary": BROKEN_HTML}
    for visit in VISITS:
        result = audit.result(visit)
        if result.error:
            pytest.fail(f"{visit.name}: {result.error}", pytrace=False)
        documents.update(result.html)
    assert len(documents) >= len(VISITS)
    errors = vnu_errors(documents)
    assert errors.pop("known-bad canary", None), "vnu did not flag a known error"
    assert not errors, "\n".join(
        f"{name}:\n  " + "\n  ".join(found) for name, found in sorted(errors.items())
    )
