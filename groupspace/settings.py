"""GroupSpace settings, driven by environment variables.

The embedded default (no variables set) is SQLite with Channels' in-memory layer in one process.
Set DATABASE_URL (PostgreSQL) and REDIS_URL to run several processes against shared services.
A bad value fails loudly at start rather than running half-configured.
"""

import os
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    lowered = value.strip().lower()
    if lowered in {"1", "true", "yes", "on"}:
        return True
    if lowered in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be a boolean (1/0, true/false), not {value!r}")


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name, "").strip()
    if not value:
        return default
    if not value.isdigit():
        raise ImproperlyConfigured(f"{name} must be a whole number, not {value!r}")
    return int(value)


def env_list(name: str, default: list[str]) -> list[str]:
    value = os.environ.get(name)
    if not value:
        return default
    return [item.strip() for item in value.split(",") if item.strip()]


DEBUG = env_bool("DEBUG", True)

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off.")
    SECRET_KEY = "insecure-development-key-only-for-debug-mode"  # noqa: S105 (DEBUG only)

DEVELOPMENT_HOSTS = ["localhost", "127.0.0.1", "[::1]", "testserver"]
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", DEVELOPMENT_HOSTS)


def site_origins() -> list[str]:
    """The exact origins (scheme, host and port) the site is served from: the room's websocket
    accepts only these Origins, and CSRF trusts them. With DEBUG, the development hosts on any
    scheme and port (bare host names); without it, `https://` and each allowed host unless
    SITE_ORIGINS says otherwise."""
    if not os.environ.get("SITE_ORIGINS"):
        if DEBUG:
            return DEVELOPMENT_HOSTS
        return [f"https://{host}" for host in ALLOWED_HOSTS if host != "*" and host[0] != "."]
    origins = env_list("SITE_ORIGINS", [])
    for origin in origins:
        parsed = urlsplit(origin)
        if parsed.scheme not in ("http", "https") or not parsed.hostname or parsed.path:
            raise ImproperlyConfigured(
                f"SITE_ORIGINS must be origins like https://groupspace.example.org, not {origin!r}"
            )
    return origins


SITE_ORIGINS = site_origins()
CSRF_TRUSTED_ORIGINS = env_list(
    "CSRF_TRUSTED_ORIGINS", [origin for origin in SITE_ORIGINS if "://" in origin]
)

INSTALLED_APPS = [
    "daphne",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "channels",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "groupspace.accounts",
    "groupspace.audit",
    "groupspace.groups",
    "groupspace.invitations",
    "groupspace.room",
    "groupspace.moderation",
    "sessions_app",
    "checkins",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # After sessions, before CommonMiddleware (Django's documented place): the language from the
    # language cookie or the browser's Accept-Language.
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # A signed-in person's own choice of language wins over the browser's; before the
    # middlewares below, so their messages are in that language.
    "groupspace.accounts.language.UserLanguageMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Outside the idle logoff below, so that logoff's response clears the device too.
    "groupspace.pwa.device_data.ClearSiteDataOnLogoutMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "groupspace.accounts.idle.IdleTimeoutMiddleware",
    "groupspace.accounts.middleware.RequireMFAForCareTeamMiddleware",
]

ROOT_URLCONF = "groupspace.urls"
ASGI_APPLICATION = "groupspace.asgi.application"
WSGI_APPLICATION = None

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

# --- Database -----------------------------------------------------------------------------
DATABASE_URL = os.environ.get("DATABASE_URL", "")
if DATABASE_URL:
    DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=60)}
    if DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql":
        raise ImproperlyConfigured("DATABASE_URL must be a postgres:// URL.")
    # Django's backend, with a health check that reads the connection's socket instead of a
    # `SELECT 1` round trip before every database call (groupspace/postgresql/base.py).
    DATABASES["default"]["ENGINE"] = "groupspace.postgresql"
    # Needed, not just careful: without the check, a socket whose database connection a
    # PostgreSQL restart broke had its post refused and then its resend refused too (the
    # broken connection was not replaced; tests/room/test_errors.py). With it, the post is
    # stored.
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": os.environ.get("SQLITE_PATH", str(BASE_DIR / "db.sqlite3")),
            # IMMEDIATE takes the write lock at BEGIN, so two writers wait for each other instead
            # of failing with "database is locked" halfway through a transaction.
            "OPTIONS": {"transaction_mode": "IMMEDIATE", "timeout": 20},
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Channel layer and cache ----------------------------------------------------------------
REDIS_URL = os.environ.get("REDIS_URL", "")
ROOM_EVENTS_BACKLOG = 2000
if REDIS_URL:
    if not REDIS_URL.startswith(("redis://", "rediss://")):
        raise ImproperlyConfigured("REDIS_URL must be a redis:// or rediss:// URL.")
    CHANNEL_LAYERS = {
        "default": {
            "BACKEND": "channels_redis.core.RedisChannelLayer",
            "CONFIG": {
                "hosts": [
                    {
                        "address": REDIS_URL,
                        # redis-py 8 defaults socket_timeout to 5 s, the same as the layer's
                        # blocking pop: idle consumers then die (STACK-NOTES trap 1).
                        "socket_timeout": 15,
                        # A Redis that is down must fail fast, not hang a post or a socket.
                        "socket_connect_timeout": 2,
                        # The default pool of 100 raises instead of waiting (trap 2).
                        "max_connections": 1000,
                    }
                ],
                "prefix": os.environ.get("CHANNEL_LAYER_PREFIX", "groupspace"),
                # Each process receives every room event on one channel (groupspace/room/hub.py),
                # so its backlog is the process's, not one socket's: past it, events are dropped
                # and clients catch up with `sync`.
                "capacity": ROOM_EVENTS_BACKLOG,
                "expiry": 60,
                # Each process re-joins its groups hourly (the hub), so an entry older than
                # this belongs to a process that is gone.
                "group_expiry": 86400,
            },
        }
    }
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": os.environ.get("CHANNEL_LAYER_PREFIX", "groupspace"),
        }
    }
