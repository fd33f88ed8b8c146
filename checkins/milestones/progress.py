"""A participant's progress: milestones over time, the next ones coming, sessions attended,
the current check-in streak. Seen by the participant and, audited, by their therapists."""

from dataclasses import dataclass, field
from datetime import date

from django.db.models import Q
from django.utils.translation import ngettext

from ..models import CheckIn
from .attendance import attended_sessions
from .models import Milestone, SobrietyDate
from .thresholds import (
    CHECKIN_STREAK_DAYS,
    SESSIONS_ATTENDED,
    Kind,
    current_run,
    label,
    next_clean_time,
    today_in,
)


@dataclass(frozen=True)
class Upcoming:
    label: str
    kind_label: str
    on: date | None  # when it is reached if nothing changes; None when it depends on the person
    remaining: str


@dataclass
class Progress:
    today: date
    since: date | None
    clean_days: int | None
    streak: int
    sessions: int | None  # None: attendance is not kept yet
    asking: list[Milestone] = field(default_factory=list)
    current: list[Milestone] = field(default_factory=list)
    earlier: list[Milestone] = field(default_factory=list)  # from an earlier sobriety date
    upcoming: list[Upcoming] = field(default_factory=list)


def build_progress(user, *, group_id: int | None = None) -> Progress:
    """`user`'s progress. With `group_id` (a therapist's view): their own milestones and the
    ones recorded in that group, not those of other groups."""
    today = today_in(user.time_zone)
    since = SobrietyDate.objects.filter(user=user).values_list("since", flat=True).first()
    days = set(
        CheckIn.objects.filter(user=user, local_date__lte=today).values_list(
            "local_date", flat=True
        )
    )
    _, streak = current_run(days, today)
    sessions = attended_sessions(user)
    milestones = Milestone.objects.filter(user=user)
    if group_id is not None:
        milestones = milestones.filter(Q(group__isnull=True) | Q(group_id=group_id))
    progress = Progress(
        today=today,
        since=since,
        clean_days=(today - since).days if since else None,
        streak=streak,
        sessions=sessions,
    )
    for milestone in milestones.select_related("group", "recorded_by"):
        if milestone.kind == Kind.CLEAN_TIME and milestone.since != since:
            progress.earlier.append(milestone)
        else:
            progress.current.append(milestone)
        if milestone.state == Milestone.State.ASKING:
            progress.asking.append(milestone)
    progress.upcoming = _upcoming(since, today, streak, sessions)
    return progress


def _upcoming(since, today, streak: int, sessions: int | None) -> list[Upcoming]:
    upcoming = []
    if since is not None:
        value, unit, on = next_clean_time(since, today)
        days = (on - today).days
        upcoming.append(
            Upcoming(
                label(Kind.CLEAN_TIME, value, unit),
                Kind.CLEAN_TIME.label,
                on,
                ngettext("in %(count)d day", "in %(count)d days", days) % {"count": days},
            )
        )
    next_streak = next((n for n in CHECKIN_STREAK_DAYS if n > streak), None)
    if next_streak is not None:
        left = next_streak - streak
        upcoming.append(
            Upcoming(
                label(Kind.STREAK, next_streak, "days"),
                Kind.STREAK.label,
                None,
                ngettext(
                    "%(count)d more day of check-ins", "%(count)d more days of check-ins", left
                )
                % {"count": left},
            )
        )
    if sessions is not None:
        next_count = next((n for n in SESSIONS_ATTENDED if n > sessions), None)
        if next_count is not None:
            left = next_count - sessions
            upcoming.append(
                Upcoming(
                    label(Kind.SESSIONS, next_count, "sessions"),
                    Kind.SESSIONS.label,
                    None,
                    ngettext("%(count)d more session", "%(count)d more sessions", left)
                    % {"count": left},
                )
            )
    return upcoming
