"""Therapists' moderation acts in a room. Each is checked, stored, audited and announced.

Called by the room consumer for moderation frames and by the moderation queue's views.
"""

import uuid
from datetime import timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from groupspace.audit.log import log_action
from groupspace.groups.models import IOPGroup, Membership
from groupspace.room import events
from groupspace.room.actions import Member, require_member, visible_messages
from groupspace.room.errors import RoomError
from groupspace.room.models import Message
from groupspace.room.pins import set_pin, unpin_if_pinned
from groupspace.room.posting import announce_message_updated, clean_body, post_message
from groupspace.room.serializers import iso, serialize_message

from .models import Alert, Report
from .safety import raise_alert

MAX_REASON_CHARS = 500


def require_therapist(member: Member) -> Membership:
    """The caller's membership, re-read, if they are a therapist of this group."""
    membership = require_member(member)
    if not membership.is_therapist:
        raise RoomError("forbidden", gettext("Only the group's therapists can do that."))
    return membership


def post_prompt(member: Member, client_id: uuid.UUID, body: str) -> dict:
    """Post a prompt (a message of kind `prompt`); returns it for the therapist's ack."""
    membership = require_therapist(member)
    message, _ = post_message(
        membership.group,
        membership.user,
        kind=Message.Kind.PROMPT,
        body=clean_body(body),
        client_id=client_id,
    )
    return serialize_message(message, for_moderator=True)


def pin_prompt(member: Member, message_id: int | None) -> None:
    """Pin one of the room's prompts at the top of the room (None clears the pin)."""
    membership = require_therapist(member)
    message = None
    if message_id is not None:
        message = (
            Message.objects.filter(
                group_id=member.group_id, pk=message_id, state=Message.State.VISIBLE
            )
            .select_related("author")
            .first()
        )
        if message is None:
            raise RoomError("not_found", gettext("No such message in this room."))
        if message.kind != Message.Kind.PROMPT:
            raise RoomError("invalid", gettext("message_id: only a prompt can be pinned."))
    set_pin(membership, message)


def remove_message(member: Member, message_id: int, reason: str) -> None:
    """Hide a message from everyone but therapists; its text stays for them and the audit."""
    membership = require_therapist(member)
    reason = _clean_reason(reason)
    with transaction.atomic():
        message = _message_in_room(membership, message_id)
        if message.state == Message.State.REMOVED:
            return
        previous_state = message.state
        message.state = Message.State.REMOVED
        message.save(update_fields=["state"])
        _resolve_reports(message.reports.all(), membership, Report.Status.ACTIONED)
        log_action(
            membership.user,
            "message.remove",
            group=membership.group,
            subject_user=message.author,
            message=message.pk,
            reason=reason,
            previous_state=previous_state,
        )
        held = previous_state == Message.State.PENDING
        announce_message_updated(_reload(message.pk), held=held)
        unpin_if_pinned(membership.group_id, message.pk)


def approve_message(member: Member, message_id: int) -> None:
    """Release a held (`pending`) message to the whole room."""
    membership = require_therapist(member)
    with transaction.atomic():
        message = _message_in_room(membership, message_id)
        if message.state != Message.State.PENDING:
            raise RoomError(
                "invalid",
                gettext("message_id: only a message waiting for review can be approved."),
            )
        message.state = Message.State.VISIBLE
        message.save(update_fields=["state"])
        log_action(
            membership.user,
            "message.approve",
            group=membership.group,
            subject_user=message.author,
            message=message.pk,
        )
        announce_message_updated(_reload(message.pk))


def mute_member(member: Member, user_id: int, minutes: int) -> None:
    """Mute a participant for `minutes` (0 lifts the mute); they are told until when."""
    membership = require_therapist(member)
    with transaction.atomic():
        target = (
            Membership.objects.select_for_update()
            .select_related("user")
            .filter(group_id=member.group_id, user_id=user_id, state=Membership.State.ACTIVE)
            .first()
        )
        if target is None:
            raise RoomError("not_found", gettext("No such member in this room."))
        if target.is_therapist:
            raise RoomError("forbidden", gettext("Therapists cannot be muted."))
        target.muted_until = timezone.now() + timedelta(minutes=minutes) if minutes else None
        target.save(update_fields=["muted_until"])
        log_action(
            membership.user,
            "member.mute" if minutes else "member.unmute",
            group=membership.group,
            subject_user=target.user,
            minutes=minutes,
        )
        until = iso(target.muted_until) if target.muted_until else None
        events.to_person(
            member.group_id, user_id, events.frame_event({"type": "muted", "until": until})
        )


