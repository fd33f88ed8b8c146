"""Sessions on the home page and in the room, in the viewer's own time zone."""

import zoneinfo

from django import template
from django.templatetags.tz import do_timezone
from django.utils.translation import gettext, ngettext

from groupspace.groups.access import active_memberships_for

from ..letters import hours_label, language_name
from ..models import ScheduledPrompt
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


@register.filter
def hours(value) -> str:
    """A letter's hours as the reader's language writes them: "5.5", "5,5", "3"."""
    return hours_label(float(value))


@register.filter
def letter_language(letter) -> str:
    """The language a letter is written in, named for a sentence in the reader's language."""
    return language_name(letter.language)


@register.filter
def language_in_sentence(code: str) -> str:
    """ "Spanish" or "español": a language's name inside a sentence, in the reader's language."""
    return language_name(code)


@register.simple_tag
def scheduled_when(scheduled) -> str:
    """When a prompt scheduled relative to sessions is posted, as a sentence in the reader's
    language: "120 minutes after the end of each Wednesday session"."""
    minutes = abs(scheduled.offset_minutes)
    after = scheduled.offset_minutes >= 0
    if scheduled.slot is not None:
        which = gettext("each %(day)s session") % {"day": scheduled.slot.get_weekday_display()}
    else:
        which = gettext("every session")
    start = scheduled.anchor == ScheduledPrompt.Anchor.START
    if start and after:
        text = ngettext(
            "%(count)s minute after the start of %(which)s",
            "%(count)s minutes after the start of %(which)s",
            minutes,
        )
    elif start:
        text = ngettext(
            "%(count)s minute before the start of %(which)s",
            "%(count)s minutes before the start of %(which)s",
            minutes,
        )
    elif after:
        text = ngettext(
            "%(count)s minute after the end of %(which)s",
            "%(count)s minutes after the end of %(which)s",
            minutes,
        )
    else:
        text = ngettext(
            "%(count)s minute before the end of %(which)s",
            "%(count)s minutes before the end of %(which)s",
            minutes,
        )
    return text % {"count": minutes, "which": which}
