"""The dashboard, histories, the audit of a therapist's read, reminders and privacy over HTTP."""

from datetime import time

from checkins.models import CheckIn, ReminderTime
from groupspace.audit.models import AuditEntry
from tests.conftest import join

DASHBOARD = "/groups/evening/checkins/dashboard/"


def history_url(user) -> str:
    return f"/groups/evening/checkins/people/{user.pk}/"


def test_the_dashboard_shows_every_participants_check_ins_private_ones_included(
    client_for, alice, bob, dana, evening, check_in, past_checkin
):
    check_in(alice, evening, mood=2, note="rough evening", wants_support=True)
    past_checkin(bob, evening, 3, mood=4, note="three days ago")
    html = client_for(dana).get(DASHBOARD).content.decode()
    # Today: alice's private check-in with its note; the alert waits above.
    assert "rough evening" in html
    assert "Mood 2/5, low" in html
    assert "Could use support" in html
    # bob checked in three days ago: in this week's table, and flagged as quiet.
    assert "three days ago" in html
    assert "Bob T.: last check-in 3 days ago" in html
    # The sparklines have a text alternative.
    assert 'role="img" aria-label="Mood, last 30 days: 1 day with a check-in' in html
    # Live updates through the room's socket.
    assert 'data-ws-path="/ws/groups/evening/"' in html


def test_the_dashboard_flags_who_has_not_checked_in_for_n_days(
    client_for, alice, bob, dana, evening, past_checkin
):
    past_checkin(alice, evening, 1)
    client = client_for(dana)
    html = client.get(DASHBOARD + "?quiet=1").content.decode()
    assert "Not checked in for 1 day or more" in html
    assert "Alice M.: last check-in 1 day ago" in html
    assert "Bob T.: no check-ins yet" in html
    html = client.get(DASHBOARD + "?quiet=2").content.decode()
    assert "Alice M.: last check-in" not in html
    # Anything but the offered choices is the default.
    assert "Not checked in for 2 days" in client.get(DASHBOARD + "?quiet=-5").content.decode()


def test_the_live_fragment_is_the_changing_part_only(client_for, dana, alice, evening, check_in):
    check_in(alice, evening, mood=1)
    html = client_for(dana).get(DASHBOARD + "live/").content.decode()
    assert "Mood at its lowest" in html
    assert "<html" not in html


def test_participants_and_outsiders_never_reach_the_dashboard(
    client_for, client_factory, alice, bob, charlie, erin, sam, dana
):
    for user in (alice, bob, charlie, erin, sam):
        client = client_for(user)
        assert client.get(DASHBOARD).status_code == 404
        assert client.get(DASHBOARD + "live/").status_code == 404
        assert client.get(history_url(alice)).status_code == 404
        assert (
            client.post(
                "/groups/evening/checkins/reminder-time/", {"daily_time": "19:00"}
            ).status_code
            == 404
        )
    assert client_factory().get(DASHBOARD).status_code == 302
    assert not AuditEntry.objects.exists()
    assert not ReminderTime.objects.exists()


def test_a_therapists_read_of_a_participants_history_is_audited_every_time(
    client_for, alice, dana, evening, past_checkin
):
    past_checkin(alice, evening, 2, mood=2, note="private thoughts")
    client = client_for(dana)
    page = client.get(history_url(alice))
    assert page.status_code == 200
    assert "private thoughts" in page.content.decode()
    client.get(history_url(alice) + "?days=90")
    entries = AuditEntry.objects.filter(action="checkins.read_history").order_by("id")
    assert [(e.actor, e.subject_user, e.group, e.details) for e in entries] == [
        (dana, alice, evening, {"days": 30}),
        (dana, alice, evening, {"days": 90}),
    ]
    # No note in the audit log: identifiers only.
    assert "private thoughts" not in str(list(entries.values()))


def test_history_reads_of_anyone_but_an_active_participant_are_404_and_not_logged(
    client_for, dana, erin, charlie, alice, evening
):
    client = client_for(dana)
    for user in (charlie, dana, erin):
        assert client.get(history_url(user)).status_code == 404
    assert client.get("/groups/evening/checkins/people/999999/").status_code == 404
    assert not AuditEntry.objects.filter(action="checkins.read_history").exists()


def test_a_therapist_sees_only_their_groups_check_ins(
    client_for, alice, dana, evening, make_group, past_checkin
):
    other = make_group("other")
    join(alice, other)
    past_checkin(alice, other, 1, note="said in another group")
    html = client_for(dana).get(history_url(alice)).content.decode()
    assert "said in another group" not in html


