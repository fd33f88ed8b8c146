from django.conf import settings
from django.contrib import messages
from django.contrib.admin.views.decorators import staff_member_required
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from groupspace.invitations.forms import InvitationForm
from groupspace.pwa.device_data import allow_offline, offline_until
from groupspace.room.actions import visible_messages

from . import actions
from .access import active_memberships_for, can_invite, get_group_for_member_or_404
from .forms import GroupForm, RoomSettingsForm
from .letter_name import NAME_MAX_CHARS, confirm_letter_name
from .models import IOPGroup, Membership


@login_required
def home(request):
    memberships = list(active_memberships_for(request.user))
    for membership in memberships:
        membership.unread = (
            visible_messages(membership)
            .filter(id__gt=membership.last_read_message_id)
            .exclude(author=request.user)
            .count()
        )
    return render(request, "groups/home.html", {"memberships": memberships})


@login_required
def room(request, slug):
    group, membership = get_group_for_member_or_404(request.user, slug)
    if membership.needs_agreement:
        return render(request, "groups/agreement.html", {"group": group})
    # The service worker may keep this page for offline use, until the login could idle out.
    until = offline_until(request.user)
    response = render(
        request,
        "groups/room.html",
        {
            "group": group,
            "membership": membership,
            "can_manage": can_invite(request.user, group),
            "clinic_phone": settings.CLINIC_PHONE,
            "offline_until": until,
        },
    )
    return allow_offline(response, until)


@staff_member_required
def group_list(request):
    form = GroupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        group = actions.create_group(request.user, **form.cleaned_data)
        messages.success(
            request, _("%(group)s is created. Invite its therapists next.") % {"group": group.name}
        )
        return redirect("group_people", slug=group.slug)
    groups = IOPGroup.objects.annotate(
        active_members=Count("memberships", filter=Q(memberships__state=Membership.State.ACTIVE))
    )
    return render(request, "groups/group_list.html", {"groups": groups, "form": form})


def _group_for_manager(request, slug) -> IOPGroup:
    """Therapists of the group and staff manage its people; everyone else gets a 404."""
    group = IOPGroup.objects.filter(slug=slug).first()
    if group is None or not can_invite(request.user, group):
        raise Http404("No such group.")
    if group.is_archived and not request.user.is_staff:
        raise Http404("No such group.")
    return group


def _active_membership_or_404(group: IOPGroup, membership_id: int) -> Membership:
    return get_object_or_404(
        Membership.objects.select_related("user", "group"),
        pk=membership_id,
        group=group,
        state=Membership.State.ACTIVE,
    )


@login_required
def people(request, slug):
    group = _group_for_manager(request, slug)
    memberships = group.memberships.select_related("user").order_by(
        "state", "role", "user__display_name"
    )
    form = InvitationForm(can_invite_therapists=request.user.is_staff)
    return render(
        request,
        "groups/people.html",
        {
            "group": group,
            "memberships": memberships,
            "invitations": group.invitations.select_related("created_by")[:50],
            "form": form,
        },
    )


@login_required
def remove_member(request, slug, membership_id):
    group = _group_for_manager(request, slug)
    membership = _active_membership_or_404(group, membership_id)
    if request.method == "POST":
        try:
            actions.remove_member(request.user, membership)
        except PermissionDenied:
            messages.error(request, _("You can't remove this person. Ask clinic staff."))
            return redirect("group_people", slug=group.slug)
        messages.success(
            request,
            _("%(name)s is removed from %(group)s.")
            % {"name": membership.user.display_name, "group": group.name},
        )
        return redirect("group_people", slug=group.slug)
    return render(request, "groups/confirm_remove.html", {"group": group, "membership": membership})


@login_required
def letter_name(request, slug, membership_id):
    """Confirm the name on a member's attendance letters (groups/letter_name.py)."""
    group = _group_for_manager(request, slug)
    membership = _active_membership_or_404(group, membership_id)
    error = None
    typed = membership.user.verified_name
    if request.method == "POST":
        typed = request.POST.get("name", "")
        try:
            confirm_letter_name(request.user, membership, typed)
        except ValidationError as refusal:
            error = refusal.messages[0]
        else:
            messages.success(
                request,
                _("The name on %(name)s's letters is confirmed.")
                % {"name": membership.user.display_name},
            )
            return redirect("group_people", slug=group.slug)
    return render(
        request,
        "groups/letter_name.html",
        {
            "group": group,
            "membership": membership,
            "typed": typed,
            "error": error,
            "max_chars": NAME_MAX_CHARS,
        },
        status=400 if error else 200,
    )


@require_POST
@staff_member_required
def readd_member(request, slug, membership_id):
    group = get_object_or_404(IOPGroup, slug=slug)
    membership = get_object_or_404(
        Membership.objects.select_related("user"),
        pk=membership_id,
        group=group,
        state__in=[Membership.State.LEFT, Membership.State.REMOVED],
    )
    actions.readd_member(request.user, membership)
    messages.success(
        request,
        _("%(name)s is back in %(group)s.")
        % {"name": membership.user.display_name, "group": group.name},
    )
    return redirect("group_people", slug=group.slug)


@login_required
def leave(request, slug):
    group, membership = get_group_for_member_or_404(request.user, slug)
    if request.method == "POST":
        actions.leave_group(membership)
        messages.success(request, _("You have left %(group)s.") % {"group": group.name})
        return redirect("home")
    return render(request, "groups/confirm_leave.html", {"group": group})


@require_POST
@login_required
def accept_agreement(request, slug):
    group, membership = get_group_for_member_or_404(request.user, slug)
    actions.accept_agreement(membership)
    return redirect("room", slug=group.slug)


@login_required
def room_settings(request, slug):
    group, membership = get_group_for_member_or_404(request.user, slug)
    if not membership.is_therapist:
        raise Http404("No such group.")
    form = RoomSettingsForm(request.POST or None, instance=IOPGroup.objects.get(pk=group.pk))
    if request.method == "POST" and form.is_valid():
        actions.update_room_settings(
            request.user,
            membership,
            group,
            moderation_mode=form.cleaned_data["moderation_mode"],
            share_history_with_new_members=form.cleaned_data["share_history_with_new_members"],
            agreement=form.cleaned_data["agreement"],
        )
        messages.success(request, _("Room settings saved."))
        return redirect("room_settings", slug=group.slug)
    return render(request, "groups/room_settings.html", {"group": group, "form": form})
