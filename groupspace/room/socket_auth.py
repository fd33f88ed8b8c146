"""Who is on a socket: the login session named by its cookie, and that session's user.

The room's consumer resolves this itself at connect, instead of Channels' AuthMiddlewareStack
(cookie, session and auth middleware). That stack keeps, for a socket's whole life, three
copies of the scope, a dict of every cookie, the session, the user, lazy wrappers and its own
coroutine frames (measured with tracemalloc: about 4 KiB a socket), and checks the session
for changes on every frame the server sends. A socket needs only its session's key and last
activity after connecting.

The user is resolved by Django's own `get_user`, exactly as for a page request: the session's
backend, the user, and the session auth hash (a password change logs other sessions out).
"""

from importlib import import_module
from types import SimpleNamespace

from django.conf import settings
from django.contrib.auth import get_user
from django.contrib.sessions.models import Session
from django.db.models.functions import Now
from django.http.cookie import parse_cookie

from groupspace.compiled_query import CompiledQuery


def session_key_from(headers) -> str | None:
    """The session cookie's value from the handshake's Cookie headers, if any."""
    for name, value in headers:
        if name == b"cookie":
            key = parse_cookie(value.decode("latin1")).get(settings.SESSION_COOKIE_NAME)
            if key:
                return key
    return None


def session_store(session_key: str | None):
    """The configured session engine's store for `session_key` (nothing loaded yet)."""
    return import_module(settings.SESSION_ENGINE).SessionStore(session_key)


def login(session_key: str | None):
    """(session, user): the session store, and its user or AnonymousUser. Runs the ORM."""
    session = session_store(session_key)
    return session, get_user(SimpleNamespace(session=session))


def fresh_session_data(session_key: str) -> dict:
    """The login session's data as stored now ({} once it has ended or expired): what
    `SessionStore(session_key).load()` returns. Every socket's ping asks, so with the
    database session engine (the default) it is one compiled read."""
    if settings.SESSION_ENGINE != DATABASE_SESSIONS:
        return session_store(session_key).load()
    data = _SESSION_DATA.first(session_key=session_key)
    return {} if data is None else session_store(None).decode(data)


DATABASE_SESSIONS = "django.contrib.sessions.backends.db"

_SESSION_DATA = CompiledQuery(
    lambda session_key: Session.objects.filter(
        session_key=session_key, expire_date__gt=Now()
    ).values_list("session_data", flat=True)
)