def test_own_history_has_charts_a_table_and_streaks(client_for, alice, evening, past_checkin):
    for days_ago, mood in ((0, 4), (1, 3), (2, 2), (5, 5)):
        past_checkin(alice, evening, days_ago, mood=mood, anxiety=6, craving=1)
    html = client_for(alice).get("/me/checkins/").content.decode()
    assert html.count('class="chart-svg"') == 3  # mood, anxiety, craving
    assert 'aria-label="Mood (1 very low to 5 great), last 30 days: 4 days with a check-in' in html
    assert '<caption id="scores-caption">Daily scores, last 30 days' in html
    assert '<strong class="streak-number">3</strong> days in a row' in html
    assert "longest streak" in html
    html90 = client_for(alice).get("/me/checkins/?days=90").content.decode()
    assert "last 90 days" in html90
    # Today's can be opened (and changed), from the list.
    assert 'href="/me/checkins/' in html


def test_streaks_keep_going_until_the_day_is_over(client_for, alice, evening, past_checkin):
    past_checkin(alice, evening, 1)
    past_checkin(alice, evening, 2)
    html = client_for(alice).get("/me/checkins/").content.decode()
    assert '<strong class="streak-number">2</strong> days in a row' in html
    assert "check in today to keep it going" in html


def test_other_participants_see_nothing_of_a_private_check_in(
    client_for, alice, bob, evening, check_in
):
    checkin = check_in(alice, evening, note="just for my therapist")
    client = client_for(bob)
    for url in ("/me/checkins/", "/", "/groups/evening/", f"/me/checkins/{checkin.pk}/"):
        response = client.get(url)
        assert "just for my therapist" not in response.content.decode(), url
    assert client.get(history_url(alice)).status_code == 404


def test_the_reminder_shows_until_the_participant_checks_in(
    client_for, alice, dana, evening, check_in
):
    client = client_for(alice)
    assert "You haven't checked in today" in client.get("/").content.decode()
    assert "You haven't checked in today" in client.get("/groups/evening/").content.decode()
    check_in(alice, evening)
    assert "You haven't checked in today" not in client.get("/").content.decode()
    assert "Checked in today" in client.get("/").content.decode()
    assert "You haven't checked in today" not in client.get("/groups/evening/").content.decode()
    # Therapists are not reminded; they get the dashboard.
    home = client_for(dana).get("/").content.decode()
    assert "You haven't checked in today" not in home
    assert 'href="/groups/evening/checkins/dashboard/"' in home


def test_the_reminder_waits_for_the_groups_check_in_time(client_for, alice, evening):
    client = client_for(alice)
    ReminderTime.objects.create(group=evening, daily_time=time(23, 59, 59, 999999))
    assert "You haven't checked in today" not in client.get("/").content.decode()
    ReminderTime.objects.filter(group=evening).update(daily_time=time(0, 0))
    assert "You haven't checked in today" in client.get("/").content.decode()


def test_a_therapist_sets_the_daily_check_in_time(client_for, dana, evening):
    client = client_for(dana)
    response = client.post(
        "/groups/evening/checkins/reminder-time/", {"daily_time": "19:30"}, follow=True
    )
    assert "The daily check-in time is saved." in response.content.decode()
    assert ReminderTime.objects.get(group=evening).daily_time == time(19, 30)
    entry = AuditEntry.objects.get(action="checkins.reminder_time")
    assert (entry.actor, entry.group, entry.details) == (dana, evening, {"daily_time": "19:30"})
    assert 'value="19:30"' in client.get(DASHBOARD).content.decode()

    bad = client.post(
        "/groups/evening/checkins/reminder-time/", {"daily_time": "25:00"}, follow=True
    )
    assert "Enter a time such as 19:00" in bad.content.decode()
    assert ReminderTime.objects.get(group=evening).daily_time == time(19, 30)

    client.post("/groups/evening/checkins/reminder-time/", {"daily_time": ""})
    assert ReminderTime.objects.get(group=evening).daily_time is None


def test_a_check_in_page_of_someone_elses_id_is_404(client_for, bob, alice, evening, check_in):
    checkin = check_in(alice, evening)
    assert client_for(bob).get(f"/me/checkins/{checkin.pk}/").status_code == 404
    assert CheckIn.objects.get().user == alice