def lock_room(member: Member, locked: bool) -> None:
    """Lock or unlock the room for participants; everyone gets a `room` frame."""
    membership = require_therapist(member)
    with transaction.atomic():
        changed = (
            IOPGroup.objects.filter(pk=member.group_id)
            .exclude(is_locked=locked)
            .update(is_locked=locked)
        )
        if not changed:
            return
        log_action(
            membership.user, "room.lock" if locked else "room.unlock", group=membership.group
        )
        events.to_room_same(member.group_id, events.frame_event({"type": "room", "locked": locked}))


def flag_message(member: Member, message_id: int, reason: str) -> None:
    """Any member reports a message; the therapists get an alert. Twice is one report."""
    membership = require_member(member)
    reason = _clean_reason(reason)
    with transaction.atomic():
        message = (
            visible_messages(membership)
            .filter(pk=message_id)
            .exclude(state=Message.State.REMOVED)
            .first()
        )
        if message is None:
            raise RoomError("not_found", gettext("No such message in this room."))
        _, created = Report.objects.get_or_create(
            message=message, reporter=membership.user, defaults={"reason": reason}
        )
        if created:
            raise_alert(
                membership.group,
                Alert.Kind.FLAG,
                membership.user,
                message=message,
                reason="reported",
            )


def dismiss_report(member: Member, report_id: int) -> None:
    """A therapist decides a report needs no action."""
    membership = require_therapist(member)
    with transaction.atomic():
        report = (
            Report.objects.select_for_update()
            .filter(pk=report_id, message__group_id=member.group_id, status=Report.Status.OPEN)
            .first()
        )
        if report is None:
            raise RoomError("not_found", gettext("No such open report in this group."))
        _resolve_reports(Report.objects.filter(pk=report.pk), membership, Report.Status.DISMISSED)
        log_action(
            membership.user,
            "report.dismiss",
            group=membership.group,
            subject_user=report.reporter,
            report=report.pk,
            message=report.message_id,
        )


def acknowledge_alert(member: Member, alert_id: int) -> None:
    """A therapist has seen an alert; it leaves the queue, and the log says who and when."""
    membership = require_therapist(member)
    with transaction.atomic():
        updated = Alert.objects.filter(
            pk=alert_id, group_id=member.group_id, acknowledged_at__isnull=True
        ).update(acknowledged_by=membership.user, acknowledged_at=timezone.now())
        if not updated:
            raise RoomError("not_found", gettext("No such open alert in this group."))
        alert = Alert.objects.select_related("user").get(pk=alert_id)
        log_action(
            membership.user,
            "alert.acknowledge",
            group=membership.group,
            subject_user=alert.user,
            alert=alert.pk,
            kind=alert.kind,
        )


def _resolve_reports(reports, membership: Membership, status: str) -> None:
    reports.filter(status=Report.Status.OPEN).update(
        status=status, resolved_by=membership.user, resolved_at=timezone.now()
    )


def _clean_reason(reason: str) -> str:
    reason = reason.strip()
    if len(reason) > MAX_REASON_CHARS:
        raise RoomError(
            "too_long",
            gettext("A reason can be at most %(count)d characters.") % {"count": MAX_REASON_CHARS},
        )
    return reason


def _message_in_room(membership: Membership, message_id: int) -> Message:
    message = (
        Message.objects.select_for_update()
        .filter(group_id=membership.group_id, pk=message_id)
        .first()
    )
    if message is None:
        raise RoomError("not_found", gettext("No such message in this room."))
    return message


def _reload(message_id: int) -> Message:
    return Message.objects.select_related("author").prefetch_related("reactions").get(pk=message_id)
