"""A weekly pattern becomes sessions at the same wall-clock time on both sides of a
daylight-saving change: in New York the UTC instant moves an hour, in Phoenix it does not."""

import datetime as dt

import pytest

from sessions_app.models import Session, WeeklySlot
from sessions_app.schedule import generate_sessions, local_datetime, regenerate_future

pytestmark = pytest.mark.django_db

WEDNESDAY = 2
SUNDAY = 6


def slot_for(group, weekday, at, **fields):
    return WeeklySlot.objects.create(
        group=group, weekday=weekday, start_time=at, duration_minutes=180, **fields
    )


def utc_starts(slot):
    return [
        (s.slot_date, s.starts_at.astimezone(dt.UTC).strftime("%H:%M"))
        for s in Session.objects.filter(slot=slot).order_by("starts_at")
    ]


def test_new_york_evening_sessions_keep_6pm_across_the_autumn_change(make_group):
    group = make_group("ny", time_zone="America/New_York")
    slot = slot_for(group, WEDNESDAY, dt.time(18, 0), starts_on=dt.date(2026, 10, 21))
    # DST ends on Sunday 1 November 2026 in the United States.
    generate_sessions(slot, today=dt.date(2026, 10, 20))
    starts = utc_starts(slot)
    assert starts[:3] == [
        (dt.date(2026, 10, 21), "22:00"),  # 6 pm EDT (UTC-4)
        (dt.date(2026, 10, 28), "22:00"),
        (dt.date(2026, 11, 4), "23:00"),  # 6 pm EST (UTC-5)
    ]


def test_new_york_sessions_across_the_spring_change(make_group):
    group = make_group("ny", time_zone="America/New_York")
    slot = slot_for(group, SUNDAY, dt.time(10, 0), starts_on=dt.date(2027, 3, 1))
    # DST starts on Sunday 14 March 2027: that very morning's session is at 10 EDT.
    generate_sessions(slot, today=dt.date(2027, 3, 1))
    assert utc_starts(slot)[:3] == [
        (dt.date(2027, 3, 7), "15:00"),
        (dt.date(2027, 3, 14), "14:00"),
        (dt.date(2027, 3, 21), "14:00"),
    ]


def test_phoenix_has_no_daylight_saving_so_utc_never_moves(make_group):
    group = make_group("phx", time_zone="America/Phoenix")
    slot = slot_for(group, WEDNESDAY, dt.time(18, 0), starts_on=dt.date(2026, 10, 21))
    generate_sessions(slot, today=dt.date(2026, 10, 20))
    starts = utc_starts(slot)
    assert {time for _, time in starts} == {"01:00"}  # 6 pm MST (UTC-7), next day in UTC
    assert [day for day, _ in starts[:3]] == [
        dt.date(2026, 10, 21),
        dt.date(2026, 10, 28),
        dt.date(2026, 11, 4),
    ]


def test_a_session_lasts_its_minutes_even_across_the_change(make_group):
    group = make_group("ny", time_zone="America/New_York")
    slot = WeeklySlot.objects.create(
        group=group,
        weekday=SUNDAY,
        start_time=dt.time(0, 30),
        duration_minutes=120,
        starts_on=dt.date(2026, 11, 1),
    )
    generate_sessions(slot, today=dt.date(2026, 11, 1))
    session = Session.objects.get(slot=slot, slot_date=dt.date(2026, 11, 1))
    assert session.ends_at - session.starts_at == dt.timedelta(minutes=120)


def test_a_time_skipped_by_spring_forward_lands_as_the_clock_reads():
    moment = local_datetime(dt.date(2027, 3, 14), dt.time(2, 30), "America/New_York")
    assert moment.astimezone(dt.UTC).strftime("%H:%M") == "07:30"  # 3:30 EDT


def test_generation_covers_eight_weeks_and_is_idempotent(make_group):
    group = make_group("phx", time_zone="America/Phoenix")
    slot = slot_for(group, WEDNESDAY, dt.time(18, 0), starts_on=dt.date(2026, 1, 1))
    made = generate_sessions(slot, today=dt.date(2026, 11, 27))
    assert made == 8
    assert generate_sessions(slot, today=dt.date(2026, 11, 27)) == 0
    assert Session.objects.filter(slot=slot).count() == 8


def test_eight_weeks_means_eight_sessions_also_on_the_slots_own_weekday(make_group):
    group = make_group("phx", time_zone="America/Phoenix")
    slot = slot_for(group, WEDNESDAY, dt.time(18, 0), starts_on=dt.date(2026, 1, 1))
    wednesday = dt.date(2026, 11, 25)
    assert generate_sessions(slot, today=wednesday) == 8
    dates = [day for day, _ in utc_starts(slot)]
    assert dates[0] == wednesday and dates[-1] == wednesday + dt.timedelta(weeks=7)


def test_the_pattern_respects_its_first_and_last_week(make_group):
    group = make_group("phx", time_zone="America/Phoenix")
    slot = slot_for(
        group,
        WEDNESDAY,
        dt.time(18, 0),
        starts_on=dt.date(2026, 12, 9),
        ends_on=dt.date(2026, 12, 23),
    )
    generate_sessions(slot, today=dt.date(2026, 11, 27))
    assert [d for d, _ in utc_starts(slot)] == [
        dt.date(2026, 12, 9),
        dt.date(2026, 12, 16),
        dt.date(2026, 12, 23),
    ]


def test_regenerating_keeps_sessions_changed_by_hand(make_group):
    group = make_group("phx", time_zone="America/Phoenix")
    slot = slot_for(group, WEDNESDAY, dt.time(18, 0), starts_on=dt.date(2026, 1, 1))
    generate_sessions(slot)
    moved = Session.objects.filter(slot=slot).order_by("starts_at").last()
    moved.changed_by_hand = True
    moved.topic = "kept"
    moved.save()
    slot.start_time = dt.time(17, 0)
    slot.save()
    regenerate_future(slot)
    assert Session.objects.get(pk=moved.pk).topic == "kept"
    others = Session.objects.filter(slot=slot).exclude(pk=moved.pk)
    assert others.exists()
    assert {s.starts_at.astimezone(dt.UTC).hour for s in others} == {0}  # 5 pm MST
