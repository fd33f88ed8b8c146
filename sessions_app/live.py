"""The room knows when a session is on: the `session` frame, the hello part, the tick job that
announces starts and ends, and the prompts-only rule."""

from django.conf import settings
from django.db import transaction
from django.db.models import OuterRef, Q, Subquery
from django.db.models.functions import Now
from django.utils import timezone, translation
from django.utils.translation import gettext

from groupspace.room import events
from groupspace.room.errors import RoomError
from groupspace.room.models import Message
from groupspace.room.serializers import iso

from .models import Session
from .schedule import current_session, next_session, sessions_under_way


def session_dict(session: Session | None) -> dict | None:
    if session is None:
        return None
    # One frame goes to the whole room, whoever caused it: its label is in the default
    # language, like stored texts. Clients word `kind` in their reader's language.
    with translation.override(settings.LANGUAGE_CODE):
        kind_label = str(session.get_kind_display())
    return {
        "id": session.pk,
        "starts_at": iso(session.starts_at),
        "ends_at": iso(session.ends_at),
        "kind": session.kind,
        "kind_label": kind_label,
        "topic": session.topic,
        "prompts_only": session.prompts_only,
    }


def session_state(group_id: int, now=None) -> dict:
    """What the room shows: the session on now, if any, and the next one."""
    now = now or timezone.now()
    return {
        "current": session_dict(current_session(group_id, now)),
        "next": session_dict(next_session(group_id, now)),
    }


def hello_part(membership) -> dict:
    return session_state(membership.group_id)


def announce_session_state(group_id: int) -> None:
    """Send the room its session state after the current transaction commits."""

    def send():
        frame = {"type": "session", **session_state(group_id)}
        events.to_room_now(group_id, events.frame_event(frame))

    transaction.on_commit(send)


def announce_starts_and_ends(now=None) -> int:
    """The tick's job: tell each open room when one of its sessions has started or ended.
    Each transition is claimed by a conditional update, so two ticks announce it once."""
    now = now or timezone.now()
    recent = now - timezone.timedelta(hours=12)  # nothing stale after the tick was down
    announced = 0
    started = Session.objects.filter(
        status=Session.Status.SCHEDULED,
        start_announced=False,
        starts_at__lte=now,
        ends_at__gt=recent,
    )
    ended = Session.objects.filter(
        Q(status=Session.Status.SCHEDULED),
        end_announced=False,
        ends_at__lte=now,
        ends_at__gt=recent,
    )
    for field, sessions in (("start_announced", started), ("end_announced", ended)):
        for session in sessions.only("pk", "group_id"):
            with transaction.atomic():
                claimed = Session.objects.filter(pk=session.pk, **{field: False}).update(
                    **{field: True}
                )
                if claimed:
                    announce_session_state(session.group_id)
                    announced += 1
    return announced


def check_prompts_only(membership, reply_to: int | None) -> None:
    """During a prompts-only session, participants may only reply to a prompt.

    Whether such a session is under way is read with the poster's membership (PROMPTS_ONLY_READS).
    """
    if not membership.in_prompts_only_session:
        return
    if (
        reply_to is not None
        and Message.objects.filter(
            pk=reply_to, group_id=membership.group_id, kind=Message.Kind.PROMPT
        ).exists()
    ):
        return
    raise RoomError(
        "locked", gettext("During the session the room is open for replies to prompts only.")
    )


# Read with the membership on every post, by the database's clock (the same host's, or one
# kept in step with it): True, or False/None when no prompts-only session is under way.
PROMPTS_ONLY_READS = {
    "in_prompts_only_session": lambda: Subquery(
        sessions_under_way(OuterRef("group_id"), Now()).values("prompts_only")[:1]
    )
}
