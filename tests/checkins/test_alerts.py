"""The alert rules at their boundaries, crisis language in notes, and acknowledgement."""

import pytest

from checkins.actions import edit_checkin
from groupspace.accounts.models import User
from groupspace.audit.models import AuditEntry
from groupspace.moderation.models import Alert
from tests.conftest import join

from .conftest import CRISIS_NOTE, SPANISH_CRISIS_NOTE, checkin_values, form_data


def reasons(user) -> list[str]:
    return sorted(Alert.objects.filter(user=user, kind="support").values_list("reason", flat=True))


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        ({"wants_support": True}, ["asked_for_support"]),
        ({"wants_support": False}, []),
        ({"mood": 1}, ["mood_low"]),
        ({"mood": 2}, []),
        ({"craving": 8}, ["craving_high"]),
        ({"craving": 7}, []),
        (
            {"craving": 10, "mood": 1, "wants_support": True},
            ["asked_for_support", "craving_high", "mood_low"],
        ),
    ],
)
def test_support_rules_fire_at_their_boundary_and_not_below(
    alice, evening, check_in, fields, expected
):
    check_in(alice, evening, **fields)
    assert reasons(alice) == expected
    for alert in Alert.objects.all():
        assert (alert.group, alert.kind, alert.message) == (evening, "support", None)


@pytest.mark.parametrize(
    ("earlier_days_ago", "earlier_mood", "mood", "fires"),
    [
        (2, 4, 2, True),  # a drop of 2 within three days
        (1, 5, 3, True),
        (0, 5, 3, True),  # earlier the same day
        (2, 4, 3, False),  # a drop of 1
        (3, 4, 2, False),  # four days apart: outside the window
        (1, 2, 4, False),  # a rise
    ],
)
def test_mood_drop_over_three_days(
    alice, evening, check_in, past_checkin, earlier_days_ago, earlier_mood, mood, fires
):
    past_checkin(alice, evening, earlier_days_ago, mood=earlier_mood)
    check_in(alice, evening, mood=mood)
    assert ("mood_drop" in reasons(alice)) is fires


def test_mood_drop_is_per_group(alice, evening, make_group, check_in, past_checkin):
    other = make_group("other")
    join(alice, other)
    past_checkin(alice, other, 1, mood=5)
    check_in(alice, evening, mood=3)
    assert reasons(alice) == []


def test_the_craving_rule_does_not_apply_where_craving_is_not_asked(charlie, weekend, check_in):
    check_in(charlie, weekend, craving=10)
    assert reasons(charlie) == []


def test_an_edit_never_repeats_an_alert_but_adds_new_ones(alice, evening, check_in):
    checkin = check_in(alice, evening, mood=1)
    edit_checkin(alice, checkin.pk, checkin_values(mood=1, note="still low"))
    assert reasons(alice) == ["mood_low"]
    edit_checkin(alice, checkin.pk, checkin_values(mood=1, wants_support=True))
    assert reasons(alice) == ["asked_for_support", "mood_low"]


def test_crisis_language_in_a_private_note_alerts_the_therapists_and_shows_resources(
    client_for, alice, evening
):
    client = client_for(alice)
    response = client.post("/groups/evening/checkin/", form_data(note=CRISIS_NOTE), follow=True)
    alert = Alert.objects.get(kind="crisis")
    assert (alert.user, alert.group, alert.reason, alert.message) == (
        alice,
        evening,
        "crisis_language",
        None,
    )
    html = response.content.decode()
    assert "Help is here right now" in html
    assert 'href="tel:988"' in html and 'href="tel:911"' in html


def test_crisis_language_in_a_shared_note_raises_one_alert_for_its_message(
    alice, evening, check_in
):
    checkin = check_in(alice, evening, shared=True, note=CRISIS_NOTE, note_shared=True)
    alert = Alert.objects.get(kind="crisis")
    assert alert.message_id == checkin.message_id


