"""A person's own data: export as JSON and CSV, and closing the account."""

import io
import json
import uuid
import zipfile

from checkins.actions import record_checkin
from checkins.models import CheckIn
from groupspace.audit.models import AuditEntry
from groupspace.groups.models import Membership
from groupspace.room.posting import post_message
from groupspace.room.serializers import serialize_message
from tests.checkins.conftest import checkin_values
from tests.conftest import PASSWORD


def test_export_holds_my_data_and_no_one_elses_private_data(client_for, alice, bob, evening):
    post_message(evening, alice, body="my own words")
    post_message(evening, bob, body="bob's words")
    record_checkin(alice, evening, checkin_values(note="alice's private note"), uuid.uuid4())
    record_checkin(bob, evening, checkin_values(note="bob's private note"), uuid.uuid4())
    client = client_for(alice)

    response = client.get("/me/data/export.json")
    assert response["Content-Disposition"].startswith("attachment")
    data = json.loads(response.content)
    assert data["profile"][0]["email"] == alice.email
    assert [m["body"] for m in data["messages"]] == ["my own words"]
    assert [c["note"] for c in data["checkins"]] == ["alice's private note"]
    assert data["memberships"][0]["group__name"] == "Evening IOP"
    assert "bob" not in response.content.decode().lower()

    archive = zipfile.ZipFile(io.BytesIO(client.get("/me/data/export.zip").content))
    assert {"profile.csv", "memberships.csv", "messages.csv", "checkins.csv"} <= set(
        archive.namelist()
    )
    assert "my own words" in archive.read("messages.csv").decode()
    assert (
        "bob's private note" not in b"".join(archive.read(n) for n in archive.namelist()).decode()
    )


def test_closing_needs_the_password_then_erases_private_data(client_for, alice, bob, evening):
    message, _ = post_message(evening, alice, body="thank you all")
    record_checkin(alice, evening, checkin_values(), uuid.uuid4())
    client = client_for(alice)

    wrong = client.post("/me/close/", {"password": "not it"})
    assert wrong.status_code == 400
    alice.refresh_from_db()
    assert alice.is_active

    assert client.post("/me/close/", {"password": PASSWORD}).status_code == 200
    alice.refresh_from_db()
    assert not alice.is_active
    assert alice.email.endswith("@closed.invalid") and not alice.has_usable_password()
    assert (alice.first_name, alice.last_name) == ("", "")
    assert not CheckIn.objects.filter(user=alice).exists()
    assert Membership.objects.get(user=alice).state == "left"
    assert AuditEntry.objects.filter(action="account.close", subject_user=alice).exists()
    message.refresh_from_db()
    shown = serialize_message(message, for_moderator=False)
    assert shown["body"] == "thank you all"
    assert shown["author"]["display_name"] == "A former member"
    assert client.get("/").status_code == 302  # logged out
