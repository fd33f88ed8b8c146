"""The translated strings of the pages' JavaScript: Django's JavaScriptCatalog, one URL per
language (`/jsi18n/es/`), loaded as a script file (the CSP allows no inline code).

The language is in the URL, not taken from the request, so a cached copy (the browser's, or a
service worker's) is never the wrong language. Only the project's own catalogue is served
(locale/, domain `djangojs`), not the admin's strings, and without Django's date and number
formats, which our scripts don't use (they use the browser's Intl): the room's JavaScript stays
small.
"""

from django.conf import settings
from django.http import Http404
from django.utils import translation
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET
from django.views.i18n import JavaScriptCatalog


class StringsOnlyCatalog(JavaScriptCatalog):
    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "formats": {}}


# An app without a djangojs catalogue of its own: LOCALE_PATHS are always added to it.
_catalog = StringsOnlyCatalog.as_view(packages=["groupspace.accounts"])


@require_GET
@cache_control(public=True, max_age=3600)
def javascript_catalog(request, language: str):
    if language not in dict(settings.LANGUAGES):
        raise Http404("No such language.")
    with translation.override(language):
        response = _catalog(request)
    response["Content-Language"] = language
    return response
