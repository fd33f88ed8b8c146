"""The kinds of milestone, their thresholds and their words. Pure functions, no database."""

import calendar
import zoneinfo
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

CLEAN_TIME_DAYS = (1, 7, 14, 30, 60, 90)
CLEAN_TIME_MONTHS = (6, 9)
SESSIONS_ATTENDED = (1, 5, 10, 25, 50)
CHECKIN_STREAK_DAYS = (7, 14, 30)


class Kind(models.TextChoices):
    CLEAN_TIME = "clean_time", _("Clean and sober time")
    SESSIONS = "sessions", _("Sessions attended")
    STREAK = "streak", _("Check-in streak")
    PHASE = "phase", _("Program phase completed")
    GRADUATION = "graduation", _("Graduation")
    CUSTOM = "custom", _("A milestone from your therapist")


# Counted by the evaluation from dates; the others are recorded by a therapist.
COUNTED_KINDS = (Kind.CLEAN_TIME, Kind.SESSIONS, Kind.STREAK)
RECORDED_KINDS = (Kind.PHASE, Kind.GRADUATION, Kind.CUSTOM)


class Unit(models.TextChoices):
    DAYS = "days"
    MONTHS = "months"
    YEARS = "years"
    SESSIONS = "sessions"
    NONE = ""


@dataclass(frozen=True)
class Reached:
    """A threshold a person has reached: what, counted since when, and on which of their days."""

    kind: str
    value: int
    unit: str
    since: date | None
    reached_on: date


def today_in(time_zone: str, now: datetime | None = None) -> date:
    """The calendar day in `time_zone` at `now`: a day count changes at the person's midnight."""
    return timezone.localtime(now or timezone.now(), zoneinfo.ZoneInfo(time_zone)).date()


def add_months(day: date, months: int) -> date:
    """`day` plus whole months; the 31st becomes the month's last day when it is shorter."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def clean_time_steps(since: date, today: date):
    """(value, unit, the day it is reached) for every clean-time threshold up to `today`.

    Day counts: the sobriety date itself is day 0, the next day is 1 day.
    """
    for days in CLEAN_TIME_DAYS:
        yield days, Unit.DAYS, since + timedelta(days=days)
    for months in CLEAN_TIME_MONTHS:
        yield months, Unit.MONTHS, add_months(since, months)
    years = 1
    while (on := add_months(since, 12 * years)) <= today:
        yield years, Unit.YEARS, on
        years += 1
    yield years, Unit.YEARS, add_months(since, 12 * years)  # the next one, not yet reached


def clean_time_reached(since: date, today: date) -> list[Reached]:
    return [
        Reached(Kind.CLEAN_TIME, value, unit, since, on)
        for value, unit, on in clean_time_steps(since, today)
        if on <= today
    ]


def next_clean_time(since: date, today: date) -> tuple[int, str, date] | None:
    return next(((v, u, on) for v, u, on in clean_time_steps(since, today) if on > today), None)


def streak_reached(run_start: date, run_length: int, today: date) -> list[Reached]:
    """Streak thresholds reached by the current run of days in a row (keyed by its first day,
    so a new run after a break can reach them again)."""
    return [
        Reached(Kind.STREAK, days, Unit.DAYS, run_start, run_start + timedelta(days=days - 1))
        for days in CHECKIN_STREAK_DAYS
        if run_length >= days
    ]


def sessions_reached(attended: int, today: date) -> list[Reached]:
    return [
        Reached(Kind.SESSIONS, count, Unit.SESSIONS, None, today)
        for count in SESSIONS_ATTENDED
        if attended >= count
    ]


def current_run(days: set[date], today: date) -> tuple[date | None, int]:
    """The current run of consecutive days (ending today, or yesterday while today is open):
    (its first day, its length)."""
    day = today if today in days else today - timedelta(days=1)
    length = 0
    while day in days:
        length += 1
        day -= timedelta(days=1)
    return (day + timedelta(days=1) if length else None), length


def label(kind: str, value: int, unit: str, title: str = "") -> str:
    """Words for a milestone in the active language: "30 days", "6 months", "1 year",
    "10 sessions", a title. (static/js/room/words.js words them the same way.)"""
    if kind in RECORDED_KINDS:
        return title or str(Kind(kind).label)
    if kind == Kind.SESSIONS:
        if value == 1:
            return gettext("First session")
        return ngettext("%(count)d session", "%(count)d sessions", value) % {"count": value}
    if kind == Kind.STREAK:
        return ngettext(
            "%(count)d day of check-ins in a row", "%(count)d days of check-ins in a row", value
        ) % {"count": value}
    words = {
        "days": ngettext("%(count)d day", "%(count)d days", value),
        "months": ngettext("%(count)d month", "%(count)d months", value),
        "years": ngettext("%(count)d year", "%(count)d years", value),
    }
    return words[unit] % {"count": value}
