"""Sessions fixtures: sessions of the evening group placed relative to now, and the room's
socket helper (re-exported for the live tests)."""

import datetime as dt

import pytest
from django.utils import timezone

from sessions_app.models import Session
from tests.room.conftest import open_socket  # noqa: F401


@pytest.fixture
def make_session(db):
    def make(group, *, starts_in: dt.timedelta, minutes: int = 180, **fields) -> Session:
        starts = timezone.now() + starts_in
        return Session.objects.create(
            group=group, starts_at=starts, ends_at=starts + dt.timedelta(minutes=minutes), **fields
        )

    return make


@pytest.fixture
def past_session(make_session, evening):
    """An evening session that ran yesterday."""
    return make_session(evening, starts_in=-dt.timedelta(days=1))
