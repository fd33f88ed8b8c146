"""Turning a weekly pattern into sessions, and asking what is on.

Times are wall-clock times in the group's time zone: "Wednesdays at 6 pm" stays 6 pm on both
sides of a daylight-saving change, so its UTC instant moves (New York) or does not (Phoenix).
"""

import datetime as dt
import zoneinfo

from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.utils import timezone

from .models import Session, WeeklySlot

HORIZON_DAYS = 56  # eight weeks of sessions exist ahead of today


def local_datetime(day: dt.date, at: dt.time, time_zone: str) -> dt.datetime:
    """The instant (in UTC) of a wall-clock time on a day in a time zone.

    A time skipped by a spring-forward change (2:30 am) lands an hour later, as the clock
    reads; a repeated one (1:30 am in autumn) is its first occurrence. UTC, because adding a
    timedelta to a zoned datetime does wall-clock arithmetic, which is wrong across a change.
    """
    zone = zoneinfo.ZoneInfo(time_zone)
    return dt.datetime.combine(day, at).replace(tzinfo=zone, fold=0).astimezone(dt.UTC)


def slot_dates(slot: WeeklySlot, start: dt.date, end: dt.date) -> list[dt.date]:
    """The slot's dates from `start` to `end` inclusive, within its own start and end."""
    first = max(start, slot.starts_on)
    last = min(end, slot.ends_on) if slot.ends_on else end
    first += dt.timedelta(days=(slot.weekday - first.weekday()) % 7)
    dates = []
    while first <= last:
        dates.append(first)
        first += dt.timedelta(weeks=1)
    return dates


def session_times(
    slot: WeeklySlot, day: dt.date, time_zone: str
) -> tuple[dt.datetime, dt.datetime]:
    starts = local_datetime(day, slot.start_time, time_zone)
    # Duration is elapsed time: a session across a DST change still lasts its minutes.
    return starts, starts + dt.timedelta(minutes=slot.duration_minutes)


def generate_sessions(slot: WeeklySlot, *, today: dt.date | None = None) -> int:
    """Create the slot's sessions from today to the horizon that do not exist yet. Safe to run
    again or concurrently (the unique constraint on slot and date). Returns how many it made."""
    time_zone = slot.group.time_zone
    today = today or timezone.localdate(timezone=zoneinfo.ZoneInfo(time_zone))
    if not slot.is_active:
        return 0
    made = 0
    # Eight weeks are 56 days, today included: a weekly slot has exactly eight dates in them.
    dates = slot_dates(slot, today, today + dt.timedelta(days=HORIZON_DAYS - 1))
    # One read per slot per tick; only the missing days are written.
    existing = set(
        Session.objects.filter(slot=slot, slot_date__in=dates).values_list("slot_date", flat=True)
    )
    for day in dates:
        if day in existing:
            continue
        starts, ends = session_times(slot, day, time_zone)
        try:
            with transaction.atomic():
                _, created = Session.objects.get_or_create(
                    slot=slot,
                    slot_date=day,
                    defaults={
                        "group_id": slot.group_id,
                        "starts_at": starts,
                        "ends_at": ends,
                        "kind": slot.kind,
                        "topic": slot.topic,
                        "prompts_only": slot.prompts_only,
                    },
                )
        except IntegrityError:
            created = False  # another tick made it a moment ago
        made += created
    return made


def regenerate_future(slot: WeeklySlot) -> int:
    """After the pattern changed: replace the slot's future sessions that nobody changed by
    hand and that have no attendance, then generate again."""
    with transaction.atomic():
        (
            Session.objects.filter(slot=slot, starts_at__gt=timezone.now(), changed_by_hand=False)
            .filter(attendance__isnull=True)
            .delete()
        )
        return generate_sessions(slot)


def generate_all() -> int:
    """The tick's job: keep every active slot's sessions eight weeks ahead."""
    slots = WeeklySlot.objects.filter(is_active=True, group__is_archived=False).select_related(
        "group"
    )
    return sum(generate_sessions(slot) for slot in slots)


def upcoming(group_ids, *, now=None, limit: int = 5, include_cancelled: bool = True):
    """The next sessions (not yet ended) of these groups, soonest first."""
    now = now or timezone.now()
    sessions = Session.objects.filter(group_id__in=group_ids, ends_at__gt=now).select_related(
        "group"
    )
    if not include_cancelled:
        sessions = sessions.exclude(status=Session.Status.CANCELLED)
    return list(sessions.order_by("starts_at")[:limit])


def current_session(group_id: int, now=None) -> Session | None:
    return sessions_under_way(group_id, now or timezone.now()).first()


def sessions_under_way(group_id: int, now) -> QuerySet[Session]:
    """The group's scheduled sessions under way at `now` (a datetime, or the database's
    `Now()`), soonest first."""
    return Session.objects.filter(
        group_id=group_id,
        status=Session.Status.SCHEDULED,
        starts_at__lte=now,
        ends_at__gt=now,
    ).order_by("starts_at")


def next_session(group_id: int, now=None) -> Session | None:
    now = now or timezone.now()
    return (
        Session.objects.filter(
            group_id=group_id, status=Session.Status.SCHEDULED, starts_at__gt=now
        )
        .order_by("starts_at")
        .first()
    )