else:
    CHANNEL_LAYERS = {
        "default": {
            "BACKEND": "channels.layers.InMemoryChannelLayer",
            "CONFIG": {"capacity": ROOM_EVENTS_BACKLOG},
        }
    }
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# --- Accounts (django-allauth) ------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
ACCOUNT_ADAPTER = "groupspace.accounts.adapter.InvitationOnlyAccountAdapter"
ACCOUNT_SIGNUP_FORM_CLASS = "groupspace.accounts.forms.NameAndTimeZoneSignupForm"
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = "none"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = True
ACCOUNT_SESSION_REMEMBER = None
ACCOUNT_PREVENT_ENUMERATION = True
# Deliberate limits (allauth's format: "count/period" per key).
ACCOUNT_RATE_LIMITS = {
    # Per client address, and per (address, account) pair: accounts/login_limits.py.
    "login_failed": "20/m/ip,5/5m/key",
    "reset_password": "20/m/ip,5/m/key",
    "signup": "20/h/ip",
}
# Behind a reverse proxy, how many proxies append to X-Forwarded-For: allauth's per-address
# limits then see the real client (README, "Production"). 0: use the connection's address.
ALLAUTH_TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0)
# Multi-factor authentication: TOTP apps and recovery codes. Therapists and staff must set it up
# before using any page when this is on (production); participants may.
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "GroupSpace"
MFA_REQUIRED_FOR_CARE_TEAM = env_bool("MFA_REQUIRED_FOR_CARE_TEAM", not DEBUG)
# Automatic logoff after inactivity (minutes): therapists and staff, and participants (who
# mostly use their own phone). A session never outlives the longer of the two.
IDLE_TIMEOUT_CARE_TEAM_MINUTES = int(os.environ.get("IDLE_TIMEOUT_CARE_TEAM_MINUTES", "30"))
IDLE_TIMEOUT_PARTICIPANT_MINUTES = int(os.environ.get("IDLE_TIMEOUT_PARTICIPANT_MINUTES", "720"))
SESSION_COOKIE_AGE = 60 * max(IDLE_TIMEOUT_CARE_TEAM_MINUTES, IDLE_TIMEOUT_PARTICIPANT_MINUTES)
LOGIN_REDIRECT_URL = "/"
LOGIN_URL = "/accounts/login/"

EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = os.environ.get(
    "DEFAULT_FROM_EMAIL", "GroupSpace <no-reply@groupspace.invalid>"
)

# --- Internationalisation -----------------------------------------------------------------
# English is the default; Spanish for the people (in Phoenix and beyond) who read it first.
# Each person chooses in their profile; otherwise the browser's Accept-Language decides.
LANGUAGE_CODE = "en"
LANGUAGES = [("en", "English"), ("es", "Español")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

# --- Static files -------------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
# In development WhiteNoise serves straight from the source folders: no collectstatic step.
WHITENOISE_USE_FINDERS = DEBUG
WHITENOISE_AUTOREFRESH = DEBUG

# --- Security -----------------------------------------------------------------------------
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
# The language cookie (set for a person who chose a language in their profile).
LANGUAGE_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SAMESITE = "Lax"
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
if not DEBUG:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    LANGUAGE_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    # Behind a TLS-terminating load balancer that sets X-Forwarded-Proto.
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "31536000"))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", False)
    if not SECURE_HSTS_PRELOAD:
        # Preloading commits the whole domain to HTTPS in browsers' built-in lists and is hard
        # to undo: the clinic's domain owner opts in with SECURE_HSTS_PRELOAD=1, not us.
        SILENCED_SYSTEM_CHECKS = ["security.W021"]

# Content Security Policy: everything from this origin only; no inline scripts or styles.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        # data: for the QR code of the authenticator set-up page.
        "img-src": ["'self'", "data:"],
        # 'self' covers the room's websocket on the same host (CSP Level 3).
        "connect-src": ["'self'"],
        "font-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'none'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}
CROSS_ORIGIN_OPENER_POLICY = "same-origin"

# --- GroupSpace ---------------------------------------------------------------------------
INVITATION_DEFAULT_DAYS = 7
# Shown with crisis resources and when the room is closed.
CLINIC_PHONE = os.environ.get("CLINIC_PHONE", "")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {"daphne": {"level": "WARNING"}},
}
# The program's name as an attendance letter shows it when the participant chooses to name it.
CLINIC_NAME = os.environ.get("CLINIC_NAME", "GroupSpace Intensive Outpatient Program")
