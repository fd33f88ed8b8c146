"""The dashboard's cost does not grow with the group's size or age."""

import uuid
from datetime import timedelta

from django.utils import timezone

from checkins.actions import today_for
from checkins.models import CheckIn
from groupspace.accounts.models import User
from groupspace.groups.models import Membership
from groupspace.moderation.models import Alert

PARTICIPANTS = 15
DAYS = 90
# Session, user, the care-team check of automatic logoff and the session's activity stamp,
# then the dashboard: membership, participants, recent check-ins, last dates, open alerts, the
# check-in time. The same for 2 participants as for 15 × 90 days.
MAX_QUERIES = 12  # the session save is an UPDATE inside a savepoint (3 statements)


def test_dashboard_of_15_participants_with_90_days_of_daily_check_ins(
    client_for, dana, evening, django_assert_max_num_queries
):
    # Unusable passwords: hashing fifteen real ones would be most of this test's time.
    people = [
        User.objects.create_user(f"p{n}@example.test", None, first_name=f"Person{n:02d}")
        for n in range(PARTICIPANTS)
    ]
    Membership.objects.bulk_create(
        Membership(group=evening, user=user, agreement_accepted_at=timezone.now())
        for user in people
    )
    now = timezone.now()
    CheckIn.objects.bulk_create(
        CheckIn(
            group=evening,
            user=user,
            client_id=uuid.uuid4(),
            local_date=today_for(user) - timedelta(days=day),
            created_at=now - timedelta(days=day),
            mood=1 + (day + n) % 5,
            anxiety=(day * n) % 11,
            craving=day % 11,
            note=f"note {n}-{day}",
        )
        for n, user in enumerate(people)
        for day in range(DAYS)
    )
    Alert.objects.bulk_create(
        Alert(group=evening, kind="support", user=user, reason="mood_low") for user in people
    )
    client = client_for(dana)

    with django_assert_max_num_queries(MAX_QUERIES):
        page = client.get("/groups/evening/checkins/dashboard/")
    with django_assert_max_num_queries(MAX_QUERIES):
        client.get("/groups/evening/checkins/dashboard/live/")

    html = page.content.decode()
    assert page.status_code == 200
    for n in range(PARTICIPANTS):
        assert f"Person{n:02d}" in html
        assert f"note {n}-0<" in html  # today's check-in, note included
    assert html.count('class="sparkline"') == PARTICIPANTS
    assert html.count('class="card alert-card alert-support"') == PARTICIPANTS
