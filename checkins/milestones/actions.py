"""Every change to milestones, by their owner or by a therapist.

The participant: set or reset their sobriety date, celebrate a milestone or keep it to
themselves, set their per-kind preference. A therapist of the participant's group: record a
program phase, a graduation or a custom milestone, and read the participant's progress (both
audited). Each action re-reads memberships inside its transaction and refuses with
`MilestoneRefused` (nothing changed) when the caller may not act.
"""

from dataclasses import dataclass
from datetime import date, timedelta

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext

from groupspace.audit.log import log_action
from groupspace.groups.access import active_membership
from groupspace.groups.models import Membership

from . import celebrate
from .evaluate import announce_new, evaluate_for
from .models import Milestone, MilestonePreference, SobrietyDate
from .sharing import MilestoneRefused, check_can_post, shareable_memberships
from .thresholds import RECORDED_KINDS, Kind, today_in

SHARE, KEEP_PRIVATE = "share", "private"
OLDEST_SOBRIETY_YEARS = 80


def set_sobriety_date(user, since: date) -> SobrietyDate:
    """Set, or reset after a lapse, the day clean time counts from (the owner's calendar).

    Milestones of an earlier date stay as the participant's history; the new count is
    evaluated at once.
    """
    today = today_in(user.time_zone)
    if since > today:
        raise MilestoneRefused(gettext("The date can't be later than today."))
    if since < today - timedelta(days=366 * OLDEST_SOBRIETY_YEARS):
        raise MilestoneRefused(gettext("Check the year of that date."))
    with transaction.atomic():
        sobriety, _ = SobrietyDate.objects.update_or_create(
            user=user, defaults={"since": since, "set_at": timezone.now()}
        )
        evaluate_for(user)
    return sobriety


def clear_sobriety_date(user) -> None:
    """Stop counting clean time; milestones already reached stay in the history."""
    SobrietyDate.objects.filter(user=user).delete()


def sobriety_date_of(user) -> date | None:
    return SobrietyDate.objects.filter(user=user).values_list("since", flat=True).first()


def decide(user, milestone_id: int, choice: str, group_slug: str | None = None) -> Milestone:
    """The owner celebrates `milestone_id` in a room, or keeps it to themselves.

    Sharing twice is a no-op (a double tap); a shared one cannot become private again here (a
    therapist can remove the room message). Sharing from "kept private" is allowed: people
    change their minds.
    """
    if choice not in (SHARE, KEEP_PRIVATE):
        raise MilestoneRefused(gettext("Choose to celebrate it or to keep it to yourself."))
    with transaction.atomic():
        milestone = (
            Milestone.objects.select_for_update().filter(pk=milestone_id, user_id=user.pk).first()
        )
        if milestone is None:
            raise MilestoneRefused(gettext("No such milestone."), status=404)
        if milestone.state == Milestone.State.SHARED:
            if choice == KEEP_PRIVATE:
                raise MilestoneRefused(gettext("It is already celebrated in your group."))
            return milestone
        if choice == KEEP_PRIVATE:
            milestone.state = Milestone.State.PRIVATE
        else:
            membership = _room_to_share_in(milestone, group_slug)
            check_can_post(membership)
            milestone.message = celebrate.post_celebration(milestone, membership)
            milestone.state = Milestone.State.SHARED
        milestone.decided_at = timezone.now()
        milestone.save(update_fields=["state", "decided_at", "message"])
        celebrate.tell_owner_decided(milestone)
    return milestone


def set_preferences(user, choices: dict[str, str]) -> None:
    """Per kind: always ask, always share or never share."""
    allowed_kinds, allowed_choices = set(Kind.values), set(MilestonePreference.Choice.values)
    if not set(choices) <= allowed_kinds or not set(choices.values()) <= allowed_choices:
        raise MilestoneRefused(gettext("Choose one of the offered answers for each kind."))
    with transaction.atomic():
        for kind, choice in choices.items():
            MilestonePreference.objects.update_or_create(
                user=user, kind=kind, defaults={"choice": choice}
            )


def preferences_of(user) -> dict[str, str]:
    saved = dict(
        MilestonePreference.objects.filter(user=user).values_list("kind", "choice").iterator()
    )
    return {kind: saved.get(kind, MilestonePreference.Choice.ASK) for kind in Kind.values}


@dataclass(frozen=True)
class Recorded:
    kind: str
    title: str
    note: str


def record_milestone(therapist: Membership, user_id: int, recorded: Recorded) -> Milestone:
    """A therapist records a phase, a graduation or a custom milestone for a participant of
    their group. The participant is told first and decides whether the group hears of it."""
    if recorded.kind not in RECORDED_KINDS:
        raise MilestoneRefused(
            gettext("Therapists record program phases, graduations and custom ones.")
        )
    with transaction.atomic():
        participant = _participant_of(therapist, user_id)
        try:
            with transaction.atomic():
                milestone = Milestone.objects.create(
                    user=participant.user,
                    group=participant.group,
                    kind=recorded.kind,
                    title=recorded.title,
                    note=recorded.note,
                    recorded_by=therapist.user,
                    reached_on=today_in(participant.user.time_zone),
                )
        except IntegrityError:
            raise MilestoneRefused(
                gettext("This milestone is already recorded for them.")
            ) from None
        log_action(
            therapist.user,
            "milestones.record",
            group=therapist.group,
            subject_user=participant.user,
            milestone_id=milestone.pk,
            kind=milestone.kind,
        )
        announce_new(participant.user, [milestone])
    return milestone


def open_participant_progress(therapist: Membership, user_id: int):
    """A therapist opens a participant's milestones and sobriety date: the participant (a User),
    after writing the read to the audit log."""
    with transaction.atomic():
        participant = _participant_of(therapist, user_id)
        log_action(
            therapist.user,
            "milestones.read_progress",
            group=therapist.group,
            subject_user=participant.user,
        )
    return participant.user


def _participant_of(therapist: Membership, user_id: int) -> Membership:
    """The participant's active membership in the therapist's group, both re-read; 404 for
    anyone else (no such person, another group's, a therapist)."""
    fresh = active_membership(therapist.user_id, therapist.group_id)
    if fresh is None or not fresh.is_therapist:
        raise MilestoneRefused(gettext("No such page."), status=404)
    participant = active_membership(user_id, therapist.group_id)
    if participant is None or participant.role != Membership.Role.PARTICIPANT:
        raise MilestoneRefused(gettext("No such participant in this group."), status=404)
    return participant


def _room_to_share_in(milestone: Milestone, group_slug: str | None) -> Membership:
    rooms = shareable_memberships(milestone)
    if group_slug:
        rooms = [m for m in rooms if m.group.slug == group_slug]
        if not rooms:
            raise MilestoneRefused(gettext("You can't share it in that group."), status=404)
    if not rooms:
        raise MilestoneRefused(gettext("You are not in a group where it can be shared."))
    if len(rooms) > 1:
        raise MilestoneRefused(gettext("Choose the group to celebrate it with."))
    return rooms[0]
