"""A participant changes or deletes a check-in of today; the room's copy follows."""

from checkins.models import CheckIn
from checkins.sharing import WITHDRAWN_BODY
from groupspace.groups.models import Membership
from groupspace.room.models import Message

from .conftest import form_data


def edit_url(checkin) -> str:
    return f"/me/checkins/{checkin.pk}/edit/"


def delete_url(checkin) -> str:
    return f"/me/checkins/{checkin.pk}/delete/"


def test_edit_todays_check_in(client_for, alice, evening, check_in):
    checkin = check_in(alice, evening, mood=2, note="before")
    client = client_for(alice)
    page = client.get(edit_url(checkin))
    assert page.status_code == 200
    assert "Change today's check-in" in page.content.decode()
    assert ">before</textarea>" in page.content.decode()

    response = client.post(
        edit_url(checkin), form_data(client_id=str(checkin.client_id), mood="4", note="after")
    )
    assert response.status_code == 302
    checkin.refresh_from_db()
    assert (checkin.mood, checkin.note) == (4, "after")
    assert CheckIn.objects.count() == 1


def test_an_earlier_days_check_in_cannot_be_changed_or_deleted(
    client_for, alice, evening, past_checkin
):
    checkin = past_checkin(alice, evening, days_ago=1, mood=2)
    client = client_for(alice)
    assert client.get(edit_url(checkin)).status_code == 403
    response = client.post(edit_url(checkin), form_data(mood="5"))
    assert response.status_code == 403
    assert "Only today&#x27;s check-ins can be changed" in response.content.decode()
    assert client.get(delete_url(checkin)).status_code == 403
    assert client.post(delete_url(checkin)).status_code == 403
    checkin.refresh_from_db()
    assert checkin.mood == 2


def test_nobody_else_can_see_change_or_delete_a_check_in(
    client_for, alice, bob, dana, charlie, evening, check_in
):
    checkin = check_in(alice, evening, mood=2, note="mine")
    for user in (bob, dana, charlie):
        client = client_for(user)
        assert client.get(f"/me/checkins/{checkin.pk}/").status_code == 404
        assert client.get(edit_url(checkin)).status_code == 404
        assert client.post(edit_url(checkin), form_data(mood="5")).status_code == 404
        assert client.post(delete_url(checkin)).status_code == 404
    checkin.refresh_from_db()
    assert (checkin.mood, checkin.note) == (2, "mine")


def test_a_member_who_left_can_no_longer_change_their_check_in(
    client_for, alice, evening, check_in
):
    checkin = check_in(alice, evening, mood=2)
    assert "Change it" in client_for(alice).get(f"/me/checkins/{checkin.pk}/").content.decode()
    Membership.objects.filter(user=alice).update(state=Membership.State.LEFT)
    client = client_for(alice)
    assert client.get(edit_url(checkin)).status_code == 404
    assert client.post(edit_url(checkin), form_data(mood="5")).status_code == 404
    assert client.get(delete_url(checkin)).status_code == 404
    assert client.post(delete_url(checkin)).status_code == 404
    # Still theirs to read, no longer to change.
    page = client.get(f"/me/checkins/{checkin.pk}/").content.decode()
    assert "Mood 2/5" in page and "Change it" not in page
    checkin.refresh_from_db()
    assert checkin.mood == 2


def test_editing_a_shared_check_in_updates_its_message(client_for, alice, evening, check_in):
    checkin = check_in(alice, evening, mood=2, shared=True)
    message_id = checkin.message_id
    client_for(alice).post(
        edit_url(checkin),
        form_data(visibility="shared", mood="4", note="better now", note_shared="on"),
    )
    message = Message.objects.get(pk=message_id)
    assert message.data["mood"] == 4
    assert message.data["note"] == "better now"
    assert "mood 4/5 (Good" in message.body
    assert Message.objects.count() == 1


def test_making_a_check_in_private_withdraws_it_and_sharing_posts_it(
    client_for, alice, evening, check_in
):
    checkin = check_in(alice, evening, shared=True)
    first = checkin.message_id
    client = client_for(alice)
    client.post(edit_url(checkin), form_data(visibility="private"))
    checkin.refresh_from_db()
    withdrawn = Message.objects.get(pk=first)
    assert checkin.message is None
    assert withdrawn.body == WITHDRAWN_BODY
    assert withdrawn.data == {"checkin_id": checkin.pk, "withdrawn": True}

    client.post(edit_url(checkin), form_data(visibility="shared"))
    checkin.refresh_from_db()
    assert checkin.message_id not in (None, first)
    assert checkin.message.data["mood"] == 3


def test_a_message_removed_by_a_moderator_stays_removed(client_for, alice, evening, check_in):
    checkin = check_in(alice, evening, shared=True)
    Message.objects.filter(pk=checkin.message_id).update(state=Message.State.REMOVED)
    client_for(alice).post(edit_url(checkin), form_data(visibility="shared", mood="5"))
    message = Message.objects.get(pk=checkin.message_id)
    assert (message.state, message.data["mood"]) == ("removed", 3)


def test_delete_todays_check_in_asks_first(client_for, alice, evening, check_in):
    checkin = check_in(alice, evening, shared=True, note="gone soon")
    message_id = checkin.message_id
    client = client_for(alice)
    page = client.get(delete_url(checkin))
    assert page.status_code == 200
    assert "Delete this check-in?" in page.content.decode()
    assert CheckIn.objects.exists()

    response = client.post(delete_url(checkin))
    assert response.status_code == 302
    assert not CheckIn.objects.exists()
    # The group sees it was withdrawn; the scores are gone from the room.
    message = Message.objects.get(pk=message_id)
    assert message.body == WITHDRAWN_BODY
    assert "mood" not in message.data
