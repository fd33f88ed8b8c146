"""Taking attendance (the group's therapists, one phone-sized screen) and a participant's own
attendance record."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import ngettext

from ..attendance import attendance_of, current_statuses, record_attendance, roster
from ..models import Attendance
from .access import group_for_therapist, session_in


@login_required
def take_attendance(request, slug, session_id):
    group, _membership = group_for_therapist(request, slug)
    session = session_in(group, session_id)
    people = roster(session)
    statuses = current_statuses(session)
    error = None
    if request.method == "POST":
        submitted = {
            person.user_id: request.POST.get(f"status-{person.user_id}", "")
            for person in people
            if request.POST.get(f"status-{person.user_id}")
        }
        try:
            changed = record_attendance(request.user, session, submitted)
        except ValidationError as refusal:
            error = " ".join(refusal.messages)
        else:
            messages.success(
                request,
                ngettext(
                    "Attendance saved (%(count)s change).",
                    "Attendance saved (%(count)s changes).",
                    changed,
                )
                % {"count": changed},
            )
            return redirect("take_attendance", slug=group.slug, session_id=session.pk)
        statuses.update(submitted)
    rows = [(person, statuses.get(person.user_id, "")) for person in people]
    return render(
        request,
        "sessions/attendance.html",
        {
            "group": group,
            "session": session,
            "rows": rows,
            "choices": Attendance.Status.choices,
            "error": error,
            "unrecorded": sum(1 for _, status in rows if not status),
        },
        status=400 if error else 200,
    )


@login_required
def my_attendance(request):
    records = list(attendance_of(request.user)[:500])
    attended = sum(1 for record in records if record.present)
    return render(
        request,
        "sessions/my_attendance.html",
        {"records": records, "attended": attended},
    )
