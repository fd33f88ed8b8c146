"""One person's check-ins over time: the list, the charts, the table and the streaks.

Used for a participant's own history (all their groups) and for a therapist reading one
participant's history in one group (the view writes that read to the audit log).
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from django.utils.translation import gettext

from groupspace.accounts.models import User
from groupspace.audit.log import log_action
from groupspace.groups.models import IOPGroup, Membership

from . import charts
from .actions import CheckinRefused, today_for
from .models import MOOD_MAX, MOOD_MIN, MOOD_WORDS, SCALE_MAX, SCALE_MIN, CheckIn

PERIODS = (30, 90)


@dataclass(frozen=True)
class Streaks:
    current: int  # consecutive days up to today (or yesterday, while today is still open)
    longest: int
    today: bool  # checked in today


@dataclass(frozen=True)
class DayRow:
    day: date
    mood: float | None
    mood_word: str
    anxiety: float | None
    craving: float | None
    count: int


@dataclass(frozen=True)
class History:
    days: int
    today: date
    checkins: list[CheckIn]
    charts: list[charts.Chart]
    rows: list[DayRow]
    streaks: Streaks
    shows_craving: bool


def streaks(days: Iterable[date], today: date) -> Streaks:
    """Streaks of consecutive calendar days with at least one check-in."""
    seen = set(days)
    longest = run = 0
    previous = None
    for day in sorted(seen):
        run = run + 1 if previous is not None and day - previous == timedelta(days=1) else 1
        longest = max(longest, run)
        previous = day
    current = 0
    day = today if today in seen else today - timedelta(days=1)
    while day in seen:
        current += 1
        day -= timedelta(days=1)
    return Streaks(current=current, longest=longest, today=today in seen)


def parse_period(raw: str | None) -> int:
    """`?days=` as one of PERIODS; anything else is the shortest."""
    return int(raw) if raw in {str(p) for p in PERIODS} else PERIODS[0]


def build_history(user, *, days: int, group: IOPGroup | None = None) -> History:
    """`user`'s history over the last `days` days, in every group or only in `group`."""
    today = today_for(user)
    start = today - timedelta(days=days - 1)
    checkins = CheckIn.objects.filter(user=user)
    if group is not None:
        checkins = checkins.filter(group=group)
    all_days = checkins.values_list("local_date", flat=True).distinct()
    recent = list(checkins.filter(local_date__gte=start).select_related("group"))
    shows_craving = any(c.craving is not None for c in recent)
    means = {
        "mood": charts.daily_means(recent, "mood"),
        "anxiety": charts.daily_means(recent, "anxiety"),
        "craving": charts.daily_means(recent, "craving"),
    }
    chart_list = [
        charts.line_chart(
            gettext("Mood (1 very low to 5 great)"), means["mood"], start, today, MOOD_MIN, MOOD_MAX
        ),
        charts.line_chart(
            gettext("Anxiety (0 none to 10 most)"),
            means["anxiety"],
            start,
            today,
            SCALE_MIN,
            SCALE_MAX,
        ),
    ]
    if shows_craving:
        chart_list.append(
            charts.line_chart(
                gettext("Craving (0 none to 10 most)"),
                means["craving"],
                start,
                today,
                SCALE_MIN,
                SCALE_MAX,
            )
        )
    return History(
        days=days,
        today=today,
        checkins=recent,
        charts=chart_list,
        rows=_rows(recent, means),
        streaks=streaks(all_days, today),
        shows_craving=shows_craving,
    )


def _rows(recent: list[CheckIn], means: dict[str, dict[date, float]]) -> list[DayRow]:
    counts: dict[date, int] = {}
    for checkin in recent:
        counts[checkin.local_date] = counts.get(checkin.local_date, 0) + 1
    rows = []
    for day in sorted(counts, reverse=True):
        mood = means["mood"].get(day)
        rows.append(
            DayRow(
                day=day,
                mood=mood,
                mood_word=MOOD_WORDS[int(mood + 0.5)] if mood is not None else "",
                anxiety=means["anxiety"].get(day),
                craving=means["craving"].get(day),
                count=counts[day],
            )
        )
    return rows


def read_participant_history(
    therapist: Membership, user_id: int, *, days: int
) -> tuple[User, History]:
    """A therapist opens one participant's history in their group: (participant, History).

    The participant must be an active participant of the therapist's group (CheckinRefused
    404 otherwise, the same for "no such person"). Every read is written to the audit log.
    """
    if not therapist.is_therapist:
        raise CheckinRefused(gettext("No such page."), status=404)
    participant = (
        Membership.objects.select_related("user")
        .filter(
            group_id=therapist.group_id,
            user_id=user_id,
            role=Membership.Role.PARTICIPANT,
            state=Membership.State.ACTIVE,
        )
        .first()
    )
    if participant is None:
        raise CheckinRefused(gettext("No such participant in this group."), status=404)
    log_action(
        therapist.user,
        "checkins.read_history",
        group=therapist.group,
        subject_user=participant.user,
        days=days,
    )
    return participant.user, build_history(participant.user, days=days, group=therapist.group)
