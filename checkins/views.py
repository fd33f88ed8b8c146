"""Check-in pages: short views that check access, call one action and render.

Participants: the check-in form, their own history, one check-in (edit, delete). Therapists of a
group: its dashboard (and its live fragment), one participant's history (audited), alerts and the
daily check-in time. Anyone else gets the same 404 as for a group that does not exist.
"""

import re
import uuid

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext, gettext_lazy
from django.views.decorators.http import require_POST

from groupspace.groups.access import get_group_for_member_or_404
from groupspace.groups.models import IOPGroup, Membership
from groupspace.moderation import actions as moderation
from groupspace.moderation.crisis import detect_crisis
from groupspace.moderation.safety import crisis_resources
from groupspace.room.actions import Member
from groupspace.room.errors import RoomError
from groupspace.room.models import Message

from . import actions
from .actions import CheckinRefused
from .dashboard import QUIET_CHOICES, build_dashboard, parse_quiet_days
from .forms import (
    PRIVATE,
    SHARED,
    CheckinForm,
    ReminderTimeForm,
    SharingDefaultForm,
    asks_about_craving,
)
from .history import PERIODS, build_history, parse_period, read_participant_history
from .models import CheckIn

THERAPIST_REFUSAL = gettext_lazy(
    "Check-ins are for the group's participants. As a therapist you see them on the "
    "group's check-in dashboard."
)


# --- participants -------------------------------------------------------------------------


@login_required
def checkin(request, slug):
    group, membership = get_group_for_member_or_404(request.user, slug)
    if membership.is_therapist:
        return _refused(request, THERAPIST_REFUSAL, 403, group=group, membership=membership)
    shares = actions.sharing_default(request.user)
    form = CheckinForm(
        request.POST or None,
        group=group,
        initial={"client_id": uuid.uuid4(), "visibility": SHARED if shares else PRIVATE},
    )
    if request.method == "POST" and form.is_valid():
        try:
            saved = actions.record_checkin(
                request.user, group, form.values(), form.cleaned_data["client_id"]
            )
        except CheckinRefused as refused:
            return _form_refused(request, form, group, refused)
        messages.success(request, _saved_text(saved, group))
        return redirect("my_checkin", checkin_id=saved.pk)
    return _render_form(request, form, group, status=400 if form.is_bound else 200)


@login_required
def edit_checkin(request, checkin_id):
    checkin = _own_checkin_or_404(request, checkin_id)
    if refusal := _refusal_to_change(request, checkin):
        return refusal
    group = checkin.group
    form = CheckinForm(request.POST or None, group=group, initial=CheckinForm.initial_from(checkin))
    if request.method == "POST" and form.is_valid():
        try:
            actions.edit_checkin(request.user, checkin.pk, form.values())
        except CheckinRefused as refused:
            return _form_refused(request, form, group, refused, checkin=checkin)
        messages.success(request, gettext("Your check-in is updated."))
        return redirect("my_checkin", checkin_id=checkin.pk)
    return _render_form(request, form, group, checkin=checkin, status=400 if form.is_bound else 200)


@login_required
def delete_checkin(request, checkin_id):
    checkin = _own_checkin_or_404(request, checkin_id)
    if refusal := _refusal_to_change(request, checkin):
        return refusal
    if request.method == "POST":
        try:
            actions.delete_checkin(request.user, checkin.pk)
        except CheckinRefused as refused:
            return _refused(request, refused.detail, refused.status)
        messages.success(request, gettext("Your check-in is deleted."))
        return redirect("my_checkins")
    return render(request, "checkins/confirm_delete.html", {"checkin": checkin})


@login_required
def my_checkin(request, checkin_id):
    """One of your own check-ins; right after saving, the crisis resources when the note
    needs them."""
    checkin = _own_checkin_or_404(request, checkin_id)
    return render(
        request,
        "checkins/checkin_detail.html",
        {
            "checkin": checkin,
            "can_change": _can_change(request, checkin),
            "crisis": bool(checkin.note) and detect_crisis(checkin.note) is not None,
            "crisis_resources": [
                {**r, "tel": re.sub(r"[^0-9+]", "", r["contact"])} for r in crisis_resources()
            ],
        },
    )


@login_required
def my_checkins(request):
    history = build_history(request.user, days=parse_period(request.GET.get("days")))
    return render(
        request,
        "checkins/history.html",
        {
            "history": history,
            "periods": PERIODS,
            "own": True,
            "groups": _participant_groups(request.user),
            "sharing_form": SharingDefaultForm(
                initial={"share_scores": actions.sharing_default(request.user)}
            ),
        },
    )


@require_POST
@login_required
def sharing_default(request):
    form = SharingDefaultForm(request.POST)
    form.is_valid()  # a checkbox: anything but "on" is simply off
    actions.set_sharing_default(request.user, form.cleaned_data.get("share_scores", False))
    messages.success(request, gettext("Your sharing default is saved."))
    return redirect("my_checkins")


