"""The gentle "you haven't checked in today" reminder inside the app."""

import zoneinfo

from django.utils import timezone

from groupspace.groups.models import IOPGroup

from .actions import today_for
from .models import CheckIn, ReminderTime


def needs_reminder(user, group: IOPGroup) -> bool:
    """True when `user` has not checked in to `group` today (their day) and the group's daily
    check-in time, if set, has come (on their clock)."""
    if CheckIn.objects.filter(user=user, group=group, local_date=today_for(user)).exists():
        return False
    daily_time = (
        ReminderTime.objects.filter(group=group).values_list("daily_time", flat=True).first()
    )
    if daily_time is None:
        return True
    now = timezone.localtime(timezone=zoneinfo.ZoneInfo(user.time_zone))
    return now.time() >= daily_time
