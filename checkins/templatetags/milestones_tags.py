"""`{% milestone_notice %}` (home page) and `{% milestone_prompts membership %}` (the room):
the owner's reached milestones waiting for their choice. Template tags, so the core's pages
show them without the core importing check-ins. Only ever rendered for the request's own user.
"""

from django import template
from django.urls import reverse

from groupspace.groups.models import Membership

from ..milestones.models import Milestone
from ..milestones.sharing import shareable_memberships

register = template.Library()


def waiting_items(user) -> list[dict]:
    """The user's milestones waiting for a choice, each with the rooms it may go to."""
    asking = Milestone.objects.filter(user=user, state=Milestone.State.ASKING).order_by(
        "reached_on", "id"
    )
    return [{"milestone": m, "rooms": shareable_memberships(m)} for m in asking]


@register.inclusion_tag("checkins/milestones/_home_notice.html", takes_context=True)
def milestone_notice(context) -> dict:
    user = context["request"].user
    if not user.is_authenticated:
        return {"items": [], "is_participant": False}
    is_participant = Membership.objects.filter(
        user=user, role=Membership.Role.PARTICIPANT, state=Membership.State.ACTIVE
    ).exists()
    return {"items": waiting_items(user), "is_participant": is_participant}


@register.inclusion_tag("checkins/milestones/_room_prompts.html", takes_context=True)
def milestone_prompts(context, membership: Membership) -> dict:
    is_participant = membership.role == Membership.Role.PARTICIPANT
    items = []
    if is_participant:
        items = [
            item
            for item in waiting_items(context["request"].user)
            if any(room.group_id == membership.group_id for room in item["rooms"])
        ]
    return {
        "is_participant": is_participant,
        "items": items,
        "group": membership.group,
        "room_url": reverse("room", args=[membership.group.slug]),
    }
