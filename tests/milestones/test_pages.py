"""Milestone pages: the participant's progress, the choice, the sobriety date, preferences; a
therapist's audited view and records. Wrong role, other group, outsider: 404, nothing changed.
An unshared milestone appears on no page a peer can open."""

import pytest

from checkins.milestones.evaluate import evaluate_for
from checkins.milestones.models import Milestone, MilestonePreference
from groupspace.audit.models import AuditEntry
from groupspace.room.models import Message

from .conftest import days_ago

PROGRESS = "/me/milestones/"
DECIDE = "/me/milestones/decide/"


@pytest.fixture
def thirty_days(alice, sober_since):
    sober_since(alice, 30)
    evaluate_for(alice)
    return Milestone.objects.get(user=alice, value=30)


def test_progress_page_shows_milestones_next_ones_and_the_streak(client_for, alice, thirty_days):
    page = client_for(alice).get(PROGRESS).content.decode()
    assert "30</strong> days clean and sober" in page
    assert "Waiting for your choice" in page and "Celebrate with my group" in page
    assert "60 days" in page and "in 30 days" in page  # coming next
    assert "7 days of check-ins in a row" in page
    assert "0</strong> sessions attended" in page
    assert page.count('class="card milestone-card"') == 4


def test_home_page_tells_the_participant_first(client_for, alice, bob, thirty_days):
    assert "You reached a milestone" in client_for(alice).get("/").content.decode()
    assert "You reached a milestone" not in client_for(bob).get("/").content.decode()


def test_setting_the_date_through_the_page_and_refusing_a_future_one(client_for, alice):
    client = client_for(alice)
    response = client.post(PROGRESS + "sobriety-date/", {"since": str(days_ago(alice, 7))})
    assert response.status_code == 302
    assert Milestone.objects.filter(user=alice, value=7, state="asking").exists()
    for bad in (str(days_ago(alice, -2)), "not a date", "2026-02-30"):
        response = client.post(PROGRESS + "sobriety-date/", {"since": bad})
        assert response.status_code == 400
    assert alice.sobriety_date.since == days_ago(alice, 7)
    client.post(PROGRESS + "sobriety-date/", {"clear": "1"})
    assert not Milestone.objects.filter(user=alice).count() == 0  # history stays
    assert client.get(PROGRESS).content.decode().count("No sobriety date set.") == 1


def test_choosing_to_celebrate_from_the_home_page(client_for, alice, evening, thirty_days):
    response = client_for(alice).post(
        DECIDE, {"milestone_id": thirty_days.pk, "choice": "share", "next": "/"}
    )
    assert (response.status_code, response["Location"]) == (302, "/")
    message = Message.objects.get(kind=Message.Kind.MILESTONE)
    assert (message.group, message.data["label"]) == (evening, "30 days")


def test_the_rooms_script_gets_json_and_clear_errors(client_for, alice, bob, thirty_days):
    fetch = {"HTTP_X_REQUESTED_WITH": "fetch"}
    answer = client_for(alice).post(
        DECIDE, {"milestone_id": thirty_days.pk, "choice": "private"}, **fetch
    )
    assert answer.json() == {"id": thirty_days.pk, "state": "private"}
    refused = client_for(bob).post(
        DECIDE, {"milestone_id": thirty_days.pk, "choice": "share"}, **fetch
    )
    assert refused.status_code == 404 and refused.json() == {"error": "No such milestone."}
    bad = client_for(alice).post(DECIDE, {"milestone_id": "x", "choice": "share"}, **fetch)
    assert bad.status_code == 400
    assert Milestone.objects.get(pk=thirty_days.pk).state == "private"
    assert not Message.objects.exists()


def test_an_unsafe_next_is_ignored(client_for, alice, thirty_days):
    response = client_for(alice).post(
        DECIDE,
        {"milestone_id": thirty_days.pk, "choice": "private", "next": "https://evil.test/"},
    )
    assert response["Location"] == PROGRESS


