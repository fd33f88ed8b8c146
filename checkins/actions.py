"""Recording, editing and deleting check-ins. Every state change of a check-in is here.

Each action re-reads the caller's membership inside its transaction (a therapist may have removed
the person a second ago), refuses with `CheckinRefused` and changes nothing when the caller may
not act, then writes, shares into the room, raises alerts and tells the therapists' open
dashboards, all in one transaction: the frames go out only after it commits.
"""

import uuid
import zoneinfo
from datetime import date, time

from django.db import IntegrityError, transaction
from django.utils import dateformat, timezone
from django.utils.translation import gettext

from groupspace.audit.log import log_action
from groupspace.groups.access import active_membership
from groupspace.groups.models import IOPGroup, Membership
from groupspace.room.errors import RoomError
from groupspace.room.ratelimit import check_post_rate

from . import alerts, live, sharing
from .forms import CheckinValues, asks_about_craving
from .milestones.evaluate import evaluate_for
from .models import CheckIn, ReminderTime, SharingDefault


class CheckinRefused(Exception):
    """Nothing was stored. `detail` is for the person; `status` for the page that answers."""

    def __init__(self, detail: str, status: int = 403):
        super().__init__(detail)
        self.detail = detail
        self.status = status


def today_for(user) -> date:
    """The person's calendar day now, in their own time zone."""
    return timezone.localdate(timezone=zoneinfo.ZoneInfo(user.time_zone))


def require_participant(user, group_id: int) -> Membership:
    """The caller's active participant membership, re-read; CheckinRefused otherwise."""
    membership = active_membership(user.pk, group_id)
    if membership is None:
        raise CheckinRefused(gettext("You are not a member of this group."), status=404)
    if membership.role != Membership.Role.PARTICIPANT:
        raise CheckinRefused(
            gettext(
                "Check-ins are for the group's participants. As a therapist you see them on "
                "the group's check-in dashboard."
            ),
            status=403,
        )
    return membership


def record_checkin(user, group: IOPGroup, values: CheckinValues, client_id: uuid.UUID) -> CheckIn:
    """Store a participant's check-in; share it into the room if they chose to.

    Idempotent by `client_id`: the same form submitted twice is one check-in (the first).
    """
    with transaction.atomic():
        membership = require_participant(user, group.pk)
        existing = CheckIn.objects.filter(user=user, client_id=client_id).first()
        if existing is not None:
            return _already_stored(existing, group)
        if values.shared:
            _check_can_share(membership)
        try:
            with transaction.atomic():
                checkin = CheckIn.objects.create(
                    group=membership.group,
                    user=membership.user,
                    client_id=client_id,
                    local_date=today_for(membership.user),
                    **_fields(values, membership.group),
                )
        except IntegrityError:
            # A concurrent submit of the same form won the race: answer with its check-in.
            existing = CheckIn.objects.filter(user=user, client_id=client_id).first()
            if existing is None:
                raise
            return _already_stored(existing, group)
        posted = None
        if checkin.shared:
            posted = sharing.post_shared_checkin(checkin, membership)
            checkin.message = posted
            checkin.save(update_fields=["message"])
        alerts.raise_support_alerts(checkin)
        alerts.check_note(checkin, posted)
        live.announce_checkin(checkin, live.CREATED)
        evaluate_for(membership.user)  # a check-in may complete a streak milestone
    return checkin


def edit_checkin(user, checkin_id: int, values: CheckinValues) -> CheckIn:
    """Change one of the participant's own check-ins of today; the room's copy follows.

    Private to shared posts it; shared to private withdraws it from the room.
    """
    with transaction.atomic():
        checkin, membership = _own_checkin_of_today(user, checkin_id)
        if values.shared and checkin.message_id is None:
            _check_can_share(membership)
        note_changed = values.note != checkin.note
        for name, value in _fields(values, membership.group).items():
            setattr(checkin, name, value)
        posted = None
        if checkin.shared and checkin.message_id is None:
            posted = sharing.post_shared_checkin(checkin, membership)
            checkin.message = posted
        elif checkin.shared:
            sharing.refresh_shared_message(checkin)
        elif checkin.message_id is not None:
            sharing.withdraw_shared_message(checkin)
            checkin.message = None
        checkin.save()
        alerts.raise_support_alerts(checkin)
        if note_changed:
            alerts.check_note(checkin, posted)
        live.announce_checkin(checkin, live.UPDATED)
    return checkin


