"""The moderation queue, room settings, the group agreement and the audit log pages."""

import pytest

from groupspace.audit.models import AuditEntry
from groupspace.groups.models import Membership
from groupspace.moderation.models import Alert, Report
from groupspace.room.posting import post_message


@pytest.fixture
def reported(alice, bob, evening):
    message, _ = post_message(evening, bob, body="a hurtful remark")
    report = Report.objects.create(message=message, reporter=alice, reason="unkind")
    alert = Alert.objects.create(group=evening, kind=Alert.Kind.FLAG, user=alice, message=message)
    return message, report, alert


def test_queue_shows_reports_alerts_and_held_messages_to_the_groups_therapist(
    client_for, dana, reported, evening, alice
):
    post_message(evening, alice, body="waiting for review", held_for_review=True)
    page = client_for(dana).get("/groups/evening/moderation/")
    assert page.status_code == 200
    assert b"a hurtful remark" in page.content
    assert b"unkind" in page.content
    assert b"waiting for review" in page.content
    assert b"Reported message" in page.content


def test_queue_is_for_the_groups_therapists_only(client_for, alice, erin, sam, charlie, reported):
    for user in (alice, erin, sam, charlie):
        assert client_for(user).get("/groups/evening/moderation/").status_code == 404


def test_queue_empty_states_explain_themselves(client_for, dana):
    page = client_for(dana).get("/groups/evening/moderation/")
    assert b"No open alerts" in page.content
    assert b"No reports" in page.content
    assert b"Nothing is waiting" in page.content


def test_dismiss_a_report_and_acknowledge_an_alert(client_for, dana, reported):
    message, report, alert = reported
    client = client_for(dana)
    assert (
        client.post(f"/groups/evening/moderation/reports/{report.pk}/dismiss/").status_code == 302
    )
    assert (
        client.post(f"/groups/evening/moderation/alerts/{alert.pk}/acknowledge/").status_code == 302
    )
    report.refresh_from_db()
    alert.refresh_from_db()
    assert (report.status, report.resolved_by) == ("dismissed", dana)
    assert (alert.acknowledged_by, alert.acknowledged_at is not None) == (dana, True)
    assert set(AuditEntry.objects.values_list("action", flat=True)) == {
        "report.dismiss",
        "alert.acknowledge",
    }
    # Twice is refused with a message, and changes nothing more.
    response = client.post(
        f"/groups/evening/moderation/alerts/{alert.pk}/acknowledge/", follow=True
    )
    assert b"No such open alert" in response.content
    assert AuditEntry.objects.count() == 2


def test_removing_from_the_queue_asks_first(client_for, dana, reported):
    message, report, _ = reported
    client = client_for(dana)
    url = f"/groups/evening/moderation/messages/{message.pk}/remove/"
    assert b"Remove this message?" in client.get(url).content
    message.refresh_from_db()
    assert message.state == "visible"
    client.post(url, {"reason": "hurtful"})
    message.refresh_from_db()
    report.refresh_from_db()
    assert (message.state, report.status) == ("removed", "actioned")
    assert AuditEntry.objects.get(action="message.remove").details["reason"] == "hurtful"


def test_mute_from_the_queue(client_for, dana, bob, reported):
    client = client_for(dana)
    client.post(f"/groups/evening/moderation/members/{bob.pk}/mute/", {"minutes": "60"})
    assert Membership.objects.get(user=bob).is_muted()
    client.post(f"/groups/evening/moderation/members/{bob.pk}/mute/", {"minutes": "77"})
    client.post(f"/groups/evening/moderation/members/{bob.pk}/mute/", {"minutes": "0"})
    assert not Membership.objects.get(user=bob).is_muted()
    assert list(AuditEntry.objects.order_by("id").values_list("action", flat=True)) == [
        "member.mute",
        "member.unmute",
    ]


def test_approve_from_the_queue(client_for, dana, alice, evening):
    message, _ = post_message(evening, alice, body="held", held_for_review=True)
    client_for(dana).post(f"/groups/evening/moderation/messages/{message.pk}/approve/")
    message.refresh_from_db()
    assert message.state == "visible"