# --- therapists ---------------------------------------------------------------------------


@login_required
def dashboard(request, slug):
    return _dashboard(request, slug, "checkins/dashboard.html")


@login_required
def dashboard_live(request, slug):
    """The dashboard's changing part, fetched by its script when a check-in or alert arrives."""
    return _dashboard(request, slug, "checkins/_dashboard_live.html")


@login_required
def participant_history(request, slug, user_id):
    group, membership = _therapist_of(request, slug)
    try:
        participant, history = read_participant_history(
            membership, user_id, days=parse_period(request.GET.get("days"))
        )
    except CheckinRefused:
        raise Http404("No such participant.") from None
    return render(
        request,
        "checkins/history.html",
        {
            "history": history,
            "periods": PERIODS,
            "own": False,
            "group": group,
            "person": participant,
        },
    )


@require_POST
@login_required
def acknowledge_alert(request, slug, alert_id):
    group, membership = _therapist_of(request, slug)
    member = Member(user_id=request.user.pk, group_id=group.pk, role=membership.role)
    try:
        moderation.acknowledge_alert(member, alert_id)
    except RoomError as error:
        messages.error(request, error.detail)
    else:
        messages.success(request, gettext("Alert acknowledged."))
    return redirect("checkin_dashboard", slug=group.slug)


@require_POST
@login_required
def reminder_time(request, slug):
    group, membership = _therapist_of(request, slug)
    form = ReminderTimeForm(request.POST)
    if form.is_valid():
        actions.set_reminder_time(membership, form.cleaned_data["daily_time"])
        messages.success(request, gettext("The daily check-in time is saved."))
    else:
        messages.error(request, gettext("Enter a time such as 19:00, or leave it empty."))
    return redirect("checkin_dashboard", slug=group.slug)


# --- helpers ------------------------------------------------------------------------------


def _dashboard(request, slug, template: str):
    group, _ = _therapist_of(request, slug)
    board = build_dashboard(group, quiet_days=parse_quiet_days(request.GET.get("quiet")))
    return render(
        request,
        template,
        {
            "board": board,
            "group": group,
            "quiet_choices": QUIET_CHOICES,
            "reminder_form": ReminderTimeForm(initial={"daily_time": board.reminder_time}),
            "shows_craving": asks_about_craving(group),
        },
    )


def _therapist_of(request, slug) -> tuple[IOPGroup, Membership]:
    """The group and the caller's membership, for its therapists only (404 for anyone else)."""
    group, membership = get_group_for_member_or_404(request.user, slug)
    if not membership.is_therapist:
        raise Http404("No such group.")
    return group, membership


def _own_checkin_or_404(request, checkin_id) -> CheckIn:
    checkin = (
        CheckIn.objects.select_related("group").filter(pk=checkin_id, user=request.user).first()
    )
    if checkin is None:
        raise Http404("No such check-in.")
    return checkin


def _refusal_to_change(request, checkin: CheckIn):
    """None if the caller may change `checkin` now; else 404, or the refusal page (403)."""
    try:
        actions.require_changeable(request.user, checkin)
    except CheckinRefused as refused:
        if refused.status == 404:
            raise Http404(refused.detail) from None
        return _refused(request, refused.detail, refused.status)
    return None


def _can_change(request, checkin: CheckIn) -> bool:
    try:
        actions.require_changeable(request.user, checkin)
    except CheckinRefused:
        return False
    return True


def _participant_groups(user) -> list[IOPGroup]:
    return [
        m.group
        for m in Membership.objects.select_related("group").filter(
            user=user,
            role=Membership.Role.PARTICIPANT,
            state=Membership.State.ACTIVE,
            group__is_archived=False,
        )
    ]


def _render_form(request, form, group, *, checkin=None, status=200):
    return render(
        request,
        "checkins/checkin_form.html",
        {
            "form": form,
            "group": group,
            "checkin": checkin,
            "asks_craving": "craving" in form.fields,
        },
        status=status,
    )


def _form_refused(request, form, group, refused: CheckinRefused, *, checkin=None):
    """A refusal shown on the form itself, with everything the person entered kept."""
    if refused.status == 404:
        raise Http404(refused.detail)
    form.add_error(None, refused.detail)
    return _render_form(request, form, group, checkin=checkin, status=refused.status)


def _refused(request, detail: str, status: int, **context):
    return render(request, "checkins/refused.html", {"detail": detail, **context}, status=status)


def _saved_text(checkin: CheckIn, group: IOPGroup) -> str:
    if not checkin.shared:
        return gettext("Thank you for checking in. It is saved for you and your therapists.")
    if checkin.message and checkin.message.state == Message.State.PENDING:
        return gettext(
            "Thank you for checking in. %(group)s sees it once a therapist approves it."
        ) % {"group": group.name}
    return gettext("Thank you for checking in. It is shared with %(group)s.") % {
        "group": group.name
    }
