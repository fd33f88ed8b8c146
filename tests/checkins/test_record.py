"""Checking in from the check-in page: stored, private by default, validated, refused."""

import re
import zoneinfo
from decimal import Decimal

import pytest
from django.utils import timezone

from checkins.actions import set_sharing_default
from checkins.models import CheckIn
from groupspace.groups.models import IOPGroup, Membership
from groupspace.room.models import Message

from .conftest import form_data

URL = "/groups/evening/checkin/"


def checked_visibility(html: str) -> str:
    """The value of the checked "who sees this" radio on a check-in page."""
    (value,) = re.findall(
        r'<input type="radio" name="visibility" value="(\w+)"[^>]* checked>', html
    )
    return value


def test_the_check_in_page_tells_the_participant_therapists_see_everything(client_for, alice):
    page = client_for(alice).get(URL)
    assert page.status_code == 200
    html = page.content.decode()
    assert "therapists see every check-in, private ones too" in html
    # Radio groups are fieldsets with legends; the mood has words, not only numbers.
    assert "<legend>How is your mood?</legend>" in html
    assert "Very low" in html and "Great" in html
    assert "How strong is any craving" in html  # a substance-use group
    # Private is the default until the participant chooses otherwise.
    assert checked_visibility(html) == "private"


def test_a_participant_checks_in_privately(client_for, alice, evening):
    alice.time_zone = "Pacific/Kiritimati"  # UTC+14: often a day ahead of the server
    alice.save()
    data = form_data(note="Long day.", wants_support="on", kind="after_session")
    response = client_for(alice).post(URL, data)

    checkin = CheckIn.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/me/checkins/{checkin.pk}/"
    assert (checkin.user, checkin.group, checkin.kind) == (alice, evening, "after_session")
    assert (checkin.mood, checkin.anxiety, checkin.craving) == (3, 4, 2)
    assert checkin.sleep_hours == Decimal("7.5")
    assert checkin.self_care == ["exercise", "people"]
    assert (checkin.note, checkin.wants_support) == ("Long day.", True)
    assert (checkin.shared, checkin.note_shared, checkin.message) == (False, False, None)
    assert checkin.local_date == timezone.localdate(
        timezone=zoneinfo.ZoneInfo("Pacific/Kiritimati")
    )
    assert not Message.objects.filter(kind="checkin").exists()


def test_the_same_form_sent_twice_is_one_check_in(client_for, alice):
    client = client_for(alice)
    data = form_data(visibility="shared")
    first = client.post(URL, data)
    second = client.post(URL, data)
    assert first["Location"] == second["Location"]
    assert CheckIn.objects.count() == 1
    assert Message.objects.filter(kind="checkin").count() == 1


def test_sharing_posts_the_scores_into_the_room_without_the_note(client_for, alice, evening):
    client_for(alice).post(
        URL, form_data(visibility="shared", note="Only for my therapist.", wants_support="on")
    )
    checkin = CheckIn.objects.get()
    message = Message.objects.get(kind="checkin")
    assert checkin.message == message
    assert (message.group, message.author, message.state) == (evening, alice, "visible")
    assert message.data == {
        "checkin_id": checkin.pk,
        "kind": "daily",
        "mood": 3,
        "mood_label": "Okay",
        "anxiety": 4,
        "craving": 2,
        "sleep_hours": 7.5,
        "self_care": ["exercise", "people"],
        "wants_support": True,
        "note": None,
    }
    assert "Only for my therapist" not in message.body
    assert message.body.startswith("Daily check-in: mood 3/5 (Okay")
    assert "I could use some support today." in message.body


def test_sharing_the_note_too(client_for, alice):
    client_for(alice).post(
        URL, form_data(visibility="shared", note="Walked instead of drinking.", note_shared="on")
    )
    message = Message.objects.get(kind="checkin")
    assert message.body.endswith("\nWalked instead of drinking.")
    assert message.data["note"] == "Walked instead of drinking."
    assert CheckIn.objects.get().note_shared is True


def test_sharing_the_note_of_a_private_check_in_shares_nothing(client_for, alice):
    client_for(alice).post(URL, form_data(note="mine", note_shared="on"))
    checkin = CheckIn.objects.get()
    assert (checkin.shared, checkin.note_shared) == (False, False)
    assert not Message.objects.exists()


def test_a_shared_check_in_waits_for_approval_in_a_pre_moderated_group(client_for, alice, evening):
    IOPGroup.objects.filter(pk=evening.pk).update(moderation_mode="pre")
    client_for(alice).post(URL, form_data(visibility="shared"))
    assert Message.objects.get(kind="checkin").state == "pending"


def test_the_personal_default_decides_the_initial_choice(client_for, alice):
    set_sharing_default(alice, True)
    assert checked_visibility(client_for(alice).get(URL).content.decode()) == "shared"
    client_for(alice).post("/me/checkins/sharing/", {})
    assert checked_visibility(client_for(alice).get(URL).content.decode()) == "private"


