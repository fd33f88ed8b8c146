"""The sobriety date, reached milestones and sharing preferences (app label `checkins`).

Every row belongs to one participant. Their group sees a milestone only as the room message
posted when the participant shares it; nothing here is ever serialised into the room.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .thresholds import COUNTED_KINDS, RECORDED_KINDS, Kind, Unit, label

TITLE_MAX_CHARS = 120
NOTE_MAX_CHARS = 500


class SobrietyDate(models.Model):
    """The day a participant's current clean and sober time began, on their own calendar.

    Reset after a lapse by setting a new date: the milestones of earlier periods stay (they
    carry the date they were counted from) and the count starts again.
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        primary_key=True,
        on_delete=models.CASCADE,
        related_name="sobriety_date",
    )
    since = models.DateField()
    set_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"sobriety date of user {self.user_id}"


class Milestone(models.Model):
    class State(models.TextChoices):
        ASKING = "asking", _("Waiting for your choice")
        SHARED = "shared", _("Celebrated with the group")
        PRIVATE = "private", _("Kept to yourself")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="milestones"
    )
    # The group a recorded milestone belongs to; null for a person's own (clean time, streaks,
    # sessions), which they may celebrate in any of their groups.
    group = models.ForeignKey(
        "groups.IOPGroup", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    kind = models.CharField(max_length=16, choices=Kind.choices)
    value = models.PositiveIntegerField(default=0)
    unit = models.CharField(max_length=8, choices=Unit.choices, blank=True)
    # What the count started from: the sobriety date (clean time) or a streak's first day.
    since = models.DateField(null=True, blank=True)
    title = models.CharField(max_length=TITLE_MAX_CHARS, blank=True)
    # The therapist's own words, shown to the participant and in the celebration if shared.
    note = models.TextField(max_length=NOTE_MAX_CHARS, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reached_on = models.DateField()  # the participant's calendar day
    reached_at = models.DateTimeField(default=timezone.now)
    state = models.CharField(max_length=8, choices=State.choices, default=State.ASKING)
    decided_at = models.DateTimeField(null=True, blank=True)
    # The first room message celebrating it, while shared.
    message = models.ForeignKey(
        "room.Message", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        app_label = "checkins"
        constraints = [
            # Each milestone is reached once, even when two ticks run at the same moment.
            models.UniqueConstraint(
                fields=["user", "kind", "value", "unit", "since"],
                condition=Q(kind__in=[Kind.CLEAN_TIME, Kind.STREAK]),
                name="milestone_counted_once",
            ),
            models.UniqueConstraint(
                fields=["user", "kind", "value"],
                condition=Q(kind=Kind.SESSIONS),
                name="milestone_sessions_once",
            ),
            models.UniqueConstraint(
                fields=["user", "group", "kind", "title"],
                condition=Q(kind__in=list(RECORDED_KINDS)),
                name="milestone_recorded_once",
            ),
            models.CheckConstraint(
                condition=Q(kind__in=list(COUNTED_KINDS)) | Q(group__isnull=False),
                name="milestone_recorded_has_group",
            ),
        ]
        indexes = [models.Index(fields=["user", "reached_on"], name="milestone_user_day")]
        ordering = ["-reached_on", "-id"]

    def __str__(self) -> str:
        return f"{self.kind} milestone {self.pk} of user {self.user_id}"

    @property
    def label(self) -> str:
        return label(self.kind, self.value, self.unit, self.title)


class MilestonePreference(models.Model):
    """Per kind: ask each time (the default), always share, never share."""

    class Choice(models.TextChoices):
        ASK = "ask", _("Always ask me")
        SHARE = "share", _("Always share with my group")
        NEVER = "never", _("Never share")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="milestone_preferences"
    )
    kind = models.CharField(max_length=16, choices=Kind.choices)
    choice = models.CharField(max_length=5, choices=Choice.choices, default=Choice.ASK)

    class Meta:
        app_label = "checkins"
        constraints = [
            models.UniqueConstraint(fields=["user", "kind"], name="one_preference_per_kind")
        ]

    def __str__(self) -> str:
        return f"milestone preference of user {self.user_id} for {self.kind}"