def delete_checkin(user, checkin_id: int) -> None:
    """Delete one of the participant's own check-ins of today; a shared one leaves the room.

    Alerts it raised stay until a therapist acknowledges them: they were true when raised.
    """
    with transaction.atomic():
        checkin, _ = _own_checkin_of_today(user, checkin_id)
        if checkin.message_id is not None:
            sharing.withdraw_shared_message(checkin)
        live.announce_checkin(checkin, live.DELETED)
        checkin.delete()


def set_sharing_default(user, share_scores: bool) -> None:
    """The participant's default for sharing new check-ins (the note is never shared by
    default)."""
    SharingDefault.objects.update_or_create(user=user, defaults={"share_scores": share_scores})


def sharing_default(user) -> bool:
    return (
        SharingDefault.objects.filter(user=user).values_list("share_scores", flat=True).first()
        or False
    )


def set_reminder_time(therapist_membership: Membership, daily_time: time | None) -> None:
    """A therapist sets the group's daily check-in time (None: remind all day); audited."""
    if not therapist_membership.is_therapist:
        raise CheckinRefused(
            gettext("Only the group's therapists set the check-in time."), status=404
        )
    group = therapist_membership.group
    with transaction.atomic():
        ReminderTime.objects.update_or_create(group=group, defaults={"daily_time": daily_time})
        log_action(
            therapist_membership.user,
            "checkins.reminder_time",
            group=group,
            daily_time=daily_time.strftime("%H:%M") if daily_time else None,
        )


def _fields(values: CheckinValues, group: IOPGroup) -> dict:
    return {
        "kind": values.kind,
        "mood": values.mood,
        "anxiety": values.anxiety,
        "craving": values.craving if asks_about_craving(group) else None,
        "sleep_hours": values.sleep_hours,
        "self_care": list(values.self_care),
        "note": values.note,
        "wants_support": values.wants_support,
        "shared": values.shared,
        "note_shared": values.note_shared,
    }


def _already_stored(existing: CheckIn, group: IOPGroup) -> CheckIn:
    if existing.group_id != group.pk:
        raise CheckinRefused(
            gettext("This form was already used. Open the check-in page again."), 400
        )
    return existing


def _check_can_share(membership: Membership) -> None:
    """The room's rules for a participant's post, with words for a check-in page."""
    keep_private = " " + gettext("You can still save it for you and your therapists only.")
    if membership.needs_agreement:
        raise CheckinRefused(
            gettext("Accept the group agreement in the room before sharing.") + keep_private, 400
        )
    if membership.is_muted():
        until = timezone.localtime(
            membership.muted_until, zoneinfo.ZoneInfo(membership.user.time_zone)
        )
        when = dateformat.format(until, gettext("M j, g:i A"))
        raise CheckinRefused(
            gettext("A therapist paused your messages in the room until %(when)s.") % {"when": when}
            + keep_private,
            400,
        )
    if membership.group.is_locked:
        raise CheckinRefused(
            gettext("The room is closed for now, so nothing can be shared.") + keep_private, 400
        )
    try:
        check_post_rate(membership.group_id, membership.user_id)
    except RoomError as error:
        raise CheckinRefused(error.detail + keep_private, 429) from None


def _own_checkin_of_today(user, checkin_id: int) -> tuple[CheckIn, Membership]:
    checkin = (
        CheckIn.objects.select_for_update(of=("self",))
        .select_related("group", "user")
        .filter(pk=checkin_id, user_id=user.pk)
        .first()
    )
    if checkin is None:
        raise CheckinRefused(gettext("No such check-in."), status=404)
    return checkin, require_changeable(user, checkin)


def require_changeable(user, checkin: CheckIn) -> Membership:
    """The owner's membership if they may still change `checkin`: their own, of their today,
    in a group they are still an active participant of. CheckinRefused otherwise."""
    if checkin.user_id != user.pk:
        raise CheckinRefused(gettext("No such check-in."), status=404)
    membership = require_participant(user, checkin.group_id)
    if checkin.local_date != today_for(membership.user):
        raise CheckinRefused(
            gettext("Only today's check-ins can be changed or deleted."), status=403
        )
    return membership
