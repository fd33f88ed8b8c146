"""A CompiledQuery returns what its plain queryset would, in one statement, compiling once.

It uses private parts of Django's SQL compiler, so these tests compare it with the queryset
itself, field by field; they run again on PostgreSQL (`services_suite`)."""

from datetime import timedelta

import pytest
from django.db import transaction
from django.db.models.functions import Now
from django.db.transaction import TransactionManagementError
from django.utils import timezone

from groupspace.compiled_query import CompiledQuery
from groupspace.groups.access import active_membership
from groupspace.groups.models import IOPGroup, Membership
from groupspace.room import actions
from groupspace.room.models import Message
from sessions_app.models import Session

pytestmark = [pytest.mark.services_suite, pytest.mark.django_db(transaction=True)]


def memberships(user_id, group_id):
    return Membership.objects.select_related("group", "user").filter(
        user_id=user_id, group_id=group_id, state=Membership.State.ACTIVE
    )


def fields(instance) -> dict:
    return {f.attname: getattr(instance, f.attname) for f in instance._meta.concrete_fields}


def test_a_model_row_matches_the_querysets_own_with_its_related_objects(alice, evening):
    Membership.objects.filter(user=alice).update(muted_until=timezone.now() + timedelta(hours=1))
    compiled = CompiledQuery(memberships).first(user_id=alice.pk, group_id=evening.pk)
    plain = memberships(alice.pk, evening.pk).first()

    assert fields(compiled) == fields(plain)
    assert compiled.muted_until.tzinfo is not None  # converted as Django converts it
    assert fields(compiled.group) == fields(plain.group)
    assert fields(compiled.user) == fields(plain.user)
    assert compiled._state.adding is False and compiled._state.db == "default"
    compiled.save(update_fields=["role"])  # a loaded instance, usable as any other


def test_no_row_is_none_and_each_value_gets_its_own_answer(alice, bob, evening, weekend):
    query = CompiledQuery(memberships)
    assert query.first(user_id=alice.pk, group_id=weekend.pk) is None
    assert query.first(user_id=bob.pk, group_id=evening.pk).user == bob
    assert query.first(user_id=alice.pk, group_id=evening.pk).user == alice


def test_values_rows_and_flat_values(alice, evening):
    Message.objects.create(group=evening, author=alice, body="first")
    newest = Message.objects.create(group=evening, author=alice, body="second")
    flat = CompiledQuery(
        lambda group_id: (
            Message.objects.filter(group_id=group_id).order_by("-id").values_list("id", flat=True)
        )
    )
    pairs = CompiledQuery(
        lambda group_id: (
            Message.objects.filter(group_id=group_id)
            .order_by("id")
            .values_list("body", "created_at")
        )
    )
    assert flat.first(group_id=evening.pk) == newest.pk
    assert pairs.first(group_id=evening.pk) == (
        "first",
        Message.objects.get(body="first").created_at,
    )


def test_it_compiles_once_per_shape_and_runs_one_statement(
    alice, dana, evening, django_assert_num_queries
):
    builds = []

    def newest_visible(group_id, user_id, after_id, sees_all, sees_history):
        builds.append(sees_all)
        return actions._newest_visible_id(group_id, user_id, after_id, sees_all, sees_history)

    query = CompiledQuery(newest_visible, shape=("sees_all", "sees_history"))
    Message.objects.create(group=evening, author=dana, body="held", state=Message.State.PENDING)
    shown = Message.objects.create(group=evening, author=dana, body="shown")
    held = Message.objects.create(group=evening, author=dana, body="held", state="pending")
    ids = {"group_id": evening.pk, "user_id": alice.pk, "after_id": 0, "sees_history": True}

    for _ in range(3):
        with django_assert_num_queries(1):
            assert query.first(**ids, sees_all=False) == shown.pk
        with django_assert_num_queries(1):
            assert query.first(**ids, sees_all=True) == held.pk
    assert builds == [False, True]
    for person in (alice, dana):
        membership = active_membership(person.pk, evening.pk)
        expected = actions.visible_messages(membership).order_by("-id").first().pk
        assert actions.last_visible_message_id(membership) == expected


def test_protected_history_is_its_own_shape(alice, evening):
    before = Message.objects.create(group=evening, author=alice, body="before")
    evening.share_history_with_new_members = False
    evening.save()
    membership = active_membership(alice.pk, evening.pk)
    membership.history_from_message_id = before.pk
    assert actions.last_visible_message_id(membership) is None
    after = Message.objects.create(group=evening, author=alice, body="after")
    assert actions.last_visible_message_id(membership) == after.pk


def test_now_is_the_databases_clock_at_each_run(evening):
    current = CompiledQuery(
        lambda group_id: Session.objects.filter(
            group_id=group_id, starts_at__lte=Now(), ends_at__gt=Now()
        ).values_list("pk", flat=True)
    )
    assert current.first(group_id=evening.pk) is None
    now = timezone.now()
    session = Session.objects.create(
        group=evening, starts_at=now - timedelta(minutes=5), ends_at=now + timedelta(hours=1)
    )
    assert current.first(group_id=evening.pk) == session.pk
    Session.objects.filter(pk=session.pk).update(ends_at=now - timedelta(minutes=1))
    assert current.first(group_id=evening.pk) is None


def test_a_row_lock_needs_a_transaction(evening):
    lock = CompiledQuery(
        lambda group_id: (
            IOPGroup.objects.select_for_update().filter(pk=group_id).values_list("pk", flat=True)
        )
    )
    with transaction.atomic():
        assert lock.first(group_id=evening.pk) == evening.pk
    with pytest.raises(TransactionManagementError):
        lock.first(group_id=evening.pk)


@pytest.mark.parametrize("value", [None, b"12", 1.0, True, [1]])
def test_a_parameter_is_an_int_or_a_str(evening, value):
    query = CompiledQuery(lambda group_id: IOPGroup.objects.filter(pk=group_id))
    with pytest.raises(TypeError):
        query.first(group_id=value)


def test_a_str_parameter_and_each_parameter_type_compiled_apart(evening, weekend):
    by_slug = CompiledQuery(lambda key: IOPGroup.objects.filter(slug=key).values_list("pk"))
    assert by_slug.first(key="weekend") == (weekend.pk,)
    assert by_slug.first(key="evening") == (evening.pk,)
    by_pk = CompiledQuery(lambda key: IOPGroup.objects.filter(pk=key).values_list("slug"))
    assert by_pk.first(key=evening.pk) == ("evening",)


def test_arguments_and_shapes_are_checked(evening):
    query = CompiledQuery(
        lambda group_id, archived: IOPGroup.objects.filter(pk=group_id, is_archived=archived),
        shape=("archived",),
    )
    assert query.first(group_id=evening.pk, archived=False) == evening
    with pytest.raises(TypeError):
        query.first(group_id=evening.pk, archived=0)  # a shape is a bool
    with pytest.raises(TypeError):
        query.first(group_id=evening.pk)  # every argument named
    with pytest.raises(TypeError):
        query.first(group_id=evening.pk, archived=False, slug=1)


def test_a_parameter_the_orm_rewrites_is_refused(evening):
    query = CompiledQuery(lambda number: IOPGroup.objects.filter(name__contains=number))
    with pytest.raises(ValueError, match="unchanged"):
        query.first(number=7)


def test_only_model_rows_and_value_lists(evening):
    query = CompiledQuery(lambda group_id: IOPGroup.objects.filter(pk=group_id).values("name"))
    with pytest.raises(TypeError):
        query.first(group_id=evening.pk)
