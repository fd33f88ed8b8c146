"""The periodic tick and the retention it applies."""

from datetime import timedelta

from django.core.management import call_command
from django.utils import timezone

from groupspace.moderation.models import Report
from groupspace.room.models import Message, Reaction
from groupspace.room.posting import post_message
from groupspace.tick import run_tick


def aged(message, days: int):
    Message.objects.filter(pk=message.pk).update(created_at=timezone.now() - timedelta(days=days))


def test_retention_deletes_old_messages_with_their_reactions_and_reports(alice, bob, evening):
    old, _ = post_message(evening, alice, body="long ago")
    Reaction.objects.create(message=old, user=bob, emoji="heart")
    Report.objects.create(message=old, reporter=bob)
    recent, _ = post_message(evening, alice, body="this month")
    aged(old, 181)
    aged(recent, 20)

    assert run_tick()["retention"] == 3  # the message, its reaction and its report
    assert list(Message.objects.values_list("body", flat=True)) == ["this month"]
    assert not Reaction.objects.exists() and not Report.objects.exists()
    assert run_tick()["retention"] == 0  # a second tick finds nothing more


def test_each_group_keeps_its_own_retention(alice, charlie, evening, weekend):
    weekend.retention_days = 30
    weekend.save()
    kept, _ = post_message(evening, alice, body="evening, 40 days")
    gone, _ = post_message(weekend, charlie, body="weekend, 40 days")
    aged(kept, 40)
    aged(gone, 40)
    run_tick()
    assert list(Message.objects.values_list("body", flat=True)) == ["evening, 40 days"]


def test_tick_command_runs_once(alice, evening, capsys):
    call_command("tick")
    assert "retention 0" in capsys.readouterr().out
