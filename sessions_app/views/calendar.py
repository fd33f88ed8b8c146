"""A person's calendar feed: their private address, its privacy choice, resetting it, and the
feed itself (no login: the token in the address is the credential)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext
from django.views.decorators.cache import never_cache

from groupspace.accounts.second_factor import second_factor_missing

from ..calendar import build_calendar, feed_for, reset_token
from ..forms import FeedPrivacyForm
from ..models import CalendarFeed


@login_required
def my_calendar(request):
    feed = feed_for(request.user)
    form = FeedPrivacyForm(
        request.POST or None, initial={"show_group_names": feed.show_group_names}
    )
    if request.method == "POST" and form.is_valid():
        feed.show_group_names = form.cleaned_data["show_group_names"]
        feed.save(update_fields=["show_group_names"])
        messages.success(
            request, gettext("Saved. Calendars pick up the change at their next refresh.")
        )
        return redirect("my_calendar")
    address = request.build_absolute_uri(f"/calendar/{feed.token}.ics")
    return render(
        request,
        "sessions/my_calendar.html",
        {
            "feed": feed,
            "form": form,
            "address": address,
            "webcal": address.replace("https://", "webcal://").replace("http://", "webcal://"),
        },
    )


@login_required
def reset_calendar(request):
    if request.method == "POST":
        reset_token(request.user)
        messages.success(
            request,
            gettext(
                "Your calendar has a new address. The old one no longer works: add the new one."
            ),
        )
        return redirect("my_calendar")
    return render(request, "sessions/confirm_reset_calendar.html")


@never_cache
def calendar_feed(request, token):
    feed = (
        CalendarFeed.objects.select_related("user")
        .filter(token=token, user__is_active=True)
        .first()
    )
    # The address stands in for a login, so it follows the same second-factor rule.
    if feed is None or second_factor_missing(feed.user):
        raise Http404("No such calendar.")
    response = HttpResponse(build_calendar(feed), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="groupspace.ics"'
    response["X-Robots-Tag"] = "noindex"
    return response
