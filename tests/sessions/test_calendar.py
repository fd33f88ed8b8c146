"""The private calendar feed, parsed back with `icalendar`: neutral titles by default, names
by choice, cancellations as CANCELLED, only the person's own groups, and a reset address that
kills the old one."""

import datetime as dt

import pytest
from django.urls import reverse
from icalendar import Calendar

from sessions_app.calendar import feed_for

pytestmark = pytest.mark.django_db


def fetch(client, feed):
    response = client.get(f"/calendar/{feed.token}.ics")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    return Calendar.from_ical(response.content)


def events(calendar):
    return {str(e["UID"]): e for e in calendar.walk("VEVENT")}


def test_the_feed_lists_the_persons_sessions_under_a_neutral_title(
    client, alice, make_session, evening, weekend
):
    mine = make_session(evening, starts_in=dt.timedelta(days=2), topic="Relapse warning signs")
    make_session(weekend, starts_in=dt.timedelta(days=2))  # not alice's group
    found = events(fetch(client, feed_for(alice)))
    assert list(found) == [f"session-{mine.pk}@groupspace"]
    event = found[f"session-{mine.pk}@groupspace"]
    assert str(event["SUMMARY"]) == "Group session"
    assert "DESCRIPTION" not in event  # nothing about the group or what it treats
    assert event.decoded("DTSTART") == mine.starts_at.replace(microsecond=0)
    assert event.decoded("DTEND") == mine.ends_at.replace(microsecond=0)
    assert str(event["STATUS"]) == "CONFIRMED"


def test_names_appear_only_when_the_person_opts_in(
    client, client_for, alice, make_session, evening
):
    make_session(evening, starts_in=dt.timedelta(days=2))
    client_for(alice).post(reverse("my_calendar"), {"show_group_names": "on"})
    (event,) = events(fetch(client, feed_for(alice))).values()
    assert str(event["SUMMARY"]) == "Evening IOP"


def test_a_cancelled_session_appears_cancelled_with_a_higher_sequence(
    client, client_for, dana, alice, make_session, evening
):
    session = make_session(evening, starts_in=dt.timedelta(days=2))
    client_for(dana).post(reverse("cancel_session", args=["evening", session.pk]), {"note": ""})
    (event,) = events(fetch(client, feed_for(alice))).values()
    assert str(event["STATUS"]) == "CANCELLED"
    assert event["SEQUENCE"] == 1


def test_resetting_the_token_invalidates_the_old_address(client, client_for, alice, evening):
    old = feed_for(alice).token
    assert client.get(f"/calendar/{old}.ics").status_code == 200
    me = client_for(alice)
    assert me.get(reverse("reset_calendar")).status_code == 200  # asks first
    assert feed_for(alice).token == old
    me.post(reverse("reset_calendar"))
    new = feed_for(alice).token
    assert new != old
    assert client.get(f"/calendar/{old}.ics").status_code == 404
    assert client.get(f"/calendar/{new}.ics").status_code == 200


def test_wrong_tokens_and_closed_accounts_get_nothing(client, alice, evening):
    assert client.get("/calendar/not-a-token.ics").status_code == 404
    feed = feed_for(alice)
    alice.is_active = False
    alice.save()
    assert client.get(f"/calendar/{feed.token}.ics").status_code == 404


def test_a_therapists_feed_follows_the_second_factor_rule(client, settings, dana, evening):
    """The address stands in for a login: with the rule on, a therapist without an
    authenticator app gets nothing from it (the same 404 as a wrong address)."""
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

    settings.MFA_REQUIRED_FOR_CARE_TEAM = True
    feed = feed_for(dana)
    assert client.get(f"/calendar/{feed.token}.ics").status_code == 404
    TOTP.activate(dana, generate_totp_secret())
    assert client.get(f"/calendar/{feed.token}.ics").status_code == 200


def test_the_calendar_page_shows_the_private_address(client_for, alice, evening):
    page = client_for(alice).get(reverse("my_calendar")).content.decode()
    assert f"/calendar/{feed_for(alice).token}.ics" in page
    assert "webcal://" in page
