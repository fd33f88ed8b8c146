"""Who may see what. One answer for "no such group" and "not yours", so nobody can probe."""

from django.db.models import QuerySet
from django.http import Http404

from groupspace.compiled_query import CompiledQuery

from .models import IOPGroup, Membership


class NoAccess(Exception):
    """The group does not exist, is archived, or the person is not an active member."""


def access_group_for_member(user, slug: str) -> tuple[IOPGroup, Membership]:
    """The group and the caller's active membership, or NoAccess."""
    if user is None or not user.is_authenticated:
        raise NoAccess
    membership = (
        Membership.objects.select_related("group")
        .filter(
            group__slug=slug,
            group__is_archived=False,
            user=user,
            state=Membership.State.ACTIVE,
            user__is_active=True,
        )
        .first()
    )
    if membership is None:
        raise NoAccess
    return membership.group, membership


def get_group_for_member_or_404(user, slug: str) -> tuple[IOPGroup, Membership]:
    try:
        return access_group_for_member(user, slug)
    except NoAccess:
        raise Http404("No such group.") from None


def active_membership(user_id: int, group_id: int) -> Membership | None:
    """Re-read a membership (a therapist may have removed the person a second ago).

    Every post, ping and room action makes this read, so its SQL is compiled once."""
    return _ACTIVE_MEMBERSHIP.first(user_id=user_id, group_id=group_id)


def active_memberships(user_id: int, group_id: int) -> QuerySet[Membership]:
    """What `active_membership` reads, for reads that add to it."""
    return Membership.objects.select_related("group", "user").filter(
        user_id=user_id,
        group_id=group_id,
        group__is_archived=False,
        state=Membership.State.ACTIVE,
        user__is_active=True,
    )


_ACTIVE_MEMBERSHIP = CompiledQuery(active_memberships)


def can_invite(user, group: IOPGroup) -> bool:
    """Therapists of the group and staff may invite people to it."""
    if not user.is_authenticated:
        return False
    if user.is_staff:
        return True
    return Membership.objects.filter(
        group=group, user=user, role=Membership.Role.THERAPIST, state=Membership.State.ACTIVE
    ).exists()


def active_memberships_for(user):
    return (
        Membership.objects.select_related("group")
        .filter(user=user, state=Membership.State.ACTIVE, group__is_archived=False)
        .order_by("group__name")
    )