@pytest.mark.parametrize(
    ("field", "value", "error"),
    [
        ("mood", None, "Choose how your mood is."),
        ("mood", "0", "Select a valid choice"),
        ("mood", "6", "Select a valid choice"),
        ("mood", "two", "Select a valid choice"),
        ("anxiety", "-1", "Select a valid choice"),
        ("anxiety", "11", "Select a valid choice"),
        ("anxiety", "3.5", "Select a valid choice"),
        ("anxiety", None, "Choose a number from 0 to 10."),
        ("craving", "11", "Select a valid choice"),
        ("craving", None, "Choose a number from 0 to 10."),
        ("sleep_hours", "-1", "greater than or equal to 0"),
        ("sleep_hours", "24.5", "less than or equal to 24"),
        ("sleep_hours", "7.25", "decimal place"),
        ("sleep_hours", "NaN", "Enter a number"),
        ("sleep_hours", "Infinity", "Enter a number"),
        ("self_care", ["none", "rest"], "on its own"),
        ("self_care", ["sleeping in"], "Select a valid choice"),
        ("note", "x" * 1001, "at most 1000 characters"),
        ("kind", "weekly", "Select a valid choice"),
        ("visibility", "everyone", "Select a valid choice"),
        ("visibility", None, "This field is required"),
        ("client_id", "not-a-uuid", "check your answers and save again"),
        ("client_id", None, "check your answers and save again"),
    ],
)
def test_every_field_is_range_checked_and_nothing_is_stored(client_for, alice, field, value, error):
    response = client_for(alice).post(URL, form_data(**{field: value}))
    assert response.status_code == 400
    assert error in response.content.decode()
    assert "Nothing was saved yet" in response.content.decode()
    assert not CheckIn.objects.exists()
    assert not Message.objects.exists()


def test_a_nul_character_in_the_note_is_refused(client_for, alice):
    response = client_for(alice).post(URL, form_data(note="fine\x00"))
    assert response.status_code == 400
    assert not CheckIn.objects.exists()


def test_craving_is_asked_only_in_substance_use_and_co_occurring_groups(
    client_for, charlie, weekend
):
    client = client_for(charlie)
    assert "craving" not in client.get("/groups/weekend/checkin/").content.decode().lower()
    response = client.post("/groups/weekend/checkin/", form_data(craving="9"))
    assert response.status_code == 302
    assert CheckIn.objects.get().craving is None  # a craving posted anyway is ignored


def test_someone_who_is_not_a_member_is_refused(client_for, charlie, alice, client_factory):
    assert client_for(charlie).post(URL, form_data()).status_code == 404
    assert client_for(charlie).get(URL).status_code == 404
    assert client_factory().post(URL, form_data()).status_code == 302  # to the login page
    Membership.objects.filter(user=alice).update(state=Membership.State.REMOVED)
    assert client_for(alice).post(URL, form_data()).status_code == 404
    assert not CheckIn.objects.exists()


def test_staff_outside_the_group_are_refused(client_for, sam, evening):
    assert client_for(sam).post(URL, form_data()).status_code == 404
    assert not CheckIn.objects.exists()


def test_a_therapist_cannot_check_in_and_is_told_why(client_for, dana):
    for response in (client_for(dana).get(URL), client_for(dana).post(URL, form_data())):
        assert response.status_code == 403
        assert "Check-ins are for the group&#x27;s participants" in response.content.decode()
    assert not CheckIn.objects.exists()


@pytest.mark.parametrize(
    ("change", "words"),
    [
        ({"is_locked": True}, "The room is closed for now"),
        ({"muted": True}, "A therapist paused your messages"),
        ({"agreement": True}, "Accept the group agreement"),
    ],
)
def test_sharing_follows_the_rooms_rules_and_a_refusal_stores_nothing(
    client_for, alice, evening, change, words
):
    if change.get("is_locked"):
        IOPGroup.objects.filter(pk=evening.pk).update(is_locked=True)
    if change.get("muted"):
        Membership.objects.filter(user=alice).update(
            muted_until=timezone.now() + timezone.timedelta(hours=1)
        )
    if change.get("agreement"):
        Membership.objects.filter(user=alice).update(agreement_accepted_at=None)
    client = client_for(alice)
    response = client.post(URL, form_data(visibility="shared", note="kept"))
    assert response.status_code == 400
    html = response.content.decode()
    assert words in html
    assert "You can still save it for you and your therapists only." in html
    assert ">kept</textarea>" in html  # what they wrote is still there
    assert not CheckIn.objects.exists()
    assert not Message.objects.exists()
    # Private still works.
    assert client.post(URL, form_data()).status_code == 302
    assert CheckIn.objects.count() == 1
