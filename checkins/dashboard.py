"""The therapist's check-in dashboard of one group, built in a fixed number of queries.

Per active participant: today's and this week's check-ins (private ones included), a 30-day mood
sparkline with a trend word, and the days since their last check-in. Plus the group's open
support and crisis alerts. "Today" is each participant's own calendar day.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, time, timedelta

from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext

from groupspace.groups.models import IOPGroup, Membership
from groupspace.moderation.models import Alert

from . import charts
from .actions import today_for
from .alerts import REASON_TEXT
from .models import MOOD_MAX, MOOD_MIN, CheckIn, ReminderTime

SPARK_DAYS = 30
WEEK_DAYS = 7
QUIET_DEFAULT = 2
QUIET_CHOICES = (1, 2, 3, 5, 7, 14)
TREND_STEP = 0.5  # a weekly mean mood moving by this much is a trend, not noise
MAX_ALERTS = 100


@dataclass
class ParticipantRow:
    user: object
    today: list[CheckIn] = field(default_factory=list)
    earlier_this_week: list[CheckIn] = field(default_factory=list)
    sparkline: charts.Chart | None = None
    trend: str = ""
    last_date: date | None = None
    days_quiet: int | None = None  # None: never checked in
    is_quiet: bool = False


@dataclass(frozen=True)
class Dashboard:
    group: IOPGroup
    rows: list[ParticipantRow]
    alerts: list[Alert]
    quiet_days: int
    reminder_time: time | None

    @property
    def quiet_rows(self) -> list[ParticipantRow]:
        return [row for row in self.rows if row.is_quiet]

    @property
    def participant_ids(self) -> set[int]:
        return {row.user.pk for row in self.rows}


def parse_quiet_days(raw: str | None) -> int:
    """`?quiet=` as one of QUIET_CHOICES; anything else is the default."""
    return int(raw) if raw in {str(n) for n in QUIET_CHOICES} else QUIET_DEFAULT


def build_dashboard(group: IOPGroup, *, quiet_days: int = QUIET_DEFAULT) -> Dashboard:
    """Everything the dashboard shows, in five queries whatever the group's size and age."""
    memberships = list(
        Membership.objects.filter(
            group=group, role=Membership.Role.PARTICIPANT, state=Membership.State.ACTIVE
        )
        .select_related("user")
        .order_by("user__display_name", "user_id")
    )
    todays = {m.user_id: today_for(m.user) for m in memberships}
    earliest = min(todays.values(), default=timezone.localdate()) - timedelta(days=SPARK_DAYS - 1)
    recent: dict[int, list[CheckIn]] = defaultdict(list)
    for checkin in CheckIn.objects.filter(
        group=group, user_id__in=todays, local_date__gte=earliest
    ).order_by("created_at", "id"):
        recent[checkin.user_id].append(checkin)
    last_dates = dict(
        CheckIn.objects.filter(group=group, user_id__in=todays)
        .values("user_id")
        .annotate(last=Max("local_date"))
        .values_list("user_id", "last")
    )
    rows = [
        _row(m.user, todays[m.user_id], recent[m.user_id], last_dates.get(m.user_id), quiet_days)
        for m in memberships
    ]
    alerts = list(
        Alert.objects.filter(
            group=group,
            acknowledged_at__isnull=True,
            kind__in=[Alert.Kind.SUPPORT, Alert.Kind.CRISIS],
        )
        .select_related("user")
        .order_by("-created_at", "-id")[:MAX_ALERTS]
    )
    for alert in alerts:
        alert.reason_text = REASON_TEXT.get(alert.reason, alert.get_kind_display())
    reminder = ReminderTime.objects.filter(group=group).values_list("daily_time", flat=True)
    return Dashboard(
        group=group,
        rows=rows,
        alerts=alerts,
        quiet_days=quiet_days,
        reminder_time=reminder.first(),
    )


def _row(user, today: date, recent: list[CheckIn], last: date | None, quiet: int):
    week_start = today - timedelta(days=WEEK_DAYS - 1)
    start = today - timedelta(days=SPARK_DAYS - 1)
    in_window = [c for c in recent if start <= c.local_date <= today]
    moods = charts.daily_means(in_window, "mood")
    days_quiet = (today - last).days if last is not None else None
    return ParticipantRow(
        user=user,
        # Newest first, as a person reads a list of what just happened.
        today=[c for c in reversed(in_window) if c.local_date == today],
        earlier_this_week=[c for c in reversed(in_window) if week_start <= c.local_date < today],
        sparkline=charts.sparkline(gettext("Mood"), moods, start, today, MOOD_MIN, MOOD_MAX),
        trend=_trend(moods, today),
        last_date=last,
        days_quiet=days_quiet,
        is_quiet=days_quiet is None or days_quiet >= quiet,
    )


def _trend(moods: dict[date, float], today: date) -> str:
    """'rising', 'falling' or 'steady': this week's mean mood against the week before."""
    this_week = [v for d, v in moods.items() if (today - d).days < WEEK_DAYS]
    last_week = [v for d, v in moods.items() if WEEK_DAYS <= (today - d).days < 2 * WEEK_DAYS]
    if not this_week or not last_week:
        return ""
    change = sum(this_week) / len(this_week) - sum(last_week) / len(last_week)
    if change >= TREND_STEP:
        return "rising"
    if change <= -TREND_STEP:
        return "falling"
    return "steady"
