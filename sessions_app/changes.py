"""Changing a group's schedule: the weekly pattern and one-off moves, cancellations and extra
sessions. Therapists of the group and clinic staff may; every change is audited, reaches open
rooms at once, and a move or cancellation is also said in the room.

What is said in the room is stored in English, the default language, whoever makes the change
(the crisis rules and clients that show only `body` read one language), with its facts in the
message's `data`: each reader's room words the notice in their own language from them
(`static/js/room/words.js`, the same words as here)."""

import datetime as dt
import zoneinfo

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import formats, timezone, translation
from django.utils.translation import gettext

from groupspace.audit.log import log_action
from groupspace.groups.access import can_invite
from groupspace.room.models import Message
from groupspace.room.posting import post_message
from groupspace.room.serializers import iso

from .live import announce_session_state
from .models import Session, WeeklySlot
from .schedule import generate_sessions, regenerate_future


def require_scheduler(user, group) -> None:
    """Therapists of the group and staff manage its schedule."""
    if not can_invite(user, group):
        raise PermissionDenied("Only the group's therapists and clinic staff change its schedule.")


def local_label(moment: dt.datetime, time_zone: str) -> str:
    """ "Wed 2 Dec, 6:00 p.m. MST": how the room's stored notice says a time, in English and
    the group's time zone."""
    local = timezone.localtime(moment, zoneinfo.ZoneInfo(time_zone))
    with translation.override(settings.LANGUAGE_CODE):
        return f"{formats.date_format(local, 'D j M, P')} {local.tzname()}"


def add_slot(actor, group, **fields) -> WeeklySlot:
    require_scheduler(actor, group)
    with transaction.atomic():
        slot = WeeklySlot.objects.create(group=group, **fields)
        generate_sessions(slot)
        log_action(actor, "schedule.slot_add", group=group, slot=slot.pk, pattern=str(slot))
        announce_session_state(group.pk)
    return slot


def end_slot(actor, slot: WeeklySlot) -> None:
    """Stop a weekly pattern: its future sessions that nobody changed by hand go."""
    require_scheduler(actor, slot.group)
    with transaction.atomic():
        slot.is_active = False
        slot.save(update_fields=["is_active"])
        regenerate_future(slot)  # inactive: deletes, makes none
        log_action(actor, "schedule.slot_end", group=slot.group, slot=slot.pk, pattern=str(slot))
        announce_session_state(slot.group_id)


def move_session(actor, session: Session, starts_at: dt.datetime, duration_minutes: int) -> None:
    require_scheduler(actor, session.group)
    if session.is_cancelled:
        raise ValueError(
            gettext("A cancelled session cannot be moved; add an extra session instead.")
        )
    with transaction.atomic():
        before = session.starts_at
        session.moved_from = session.moved_from or before
        session.starts_at = starts_at
        session.ends_at = starts_at + dt.timedelta(minutes=duration_minutes)
        session.changed_by_hand = True
        session.sequence += 1
        # A session moved into the future starts and ends again for the room.
        now = timezone.now()
        session.start_announced = session.starts_at <= now and session.start_announced
        session.end_announced = session.ends_at <= now and session.end_announced
        session.save()
        log_action(
            actor,
            "session.move",
            group=session.group,
            session=session.pk,
            starts_at_before=before.isoformat(),
            starts_at=starts_at.isoformat(),
        )
        tz = session.group.time_zone
        _say_in_room(
            session.group,
            f"The session on {local_label(before, tz)} moves to {local_label(starts_at, tz)}.",
            {"notice": "session_moved", "from": iso(before), "to": iso(starts_at), "time_zone": tz},
        )
        announce_session_state(session.group_id)


def cancel_session(actor, session: Session, note: str) -> None:
    require_scheduler(actor, session.group)
    if session.is_cancelled:
        return
    with transaction.atomic():
        session.status = Session.Status.CANCELLED
        session.cancel_note = note
        session.changed_by_hand = True
        session.sequence += 1
        session.save()
        log_action(actor, "session.cancel", group=session.group, session=session.pk, note=note)
        tz = session.group.time_zone
        said = f"The session on {local_label(session.starts_at, tz)} is cancelled."
        _say_in_room(
            session.group,
            f"{said} {note}".strip(),
            {
                "notice": "session_cancelled",
                "starts_at": iso(session.starts_at),
                "time_zone": tz,
                "note": note,
            },
        )
        announce_session_state(session.group_id)


def add_extra_session(
    actor, group, *, starts_at: dt.datetime, duration_minutes: int, kind: str, topic: str
) -> Session:
    require_scheduler(actor, group)
    with transaction.atomic():
        session = Session.objects.create(
            group=group,
            starts_at=starts_at,
            ends_at=starts_at + dt.timedelta(minutes=duration_minutes),
            kind=kind,
            topic=topic,
            is_extra=True,
            changed_by_hand=True,
        )
        log_action(actor, "session.add", group=group, session=session.pk)
        _say_in_room(
            group,
            f"An extra session is added: {local_label(starts_at, group.time_zone)}.",
            {"notice": "session_added", "starts_at": iso(starts_at), "time_zone": group.time_zone},
        )
        announce_session_state(group.pk)
    return session


def edit_session(actor, session: Session, *, kind: str, topic: str, prompts_only: bool) -> None:
    require_scheduler(actor, session.group)
    with transaction.atomic():
        session.kind, session.topic, session.prompts_only = kind, topic, prompts_only
        session.changed_by_hand = True
        session.sequence += 1
        session.save()
        log_action(
            actor,
            "session.edit",
            group=session.group,
            session=session.pk,
            topic=topic,
            kind=kind,
            prompts_only=prompts_only,
        )
        announce_session_state(session.group_id)


def _say_in_room(group, text: str, data: dict) -> None:
    """A schedule notice in the room, through the one posting path: `text` in English, `data`
    for each reader's own words."""
    post_message(group, None, kind=Message.Kind.SYSTEM, body=text, data=data)