def test_someone_elses_milestone_is_404_and_unchanged(client_for, bob, thirty_days):
    response = client_for(bob).post(DECIDE, {"milestone_id": thirty_days.pk, "choice": "share"})
    assert response.status_code == 404
    assert Milestone.objects.get(pk=thirty_days.pk).state == "asking"


def test_preferences_saved_and_hostile_values_refused(client_for, alice):
    client = client_for(alice)
    choices = {kind: "ask" for kind in ("clean_time", "sessions", "phase", "graduation", "custom")}
    assert client.post(PROGRESS + "preferences/", {**choices, "streak": "never"}).status_code == 302
    assert MilestonePreference.objects.get(user=alice, kind="streak").choice == "never"
    bad = client.post(PROGRESS + "preferences/", {**choices, "streak": "loudly"})
    assert bad.status_code == 400
    assert MilestonePreference.objects.get(user=alice, kind="streak").choice == "never"


def test_a_therapists_read_is_audited_and_shows_the_sobriety_date(
    client_for, dana, alice, evening, thirty_days
):
    url = f"/groups/evening/milestones/people/{alice.pk}/"
    page = client_for(dana).get(url).content.decode()
    assert "30</strong> days clean and sober" in page
    assert "Record a milestone" in page
    entry = AuditEntry.objects.get(action="milestones.read_progress")
    assert (entry.actor, entry.subject_user, entry.group) == (dana, alice, evening)


def test_a_therapist_records_a_custom_milestone_through_the_page(client_for, dana, alice):
    url = f"/groups/evening/milestones/people/{alice.pk}/"
    client = client_for(dana)
    missing = client.post(url, {"kind": "custom", "title": "  "})
    assert missing.status_code == 400 and "Name the phase" in missing.content.decode()
    too_long = client.post(url, {"kind": "custom", "title": "x" * 121})
    assert too_long.status_code == 400
    assert not Milestone.objects.exists()
    done = client.post(url, {"kind": "custom", "title": "First week back at work", "note": "!"})
    assert done.status_code == 302
    assert Milestone.objects.get(user=alice).label == "First week back at work"
    again = client.post(url, {"kind": "custom", "title": "First week back at work"})
    assert again.status_code == 400 and "already recorded" in again.content.decode()


def test_wrong_role_other_group_and_outsiders_get_404(
    client_for, bob, erin, charlie, sam, dana, alice, thirty_days
):
    url = f"/groups/evening/milestones/people/{alice.pk}/"
    for person in (bob, erin, charlie, sam):
        assert client_for(person).get(url).status_code == 404
        assert client_for(person).post(url, {"kind": "graduation"}).status_code == 404
    assert client_for(erin).get(f"/groups/weekend/milestones/people/{alice.pk}/").status_code == 404
    assert (
        client_for(dana).get(f"/groups/evening/milestones/people/{charlie.pk}/").status_code == 404
    )
    assert Milestone.objects.filter(user=alice).count() == 4
    assert not AuditEntry.objects.filter(action="milestones.read_progress").exists()


def test_an_unshared_milestone_is_on_no_page_a_peer_can_open(client_for, bob, thirty_days):
    client = client_for(bob)
    hints = (f'data-milestone-id="{thirty_days.pk}"', "milestone-card", "days clean and sober")
    for url in ("/", "/groups/evening/", PROGRESS, "/me/checkins/", "/me/data/"):
        page = client.get(url).content.decode()
        assert not [hint for hint in hints if hint in page], url


def test_the_room_page_shows_only_the_owner_their_question(client_for, alice, bob, thirty_days):
    marker = f'data-milestone-id="{thirty_days.pk}"'
    assert marker in client_for(alice).get("/groups/evening/").content.decode()
    assert marker not in client_for(bob).get("/groups/evening/").content.decode()


def test_own_data_export_includes_milestones(client_for, alice, thirty_days):
    from groupspace.accounts.personal_data import export_personal_data

    rows = export_personal_data(alice)["milestones"]
    assert rows[0] == {"what": "sobriety_date", "since": days_ago(alice, 30)}
    assert {row.get("label") for row in rows[1:]} == {"1 day", "7 days", "14 days", "30 days"}
