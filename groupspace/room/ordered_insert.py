"""Insert a message so that its id follows commit order within its room.

A client that syncs after id N must never miss a message with a smaller id committed later,
so a message takes its id only while it holds its room's row lock, and keeps the lock until it
commits. On PostgreSQL that is one statement: the lock, in a materialized CTE, yields the row
that the insert's id (the sequence's `nextval`) is computed from, so the id is taken after the
lock, and outside a transaction the statement commits by itself. One round trip instead of
four (BEGIN, the lock, the insert, COMMIT) on the one database thread every socket of a
process shares (bench/README.md, "What the sixth round changed").

SQLite lets one writer in at a time, so there a plain insert already keeps the order.
"""

from functools import cache

from django.db import IntegrityError, connection

from groupspace.groups.models import IOPGroup

from .models import Message


def insert_in_room_order(message: Message) -> None:
    """Store the new `message` (not yet saved): sets its id, as `save()` would."""
    if connection.vendor != "postgresql":
        message.save(force_insert=True)
        return
    fields = _inserted_fields()
    values = [field.get_db_prep_save(field.pre_save(message, True), connection) for field in fields]
    with connection.cursor() as cursor:
        cursor.execute(_locked_insert_sql(), [message.group_id, *values])
        row = cursor.fetchone()
    if row is None:  # no such room row to lock: as the foreign key would have refused it
        raise IntegrityError(f"room {message.group_id} does not exist")
    message.pk = row[0]
    message._state.adding = False
    message._state.db = connection.alias


@cache
def _inserted_fields() -> list:
    """Every stored field but the id (the sequence's) and the room (the locked row's)."""
    return [
        field
        for field in Message._meta.concrete_fields
        if not field.primary_key and field.name != "group"
    ]


@cache
def _locked_insert_sql() -> str:
    name = connection.ops.quote_name
    room_table, room_id = name(IOPGroup._meta.db_table), name(IOPGroup._meta.pk.column)
    table, message_id = name(Message._meta.db_table), name(Message._meta.pk.column)
    columns = ", ".join(name(field.column) for field in _inserted_fields())
    values = ", ".join("%s" for _ in _inserted_fields())
    room_column = name(Message._meta.get_field("group").column)
    # Only the models' own table and column names, quoted, are formatted in; values are
    # parameters. Untyped, they take the types of their columns (INSERT ... SELECT does that).
    lock = f"SELECT {room_id} FROM {room_table} WHERE {room_id} = %s FOR UPDATE"  # noqa: S608  # nosec
    insert = f"INSERT INTO {table} ({room_column}, {columns})"
    rows = f"SELECT room.{room_id}, {values} FROM room"  # noqa: S608  # nosec
    return f"WITH room AS MATERIALIZED ({lock}) {insert} {rows} RETURNING {message_id}"
