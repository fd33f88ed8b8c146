"""Therapists' prompts: posting one now, scheduling one for a time or relative to sessions, and
the tick job that posts what is due, each occurrence exactly once."""

import datetime as dt
import uuid

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext

from groupspace.audit.log import log_action
from groupspace.groups.access import active_membership
from groupspace.moderation.actions import post_prompt
from groupspace.room.actions import Member
from groupspace.room.models import Message
from groupspace.room.posting import clean_body, post_message

from .attendance import require_group_therapist
from .models import PromptPosting, ScheduledPrompt, Session

# A prompt more than this late (the tick was down) is skipped: yesterday's "tonight" is noise.
STALE_AFTER = dt.timedelta(hours=6)
# Client ids of scheduled posts are derived from the occurrence: a second post is the same.
SCHEDULED_NAMESPACE = uuid.UUID("6f1d8f3e-2b0c-4d8e-9a57-5c3f0e2a7b11")


def post_now(actor, group, body: str) -> Message:
    """A therapist posts a prompt from the library page: the same action as the socket frame."""
    membership = require_group_therapist(actor, group)
    member = Member(user_id=actor.pk, group_id=group.pk, role=membership.role)
    message = post_prompt(member, uuid.uuid4(), body)
    return Message.objects.get(pk=message["id"])


def schedule_prompt(actor, group, **fields) -> ScheduledPrompt:
    require_group_therapist(actor, group)
    fields["body"] = clean_body(fields["body"]) if fields.get("body") else ""
    if not fields["body"]:
        raise ValidationError(gettext("Write the prompt first."))
    timing = fields.get("timing")
    if timing == ScheduledPrompt.Timing.AT:
        if fields.get("post_at") is None or fields["post_at"] <= timezone.now():
            raise ValidationError(gettext("Choose a time in the future."))
    slot = fields.get("slot")
    if slot is not None and slot.group_id != group.pk:
        raise ValidationError(gettext("That weekly session belongs to another group."))
    with transaction.atomic():
        scheduled = ScheduledPrompt.objects.create(group=group, created_by=actor, **fields)
        log_action(actor, "prompt.schedule", group=group, scheduled_prompt=scheduled.pk)
    return scheduled


def cancel_scheduled(actor, scheduled: ScheduledPrompt) -> None:
    require_group_therapist(actor, scheduled.group)
    with transaction.atomic():
        scheduled.is_active = False
        scheduled.save(update_fields=["is_active"])
        log_action(actor, "prompt.unschedule", group=scheduled.group, scheduled_prompt=scheduled.pk)


def due_at(scheduled: ScheduledPrompt, session: Session) -> dt.datetime:
    anchor = (
        session.starts_at if scheduled.anchor == ScheduledPrompt.Anchor.START else session.ends_at
    )
    return anchor + dt.timedelta(minutes=scheduled.offset_minutes)


def due_occurrences(now: dt.datetime) -> list[tuple[ScheduledPrompt, str, dt.datetime]]:
    """(scheduled prompt, occurrence key, due time) for everything due and not yet posted."""
    active = ScheduledPrompt.objects.filter(is_active=True, group__is_archived=False)
    done = set(
        PromptPosting.objects.filter(scheduled_prompt__in=active).values_list(
            "scheduled_prompt_id", "occurrence"
        )
    )
    due = []
    for scheduled in active.filter(timing=ScheduledPrompt.Timing.AT, post_at__lte=now):
        if (scheduled.pk, "once") not in done:
            due.append((scheduled, "once", scheduled.post_at))
    relative = active.filter(timing=ScheduledPrompt.Timing.AFTER_SESSIONS).select_related("group")
    for scheduled in relative:
        reach = dt.timedelta(minutes=abs(scheduled.offset_minutes)) + STALE_AFTER
        sessions = Session.objects.filter(
            group_id=scheduled.group_id,
            status=Session.Status.SCHEDULED,
            starts_at__lte=now + reach,
            ends_at__gte=now - reach - dt.timedelta(days=1),
        )
        if scheduled.slot_id is not None:
            sessions = sessions.filter(slot_id=scheduled.slot_id)
        for session in sessions:
            key = f"session-{session.pk}"
            when = due_at(scheduled, session)
            # Only occurrences due after the prompt was scheduled: no back-filling.
            if when <= now and when >= scheduled.created_at and (scheduled.pk, key) not in done:
                due.append((scheduled, key, when))
    return sorted(due, key=lambda item: item[2])


def post_due_prompts(now: dt.datetime | None = None) -> int:
    """The tick's job. Returns how many prompts it posted."""
    now = now or timezone.now()
    return sum(post_occurrence(s, key, when, now) for s, key, when in due_occurrences(now))


def post_occurrence(scheduled: ScheduledPrompt, key: str, when: dt.datetime, now) -> int:
    """Claim the occurrence (unique row) and post it in the same transaction: a second tick,
    here or in another process, fails the claim and posts nothing."""
    with transaction.atomic():
        try:
            with transaction.atomic():
                posting = PromptPosting.objects.create(scheduled_prompt=scheduled, occurrence=key)
        except IntegrityError:
            return 0
        if now - when > STALE_AFTER:
            posting.skipped = True
            posting.save(update_fields=["skipped"])
            return 0
        author = _author(scheduled)
        message, _ = post_message(
            scheduled.group,
            author,
            kind=Message.Kind.PROMPT,
            body=scheduled.body,
            client_id=uuid.uuid5(SCHEDULED_NAMESPACE, f"{scheduled.pk}/{key}"),
        )
        posting.message_id = message.pk
        posting.save(update_fields=["message_id"])
    return 1


def _author(scheduled: ScheduledPrompt):
    """Its therapist, while still one of the group's therapists; otherwise GroupSpace."""
    if scheduled.created_by_id is None:
        return None
    membership = active_membership(scheduled.created_by_id, scheduled.group_id)
    return membership.user if membership is not None and membership.is_therapist else None
