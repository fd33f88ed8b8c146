"""The installable app's server side: the manifest, the service worker at the site root, the
offline page, which pages may be kept offline, and wiping the device when a login ends.
What the browser does with them is in tests/browser/test_pwa_offline.py."""

import json
import re
import struct
import time
from pathlib import Path

import pytest

from groupspace.pwa.device_data import OFFLINE_UNTIL_HEADER
from groupspace.pwa.views import ROOMS_CACHE, shell_urls
from tests.conftest import PASSWORD

from .test_idle_logoff import idle_for

ROOT = Path(__file__).resolve().parents[2]


def png_size(path: Path) -> tuple[int, int]:
    header = path.read_bytes()[:24]
    assert header[:8] == b"\x89PNG\r\n\x1a\n", f"{path.name} is not a PNG"
    return struct.unpack(">II", header[16:24])


def test_manifest_makes_the_app_installable(client):
    response = client.get("/manifest.webmanifest")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/manifest+json"
    manifest = json.loads(response.content)
    assert manifest["name"] == manifest["short_name"] == "GroupSpace"
    assert manifest["start_url"] == "/" and manifest["scope"] == "/"
    assert manifest["display"] == "standalone"
    assert re.fullmatch(r"#[0-9a-f]{6}", manifest["theme_color"])
    assert re.fullmatch(r"#[0-9a-f]{6}", manifest["background_color"])
    pngs = {
        (i["sizes"], i["purpose"]): i["src"] for i in manifest["icons"] if i["type"] == "image/png"
    }
    assert set(pngs) == {("192x192", "any"), ("512x512", "any"), ("512x512", "maskable")}
    for (sizes, _), src in pngs.items():
        side = int(sizes.split("x")[0])
        assert png_size(ROOT / "static" / src.removeprefix("/static/")) == (side, side)


def test_every_page_links_the_manifest_and_registers_the_worker(client, client_for, alice, evening):
    for http, url in ((client, "/accounts/login/"), (client_for(alice), "/groups/evening/")):
        page = response_text(http.get(url))
        assert '<link rel="manifest" href="/manifest.webmanifest">' in page
        assert 'data-service-worker="/sw.js"' in page


def response_text(response) -> str:
    assert response.status_code == 200
    return response.content.decode()


def test_service_worker_is_served_from_the_root_as_javascript(client):
    response = client.get("/sw.js")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/javascript; charset=utf-8"
    assert response["Service-Worker-Allowed"] == "/"
    assert response["Cache-Control"] == "no-cache"
    # The worker runs under the same policy as the pages: this origin only.
    assert "default-src 'self'" in response["Content-Security-Policy"]
    script = response.content.decode()
    assert json.dumps(shell_urls()) in script
    assert f'const ROOMS_CACHE = "{ROOMS_CACHE}";' in script


def test_shell_is_only_impersonal_files_that_exist(client):
    urls = shell_urls()
    assert "/offline/" in urls and "/static/js/room.js" in urls
    assert {"/jsi18n/en/", "/jsi18n/es/"} <= set(urls)  # the room's words, offline too
    for url in urls:
        assert url.startswith(("/static/", "/offline/", "/jsi18n/")), url
        response = client.get(url)
        assert response.status_code == 200, url


def test_shell_holds_every_module_the_room_imports():
    """One module missing offline and the room does not start: the shell follows the imports."""
    urls = set(shell_urls())
    modules = [ROOT / "static/js/room.js", ROOT / "static/js/i18n.js"]
    modules += sorted((ROOT / "static/js/room").glob("*.js"))
    for module in modules:
        assert "/static/" + str(module.relative_to(ROOT / "static")) in urls, module.name


def test_rooms_cache_name_is_the_same_in_python_and_javascript():
    store = (ROOT / "static/js/room/offline-store.js").read_text()
    assert f'export const ROOMS_CACHE = "{ROOMS_CACHE}";' in store


