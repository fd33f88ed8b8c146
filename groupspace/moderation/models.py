"""Reports of messages, and alerts that wait in front of a group's therapists."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Report(models.Model):
    """A member's report of a message. One per reporter and message."""

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        DISMISSED = "dismissed", _("Dismissed")
        ACTIONED = "actioned", _("Message removed")

    message = models.ForeignKey("room.Message", on_delete=models.CASCADE, related_name="reports")
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    reason = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    resolved_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["message", "reporter"], name="one_report_per_reporter")
        ]
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"report of message {self.message_id} ({self.status})"


class Alert(models.Model):
    """Something a therapist should look at; it stays until one acknowledges it."""

    class Kind(models.TextChoices):
        CRISIS = "crisis", _("Crisis language")
        FLAG = "flag", _("Reported message")
        SUPPORT = "support", _("Could use support")

    group = models.ForeignKey("groups.IOPGroup", on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    # Whom it is about: the writer of a crisis message or a check-in, the reporter of a flag.
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    message = models.ForeignKey(
        "room.Message", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    # Why, in a word a screen can translate: "crisis_language", "reported", "asked_for_support",
    # "mood_low", "craving_high", "mood_drop".
    reason = models.CharField(max_length=40, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    acknowledged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    acknowledged_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["group", "acknowledged_at"], name="alert_group_open")]

    REASON_LABELS = {
        "crisis_language": _("Crisis language"),
        "reported": _("Reported message"),
        "asked_for_support": _("Could use support"),
        "mood_low": _("Mood at its lowest"),
        "craving_high": _("Strong craving"),
        "mood_drop": _("Mood dropping"),
    }

    def __str__(self) -> str:
        return f"{self.kind} alert in group {self.group_id}"

    @property
    def label(self) -> str:
        return self.REASON_LABELS.get(self.reason) or self.get_kind_display()
