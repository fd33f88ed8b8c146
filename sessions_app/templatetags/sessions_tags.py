"""Sessions on the home page and in the room, in the viewer's own time zone."""

import zoneinfo

from django import template
from django.templatetags.tz import do_timezone

from groupspace.groups.access import active_memberships_for

from ..schedule import current_session, next_session, upcoming

register = template.Library()


@register.filter
def in_zone(moment, time_zone: str):
    """The instant as the wall clock reads in `time_zone` (a person's or a group's). Django's
    own `timezone` filter: its result is not converted back to the active zone by `date`."""
    if moment is None:
        return None
    try:
        return do_timezone(moment, zoneinfo.ZoneInfo(time_zone))
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return moment


@register.inclusion_tag("sessions/_next_sessions.html", takes_context=True)
def next_sessions(context, limit: int = 4):
    user = context["user"]
    group_ids = [m.group_id for m in active_memberships_for(user)]
    return {"sessions": upcoming(group_ids, limit=limit), "user": user}


@register.inclusion_tag("sessions/_session_banner.html", takes_context=True)
def session_banner(context, group):
    return {
        "current": current_session(group.pk),
        "next": next_session(group.pk),
        "user": context["user"],
        "group": group,
    }
