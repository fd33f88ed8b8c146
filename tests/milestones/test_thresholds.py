"""The kinds' thresholds and date arithmetic, without a database."""

from datetime import UTC, date, datetime, timedelta

from checkins.milestones.thresholds import (
    Kind,
    add_months,
    clean_time_reached,
    current_run,
    label,
    next_clean_time,
    sessions_reached,
    streak_reached,
    today_in,
)


def steps(since: date, today: date) -> list[str]:
    return [label(r.kind, r.value, r.unit) for r in clean_time_reached(since, today)]


def test_clean_time_thresholds_from_one_day_to_yearly():
    since = date(2024, 1, 31)
    assert steps(since, since) == []
    assert steps(since, since + timedelta(days=1)) == ["1 day"]
    assert steps(since, since + timedelta(days=13)) == ["1 day", "7 days"]
    assert steps(since, since + timedelta(days=90)) == [
        "1 day",
        "7 days",
        "14 days",
        "30 days",
        "60 days",
        "90 days",
    ]
    # Months are calendar months: Jan 31 + 6 months is Jul 31, + 9 is Oct 31.
    assert steps(since, date(2024, 7, 30))[-1] == "90 days"
    assert steps(since, date(2024, 7, 31))[-1] == "6 months"
    assert steps(since, date(2024, 10, 31))[-1] == "9 months"
    assert steps(since, date(2025, 1, 31))[-1] == "1 year"
    assert steps(since, date(2027, 2, 1))[-3:] == ["1 year", "2 years", "3 years"]
    assert next_clean_time(since, date(2027, 2, 1)) == (4, "years", date(2028, 1, 31))


def test_add_months_keeps_the_end_of_a_short_month():
    assert add_months(date(2024, 1, 31), 1) == date(2024, 2, 29)
    assert add_months(date(2023, 8, 31), 6) == date(2024, 2, 29)
    assert add_months(date(2024, 2, 29), 12) == date(2025, 2, 28)


def test_streaks_and_sessions_thresholds():
    today = date(2026, 3, 10)
    run = {today - timedelta(days=n) for n in range(14)} | {today - timedelta(days=20)}
    start, length = current_run(run, today)
    assert (start, length) == (today - timedelta(days=13), 14)
    assert [r.value for r in streak_reached(start, length, today)] == [7, 14]
    assert streak_reached(start, length, today)[0].reached_on == start + timedelta(days=6)
    # Today still open: the run that ended yesterday is current.
    assert current_run(run - {today}, today) == (today - timedelta(days=13), 13)
    assert current_run(set(), today) == (None, 0)
    assert [r.value for r in sessions_reached(26, today)] == [1, 5, 10, 25]
    assert label(Kind.SESSIONS, 1, "sessions") == "First session"
    assert label(Kind.CUSTOM, 0, "", "First week back at work") == "First week back at work"


def test_a_day_changes_at_the_persons_midnight_not_the_servers():
    instant = datetime(2026, 1, 7, 11, 0, tzinfo=UTC)
    assert today_in("America/Phoenix", instant) == date(2026, 1, 7)  # 04:00 there
    assert today_in("Pacific/Auckland", instant) == date(2026, 1, 8)  # 00:00 there (NZDT)
    assert today_in("Pacific/Auckland", instant - timedelta(minutes=1)) == date(2026, 1, 7)
