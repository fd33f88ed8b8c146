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

from dataclasses import dataclass
from importlib import import_module
from types import SimpleNamespace

from django.conf import settings
from django.contrib.auth import get_user
from django.contrib.sessions.models import Session
from django.db.models.functions import Now
from django.http.cookie import parse_cookie

from groupspace.accounts.idle import LAST_ACTIVITY_KEY
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


@dataclass(frozen=True)
class StoredSession:
    """A login session as stored now: its data ({} once it has ended or expired) and, with
    the database engine, its encoded row as read (what `store_activity` checks is unchanged)."""

    data: dict
    encoded: str | None = None


def fresh_session(session_key: str) -> StoredSession:
    """The login session as stored now: what `SessionStore(session_key).load()` returns.
    Every socket's ping asks, so with the database session engine (the default) it is one
    compiled read."""
    if settings.SESSION_ENGINE != DATABASE_SESSIONS:
        return StoredSession(session_store(session_key).load())
    encoded = _SESSION_DATA.first(session_key=session_key)
    if encoded is None:
        return StoredSession({})
    return StoredSession(session_store(None).decode(encoded), encoded)


def store_activity(session_key: str, session: StoredSession, at: int) -> None:
    """Record `at` (a socket's last send) as the login's last activity, unless it has a later
    one. With the database engine, one UPDATE of the row `session` was read from, made only
    if no page request has stored the session since (that request recorded activity itself),
    so nothing a request stored is overwritten."""
    if not session.data or session.data.get(LAST_ACTIVITY_KEY, 0) >= at:
        return
    if session.encoded is None:  # another engine: load and save as it does
        store = session_store(session_key)
        if store.keys() and store.get(LAST_ACTIVITY_KEY, 0) < at:
            store[LAST_ACTIVITY_KEY] = at
            store.save()
        return
    data = {**session.data, LAST_ACTIVITY_KEY: at}
    encoder = session_store(None)
    Session.objects.filter(session_key=session_key, session_data=session.encoded).update(
        session_data=encoder.encode(data),
        expire_date=encoder.get_expiry_date(expiry=data.get("_session_expiry")),
    )


DATABASE_SESSIONS = "django.contrib.sessions.backends.db"

_SESSION_DATA = CompiledQuery(
    lambda session_key: Session.objects.filter(
        session_key=session_key, expire_date__gt=Now()
    ).values_list("session_data", flat=True)
)
