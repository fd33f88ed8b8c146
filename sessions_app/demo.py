"""Demo sessions for `seed_demo`: the weekly pattern, two past weeks with attendance, and a
prompt scheduled after each Wednesday session. Idempotent: a group with a pattern is left."""

import datetime as dt
import zoneinfo

from django.utils import timezone

from .models import Attendance, ScheduledPrompt, Session, SessionKind, WeeklySlot
from .schedule import generate_sessions, session_times, slot_dates

PAST_DAYS = 14
# Attendance the demo shows, by participant: cycled over their past sessions.
DEMO_ATTENDANCE = {
    "alex@demo.test": ["present"],
    "blake@demo.test": ["present", "late", "absent", "present", "excused"],
    "drew@demo.test": ["present", "present", "late"],
}
WEDNESDAY = 2


def seed_sessions(group, people: dict, pattern: list[tuple[int, dt.time]], therapist) -> None:
    if WeeklySlot.objects.filter(group=group).exists():
        return
    today = timezone.localdate(timezone=zoneinfo.ZoneInfo(group.time_zone))
    first_day = today - dt.timedelta(days=PAST_DAYS)
    slots = [
        WeeklySlot.objects.create(
            group=group,
            weekday=weekday,
            start_time=at,
            duration_minutes=180,
            kind=SessionKind.GROUP_THERAPY,
            starts_on=first_day,
        )
        for weekday, at in pattern
    ]
    past = []
    for slot in slots:
        for day in slot_dates(slot, first_day, today - dt.timedelta(days=1)):
            starts, ends = session_times(slot, day, group.time_zone)
            past.append(
                Session.objects.create(
                    group=group,
                    slot=slot,
                    slot_date=day,
                    starts_at=starts,
                    ends_at=ends,
                    start_announced=True,
                    end_announced=True,
                )
            )
        generate_sessions(slot, today=today)
    past.sort(key=lambda session: session.starts_at)
    for email, statuses in DEMO_ATTENDANCE.items():
        person = people.get(email)
        if person is None:
            continue
        for n, session in enumerate(past):
            Attendance.objects.create(
                session=session,
                user=person,
                status=statuses[n % len(statuses)],
                recorded_by=therapist,
            )
    wednesday = next((slot for slot in slots if slot.weekday == WEDNESDAY), None)
    if wednesday is not None:
        ScheduledPrompt.objects.create(
            group=group,
            created_by=therapist,
            body="How did tonight's session land? One thing you're taking into tomorrow.",
            timing=ScheduledPrompt.Timing.AFTER_SESSIONS,
            slot=wednesday,
            anchor=ScheduledPrompt.Anchor.END,
            offset_minutes=60,
        )
