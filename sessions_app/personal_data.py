"""A person's own sessions data in their export, and what closing the account erases."""

from .models import Attendance, AttendanceLetter, CalendarFeed


def export_attendance(user) -> list[dict]:
    return list(
        Attendance.objects.filter(user=user)
        .order_by("session__starts_at")
        .values("session__group__name", "session__starts_at", "session__ends_at", "status")
    )


def erase_own(user) -> int:
    """Attendance is part of the clinic's record of care, kept with the group's sessions; only
    the person's private calendar address goes (nobody can read their schedule through it)."""
    return CalendarFeed.objects.filter(user=user).delete()[0]


def export_letters(user) -> list[dict]:
    return list(
        AttendanceLetter.objects.filter(user=user).values(
            "code", "date_from", "date_to", "include_program", "created_at"
        )
    )


def erase_letters(user) -> int:
    return AttendanceLetter.objects.filter(user=user).delete()[0]
