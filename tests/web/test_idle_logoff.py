"""Automatic logoff: 30 minutes for therapists and staff, 12 hours for participants."""

import time

import pytest

from groupspace.accounts.idle import LAST_ACTIVITY_KEY


def idle_for(client, minutes: float) -> None:
    session = client.session
    session[LAST_ACTIVITY_KEY] = int(time.time() - minutes * 60)
    session.save()


@pytest.mark.parametrize(
    ("persona", "minutes", "logged_out"),
    [
        ("dana", 29, False),
        ("dana", 31, True),
        ("sam", 31, True),
        ("alice", 31, False),
        ("alice", 11 * 60, False),
        ("alice", 12 * 60 + 1, True),
    ],
)
def test_idle_sessions_end_by_role(client_for, request, persona, minutes, logged_out, evening):
    client = client_for(request.getfixturevalue(persona))
    client.get("/profile/")  # activity
    idle_for(client, minutes)
    response = client.get("/profile/")
    if logged_out:
        assert response.status_code == 302
        assert response["Location"] == "/accounts/login/?next=/profile/"
        assert client.get("/profile/").status_code == 302  # the session is gone
    else:
        assert response.status_code == 200


def test_activity_keeps_the_session_alive(client_for, dana, evening):
    client = client_for(dana)
    client.get("/profile/")
    idle_for(client, 20)
    assert client.get("/profile/").status_code == 200
    assert client.session[LAST_ACTIVITY_KEY] >= time.time() - 5  # the request counted
