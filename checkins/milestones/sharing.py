"""Where a milestone may be celebrated, and whether its owner may post there right now."""

from django.utils.translation import gettext

from groupspace.groups.models import Membership
from groupspace.room.errors import RoomError
from groupspace.room.ratelimit import check_post_rate

from ..forms import CRAVING_TRACKS
from .models import Milestone
from .thresholds import Kind


class MilestoneRefused(Exception):
    """Nothing changed. `detail` is for the person; `status` for the page that answers."""

    def __init__(self, detail: str, status: int = 400):
        super().__init__(detail)
        self.detail = detail
        self.status = status


def participant_memberships(user_id: int) -> list[Membership]:
    """The person's active participant memberships in open groups, re-read."""
    return list(
        Membership.objects.select_related("group", "user")
        .filter(
            user_id=user_id,
            role=Membership.Role.PARTICIPANT,
            state=Membership.State.ACTIVE,
            group__is_archived=False,
            user__is_active=True,
        )
        .order_by("group__name")
    )


def shareable_memberships(milestone: Milestone) -> list[Membership]:
    """The rooms the owner may choose to celebrate `milestone` in: its own group, or any of
    their groups for a milestone of their own."""
    memberships = participant_memberships(milestone.user_id)
    if milestone.group_id is not None:
        memberships = [m for m in memberships if m.group_id == milestone.group_id]
    return memberships


def auto_share_memberships(milestone: Milestone) -> list[Membership]:
    """Where "always share" posts without asking. Clean time goes only to substance-use and
    co-occurring groups: a mental-health group never learns about substance use unless the
    participant shares it there by hand."""
    memberships = shareable_memberships(milestone)
    if milestone.kind == Kind.CLEAN_TIME:
        memberships = [m for m in memberships if m.group.track in CRAVING_TRACKS]
    return memberships


def check_can_post(membership: Membership) -> None:
    """The room's rules for a participant's post, in words for a page. MilestoneRefused."""
    if membership.needs_agreement:
        raise MilestoneRefused(gettext("Accept the group agreement in the room before sharing."))
    if membership.is_muted():
        raise MilestoneRefused(gettext("A therapist paused your messages in this room for now."))
    if membership.group.is_locked:
        raise MilestoneRefused(gettext("The room is closed for now, so nothing can be shared."))
    try:
        check_post_rate(membership.group_id, membership.user_id)
    except RoomError as error:
        raise MilestoneRefused(error.detail, 429) from None
