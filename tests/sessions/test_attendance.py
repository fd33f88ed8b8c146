"""Attendance: the group's therapists take it on one screen and can change it later (audited);
participants and outsiders can't; a participant sees only their own record; what is attended
feeds the sessions-attended milestones."""

import datetime as dt

import pytest
from django.urls import reverse

from checkins.milestones.models import Milestone
from groupspace.audit.models import AuditEntry
from sessions_app.models import Attendance

pytestmark = pytest.mark.django_db


def url(session):
    return reverse("take_attendance", args=[session.group.slug, session.pk])


def test_a_therapist_takes_attendance_and_it_is_audited(client_for, dana, alice, bob, past_session):
    client = client_for(dana)
    page = client.get(url(past_session)).content.decode()
    assert "Alice" in page and "Bob" in page and "2 not recorded yet" in page
    response = client.post(
        url(past_session), {f"status-{alice.pk}": "present", f"status-{bob.pk}": "late"}
    )
    assert response.status_code == 302
    assert dict(Attendance.objects.values_list("user_id", "status")) == {
        alice.pk: "present",
        bob.pk: "late",
    }
    assert Attendance.objects.get(user=bob).present  # late counts as attended
    entries = AuditEntry.objects.filter(action="attendance.record").order_by("id")
    assert [(e.actor, e.subject_user, e.details["status"]) for e in entries] == [
        (dana, alice, "present"),
        (dana, bob, "late"),
    ]


def test_a_change_afterwards_is_recorded_with_what_it_was(client_for, dana, alice, past_session):
    client = client_for(dana)
    client.post(url(past_session), {f"status-{alice.pk}": "absent"})
    client.post(url(past_session), {f"status-{alice.pk}": "excused"})
    client.post(url(past_session), {f"status-{alice.pk}": "excused"})  # no change: no entry
    assert Attendance.objects.get(user=alice).status == "excused"
    change = AuditEntry.objects.get(action="attendance.change")
    assert change.details["previous"] == "absent" and change.details["status"] == "excused"
    assert AuditEntry.objects.filter(action__startswith="attendance.").count() == 2


@pytest.mark.parametrize("who", ["alice", "charlie", "erin", "sam"])
def test_only_the_groups_therapists_take_attendance(request, client_for, who, alice, past_session):
    client = client_for(request.getfixturevalue(who))
    assert client.get(url(past_session)).status_code == 404
    assert client.post(url(past_session), {f"status-{alice.pk}": "present"}).status_code == 404
    assert not Attendance.objects.exists()
    assert not AuditEntry.objects.filter(action__startswith="attendance.").exists()


def test_refusals_change_nothing(client_for, dana, alice, charlie, past_session, make_session):
    client = client_for(dana)
    bad = [
        {f"status-{alice.pk}": "sleeping"},  # unknown status
    ]
    for data in bad:
        response = client.post(url(past_session), data)
        assert response.status_code == 400
        assert "Nothing was saved" in response.content.decode()
    # Someone from another group is not on the roster: their field is ignored, not recorded.
    client.post(url(past_session), {f"status-{charlie.pk}": "present"})
    future = make_session(past_session.group, starts_in=dt.timedelta(days=1))
    response = client.post(url(future), {f"status-{alice.pk}": "present"})
    assert response.status_code == 400
    assert "Attendance opens when the session starts" in response.content.decode()
    assert not Attendance.objects.exists()


def test_a_cancelled_session_takes_no_attendance(client_for, dana, alice, past_session):
    past_session.status = "cancelled"
    past_session.save()
    response = client_for(dana).post(url(past_session), {f"status-{alice.pk}": "present"})
    assert response.status_code == 400
    assert not Attendance.objects.exists()


def test_a_participant_sees_only_their_own_record(client_for, dana, alice, bob, past_session):
    client_for(dana).post(
        url(past_session), {f"status-{alice.pk}": "present", f"status-{bob.pk}": "absent"}
    )
    page = client_for(alice).get(reverse("my_attendance")).content.decode()
    assert "You attended 1 session" in page and "Present" in page and "Absent" not in page
    empty = client_for(bob).get(reverse("my_attendance")).content.decode()
    assert "You attended 0 sessions" in empty and "Absent" in empty


def test_attended_sessions_reach_the_milestone(
    client_for, dana, alice, evening, make_session, django_capture_on_commit_callbacks
):
    client = client_for(dana)
    for days in range(1, 6):
        session = make_session(evening, starts_in=-dt.timedelta(days=days))
        with django_capture_on_commit_callbacks(execute=True):
            client.post(url(session), {f"status-{alice.pk}": "present"})
    reached = Milestone.objects.filter(user=alice, kind="sessions").order_by("value")
    assert list(reached.values_list("value", flat=True)) == [1, 5]
    assert Attendance.objects.filter(user=alice, present=True).count() == 5
