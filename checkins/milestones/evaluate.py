"""Finding what a person has reached and recording it exactly once.

Run for everyone by the periodic tick (`evaluate_milestones`, registered in `CheckinsConfig`),
and for one person whenever their check-ins, sobriety date or attendance change
(`evaluate_for`). Exactly once comes from the database, not from a lock: each milestone has a
unique constraint, an insert that loses a race (two ticks at once, a tick and a check-in) gets
an IntegrityError inside its own savepoint and is skipped, so only the transaction that created
a row tells the participant or posts. On PostgreSQL the loser's insert waits for the winner's
commit, then fails; the per-person transaction keeps a person's evaluation all-or-nothing.
"""

from datetime import datetime

from django.db import IntegrityError, transaction
from django.utils import timezone

from groupspace.accounts.models import User
from groupspace.groups.models import Membership

from ..models import CheckIn
from . import celebrate, sharing
from .attendance import attended_sessions
from .models import Milestone, MilestonePreference, SobrietyDate
from .thresholds import (
    COUNTED_KINDS,
    Reached,
    clean_time_reached,
    current_run,
    sessions_reached,
    streak_reached,
    today_in,
)


def evaluate_milestones(now: datetime | None = None) -> int:
    """The tick job: evaluate every active participant; how many milestones were reached."""
    user_ids = (
        Membership.objects.filter(
            role=Membership.Role.PARTICIPANT,
            state=Membership.State.ACTIVE,
            group__is_archived=False,
            user__is_active=True,
        )
        .values_list("user_id", flat=True)
        .distinct()
    )
    return sum(
        len(evaluate_for(user, now=now))
        for user in User.objects.filter(pk__in=list(user_ids)).order_by("pk")
    )


def evaluate_for(user, *, now: datetime | None = None) -> list[Milestone]:
    """Record what `user` has reached by now (their calendar), once; tell them or share it by
    their preference. Returns the milestones this call recorded."""
    today = today_in(user.time_zone, now)
    with transaction.atomic():
        return announce_new(user, record_reached(user, reached_by(user, today)))


def reached_by(user, today) -> list[Reached]:
    """Every counted threshold `user` has reached on `today`, already recorded or not."""
    reached: list[Reached] = []
    since = SobrietyDate.objects.filter(user=user).values_list("since", flat=True).first()
    if since is not None:
        reached += clean_time_reached(since, today)
    days = set(
        CheckIn.objects.filter(user=user, local_date__lte=today).values_list(
            "local_date", flat=True
        )
    )
    run_start, run_length = current_run(days, today)
    if run_length:
        reached += streak_reached(run_start, run_length, today)
    attended = attended_sessions(user)
    if attended is not None:  # None: the sessions app keeps no attendance yet
        reached += sessions_reached(attended, today)
    return reached


def record_reached(user, reached: list[Reached]) -> list[Milestone]:
    """Insert the ones not yet recorded; a row another process inserted first is skipped."""
    known = set(
        Milestone.objects.filter(user=user, kind__in=COUNTED_KINDS).values_list(
            "kind", "value", "unit", "since"
        )
    )
    created = []
    for item in reached:
        if (item.kind, item.value, item.unit, item.since) in known:
            continue
        try:
            with transaction.atomic():
                created.append(
                    Milestone.objects.create(
                        user=user,
                        kind=item.kind,
                        value=item.value,
                        unit=item.unit,
                        since=item.since,
                        reached_on=item.reached_on,
                    )
                )
        except IntegrityError:
            continue  # recorded by a concurrent evaluation, which tells the person
    return created


def announce_new(user, created: list[Milestone]) -> list[Milestone]:
    """Apply the person's preference to what was just recorded (inside the transaction).

    When several of one kind arrive at once (a sobriety date set in the past), only the
    furthest is news: the earlier ones are kept quietly as private history.
    """
    newest: dict[str, Milestone] = {}
    for milestone in created:
        current = newest.get(milestone.kind)
        if current is None or (milestone.reached_on, milestone.pk) > (
            current.reached_on,
            current.pk,
        ):
            newest[milestone.kind] = milestone
    for milestone in created:
        if newest[milestone.kind] is not milestone:
            _decide(milestone, Milestone.State.PRIVATE)
            continue
        choice = preference_for(user, milestone.kind)
        if choice == MilestonePreference.Choice.NEVER:
            _decide(milestone, Milestone.State.PRIVATE)
        elif choice == MilestonePreference.Choice.SHARE:
            share_automatically(milestone)
        celebrate.tell_owner_reached(milestone)
    return created


def preference_for(user, kind: str) -> str:
    return (
        MilestonePreference.objects.filter(user=user, kind=kind)
        .values_list("choice", flat=True)
        .first()
        or MilestonePreference.Choice.ASK
    )


def share_automatically(milestone: Milestone) -> None:
    """ "Always share": post into every room it may go to now; still asking when none can take
    it (locked, muted, agreement not yet accepted)."""
    for membership in sharing.auto_share_memberships(milestone):
        try:
            sharing.check_can_post(membership)
        except sharing.MilestoneRefused:
            continue
        message = celebrate.post_celebration(milestone, membership)
        milestone.message = milestone.message or message
    if milestone.message is not None:
        _decide(milestone, Milestone.State.SHARED)


def _decide(milestone: Milestone, state: str) -> None:
    milestone.state = state
    milestone.decided_at = timezone.now()
    milestone.save(update_fields=["state", "decided_at", "message"])
