"""The web app manifest, the service worker (served from the site root, so its scope is the
whole site) and the page the service worker shows when a page is not available offline."""

import hashlib
import json
import posixpath
import re
from functools import lru_cache
from pathlib import Path

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.contrib.staticfiles import finders
from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.template.loader import get_template, render_to_string
from django.templatetags.static import static
from django.urls import reverse
from django.utils.translation import gettext
from django.views.decorators.http import require_GET

from .device_data import OFFLINE_UNTIL_HEADER

THEME_COLOUR = "#1f6f5c"  # the icon's green
BACKGROUND_COLOUR = "#f7f6f2"  # the page background (--bg in site.css)
# The same name is in static/js/room/offline-store.js, which deletes this cache on logout.
ROOMS_CACHE = "groupspace-rooms"
WORKER_TEMPLATE = "pwa/service-worker.js"
# The app shell: what a room page needs to open with no network. Nothing personal is in it;
# the room pages themselves are cached one by one as the person opens them (see the worker).
# The scripts are the entry points: every module they import is in the shell too.
SHELL_SCRIPTS = ["js/pwa.js", "js/offline.js", "js/room.js"]
SHELL_OTHER_FILES = ["css/site.css", "img/icon.svg", "img/icon-192.png"]
RELATIVE_IMPORT = re.compile(r"""\b(?:from|import)\s*["'](\.{1,2}/[^"']+)["']""")
ICONS = [
    ("img/icon-192.png", "192x192", "image/png", "any"),
    ("img/icon-512.png", "512x512", "image/png", "any"),
    ("img/icon-maskable-512.png", "512x512", "image/png", "maskable"),
    ("img/icon.svg", "any", "image/svg+xml", "any"),
]


@require_GET
def manifest(request):
    data = {
        "id": "/",
        "name": "GroupSpace",
        "short_name": "GroupSpace",
        "description": gettext("Your IOP group's private space between sessions."),
        "start_url": reverse("home"),
        "scope": "/",
        "display": "standalone",
        "theme_color": THEME_COLOUR,
        "background_color": BACKGROUND_COLOUR,
        "icons": [
            {"src": static(path), "sizes": sizes, "type": kind, "purpose": purpose}
            for path, sizes, kind, purpose in ICONS
        ],
    }
    return JsonResponse(data, content_type="application/manifest+json")


def shell_files() -> list[str]:
    """The shell's static files: the entry scripts and, followed through their relative imports,
    every module they load (one module missing offline and the whole room fails to start)."""
    files: list[str] = []
    queue = list(SHELL_SCRIPTS)
    while queue:
        path = queue.pop(0)
        if path in files:
            continue
        files.append(path)
        for target in RELATIVE_IMPORT.findall(Path(finders.find(path)).read_text()):
            queue.append(posixpath.normpath(posixpath.join(posixpath.dirname(path), target)))
    return files + SHELL_OTHER_FILES


def shell_urls() -> list[str]:
    """Each shell file by the URL pages use (hashed in production) and by its plain name (what
    the JavaScript modules' relative imports ask for); the pages' script words in each language
    (the same for everyone); then the offline page."""
    urls = []
    for path in shell_files():
        for url in (static(path), settings.STATIC_URL + path):
            if url not in urls:
                urls.append(url)
    urls += [reverse("javascript_catalog", args=[code]) for code, _ in settings.LANGUAGES]
    return [*urls, reverse("offline")]


def _shell_version() -> str:
    """Changes whenever a shell file, a compiled translation or the worker's template does, so
    browsers install the new worker (which fetches the new shell) instead of old files forever."""
    sources = [Path(finders.find(path)) for path in shell_files()]
    for locale in settings.LOCALE_PATHS:
        sources += sorted(Path(locale).glob("*/LC_MESSAGES/*.mo"))
    sources.append(Path(get_template(WORKER_TEMPLATE).origin.name))
    digest = hashlib.sha256()
    for source in sources:
        digest.update(source.read_bytes())
    return digest.hexdigest()[:16]


# Files do not change under a running production process; in development they do.
_cached_shell_version = lru_cache(maxsize=1)(_shell_version)
_cached_shell_urls = lru_cache(maxsize=1)(shell_urls)


@require_GET
def service_worker(request):
    version = _shell_version() if settings.DEBUG else _cached_shell_version()
    script = render_to_string(
        WORKER_TEMPLATE,
        {
            "version": version,
            "shell": json.dumps(shell_urls() if settings.DEBUG else _cached_shell_urls()),
            "offline_url": json.dumps(reverse("offline")),
            "login_url": json.dumps(reverse("account_login")),
            "rooms_cache": json.dumps(ROOMS_CACHE),
            "offline_header": json.dumps(OFFLINE_UNTIL_HEADER),
        },
    )
    response = HttpResponse(script, content_type="text/javascript; charset=utf-8")
    # Always revalidated, so a new deployment's worker is found on the next page load.
    response["Cache-Control"] = "no-cache"
    response["Service-Worker-Allowed"] = "/"
    return response


@require_GET
def offline(request):
    """The same page for everyone: fetched by the worker without cookies when it installs, and
    rendered as if logged out even if a cookie came along (no name, no menu, and no flash
    messages taken out of the session)."""
    return render(
        request,
        "pwa/offline.html",
        {
            "user": AnonymousUser(),
            "messages": (),
            "offline_page": True,
            "rooms_cache": ROOMS_CACHE,
            "offline_header": OFFLINE_UNTIL_HEADER,
        },
    )
