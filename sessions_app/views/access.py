"""Who may open a sessions page. Anyone else gets the same 404 as for a group that does not
exist, so nobody can probe."""

from django.http import Http404
from django.shortcuts import get_object_or_404

from groupspace.groups.access import NoAccess, access_group_for_member, can_invite
from groupspace.groups.models import IOPGroup, Membership

from ..models import Session


def group_for_viewer(request, slug) -> tuple[IOPGroup, Membership | None]:
    """The group for its active members, and for clinic staff (who hold no membership)."""
    try:
        return access_group_for_member(request.user, slug)
    except NoAccess:
        pass
    if request.user.is_staff:
        group = IOPGroup.objects.filter(slug=slug, is_archived=False).first()
        if group is not None:
            return group, None
    raise Http404("No such group.")


def group_for_scheduler(request, slug) -> IOPGroup:
    """The group for its therapists and for staff."""
    group, _ = group_for_viewer(request, slug)
    if not can_invite(request.user, group):
        raise Http404("No such group.")
    return group


def group_for_therapist(request, slug) -> tuple[IOPGroup, Membership]:
    group, membership = group_for_viewer(request, slug)
    if membership is None or not membership.is_therapist:
        raise Http404("No such group.")
    return group, membership


def session_in(group: IOPGroup, session_id: int) -> Session:
    return get_object_or_404(Session.objects.select_related("group"), pk=session_id, group=group)
