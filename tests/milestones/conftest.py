"""Milestone fixtures: a sobriety date N days back on the person's own calendar.

The room's socket helper (`open_socket`) and check-in fixtures are re-exported; the autouse
connection closer is imported only by the modules that open sockets or threads, so the other
tests here keep the fast transaction-rollback database.
"""

from datetime import timedelta

import pytest

from checkins.milestones.models import MilestonePreference, SobrietyDate
from checkins.milestones.thresholds import today_in
from tests.checkins.conftest import check_in, past_checkin  # noqa: F401
from tests.room.conftest import open_socket  # noqa: F401


def days_ago(user, days: int):
    return today_in(user.time_zone) - timedelta(days=days)


@pytest.fixture
def sober_since(db):
    """Store a sobriety date `days` days before the person's today (no evaluation)."""

    def make(user, days: int) -> SobrietyDate:
        return SobrietyDate.objects.update_or_create(
            user=user, defaults={"since": days_ago(user, days)}
        )[0]

    return make


@pytest.fixture
def prefer(db):
    def make(user, kind: str, choice: str) -> None:
        MilestonePreference.objects.update_or_create(
            user=user, kind=kind, defaults={"choice": choice}
        )

    return make
