"""Home, room page, staff's groups page, people and removal, leaving."""

from groupspace.audit.models import AuditEntry
from groupspace.groups.models import IOPGroup, Membership
from groupspace.room.posting import post_message


def test_home_lists_only_my_active_groups_with_unread_counts(
    client_for, alice, bob, evening, weekend
):
    post_message(evening, bob, body="hello")
    post_message(evening, alice, body="my own message is never unread")
    page = client_for(alice).get("/")
    memberships = page.context["memberships"]
    assert [m.group.slug for m in memberships] == ["evening"]
    assert memberships[0].unread == 1
    assert b"1 new" in page.content
    assert b"Weekend" not in page.content


def test_home_explains_the_empty_state(client_for, make_user):
    lonely = make_user("new@example.test", "New")
    page = client_for(lonely).get("/")
    assert b"You are not in a group yet" in page.content


def test_room_page_is_for_active_members_only(client_for, alice, charlie, sam, evening):
    assert client_for(alice).get("/groups/evening/").status_code == 200
    assert client_for(charlie).get("/groups/evening/").status_code == 404
    assert client_for(sam).get("/groups/evening/").status_code == 404  # staff read no rooms
    assert client_for(alice).get("/groups/no-such-group/").status_code == 404
    Membership.objects.filter(user=alice).update(state=Membership.State.LEFT)
    assert client_for(alice).get("/groups/evening/").status_code == 404


def test_room_page_has_the_composer_and_a_live_region(client_for, alice, evening):
    page = client_for(alice).get("/groups/evening/")
    assert b'data-ws-path="/ws/groups/evening/"' in page.content
    assert b'aria-live="polite"' in page.content
    assert b'<label for="composer-body"' in page.content


def test_staff_group_list_and_create(client_for, sam, evening):
    client = client_for(sam)
    assert b"Evening IOP" in client.get("/groups/").content
    response = client.post(
        "/groups/",
        {
            "name": "Morning DBT",
            "slug": "morning-dbt",
            "track": "mental_health",
            "time_zone": "America/New_York",
            "description": "",
            "moderation_mode": "post",
            "retention_days": "90",
        },
    )
    assert response.status_code == 302
    group = IOPGroup.objects.get(slug="morning-dbt")
    assert (group.time_zone, group.moderation_mode, group.retention_days, group.is_archived) == (
        "America/New_York",
        "post",
        90,
        False,
    )
    assert AuditEntry.objects.filter(action="group.create", group=group).exists()


def test_group_form_refuses_bad_input(client_for, sam, evening):
    response = client_for(sam).post(
        "/groups/",
        {
            "name": "Dup",
            "slug": "evening",
            "track": "astrology",
            "time_zone": "Nowhere/City",
            "moderation_mode": "post",
            "retention_days": "3",
        },
    )
    assert response.status_code == 200
    form = response.context["form"]
    assert set(form.errors) == {"slug", "track", "time_zone", "retention_days"}
    assert IOPGroup.objects.count() == 1


def test_groups_page_is_staff_only(client_for, dana, alice):
    for user in (dana, alice):
        response = client_for(user).get("/groups/")
        assert response.status_code == 302
        assert "/admin/login/" in response["Location"]


def test_people_page_for_the_groups_therapist_and_staff(
    client_for, dana, sam, alice, erin, evening
):
    assert client_for(dana).get("/groups/evening/people/").status_code == 200
    assert client_for(sam).get("/groups/evening/people/").status_code == 200
    assert client_for(alice).get("/groups/evening/people/").status_code == 404
    assert client_for(erin).get("/groups/evening/people/").status_code == 404


def test_removing_a_member_asks_first_then_removes_and_logs(client_for, dana, bob, evening):
    membership = Membership.objects.get(user=bob)
    url = f"/groups/evening/people/{membership.pk}/remove/"
    client = client_for(dana)
    confirm = client.get(url)
    assert confirm.status_code == 200
    assert b"Remove Bob T. from Evening IOP?" in confirm.content
    membership.refresh_from_db()
    assert membership.state == "active"
    assert client.post(url).status_code == 302
    membership.refresh_from_db()
    assert membership.state == "removed"
    assert membership.ended_at is not None
    entry = AuditEntry.objects.get(action="membership.remove")
    assert (entry.actor, entry.subject_user, entry.group) == (dana, bob, evening)


def test_participants_and_other_therapists_cannot_remove(client_for, alice, erin, bob, evening):
    membership = Membership.objects.get(user=bob)
    url = f"/groups/evening/people/{membership.pk}/remove/"
    for user in (alice, erin):
        assert client_for(user).post(url).status_code == 404
    membership.refresh_from_db()
    assert membership.state == "active"


def test_therapist_cannot_remove_another_therapist_but_staff_can(
    client_for, make_user, dana, sam, evening
):
    co = make_user("co@example.test", "Co", "Therapist")
    membership = Membership.objects.create(user=co, group=evening, role="therapist")
    url = f"/groups/evening/people/{membership.pk}/remove/"
    client_for(dana).post(url)
    membership.refresh_from_db()
    assert membership.state == "active"
    client_for(sam).post(url)
    membership.refresh_from_db()
    assert membership.state == "removed"


def test_leaving_a_group_asks_first(client_for, alice, evening):
    client = client_for(alice)
    assert b"Leave Evening IOP?" in client.get("/groups/evening/leave/").content
    assert Membership.objects.get(user=alice).state == "active"
    assert client.post("/groups/evening/leave/").status_code == 302
    assert Membership.objects.get(user=alice).state == "left"
    assert client.get("/groups/evening/").status_code == 404


def test_outsider_cannot_leave_someone_elses_group(client_for, charlie, evening):
    assert client_for(charlie).post("/groups/evening/leave/").status_code == 404
