"""Moving, cancelling and adding sessions, and the weekly pattern, through the pages: who may,
what the group is told, what the audit log keeps, and that a refusal changes nothing."""

import datetime as dt

import pytest
from django.urls import reverse

from groupspace.audit.models import AuditEntry
from groupspace.room.models import Message
from sessions_app.models import Session, WeeklySlot

pytestmark = pytest.mark.django_db


def move_data(date="2030-01-09", time="17:30", minutes=120):
    return {"date": date, "time": time, "duration_minutes": minutes}


def test_a_therapist_moves_a_session_and_the_room_is_told(client_for, dana, make_session, evening):
    session = make_session(evening, starts_in=dt.timedelta(days=3))
    url = reverse("move_session", args=["evening", session.pk])
    response = client_for(dana).post(url, move_data())
    assert response.status_code == 302
    session.refresh_from_db()
    # 5:30 pm in Phoenix (UTC-7) is 00:30 UTC the next day.
    assert session.starts_at == dt.datetime(2030, 1, 10, 0, 30, tzinfo=dt.UTC)
    assert session.duration_minutes == 120
    assert session.moved_from is not None and session.changed_by_hand
    assert session.sequence == 1
    notice = Message.objects.get(group=evening, kind=Message.Kind.SYSTEM)
    assert "moves to Wed 9 Jan, 5:30 p.m. MST" in notice.body
    entry = AuditEntry.objects.get(action="session.move")
    assert entry.actor == dana and entry.details["session"] == session.pk


def test_a_therapist_cancels_with_a_note(client_for, dana, make_session, evening):
    session = make_session(evening, starts_in=dt.timedelta(days=3))
    client = client_for(dana)
    url = reverse("cancel_session", args=["evening", session.pk])
    confirm = client.get(url)
    assert confirm.status_code == 200 and b"Cancel this session?" in confirm.content
    assert Session.objects.get(pk=session.pk).status == "scheduled"  # nothing until confirmed
    client.post(url, {"note": "We meet Thursday instead."})
    session.refresh_from_db()
    assert session.is_cancelled and session.cancel_note == "We meet Thursday instead."
    assert session.sequence == 1
    notice = Message.objects.get(group=evening, kind=Message.Kind.SYSTEM)
    assert notice.body.endswith("is cancelled. We meet Thursday instead.")
    assert AuditEntry.objects.filter(action="session.cancel", actor=dana).count() == 1
    # Cancelling twice changes nothing more.
    client.post(url, {"note": "again"})
    assert AuditEntry.objects.filter(action="session.cancel").count() == 1


def test_an_extra_session_is_added(client_for, dana, evening):
    response = client_for(dana).post(
        reverse("add_extra_session", args=["evening"]),
        {
            "extra-date": "2030-02-01",
            "extra-time": "10:00",
            "extra-duration_minutes": "90",
            "extra-kind": "family_session",
            "extra-topic": "Families welcome",
        },
    )
    session = Session.objects.get(group=evening, is_extra=True)
    assert response.url == reverse("session_detail", args=["evening", session.pk])
    assert session.kind == "family_session" and session.duration_minutes == 90
    assert session.starts_at == dt.datetime(2030, 2, 1, 17, 0, tzinfo=dt.UTC)
    assert AuditEntry.objects.filter(action="session.add").count() == 1


def test_staff_add_a_weekly_pattern_and_sessions_appear(client_for, sam, evening):
    response = client_for(sam).post(
        reverse("add_slot", args=["evening"]),
        {
            "slot-weekday": "2",
            "slot-start_time": "18:00",
            "slot-duration_minutes": "180",
            "slot-kind": "group_therapy",
            "slot-topic": "",
            "slot-starts_on": "2026-01-01",
        },
    )
    assert response.status_code == 302
    slot = WeeklySlot.objects.get(group=evening)
    assert Session.objects.filter(slot=slot).count() == 8
    page = client_for(sam).get(reverse("group_schedule", args=["evening"]))
    assert page.content.count(b'class="session-item"') >= 8


def test_stopping_a_pattern_asks_first_then_removes_its_future_sessions(client_for, dana, evening):
    client = client_for(dana)
    client.post(
        reverse("add_slot", args=["evening"]),
        {
            "slot-weekday": "4",
            "slot-start_time": "18:00",
            "slot-duration_minutes": "180",
            "slot-kind": "group_therapy",
            "slot-starts_on": "2026-01-01",
        },
    )
    slot = WeeklySlot.objects.get(group=evening)
    url = reverse("end_slot", args=["evening", slot.pk])
    assert client.get(url).status_code == 200
    assert Session.objects.filter(slot=slot).count() == 8
    client.post(url)
    assert Session.objects.filter(slot=slot).count() == 0
    assert not WeeklySlot.objects.get(pk=slot.pk).is_active


@pytest.mark.parametrize("who", ["alice", "charlie", "erin"])
def test_participants_and_outsiders_cannot_change_the_schedule(
    request, client_for, who, make_session, evening
):
    session = make_session(evening, starts_in=dt.timedelta(days=3))
    before = (session.starts_at, session.status, Message.objects.count())
    client = client_for(request.getfixturevalue(who))
    for name, data in [
        ("move_session", move_data()),
        ("cancel_session", {"note": "x"}),
        ("edit_session", {"kind": "group_therapy", "topic": "x"}),
    ]:
        response = client.post(reverse(name, args=["evening", session.pk]), data)
        assert response.status_code == 404, name
    response = client.post(
        reverse("add_slot", args=["evening"]), {"slot-weekday": "1", "slot-start_time": "18:00"}
    )
    assert response.status_code == 404
    session.refresh_from_db()
    assert (session.starts_at, session.status, Message.objects.count()) == before
    assert not WeeklySlot.objects.exists()
    assert not AuditEntry.objects.filter(action__startswith="session.").exists()


def test_a_bad_move_is_refused_with_a_reason(client_for, dana, make_session, evening):
    session = make_session(evening, starts_in=dt.timedelta(days=3))
    before = session.starts_at
    client = client_for(dana)
    response = client.post(
        reverse("move_session", args=["evening", session.pk]), move_data(minutes=5), follow=True
    )
    assert b"Length (minutes)" in response.content
    session.refresh_from_db()
    assert session.starts_at == before and session.sequence == 0


def test_participants_see_the_schedule_in_their_own_time_zone(
    client_for, alice, make_session, evening
):
    alice.time_zone = "America/New_York"
    alice.save()
    make_session(evening, starts_in=dt.timedelta(days=2), topic="Coping with holidays")
    page = client_for(alice).get(reverse("group_schedule", args=["evening"])).content.decode()
    assert "Coping with holidays" in page
    assert "EST" in page and "MST" in page  # hers, and the group's beside it
    assert "Add a weekly session" not in page


def test_the_home_page_lists_the_next_sessions(client_for, alice, make_session, evening):
    make_session(evening, starts_in=dt.timedelta(hours=5))
    cancelled = make_session(evening, starts_in=dt.timedelta(days=2))
    cancelled.status = "cancelled"
    cancelled.save()
    page = client_for(alice).get("/").content.decode()
    assert "Next sessions" in page
    assert page.count('class="session-item') == 2
    assert "Cancelled" in page


def test_the_home_page_explains_when_nothing_is_scheduled(client_for, alice, evening):
    page = client_for(alice).get("/").content.decode()
    assert "No sessions are scheduled yet" in page