def test_worker_version_changes_when_a_shell_file_changes(settings, tmp_path):
    """A new deployment must reach phones: the worker's bytes change with the shell's."""
    from django.contrib.staticfiles import finders

    from groupspace.pwa.views import _shell_version

    before = _shell_version()
    (tmp_path / "css").mkdir()
    (tmp_path / "css" / "site.css").write_text("body { color: red; }")
    settings.STATICFILES_DIRS = [tmp_path, *settings.STATICFILES_DIRS]  # found first
    finders.get_finder.cache_clear()
    try:
        assert _shell_version() != before
    finally:
        finders.get_finder.cache_clear()


def test_offline_page_is_the_same_for_everyone_and_takes_no_flash_message(client_for, alice):
    http = client_for(alice)
    http.post("/me/checkins/sharing/", {})  # leaves "Your sharing default is saved."
    response = http.get("/offline/")
    page = response_text(response)
    assert "You're offline" in page
    assert "988" in page and "911" in page
    assert alice.display_name not in page and "Log out" not in page
    assert "csrfmiddlewaretoken" not in page
    assert "pwa.js" not in page  # the offline page must not wipe the device: it is not a logout
    # The flash message is still there for the next real page.
    assert "Your sharing default is saved." in response_text(http.get("/me/checkins/"))


@pytest.mark.parametrize(("persona", "minutes"), [("alice", 12 * 60), ("dana", 30)])
def test_room_page_may_be_kept_offline_until_the_login_could_idle_out(
    client_for, request, evening, persona, minutes
):
    response = client_for(request.getfixturevalue(persona)).get("/groups/evening/")
    until = int(response[OFFLINE_UNTIL_HEADER])
    assert abs(until - (time.time() + minutes * 60)) < 5
    assert f'data-offline-until="{until}"' in response_text(response)


@pytest.mark.parametrize(
    ("persona", "url"),
    [
        ("alice", "/"),
        ("alice", "/groups/evening/checkin/"),
        ("alice", "/me/checkins/"),
        ("alice", "/me/data/"),
        ("alice", "/me/milestones/"),
        ("alice", "/profile/"),
        ("dana", "/groups/evening/moderation/"),
        ("dana", "/groups/evening/audit/"),
        ("dana", "/groups/evening/checkins/dashboard/"),
        ("sam", "/audit/"),
    ],
)
def test_private_pages_are_never_kept_offline(client_for, request, evening, persona, url):
    response = client_for(request.getfixturevalue(persona)).get(url)
    assert response.status_code == 200
    assert OFFLINE_UNTIL_HEADER not in response


def test_room_agreement_page_is_not_kept_offline(client_for, make_user, evening):
    from groupspace.groups.models import Membership

    newcomer = make_user("nia@example.test", "Nia")
    Membership.objects.create(user=newcomer, group=evening)
    response = client_for(newcomer).get("/groups/evening/")
    assert "Before you join the room" in response_text(response)
    assert OFFLINE_UNTIL_HEADER not in response


def test_logout_tells_the_browser_to_wipe_this_sites_caches_and_storage(client_for, alice):
    http = client_for(alice)
    assert "Clear-Site-Data" not in http.get("/profile/")
    response = http.post("/accounts/logout/")
    assert response.status_code == 302
    assert response["Clear-Site-Data"] == '"cache", "storage"'
    assert "Clear-Site-Data" not in http.get("/accounts/login/")


def test_idle_logoff_wipes_the_device_too(client_for, dana, evening):
    http = client_for(dana)
    idle_for(http, 31)
    response = http.get("/groups/evening/")
    assert response["Location"].startswith("/accounts/login/")
    assert response["Clear-Site-Data"] == '"cache", "storage"'


def test_closing_the_account_wipes_the_device(client_for, alice):
    response = client_for(alice).post("/me/close/", {"password": PASSWORD})
    assert response.status_code == 200
    assert response["Clear-Site-Data"] == '"cache", "storage"'


def test_care_team_without_second_factor_still_gets_the_app_files(client_for, dana, settings):
    settings.MFA_REQUIRED_FOR_CARE_TEAM = True
    http = client_for(dana)
    assert http.get("/groups/evening/").status_code == 302  # pages wait for the second factor
    for url in ("/sw.js", "/manifest.webmanifest", "/offline/"):
        assert http.get(url).status_code == 200, url
