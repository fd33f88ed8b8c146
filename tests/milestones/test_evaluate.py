"""Evaluation and the actions: every kind, the day boundary in two time zones, exactly once,
reset after a lapse, each sharing preference, therapists' records (audited)."""

from datetime import UTC, date, datetime

import pytest

from checkins.milestones import actions
from checkins.milestones.attendance import attended_sessions
from checkins.milestones.evaluate import evaluate_for, record_reached
from checkins.milestones.models import Milestone, SobrietyDate
from checkins.milestones.sharing import MilestoneRefused
from checkins.milestones.thresholds import Kind, sessions_reached, today_in
from groupspace.audit.models import AuditEntry
from groupspace.room.models import Message
from groupspace.tick import run_tick
from tests.conftest import join

from .conftest import days_ago

ASK, SHARE, NEVER = "ask", "share", "never"


def labels(user, **filters) -> list[str]:
    return [m.label for m in Milestone.objects.filter(user=user, **filters).order_by("id")]


def test_clean_time_reached_once_and_only_the_furthest_asks(alice, bob, sober_since):
    sober_since(alice, 30)
    created = evaluate_for(alice)
    assert [m.label for m in created] == ["1 day", "7 days", "14 days", "30 days"]
    assert labels(alice, state=Milestone.State.ASKING) == ["30 days"]
    assert labels(alice, state=Milestone.State.PRIVATE) == ["1 day", "7 days", "14 days"]
    thirty = Milestone.objects.get(user=alice, value=30)
    assert thirty.reached_on == today_in(alice.time_zone)
    assert not Message.objects.filter(kind=Message.Kind.MILESTONE).exists()
    # Repeated: the same evaluation, and the tick, find nothing new.
    assert evaluate_for(alice) == []
    assert run_tick()["milestones"] == 0
    assert Milestone.objects.filter(user=alice).count() == 4
    assert not Milestone.objects.filter(user=bob).exists()


@pytest.mark.parametrize(
    ("time_zone", "before", "at"),
    [
        # since Jan 1: 7 days at the person's midnight of Jan 8.
        (
            "America/Phoenix",
            datetime(2026, 1, 8, 6, 59, tzinfo=UTC),
            datetime(2026, 1, 8, 7, 0, tzinfo=UTC),
        ),
        (
            "Pacific/Auckland",
            datetime(2026, 1, 7, 10, 59, tzinfo=UTC),
            datetime(2026, 1, 7, 11, 0, tzinfo=UTC),
        ),
    ],
)
def test_a_day_count_changes_at_the_participants_midnight(alice, time_zone, before, at):
    alice.time_zone = time_zone
    alice.save()
    SobrietyDate.objects.create(user=alice, since=date(2026, 1, 1))
    assert labels(alice) == []
    evaluate_for(alice, now=before)
    assert labels(alice) == ["1 day"]
    evaluate_for(alice, now=at)
    assert labels(alice) == ["1 day", "7 days"]
    assert Milestone.objects.get(user=alice, value=7).reached_on == date(2026, 1, 8)


def test_phoenix_and_auckland_reach_the_same_count_hours_apart(alice, bob):
    alice.time_zone, bob.time_zone = "America/Phoenix", "Pacific/Auckland"
    alice.save()
    bob.save()
    for person in (alice, bob):
        SobrietyDate.objects.create(user=person, since=date(2026, 1, 1))
    instant = datetime(2026, 1, 7, 11, 0, tzinfo=UTC)  # Auckland's Jan 8 begins; Phoenix: Jan 7
    run_tick_at = [evaluate_for(p, now=instant) for p in (alice, bob)]
    assert [m.label for m in run_tick_at[0]] == ["1 day"]
    assert [m.label for m in run_tick_at[1]] == ["1 day", "7 days"]


def test_reset_after_a_lapse_starts_again_and_keeps_the_history(alice, sober_since):
    sober_since(alice, 40)
    evaluate_for(alice)
    actions.set_sobriety_date(alice, days_ago(alice, 2))
    assert actions.sobriety_date_of(alice) == days_ago(alice, 2)
    new = Milestone.objects.filter(user=alice, since=days_ago(alice, 2))
    assert [m.label for m in new] == ["1 day"]
    earlier = Milestone.objects.filter(user=alice, since=days_ago(alice, 40))
    assert sorted(m.value for m in earlier) == [1, 7, 14, 30]
    # Setting the same date again, or ticking, reaches nothing twice.
    actions.set_sobriety_date(alice, days_ago(alice, 2))
    run_tick()
    assert Milestone.objects.filter(user=alice).count() == 5


