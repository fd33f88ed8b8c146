"""The group's schedule page and the changes therapists and staff make to it."""

import zoneinfo

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext
from django.views.decorators.http import require_POST

from groupspace.groups.access import can_invite

from .. import changes
from ..forms import CancelForm, ExtraSessionForm, MoveForm, SessionDetailsForm, SlotForm
from ..models import Session, WeeklySlot
from ..schedule import HORIZON_DAYS
from .access import group_for_scheduler, group_for_viewer, session_in


@login_required
def group_schedule(request, slug):
    group, membership = group_for_viewer(request, slug)
    manages = can_invite(request.user, group)
    now = timezone.now()
    # The time partial reads each session's group time zone: one join, not a query per row.
    of_group = Session.objects.filter(group=group).select_related("group")
    sessions = of_group.filter(
        ends_at__gt=now, starts_at__lt=now + timezone.timedelta(days=HORIZON_DAYS)
    ).order_by("starts_at")
    recent = of_group.filter(
        ends_at__lte=now, ends_at__gt=now - timezone.timedelta(days=14)
    ).order_by("-starts_at")
    return render(
        request,
        "sessions/schedule.html",
        {
            "group": group,
            "membership": membership,
            "manages": manages,
            "is_therapist": membership is not None and membership.is_therapist,
            "sessions": sessions,
            "recent": recent if membership is not None and membership.is_therapist else [],
            "slots": WeeklySlot.objects.filter(group=group, is_active=True),
            "slot_form": SlotForm(prefix="slot") if manages else None,
            "extra_form": ExtraSessionForm(prefix="extra", time_zone=group.time_zone)
            if manages
            else None,
        },
    )


@require_POST
@login_required
def add_slot(request, slug):
    group = group_for_scheduler(request, slug)
    form = SlotForm(request.POST, prefix="slot")
    if not form.is_valid():
        messages.error(request, _form_errors(form))
        return redirect("group_schedule", slug=group.slug)
    slot = changes.add_slot(request.user, group, **form.cleaned_data)
    messages.success(
        request,
        gettext("Added %(days)s; their sessions are on the schedule.")
        % {"days": slot.weekday_plural},
    )
    return redirect("group_schedule", slug=group.slug)


@login_required
def end_slot(request, slug, slot_id):
    group = group_for_scheduler(request, slug)
    slot = get_object_or_404(WeeklySlot, pk=slot_id, group=group, is_active=True)
    if request.method == "POST":
        changes.end_slot(request.user, slot)
        messages.success(
            request, gettext("%(days)s are off the schedule.") % {"days": slot.weekday_plural}
        )
        return redirect("group_schedule", slug=group.slug)
    return render(request, "sessions/confirm_end_slot.html", {"group": group, "slot": slot})


@require_POST
@login_required
def add_extra(request, slug):
    group = group_for_scheduler(request, slug)
    form = ExtraSessionForm(request.POST, prefix="extra", time_zone=group.time_zone)
    if not form.is_valid():
        messages.error(request, _form_errors(form))
        return redirect("group_schedule", slug=group.slug)
    data = form.cleaned_data
    session = changes.add_extra_session(
        request.user,
        group,
        starts_at=data["starts_at"],
        duration_minutes=data["duration_minutes"],
        kind=data["kind"],
        topic=data["topic"],
    )
    messages.success(request, gettext("The extra session is on the schedule."))
    return redirect("session_detail", slug=group.slug, session_id=session.pk)


@login_required
def session_detail(request, slug, session_id):
    group, membership = group_for_viewer(request, slug)
    session = session_in(group, session_id)
    manages = can_invite(request.user, group)
    return render(
        request,
        "sessions/session_detail.html",
        {
            "group": group,
            "session": session,
            "membership": membership,
            "manages": manages,
            "is_therapist": membership is not None and membership.is_therapist,
            "move_form": _move_form(session) if manages else None,
            "details_form": SessionDetailsForm(
                initial={
                    "kind": session.kind,
                    "topic": session.topic,
                    "prompts_only": session.prompts_only,
                }
            )
            if manages
            else None,
            "started": session.starts_at <= timezone.now(),
        },
    )


def _move_form(session, data=None):
    local = timezone.localtime(session.starts_at, zoneinfo.ZoneInfo(session.group.time_zone))
    return MoveForm(
        data,
        time_zone=session.group.time_zone,
        initial={
            "date": local.date(),
            "time": local.time().replace(second=0, microsecond=0),
            "duration_minutes": session.duration_minutes,
        },
    )


@require_POST
@login_required
def move_session(request, slug, session_id):
    group = group_for_scheduler(request, slug)
    session = session_in(group, session_id)
    form = _move_form(session, request.POST)
    if not form.is_valid():
        messages.error(request, _form_errors(form))
        return redirect("session_detail", slug=group.slug, session_id=session.pk)
    try:
        changes.move_session(
            request.user,
            session,
            form.cleaned_data["starts_at"],
            form.cleaned_data["duration_minutes"],
        )
    except ValueError as refusal:
        messages.error(request, str(refusal))
    else:
        messages.success(request, gettext("The session is moved; the group is told in the room."))
    return redirect("session_detail", slug=group.slug, session_id=session.pk)


@login_required
def cancel_session(request, slug, session_id):
    group = group_for_scheduler(request, slug)
    session = session_in(group, session_id)
    form = CancelForm(request.POST or None)
    if request.method == "POST" and form.is_valid() and not session.is_cancelled:
        changes.cancel_session(request.user, session, form.cleaned_data["note"])
        messages.success(
            request, gettext("The session is cancelled; the group is told in the room.")
        )
        return redirect("session_detail", slug=group.slug, session_id=session.pk)
    return render(
        request, "sessions/confirm_cancel.html", {"group": group, "session": session, "form": form}
    )


@require_POST
@login_required
def edit_session(request, slug, session_id):
    group = group_for_scheduler(request, slug)
    session = session_in(group, session_id)
    form = SessionDetailsForm(request.POST)
    if not form.is_valid():
        messages.error(request, _form_errors(form))
    else:
        changes.edit_session(request.user, session, **form.cleaned_data)
        messages.success(request, gettext("Saved."))
    return redirect("session_detail", slug=group.slug, session_id=session.pk)


def _form_errors(form) -> str:
    errors = []
    for field, field_errors in form.errors.items():
        label = form.fields[field].label if field in form.fields else ""
        for error in field_errors:
            errors.append(f"{label}: {error}" if label else error)
    return " ".join(errors) or gettext("Please check the form.")
