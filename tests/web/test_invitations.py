"""Invitation links: create, revoke, expire, and join with a new or an existing account."""

from datetime import timedelta

import pytest
from django.utils import timezone

from groupspace.accounts.models import User
from groupspace.audit.models import AuditEntry
from groupspace.groups.models import Membership
from groupspace.invitations.models import Invitation
from tests.conftest import PASSWORD


@pytest.fixture
def invitation(dana, evening):
    return Invitation.objects.create(group=evening, role="participant", created_by=dana)


def sign_up(client, email="newcomer@example.test", **extra):
    data = {
        "email": email,
        "password1": "a-long-passphrase-42",
        "password2": "a-long-passphrase-42",
        "first_name": "Nora",
        "last_name": "Quinn",
        "time_zone": "America/Phoenix",
    }
    data.update(extra)
    return client.post("/accounts/signup/", data)


def test_therapist_creates_a_participant_invitation(client_for, dana, evening):
    response = client_for(dana).post(
        "/groups/evening/invitations/", {"role": "participant", "days": 7, "single_use": "on"}
    )
    assert response.status_code == 302
    invitation = Invitation.objects.get()
    assert (invitation.group, invitation.role, invitation.single_use) == (
        evening,
        "participant",
        True,
    )
    assert timedelta(days=6, hours=23) < invitation.expires_at - timezone.now() <= timedelta(days=7)
    assert AuditEntry.objects.filter(action="invitation.create", actor=dana).exists()


def test_only_staff_invite_therapists(client_for, dana, sam, evening):
    response = client_for(dana).post(
        "/groups/evening/invitations/", {"role": "therapist", "days": 7}
    )
    assert response.status_code == 302
    assert not Invitation.objects.exists()
    response = client_for(sam).post(
        "/groups/evening/invitations/", {"role": "therapist", "days": 7}
    )
    assert Invitation.objects.get().role == "therapist"


@pytest.mark.parametrize("days", [0, 31, "x"])
def test_invitation_expiry_must_be_sensible(client_for, dana, evening, days):
    client_for(dana).post("/groups/evening/invitations/", {"role": "participant", "days": days})
    assert not Invitation.objects.exists()


def test_participants_and_outsiders_cannot_create_invitations(client_for, alice, charlie, evening):
    for user in (alice, charlie):
        response = client_for(user).post(
            "/groups/evening/invitations/", {"role": "participant", "days": 7}
        )
        assert response.status_code == 404
    assert not Invitation.objects.exists()


def test_invitation_page_names_no_group_before_login(client, invitation, settings):
    """A forwarded link must not tell who is being treated in which program (security review
    finding 6): the clinic's name only, until the invitee has logged in."""
    settings.CLINIC_NAME = "Desert Clinic"
    page = client.get(f"/invite/{invitation.token}/")
    assert page.status_code == 200
    assert b"invited to a group at Desert Clinic" in page.content
    assert b"Evening" not in page.content
    assert b"Create your account" in page.content
    signup = client.get("/accounts/signup/")  # the invitation is remembered across sign-up
    assert b"Evening" not in signup.content


def test_invitation_page_names_the_group_after_login(client_for, invitation, charlie):
    page = client_for(charlie).get(f"/invite/{invitation.token}/")
    assert b"invited to Evening IOP" in page.content
    assert b"<title>Join Evening IOP" in page.content


def test_new_person_signs_up_through_the_link_and_joins(client, invitation, evening):
    client.get(f"/invite/{invitation.token}/")
    assert client.get("/accounts/signup/").status_code == 200
    response = sign_up(client)
    assert response.status_code == 302
    user = User.objects.get(email="newcomer@example.test")
    assert user.display_name == "Nora Q."
    membership = Membership.objects.get(user=user)
    assert (membership.group, membership.role, membership.state) == (
        evening,
        "participant",
        "active",
    )
    invitation.refresh_from_db()
    assert invitation.uses == 1
    assert client.get("/groups/evening/").status_code == 200


def test_existing_person_logs_in_and_joins(client, invitation, charlie, evening):
    client.get(f"/invite/{invitation.token}/")
    client.post("/accounts/login/", {"login": charlie.email, "password": PASSWORD})
    response = client.post(f"/invite/{invitation.token}/")
    assert response.status_code == 302
    assert response["Location"] == "/groups/evening/"
    assert Membership.objects.get(user=charlie, group=evening).role == "participant"


def test_anonymous_post_to_invitation_goes_to_login(client, invitation):
    response = client.post(f"/invite/{invitation.token}/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


@pytest.mark.parametrize(
    ("change", "status", "text"),
    [
        ({"revoked_at": timezone.now()}, 410, b"withdrawn"),
        ({"uses": 1}, 410, b"already been used"),
        ({"expires_at": timezone.now() - timedelta(minutes=1)}, 410, b"expired"),
    ],
)
def test_unusable_links_get_a_clear_page_and_allow_no_sign_up(
    client, invitation, change, status, text
):
    Invitation.objects.filter(pk=invitation.pk).update(**change)
    page = client.get(f"/invite/{invitation.token}/")
    assert page.status_code == status
    assert text in page.content
    sign_up(client)
    assert not User.objects.filter(email="newcomer@example.test").exists()


def test_unknown_token_is_404(client, db):
    page = client.get("/invite/not-a-real-token/")
    assert page.status_code == 404
    assert b"not valid" in page.content


def test_link_that_lapses_during_sign_up_creates_no_membership(client, invitation):
    client.get(f"/invite/{invitation.token}/")
    Invitation.objects.filter(pk=invitation.pk).update(revoked_at=timezone.now())
    sign_up(client)
    assert not Membership.objects.filter(user__email="newcomer@example.test").exists()


def test_multi_use_link_lets_several_people_join(client_factory, invitation):
    Invitation.objects.filter(pk=invitation.pk).update(single_use=False)
    for n in range(2):
        client = client_factory()
        client.get(f"/invite/{invitation.token}/")
        sign_up(client, email=f"person{n}@example.test")
    assert Membership.objects.filter(group=invitation.group, role="participant").count() == 2


def test_revoking_an_invitation(client_for, dana, invitation):
    response = client_for(dana).post(f"/groups/evening/invitations/{invitation.pk}/revoke/")
    assert response.status_code == 302
    invitation.refresh_from_db()
    assert invitation.revoked_at is not None
    assert AuditEntry.objects.filter(action="invitation.revoke").count() == 1


def test_revoke_needs_post_and_the_groups_therapist(client_for, dana, erin, invitation):
    assert (
        client_for(dana).get(f"/groups/evening/invitations/{invitation.pk}/revoke/").status_code
        == 405
    )
    assert (
        client_for(erin).post(f"/groups/evening/invitations/{invitation.pk}/revoke/").status_code
        == 404
    )
    invitation.refresh_from_db()
    assert invitation.revoked_at is None


def test_joining_again_after_removal(client_for, invitation, alice, evening):
    Membership.objects.filter(user=alice).update(state=Membership.State.REMOVED)
    response = client_for(alice).post(f"/invite/{invitation.token}/")
    assert response.status_code == 302
    assert Membership.objects.get(user=alice).state == "active"


def test_active_member_does_not_spend_a_single_use_link(client_for, invitation, alice):
    client_for(alice).post(f"/invite/{invitation.token}/")
    invitation.refresh_from_db()
    assert invitation.uses == 0
