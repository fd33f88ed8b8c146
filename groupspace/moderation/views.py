"""The moderation queue (reports, held messages, alerts) and the audit log pages."""

from django.contrib import messages
from django.contrib.admin.views.decorators import staff_member_required
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext, gettext_lazy
from django.views.decorators.http import require_POST

from groupspace.audit.models import AuditEntry
from groupspace.groups.access import get_group_for_member_or_404
from groupspace.groups.models import IOPGroup
from groupspace.room.actions import Member
from groupspace.room.errors import RoomError
from groupspace.room.models import Message

from . import actions
from .models import Alert, Report

MUTE_CHOICES = [
    (15, gettext_lazy("15 minutes")),
    (60, gettext_lazy("1 hour")),
    (480, gettext_lazy("8 hours")),
    (1440, gettext_lazy("1 day")),
    (10080, gettext_lazy("1 week")),
]


def therapist_of(request, slug):
    """The group and the caller as a Member, for the group's therapists only (404 otherwise)."""
    group, membership = get_group_for_member_or_404(request.user, slug)
    if not membership.is_therapist:
        raise Http404("No such group.")
    return group, Member(user_id=request.user.pk, group_id=group.pk, role=membership.role)


@login_required
def queue(request, slug):
    group, _ = therapist_of(request, slug)
    reported = (
        Message.objects.filter(group=group, reports__status=Report.Status.OPEN)
        .select_related("author")
        .prefetch_related(
            Prefetch(
                "reports",
                queryset=Report.objects.filter(status=Report.Status.OPEN).select_related(
                    "reporter"
                ),
                to_attr="open_reports",
            )
        )
        .order_by("-id")
        .distinct()
    )
    pending = Message.objects.filter(group=group, state=Message.State.PENDING).select_related(
        "author"
    )
    alerts = (
        Alert.objects.filter(group=group, acknowledged_at__isnull=True)
        .select_related("user", "message")
        .order_by("-created_at")
    )
    return render(
        request,
        "moderation/queue.html",
        {
            "group": group,
            "reported": reported,
            "pending": pending,
            "alerts": alerts,
            "mute_choices": MUTE_CHOICES,
        },
    )


def _act(request, slug, act, success: str):
    """Run one moderation action for a queue form; errors come back as a message."""
    group, member = therapist_of(request, slug)
    try:
        act(member)
    except RoomError as error:
        messages.error(request, error.detail)
    else:
        messages.success(request, success)
    return redirect("moderation_queue", slug=group.slug)


@require_POST
@login_required
def acknowledge_alert(request, slug, alert_id):
    return _act(
        request,
        slug,
        lambda m: actions.acknowledge_alert(m, alert_id),
        gettext("Alert acknowledged."),
    )


@require_POST
@login_required
def dismiss_report(request, slug, report_id):
    return _act(
        request,
        slug,
        lambda m: actions.dismiss_report(m, report_id),
        gettext("Report dismissed."),
    )


@require_POST
@login_required
def approve_message(request, slug, message_id):
    return _act(
        request,
        slug,
        lambda m: actions.approve_message(m, message_id),
        gettext("Message released to the room."),
    )


@login_required
def remove_message(request, slug, message_id):
    """Asks first (with an optional reason for the audit log), then removes."""
    group, member = therapist_of(request, slug)
    message = get_object_or_404(
        Message.objects.select_related("author"), pk=message_id, group=group
    )
    if request.method == "POST":
        reason = request.POST.get("reason", "")
        return _act(
            request,
            slug,
            lambda m: actions.remove_message(m, message_id, reason),
            gettext("Message removed. Participants now see it as removed by a moderator."),
        )
    return render(request, "moderation/confirm_remove.html", {"group": group, "message": message})


@require_POST
@login_required
def mute_member(request, slug, user_id):
    try:
        minutes = int(request.POST.get("minutes", ""))
    except ValueError:
        minutes = -1
    if minutes not in dict(MUTE_CHOICES) and minutes != 0:
        messages.error(request, gettext("Choose how long to mute for."))
        return redirect("moderation_queue", slug=slug)
    return _act(
        request,
        slug,
        lambda m: actions.mute_member(m, user_id, minutes),
        gettext("Muted.") if minutes else gettext("Mute lifted."),
    )


@login_required
def group_audit(request, slug):
    """The group's audit log, for its therapists and for staff."""
    if request.user.is_staff:
        group = get_object_or_404(IOPGroup, slug=slug)
    else:
        group, _ = therapist_of(request, slug)
    entries = AuditEntry.objects.filter(group=group).select_related("actor", "subject_user")
    page = Paginator(entries, 50).get_page(request.GET.get("page"))
    return render(request, "moderation/audit.html", {"group": group, "page": page})


@staff_member_required
def clinic_audit(request):
    entries = AuditEntry.objects.select_related("actor", "subject_user", "group")
    page = Paginator(entries, 50).get_page(request.GET.get("page"))
    return render(request, "moderation/audit.html", {"group": None, "page": page})
