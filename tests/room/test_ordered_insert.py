"""A post's insert (groupspace/room/ordered_insert.py): its id follows commit order within its
room, it stores every field as given, and a post with crisis language is stored with its
alert or not at all. Runs again on PostgreSQL (`services_suite`), where the insert is one
hand-written statement."""

import threading
import uuid
from datetime import timedelta

import pytest
from django.db import DatabaseError, IntegrityError, connection, transaction
from django.utils import timezone

from groupspace.groups.models import IOPGroup
from groupspace.moderation.models import Alert
from groupspace.room.models import Message
from groupspace.room.ordered_insert import insert_in_room_order
from groupspace.room.posting import post_message
from tests.postgres_admin import wait_for_a_lock_waiter

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="needs two transactions at once; SQLite lets one writer in at a time, which keeps "
    "the order by itself (the services half runs it)",
)
def test_a_post_takes_its_id_only_once_it_holds_the_room_lock(alice, bob, evening):
    """Bob's post comes while a transaction holds the room; that transaction posts after him
    and commits first. Had Bob's post taken its id before waiting, the later commit would hold
    the smaller id, and a client that synced after Bob's message would never see it."""
    locked, bob_waits = threading.Event(), threading.Event()
    ids = {}

    def hold_the_room_then_post():
        with transaction.atomic():
            IOPGroup.objects.select_for_update().get(pk=evening.pk)
            locked.set()
            bob_waits.wait(10)
            ids["first committed"] = post_message(evening, alice, body="first")[0].pk
        connection.close()  # this thread's own

    def post_while_held():
        ids["committed after"] = post_message(evening, bob, body="second")[0].pk
        connection.close()

    holder = threading.Thread(target=hold_the_room_then_post)
    holder.start()
    assert locked.wait(10), "the lock was not taken"
    poster = threading.Thread(target=post_while_held)
    poster.start()
    try:
        wait_for_a_lock_waiter(connection.settings_dict)
    finally:
        bob_waits.set()
        holder.join(10)
        poster.join(10)
    assert ids["first committed"] < ids["committed after"]
    in_id_order = Message.objects.filter(group=evening).order_by("id")
    assert list(in_id_order.values_list("body", flat=True)) == ["first", "second"]


def test_every_field_is_stored_as_given(alice, evening):
    prompt, _ = post_message(evening, None, kind=Message.Kind.PROMPT, body="A prompt")
    created_at = timezone.now() - timedelta(minutes=3)
    client_id = uuid.uuid4()
    message = Message(
        group=evening,
        author=alice,
        client_id=client_id,
        kind=Message.Kind.CHAT,
        body='It\'s "quoted" -- 100% ünïcode; DROP TABLE x;\nsecond line',
        reply_to_id=prompt.pk,
        state=Message.State.PENDING,
        data={"mood": 3, "words": ["tired", "hopeful"], "nested": {"ok": None}},
        created_at=created_at,
    )
    insert_in_room_order(message)
    assert message.pk is not None and message.pk > prompt.pk
    stored = Message.objects.get(pk=message.pk)
    for field in ("group_id", "author_id", "client_id", "kind", "body", "reply_to_id", "state"):
        assert getattr(stored, field) == getattr(message, field), field
    assert stored.data == {"mood": 3, "words": ["tired", "hopeful"], "nested": {"ok": None}}
    assert stored.created_at == created_at
    assert not message._state.adding  # saved, as save() would leave it


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="SQLite uses Django's own insert and no lengths"
)
def test_an_over_long_value_is_refused_not_cut(alice, evening):
    """The statement's values take their columns' types without a cast that would shorten
    them: a kind longer than its column is an error, and nothing is stored."""
    message = Message(group=evening, author=alice, kind="k" * 11, body="x")
    with pytest.raises(DatabaseError):
        insert_in_room_order(message)
    assert not Message.objects.exists()


def test_a_post_to_a_room_that_is_gone_is_refused(alice, evening):
    message = Message(group_id=evening.pk + 1000, author=alice, body="nowhere")
    with pytest.raises(IntegrityError):
        with transaction.atomic():
            insert_in_room_order(message)
    assert not Message.objects.exists()


def test_a_resend_inside_the_callers_transaction_leaves_it_usable(alice, evening):
    """A refused insert aborts a PostgreSQL transaction: inside a caller's transaction the
    post is in a savepoint of its own, so the caller carries on."""
    client_id = uuid.uuid4()
    with transaction.atomic():
        first, created = post_message(evening, alice, body="once", client_id=client_id)
        again, created_again = post_message(evening, alice, body="once", client_id=client_id)
        assert (created, created_again) == (True, False)
        assert again.pk == first.pk
        assert Message.objects.filter(group=evening).count() == 1  # still usable


class _AlertsRefused:
    """The database refuses alerts (a trigger): a fault no code path of ours can cause."""

    def __enter__(self):
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                cursor.execute(
                    "CREATE FUNCTION refuse_alert() RETURNS trigger LANGUAGE plpgsql AS "
                    "$$ BEGIN RAISE EXCEPTION 'alerts refused'; END $$"
                )
                cursor.execute(
                    "CREATE TRIGGER refuse_alert BEFORE INSERT ON moderation_alert "
                    "FOR EACH ROW EXECUTE FUNCTION refuse_alert()"
                )
            else:
                cursor.execute(
                    "CREATE TRIGGER refuse_alert BEFORE INSERT ON moderation_alert "
                    "BEGIN SELECT RAISE(ABORT, 'alerts refused'); END"
                )

    def __exit__(self, *exc):
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                cursor.execute("DROP TRIGGER refuse_alert ON moderation_alert")
                cursor.execute("DROP FUNCTION refuse_alert()")
            else:
                cursor.execute("DROP TRIGGER refuse_alert")


def test_a_post_with_crisis_language_is_stored_with_its_alert_or_not_at_all(alice, evening):
    with _AlertsRefused():
        with pytest.raises(DatabaseError):
            post_message(evening, alice, body="I want to kill myself tonight")
    assert not Message.objects.exists()
    assert not Alert.objects.exists()
    message, _ = post_message(evening, alice, body="I want to kill myself tonight")
    assert Alert.objects.get().message_id == message.pk
