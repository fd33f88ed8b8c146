"""A person's private iCalendar feed (RFC 5545) of their groups' sessions.

Titles say "Group session" unless the person opted in to group names: a shared or synced
calendar must not reveal a diagnosis. Cancelled sessions stay in the feed as CANCELLED so
calendars remove them instead of keeping a stale copy.

The feed's words are in its owner's chosen language (English when they follow their browser):
calendar apps fetch it without a useful Accept-Language.
"""

import datetime as dt

from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext, gettext_lazy
from icalendar import Calendar, Event

from groupspace.groups.access import active_memberships_for

from .models import CalendarFeed, Session, new_feed_token

PAST_DAYS = 30
NEUTRAL_TITLE = gettext_lazy("Group session")


def feed_for(user) -> CalendarFeed:
    feed, _ = CalendarFeed.objects.get_or_create(user=user)
    return feed


def reset_token(user) -> CalendarFeed:
    """A new address; the old one stops working at once."""
    with transaction.atomic():
        feed = feed_for(user)
        feed.token = new_feed_token()
        feed.save(update_fields=["token"])
    return feed


def build_calendar(feed: CalendarFeed, *, now=None) -> bytes:
    with translation.override(feed.user.language or settings.LANGUAGE_CODE):
        return _build_calendar(feed, now or timezone.now())


def _build_calendar(feed: CalendarFeed, now) -> bytes:
    group_ids = [m.group_id for m in active_memberships_for(feed.user)]
    sessions = Session.objects.filter(
        group_id__in=group_ids, ends_at__gte=now - dt.timedelta(days=PAST_DAYS)
    ).select_related("group")
    calendar = Calendar()
    calendar.add("prodid", "-//GroupSpace//Sessions//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", gettext("GroupSpace sessions"))
    for session in sessions.order_by("starts_at"):
        calendar.add_component(_event(session, feed.show_group_names, now))
    return calendar.to_ical()


def _event(session: Session, show_names: bool, now) -> Event:
    event = Event()
    event.add("uid", f"session-{session.pk}@groupspace")
    event.add("dtstamp", now)
    event.add("dtstart", session.starts_at)
    event.add("dtend", session.ends_at)
    event.add("sequence", session.sequence)
    event.add("summary", session.group.name if show_names else str(NEUTRAL_TITLE))
    if session.is_cancelled:
        event.add("status", "CANCELLED")
        if show_names and session.cancel_note:
            event.add("description", gettext("Cancelled: %(note)s") % {"note": session.cancel_note})
    else:
        event.add("status", "CONFIRMED")
        if show_names:
            event.add("description", str(session.get_kind_display()))
    return event
