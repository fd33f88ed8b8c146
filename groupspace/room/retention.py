"""Message retention: a group's messages older than its retention period are deleted."""

from datetime import timedelta

from django.utils import timezone

from groupspace.groups.models import IOPGroup

from .models import Message


def delete_expired_messages(now=None) -> int:
    """Delete each group's messages older than its retention period, with their reactions
    and reports (cascade). Deleted means gone from the database. Idempotent."""
    now = now or timezone.now()
    deleted = 0
    for group_id, days in IOPGroup.objects.values_list("pk", "retention_days"):
        count, _ = Message.objects.filter(
            group_id=group_id, created_at__lt=now - timedelta(days=days)
        ).delete()
        deleted += count
    return deleted