def test_participants_cannot_use_queue_actions(client_for, alice, bob, reported):
    message, report, alert = reported
    client = client_for(alice)
    for url in (
        f"/groups/evening/moderation/reports/{report.pk}/dismiss/",
        f"/groups/evening/moderation/alerts/{alert.pk}/acknowledge/",
        f"/groups/evening/moderation/messages/{message.pk}/remove/",
        f"/groups/evening/moderation/members/{bob.pk}/mute/",
    ):
        assert client.post(url, {"minutes": "60"}).status_code == 404
    message.refresh_from_db()
    assert message.state == "visible"
    assert not AuditEntry.objects.exists()


def test_queue_actions_need_post(client_for, dana, reported):
    _, report, alert = reported
    client = client_for(dana)
    assert client.get(f"/groups/evening/moderation/reports/{report.pk}/dismiss/").status_code == 405
    assert (
        client.get(f"/groups/evening/moderation/alerts/{alert.pk}/acknowledge/").status_code == 405
    )


def test_first_entry_shows_the_agreement_until_accepted(client_for, alice, evening):
    Membership.objects.filter(user=alice).update(agreement_accepted_at=None)
    client = client_for(alice)
    page = client.get("/groups/evening/")
    assert b"Before you join the room" in page.content
    assert b"not an emergency service" in page.content
    assert client.post("/groups/evening/agreement/").status_code == 302
    assert b"data-ws-path" in client.get("/groups/evening/").content


def test_therapist_edits_the_agreement_and_moderation_mode(client_for, dana, evening, alice):
    client = client_for(dana)
    assert client.get("/groups/evening/settings/").status_code == 200
    client.post("/groups/evening/settings/", {"moderation_mode": "pre", "agreement": "Be kind."})
    evening.refresh_from_db()
    assert (evening.moderation_mode, evening.agreement) == ("pre", "Be kind.")
    assert AuditEntry.objects.get(action="group.settings").details["moderation_mode"] == "pre"
    response = client.post(
        "/groups/evening/settings/", {"moderation_mode": "sometimes", "agreement": ""}
    )
    assert response.status_code == 200
    assert set(response.context["form"].errors) == {"moderation_mode", "agreement"}
    assert client_for(alice).get("/groups/evening/settings/").status_code == 404


def test_group_audit_log_for_its_therapists_and_staff(client_for, dana, erin, alice, sam, reported):
    message, _, _ = reported
    client_for(dana).post(
        f"/groups/evening/moderation/messages/{message.pk}/remove/", {"reason": "r"}
    )
    assert b"message.remove" in client_for(dana).get("/groups/evening/audit/").content
    assert b"message.remove" in client_for(sam).get("/groups/evening/audit/").content
    assert client_for(erin).get("/groups/evening/audit/").status_code == 404
    assert client_for(alice).get("/groups/evening/audit/").status_code == 404
    assert b"message.remove" in client_for(sam).get("/audit/").content
    assert client_for(dana).get("/audit/").status_code == 302


def test_audit_entries_cannot_be_changed_or_deleted_even_in_the_admin(
    client_for, sam, dana, evening
):
    entry = AuditEntry.objects.create(actor=dana, action="room.lock", group=evening)
    sam.is_superuser = True
    sam.save()
    client = client_for(sam)
    change = client.post(f"/admin/audit/auditentry/{entry.pk}/change/", {"action": "tampered"})
    assert change.status_code == 403
    delete = client.post(f"/admin/audit/auditentry/{entry.pk}/delete/", {"post": "yes"})
    assert delete.status_code == 403
    assert client.get("/admin/audit/auditentry/add/").status_code == 403
    entry.refresh_from_db()
    assert entry.action == "room.lock"
    with pytest.raises(ValueError):
        entry.save()
    with pytest.raises(ValueError):
        entry.delete()


def test_staff_readd_a_removed_member(client_for, sam, dana, bob, evening):
    Membership.objects.filter(user=bob).update(state=Membership.State.REMOVED)
    membership = Membership.objects.get(user=bob)
    url = f"/groups/evening/people/{membership.pk}/readd/"
    assert client_for(dana).post(url).status_code == 302  # to the staff login: not staff
    assert Membership.objects.get(user=bob).state == "removed"
    assert client_for(sam).post(url).status_code == 302
    assert Membership.objects.get(user=bob).state == "active"
    assert AuditEntry.objects.get(action="membership.readd").subject_user == bob