def test_a_future_or_absurd_sobriety_date_is_refused_and_nothing_changes(alice, sober_since):
    sober_since(alice, 10)
    for bad in (days_ago(alice, -1), date(1900, 1, 1)):
        with pytest.raises(MilestoneRefused):
            actions.set_sobriety_date(alice, bad)
    assert actions.sobriety_date_of(alice) == days_ago(alice, 10)


def test_check_in_streak_is_reached_when_the_seventh_check_in_is_recorded(
    alice, evening, check_in, past_checkin
):
    for days in range(1, 7):
        past_checkin(alice, evening, days)
    assert not Milestone.objects.filter(user=alice).exists()
    check_in(alice, evening)
    streak = Milestone.objects.get(user=alice, kind=Kind.STREAK)
    assert (streak.value, streak.since, streak.state) == (7, days_ago(alice, 6), "asking")
    check_in(alice, evening)  # a second check-in today: still one
    assert Milestone.objects.filter(user=alice, kind=Kind.STREAK).count() == 1


def test_sessions_attended_counts_the_sessions_app_attendance(alice, evening):
    # Attendance is kept by sessions_app (taking it is tested in tests/sessions).
    assert attended_sessions(alice) == 0
    run_tick()
    assert not Milestone.objects.filter(kind=Kind.SESSIONS).exists()


def test_sessions_attended_thresholds_are_recorded_once(alice):
    today = today_in(alice.time_zone)
    created = record_reached(alice, sessions_reached(5, today))
    assert [m.label for m in created] == ["First session", "5 sessions"]
    assert record_reached(alice, sessions_reached(10, today))[0].label == "10 sessions"
    assert Milestone.objects.filter(user=alice, kind=Kind.SESSIONS).count() == 3


@pytest.mark.parametrize(
    ("kind", "title"),
    [(Kind.PHASE, "Phase 1"), (Kind.GRADUATION, ""), (Kind.CUSTOM, "First week back at work")],
)
def test_a_therapist_records_phase_graduation_and_custom_milestones(
    dana, alice, evening, kind, title
):
    therapist = dana.memberships.get()
    recorded = actions.Recorded(kind=kind, title=title, note="So proud of you.")
    milestone = actions.record_milestone(therapist, alice.pk, recorded)
    assert (milestone.group, milestone.recorded_by, milestone.state) == (evening, dana, "asking")
    entry = AuditEntry.objects.get(action="milestones.record")
    assert (entry.actor, entry.subject_user, entry.group) == (dana, alice, evening)
    assert entry.details == {"milestone_id": milestone.pk, "kind": kind}
    with pytest.raises(MilestoneRefused, match="already recorded"):
        actions.record_milestone(therapist, alice.pk, recorded)
    assert Milestone.objects.filter(user=alice).count() == 1


def test_only_the_groups_therapists_record_and_only_for_its_participants(
    dana, alice, bob, erin, charlie, evening
):
    recorded = actions.Recorded(kind=Kind.CUSTOM, title="Back at work", note="")
    refusals = [
        (bob.memberships.get(), alice.pk),  # a participant
        (erin.memberships.get(), alice.pk),  # another group's therapist
        (dana.memberships.get(), charlie.pk),  # not in dana's group
        (dana.memberships.get(), dana.pk),  # a therapist, not a participant
    ]
    for membership, user_id in refusals:
        with pytest.raises(MilestoneRefused) as refused:
            actions.record_milestone(membership, user_id, recorded)
        assert refused.value.status == 404
    with pytest.raises(MilestoneRefused):
        actions.record_milestone(
            dana.memberships.get(), alice.pk, actions.Recorded("clean_time", "x", "")
        )
    assert not Milestone.objects.exists()
    assert not AuditEntry.objects.filter(action="milestones.record").exists()


def test_preference_always_ask_keeps_it_private_until_chosen(alice, sober_since, prefer):
    prefer(alice, Kind.CLEAN_TIME, ASK)
    sober_since(alice, 7)
    evaluate_for(alice)
    assert Milestone.objects.get(user=alice, value=7).state == "asking"
    assert not Message.objects.filter(kind=Message.Kind.MILESTONE).exists()


