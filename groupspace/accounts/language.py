"""The language a person reads GroupSpace in: their profile's choice, else their browser's.

Pages: Django's LocaleMiddleware picks the browser's language (Accept-Language, or the language
cookie this middleware leaves); `UserLanguageMiddleware` then applies a signed-in person's own
choice. The room's socket uses `language_for_socket`, the same rule on the handshake.
"""

from django.conf import settings
from django.http import HttpRequest
from django.http.cookie import parse_cookie
from django.utils import translation


def chosen_language(user) -> str:
    """The person's choice in their profile, or "" (follow the browser)."""
    if user is None or not user.is_authenticated:
        return ""
    code = getattr(user, "language", "") or ""
    return code if code in dict(settings.LANGUAGES) else ""


class UserLanguageMiddleware:
    """Activates a signed-in person's chosen language for the request (after authentication).

    It also leaves the choice in the language cookie, so the pages this device shows after
    logging out (or an automatic logoff) keep speaking it; "follow the browser" removes it.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        chosen = chosen_language(request.user)
        if chosen:
            translation.activate(chosen)
            request.LANGUAGE_CODE = chosen
        response = self.get_response(request)
        if request.user.is_authenticated:
            # Read again: the profile page may have just changed it.
            remember_on_device(request, response, chosen_language(request.user))
        return response


def remember_on_device(request, response, chosen: str) -> None:
    cookie = settings.LANGUAGE_COOKIE_NAME
    if chosen and request.COOKIES.get(cookie) != chosen:
        response.set_cookie(
            cookie,
            chosen,
            max_age=settings.LANGUAGE_COOKIE_AGE,
            path=settings.LANGUAGE_COOKIE_PATH,
            domain=settings.LANGUAGE_COOKIE_DOMAIN,
            secure=settings.LANGUAGE_COOKIE_SECURE,
            httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
            samesite=settings.LANGUAGE_COOKIE_SAMESITE,
        )
    elif not chosen and cookie in request.COOKIES:
        response.delete_cookie(
            cookie,
            path=settings.LANGUAGE_COOKIE_PATH,
            domain=settings.LANGUAGE_COOKIE_DOMAIN,
            samesite=settings.LANGUAGE_COOKIE_SAMESITE,
        )


def language_for_socket(scope, user=None) -> str:
    """The language for a websocket's server-written texts (error details, crisis resources):
    the person's choice, else the language cookie or Accept-Language of the handshake. The
    consumer resolves the login itself (no auth middleware), so it passes the user."""
    chosen = chosen_language(user if user is not None else scope.get("user"))
    if chosen:
        return chosen
    request = HttpRequest()
    request.COOKIES = dict(scope.get("cookies") or {})
    for name, value in scope.get("headers") or []:
        if name.lower() == b"accept-language":
            request.META["HTTP_ACCEPT_LANGUAGE"] = value.decode("latin-1")
        elif name.lower() == b"cookie" and not request.COOKIES:
            request.COOKIES = parse_cookie(value.decode("latin-1"))
    return translation.get_language_from_request(request)
