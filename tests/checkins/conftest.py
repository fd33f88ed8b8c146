"""Check-in fixtures: values to post, and check-ins made now or on earlier days.

The room's socket helpers are re-exported for the live tests (`open_socket`); the autouse
connection closer is imported only by the module that opens sockets, so the other tests here
keep the fast transaction-rollback database.
"""

import uuid
from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from checkins.actions import record_checkin, today_for
from checkins.forms import CheckinValues
from checkins.models import CheckIn
from tests.room.conftest import open_socket  # noqa: F401

CRISIS_NOTE = "Honestly I don't want to be here anymore."
SPANISH_CRISIS_NOTE = "La neta ya no quiero vivir, me corté otra vez."


def checkin_values(**overrides) -> CheckinValues:
    """An ordinary private daily check-in, with any field changed."""
    fields = {
        "kind": CheckIn.Kind.DAILY,
        "mood": 3,
        "anxiety": 4,
        "craving": 2,
        "sleep_hours": Decimal("7.5"),
        "self_care": ("exercise", "people"),
        "note": "",
        "wants_support": False,
        "shared": False,
        "note_shared": False,
    }
    fields.update(overrides)
    return CheckinValues(**fields)


def form_data(**overrides) -> dict:
    """What the check-in page posts for an ordinary private daily check-in."""
    data = {
        "client_id": str(uuid.uuid4()),
        "mood": "3",
        "anxiety": "4",
        "craving": "2",
        "sleep_hours": "7.5",
        "self_care": ["exercise", "people"],
        "note": "",
        "kind": "daily",
        "visibility": "private",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


@pytest.fixture
def check_in(db):
    """Check in through the action, as the check-in page does."""

    def make(user, group, **overrides) -> CheckIn:
        return record_checkin(user, group, checkin_values(**overrides), uuid.uuid4())

    return make


@pytest.fixture
def past_checkin(db):
    """A check-in stored `days_ago` days before the person's today (history, not an action)."""

    def make(user, group, days_ago: int, **fields) -> CheckIn:
        values = {"mood": 3, "anxiety": 4, "craving": 2 if group.track != "mental_health" else None}
        values.update(fields)
        return CheckIn.objects.create(
            group=group,
            user=user,
            client_id=uuid.uuid4(),
            local_date=today_for(user) - timedelta(days=days_ago),
            created_at=timezone.now() - timedelta(days=days_ago, minutes=5),
            **values,
        )

    return make