def test_preference_always_share_posts_into_the_room(alice, evening, sober_since, prefer):
    prefer(alice, Kind.CLEAN_TIME, SHARE)
    sober_since(alice, 7)
    evaluate_for(alice)
    seven = Milestone.objects.get(user=alice, value=7)
    assert seven.state == "shared"
    message = Message.objects.get(kind=Message.Kind.MILESTONE)
    assert (message.group, message.author, message.pk) == (evening, alice, seven.message_id)
    assert message.data == {
        "milestone_id": seven.pk,
        "kind": "clean_time",
        "value": 7,
        "unit": "days",
        "label": "7 days",
        "therapist_note": None,
    }
    assert str(days_ago(alice, 7)) not in message.body  # never the sobriety date itself
    # The earlier one reached at the same time stays private; nothing posts twice.
    assert Milestone.objects.get(user=alice, value=1).state == "private"
    run_tick()
    assert Message.objects.filter(kind=Message.Kind.MILESTONE).count() == 1


def test_always_share_never_tells_a_mental_health_group_about_clean_time(
    alice, weekend, sober_since, prefer
):
    join(alice, weekend)
    prefer(alice, Kind.CLEAN_TIME, SHARE)
    sober_since(alice, 1)
    evaluate_for(alice)
    assert list(Message.objects.values_list("group__slug", flat=True)) == ["evening"]


def test_preference_never_share_keeps_it_private_without_asking(alice, sober_since, prefer):
    prefer(alice, Kind.CLEAN_TIME, NEVER)
    sober_since(alice, 1)
    evaluate_for(alice)
    assert Milestone.objects.get(user=alice).state == "private"
    assert not Message.objects.exists()


def test_always_share_waits_when_the_room_is_locked(alice, evening, sober_since, prefer):
    evening.is_locked = True
    evening.save()
    prefer(alice, Kind.CLEAN_TIME, SHARE)
    sober_since(alice, 1)
    evaluate_for(alice)
    assert Milestone.objects.get(user=alice).state == "asking"
    assert not Message.objects.exists()


def test_deciding_share_then_keep_private_is_refused_and_sharing_twice_is_one_post(
    alice, bob, evening, sober_since
):
    sober_since(alice, 1)
    (milestone,) = evaluate_for(alice)
    for who, error in ((bob, 404), (alice, None)):
        if error:
            with pytest.raises(MilestoneRefused):
                actions.decide(who, milestone.pk, "share")
            continue
        actions.decide(who, milestone.pk, "share")
        actions.decide(who, milestone.pk, "share")
    assert Message.objects.filter(kind=Message.Kind.MILESTONE).count() == 1
    with pytest.raises(MilestoneRefused, match="already celebrated"):
        actions.decide(alice, milestone.pk, "private")
    with pytest.raises(MilestoneRefused):
        actions.decide(alice, milestone.pk, "shout")
    assert Milestone.objects.get(pk=milestone.pk).state == "shared"


def test_a_kept_private_milestone_can_be_celebrated_later(alice, sober_since):
    sober_since(alice, 1)
    (milestone,) = evaluate_for(alice)
    actions.decide(alice, milestone.pk, "private")
    assert Milestone.objects.get(pk=milestone.pk).state == "private"
    actions.decide(alice, milestone.pk, "share", "evening")
    assert Milestone.objects.get(pk=milestone.pk).state == "shared"


def test_sharing_needs_a_room_the_participant_may_post_in(alice, evening, sober_since):
    sober_since(alice, 1)
    (milestone,) = evaluate_for(alice)
    with pytest.raises(MilestoneRefused) as refused:
        actions.decide(alice, milestone.pk, "share", "weekend")
    assert refused.value.status == 404
    evening.is_locked = True
    evening.save()
    with pytest.raises(MilestoneRefused, match="closed"):
        actions.decide(alice, milestone.pk, "share")
    assert Milestone.objects.get(pk=milestone.pk).state == "asking"
    assert not Message.objects.exists()


def test_preferences_refuse_unknown_kinds_and_choices(alice):
    actions.set_preferences(alice, {"streak": SHARE})
    for bad in ({"weather": SHARE}, {"streak": "sometimes"}):
        with pytest.raises(MilestoneRefused):
            actions.set_preferences(alice, bad)
    assert actions.preferences_of(alice)["streak"] == SHARE
    assert actions.preferences_of(alice)["clean_time"] == ASK
