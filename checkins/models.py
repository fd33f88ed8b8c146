"""Check-ins: how a participant is doing, kept private or shared with their group.

A check-in always belongs to one participant and one group. Its group's therapists see every
check-in (private ones included: they are part of care); the rest of the group sees only what the
participant shares, as a room message of kind `checkin`.
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

MOOD_MIN, MOOD_MAX = 1, 5
SCALE_MIN, SCALE_MAX = 0, 10
SLEEP_MAX_HOURS = 24
NOTE_MAX_CHARS = 1000

# Words first, faces as decoration: the number alone says little at 11 pm on a bad day.
MOOD_WORDS = {1: _("Very low"), 2: _("Low"), 3: _("Okay"), 4: _("Good"), 5: _("Great")}
MOOD_FACES = {1: "😞", 2: "😔", 3: "😐", 4: "😊", 5: "😄"}


class SelfCare(models.TextChoices):
    EXERCISE = "exercise", _("Exercise")
    REST = "rest", _("Rest")
    PEOPLE = "people", _("Time with people")
    HOBBY = "hobby", _("A hobby")
    RELAXATION = "relaxation", _("Meditation or relaxation")
    NONE = "none", _("None today")


class CheckIn(models.Model):
    class Kind(models.TextChoices):
        DAILY = "daily", _("Daily")
        BEFORE_SESSION = "before_session", _("Before a session")
        AFTER_SESSION = "after_session", _("After a session")

    group = models.ForeignKey("groups.IOPGroup", on_delete=models.CASCADE, related_name="checkins")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="checkins"
    )
    # From the form: a second submit of the same form (a double tap, a retry) is the same check-in.
    client_id = models.UUIDField()
    kind = models.CharField(max_length=16, choices=Kind.choices, default=Kind.DAILY)
    mood = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(MOOD_MIN), MaxValueValidator(MOOD_MAX)]
    )
    anxiety = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(SCALE_MIN), MaxValueValidator(SCALE_MAX)]
    )
    # Asked only in substance-use and co-occurring groups; null elsewhere.
    craving = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        validators=[MinValueValidator(SCALE_MIN), MaxValueValidator(SCALE_MAX)],
    )
    sleep_hours = models.DecimalField(
        max_digits=3,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(SLEEP_MAX_HOURS)],
    )
    # SelfCare values; ["none"] or any of the others.
    self_care = models.JSONField(default=list, blank=True)
    note = models.TextField(max_length=NOTE_MAX_CHARS, blank=True)
    wants_support = models.BooleanField(default=False)
    shared = models.BooleanField(default=False)
    note_shared = models.BooleanField(default=False)
    # The room message while the check-in is shared.
    message = models.ForeignKey(
        "room.Message", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Support alert reasons already raised for this check-in, so an edit never repeats one.
    alert_reasons = models.JSONField(default=list, blank=True)
    # The participant's own calendar day when they checked in (their time zone, not the server's).
    local_date = models.DateField()
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "client_id"], name="one_checkin_per_client_id"),
            # The forms check all of this first; the database refuses anything that slips by.
            models.CheckConstraint(
                condition=Q(mood__gte=MOOD_MIN, mood__lte=MOOD_MAX), name="checkin_mood_range"
            ),
            models.CheckConstraint(
                condition=Q(anxiety__gte=SCALE_MIN, anxiety__lte=SCALE_MAX),
                name="checkin_anxiety_range",
            ),
            models.CheckConstraint(
                condition=Q(craving__isnull=True)
                | Q(craving__gte=SCALE_MIN, craving__lte=SCALE_MAX),
                name="checkin_craving_range",
            ),
            models.CheckConstraint(
                condition=Q(sleep_hours__isnull=True)
                | Q(sleep_hours__gte=0, sleep_hours__lte=SLEEP_MAX_HOURS),
                name="checkin_sleep_range",
            ),
            models.CheckConstraint(
                condition=Q(note_shared=False) | Q(shared=True), name="checkin_note_shared_only"
            ),
        ]
        indexes = [
            models.Index(fields=["group", "local_date"], name="checkin_group_date"),
            models.Index(fields=["user", "local_date"], name="checkin_user_date"),
        ]
        ordering = ["-created_at", "-id"]
        verbose_name = "check-in"

    def __str__(self) -> str:
        return f"check-in {self.pk} by user {self.user_id} in group {self.group_id}"

    @property
    def mood_word(self) -> str:
        return MOOD_WORDS[self.mood]

    @property
    def mood_face(self) -> str:
        return MOOD_FACES[self.mood]

    @property
    def self_care_labels(self) -> list[str]:
        labels = dict(SelfCare.choices)
        return [labels[value] for value in self.self_care if value in labels]


class SharingDefault(models.Model):
    """A participant's default for "share my check-in with the group" (the note never is)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        primary_key=True,
        on_delete=models.CASCADE,
        related_name="checkin_sharing_default",
    )
    share_scores = models.BooleanField(default=False)

    def __str__(self) -> str:
        return f"check-in sharing default of user {self.user_id}"


class ReminderTime(models.Model):
    """A group's daily check-in time, set by its therapists.

    Kept here rather than on IOPGroup so the core knows nothing of check-ins.
    """

    group = models.OneToOneField(
        "groups.IOPGroup",
        primary_key=True,
        on_delete=models.CASCADE,
        related_name="checkin_reminder",
    )
    # Wall-clock time in each participant's own time zone; before it, no reminder shows.
    daily_time = models.TimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"check-in time of group {self.group_id}"


# Milestones live in their own sub-package; imported here so Django finds their models.
from .milestones.models import Milestone, MilestonePreference, SobrietyDate  # noqa: E402, F401
