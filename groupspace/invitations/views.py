from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext, gettext_lazy
from django.views.decorators.http import require_POST

from groupspace.groups.access import can_invite
from groupspace.groups.models import IOPGroup

from . import actions
from .forms import InvitationForm
from .models import Invitation
from .session import forget_invitation, remember_invitation

PROBLEM_TEXT = {
    "expired": gettext_lazy("This invitation has expired."),
    "revoked": gettext_lazy("This invitation was withdrawn by the group's therapist."),
    "used": gettext_lazy("This invitation has already been used."),
    "archived": gettext_lazy("This group has closed."),
    "invalid": gettext_lazy("This invitation link is not valid."),
}


def _group_for_inviter(request, slug) -> IOPGroup:
    group = IOPGroup.objects.filter(slug=slug, is_archived=False).first()
    if group is None or not can_invite(request.user, group):
        raise Http404("No such group.")
    return group


@require_POST
@login_required
def create(request, slug):
    group = _group_for_inviter(request, slug)
    form = InvitationForm(request.POST, can_invite_therapists=request.user.is_staff)
    if not form.is_valid():
        messages.error(
            request,
            gettext("The invitation was not created: %(problem)s")
            % {"problem": _first_error(form)},
        )
        return redirect("group_people", slug=group.slug)
    invitation = actions.create_invitation(request.user, group, **form.cleaned_data)
    link = request.build_absolute_uri(reverse("invitation", args=[invitation.token]))
    messages.success(
        request,
        gettext("Invitation created. Send this link to the person: %(link)s") % {"link": link},
    )
    return redirect("group_people", slug=group.slug)


@require_POST
@login_required
def revoke(request, slug, invitation_id):
    group = _group_for_inviter(request, slug)
    invitation = get_object_or_404(Invitation, pk=invitation_id, group=group)
    actions.revoke_invitation(request.user, invitation)
    messages.success(request, gettext("The invitation is withdrawn; its link no longer works."))
    return redirect("group_people", slug=group.slug)


def open_invitation(request, token):
    """The link a person receives: explains, then lets them sign up or log in and join."""
    invitation = Invitation.objects.select_related("group").filter(token=token).first()
    problem = "invalid" if invitation is None else invitation.problem()
    if problem:
        forget_invitation(request)
        return render(
            request,
            "invitations/unusable.html",
            {"problem": problem, "text": PROBLEM_TEXT[problem]},
            status=404 if problem == "invalid" else 410,
        )
    if request.method == "POST":
        if not request.user.is_authenticated:
            return redirect(f"{reverse('account_login')}?next={request.path}")
        try:
            actions.accept_invitation(request.user, token)
        except actions.InvitationUnusable as unusable:
            return render(
                request,
                "invitations/unusable.html",
                {"problem": unusable.reason, "text": PROBLEM_TEXT[unusable.reason]},
                status=410,
            )
        forget_invitation(request)
        messages.success(
            request, gettext("Welcome to %(group)s.") % {"group": invitation.group.name}
        )
        return redirect("room", slug=invitation.group.slug)
    remember_invitation(request, invitation)
    return render(
        request,
        "invitations/open.html",
        {"invitation": invitation, "clinic_name": settings.CLINIC_NAME},
    )


def _first_error(form) -> str:
    for errors in form.errors.values():
        return errors[0]
    return gettext("check the form.")