def test_crisis_language_in_a_private_note_of_a_shared_check_in(alice, evening, check_in):
    checkin = check_in(alice, evening, shared=True, note=CRISIS_NOTE)
    alert = Alert.objects.get(kind="crisis")
    assert alert.message is None
    assert CRISIS_NOTE not in checkin.message.body


def test_crisis_language_added_by_an_edit_is_caught(alice, evening, check_in):
    checkin = check_in(alice, evening, note="ok day")
    assert not Alert.objects.exists()
    edit_checkin(alice, checkin.pk, checkin_values(note=CRISIS_NOTE))
    edit_checkin(alice, checkin.pk, checkin_values(note=CRISIS_NOTE, mood=4))  # note unchanged
    assert Alert.objects.filter(kind="crisis").count() == 1


def test_crisis_language_in_a_spanish_note_alerts_the_therapists_and_shows_resources(
    client_for, alice, evening
):
    User.objects.filter(pk=alice.pk).update(language="es")
    client = client_for(alice)
    response = client.post(
        "/groups/evening/checkin/", form_data(note=SPANISH_CRISIS_NOTE), follow=True
    )
    alert = Alert.objects.get(kind="crisis")
    assert (alert.user, alert.group, alert.reason, alert.message) == (
        alice,
        evening,
        "crisis_language",
        None,
    )
    html = response.content.decode()
    assert "Tú importas. Hay ayuda aquí, ahora mismo." in html
    assert "oprime el 2" in html  # 988's Spanish line
    assert 'href="tel:988"' in html and 'href="tel:911"' in html


def test_crisis_language_in_a_shared_spanish_note_raises_one_alert_for_its_message(
    alice, evening, check_in
):
    checkin = check_in(alice, evening, shared=True, note=SPANISH_CRISIS_NOTE, note_shared=True)
    alert = Alert.objects.get(kind="crisis")
    assert alert.message_id == checkin.message_id
    assert SPANISH_CRISIS_NOTE in checkin.message.body


def test_ordinary_notes_raise_nothing(alice, evening, check_in):
    check_in(alice, evening, note="This homework is killing me, but I went for a run.")
    check_in(alice, evening, note="Me muero de sueño y me corté el pelo, pero fui a correr.")
    check_in(alice, evening, note="Llevo 30 días sin cortarme.", shared=True, note_shared=True)
    assert not Alert.objects.exists()


def test_a_therapist_acknowledges_an_alert_from_the_dashboard(
    client_for, alice, dana, check_in, evening
):
    check_in(alice, evening, wants_support=True)
    alert = Alert.objects.get()
    client = client_for(dana)
    page = client.get("/groups/evening/checkins/dashboard/").content.decode()
    assert f'id="alert-{alert.pk}"' in page
    assert "Could use support" in page

    url = f"/groups/evening/checkins/alerts/{alert.pk}/acknowledge/"
    assert client.get(url).status_code == 405
    response = client.post(url, follow=True)
    assert "Alert acknowledged." in response.content.decode()
    assert f'id="alert-{alert.pk}"' not in response.content.decode()
    alert.refresh_from_db()
    assert alert.acknowledged_by == dana and alert.acknowledged_at is not None
    entry = AuditEntry.objects.get(action="alert.acknowledge")
    assert (entry.actor, entry.subject_user, entry.group) == (dana, alice, evening)

    again = client.post(url, follow=True)
    assert "No such open alert" in again.content.decode()
    assert AuditEntry.objects.filter(action="alert.acknowledge").count() == 1


def test_only_the_groups_therapists_acknowledge(
    client_for, alice, bob, erin, sam, check_in, evening
):
    check_in(alice, evening, wants_support=True)
    alert = Alert.objects.get()
    url = f"/groups/evening/checkins/alerts/{alert.pk}/acknowledge/"
    for user in (alice, bob, erin, sam):
        assert client_for(user).post(url).status_code == 404
    alert.refresh_from_db()
    assert alert.acknowledged_at is None
