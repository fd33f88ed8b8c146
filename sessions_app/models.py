"""A group's week: its recurring pattern, the sessions it generates, attendance, the calendar
feed, attendance letters, and prompts (templates, schedules and what the tick posted)."""

import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

WEEKDAYS = [
    (0, _("Monday")),
    (1, _("Tuesday")),
    (2, _("Wednesday")),
    (3, _("Thursday")),
    (4, _("Friday")),
    (5, _("Saturday")),
    (6, _("Sunday")),
]
ENGLISH_WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
# "Wednesdays at 6 pm": the plural is its own word in each language ("los miércoles").
WEEKDAYS_PLURAL = {
    0: _("Mondays"),
    1: _("Tuesdays"),
    2: _("Wednesdays"),
    3: _("Thursdays"),
    4: _("Fridays"),
    5: _("Saturdays"),
    6: _("Sundays"),
}


class SessionKind(models.TextChoices):
    GROUP_THERAPY = "group_therapy", _("Group therapy")
    PSYCHOEDUCATION = "psychoeducation", _("Psychoeducation")
    SKILLS_PRACTICE = "skills_practice", _("Skills practice")
    FAMILY_SESSION = "family_session", _("Family session")


class WeeklySlot(models.Model):
    """One line of the group's weekly pattern: "Wednesdays 6-9 pm", in the group's time zone."""

    group = models.ForeignKey(
        "groups.IOPGroup", on_delete=models.CASCADE, related_name="weekly_slots"
    )
    weekday = models.PositiveSmallIntegerField(choices=WEEKDAYS)
    start_time = models.TimeField(help_text=_("Local time in the group's time zone."))
    duration_minutes = models.PositiveSmallIntegerField(default=180)
    kind = models.CharField(
        max_length=20, choices=SessionKind.choices, default=SessionKind.GROUP_THERAPY
    )
    topic = models.CharField(max_length=120, blank=True)
    prompts_only = models.BooleanField(
        default=False,
        help_text=_("While a session is on, participants may only reply to prompts."),
    )
    starts_on = models.DateField(default=timezone.localdate)
    ends_on = models.DateField(null=True, blank=True)
    is_active = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["group", "weekday", "start_time"]

    def __str__(self) -> str:
        # English whatever the reader's language: the audit log keeps it as written.
        return f"{ENGLISH_WEEKDAYS[self.weekday]}s {self.start_time:%H:%M} ({self.group})"

    @property
    def weekday_plural(self) -> str:
        return WEEKDAYS_PLURAL[self.weekday]


class Session(models.Model):
    class Status(models.TextChoices):
        SCHEDULED = "scheduled", _("Scheduled")
        CANCELLED = "cancelled", _("Cancelled")

    group = models.ForeignKey("groups.IOPGroup", on_delete=models.CASCADE, related_name="sessions")
    # Generated sessions remember their slot and local date, so generation is idempotent.
    slot = models.ForeignKey(
        WeeklySlot, null=True, blank=True, on_delete=models.SET_NULL, related_name="sessions"
    )
    slot_date = models.DateField(null=True, blank=True)
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField()
    kind = models.CharField(
        max_length=20, choices=SessionKind.choices, default=SessionKind.GROUP_THERAPY
    )
    topic = models.CharField(max_length=120, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.SCHEDULED)
    cancel_note = models.CharField(max_length=300, blank=True)
    is_extra = models.BooleanField(default=False)
    # A therapist moved or edited this one: regenerating the pattern leaves it alone.
    changed_by_hand = models.BooleanField(default=False)
    moved_from = models.DateTimeField(null=True, blank=True)
    prompts_only = models.BooleanField(default=False)
    # RFC 5545 SEQUENCE: calendars replace an event only when this grows.
    sequence = models.PositiveIntegerField(default=0)
    # The tick tells open rooms when a session starts and ends, once each.
    start_announced = models.BooleanField(default=False)
    end_announced = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["slot", "slot_date"],
                condition=models.Q(slot__isnull=False),
                name="one_session_per_slot_and_date",
            ),
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")), name="session_ends_after"
            ),
        ]
        indexes = [models.Index(fields=["group", "starts_at"], name="session_group_start")]
        ordering = ["starts_at"]

    def __str__(self) -> str:
        return f"{self.group} session at {self.starts_at:%Y-%m-%d %H:%M} UTC"

    @property
    def is_cancelled(self) -> bool:
        return self.status == self.Status.CANCELLED

    @property
    def duration_minutes(self) -> int:
        return int((self.ends_at - self.starts_at).total_seconds() // 60)

    def is_on(self, now=None) -> bool:
        now = now or timezone.now()
        return not self.is_cancelled and self.starts_at <= now < self.ends_at


class Attendance(models.Model):
    class Status(models.TextChoices):
        PRESENT = "present", _("Present")
        LATE = "late", _("Late")
        EXCUSED = "excused", _("Excused")
        ABSENT = "absent", _("Absent")

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="attendance")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="attendance"
    )
    status = models.CharField(max_length=8, choices=Status.choices)
    # Attended (present or late): what milestones and letters count.
    present = models.BooleanField(default=False, editable=False)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["session", "user"], name="one_attendance_per_session")
        ]
        ordering = ["session__starts_at"]

    def __str__(self) -> str:
        return f"{self.user} {self.status} at {self.session}"

    def save(self, *args, **kwargs):
        self.present = self.status in (self.Status.PRESENT, self.Status.LATE)
        super().save(*args, **kwargs)


def new_feed_token() -> str:
    return secrets.token_urlsafe(24)


class CalendarFeed(models.Model):
    """A person's private iCalendar address. The token is the only credential: resetting it
    makes the old address stop working at once."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_feed"
    )
    token = models.CharField(max_length=64, unique=True, default=new_feed_token)
    show_group_names = models.BooleanField(
        default=False,
        help_text=_(
            "Off: events are titled 'Group session', which says nothing about a diagnosis "
            "in a shared calendar."
        ),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"calendar feed of {self.user}"


class AttendanceLetter(models.Model):
    """A letter a participant produced, frozen as issued, so staff can verify its code."""

    code = models.CharField(max_length=16, unique=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="attendance_letters"
    )
    date_from = models.DateField()
    date_to = models.DateField()
    include_program = models.BooleanField(default=False)
    # What the letter says: its lines as issued (date, hours, and the program if disclosed).
    content = models.JSONField(default=dict)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"attendance letter {self.code}"

    @property
    def language(self) -> str:
        """The language it was issued in, and is always shown in (older letters: English)."""
        return self.content.get("language") or settings.LANGUAGE_CODE


class PromptTemplate(models.Model):
    class Approach(models.TextChoices):
        CBT = "cbt", _("CBT")
        DBT = "dbt", _("DBT")
        MI = "mi", _("Motivational interviewing")
        RELAPSE_PREVENTION = "relapse_prevention", _("Relapse prevention")
        SELF_CARE = "self_care", _("Self-care")

    title = models.CharField(max_length=80)
    approach = models.CharField(max_length=20, choices=Approach.choices)
    body = models.TextField(max_length=1000)
    # The language it is written in: the library shows the therapist's own first.
    language = models.CharField(max_length=8, choices=settings.LANGUAGES, default="en")

    class Meta:
        ordering = ["approach", "title"]

    def __str__(self) -> str:
        return self.title


class ScheduledPrompt(models.Model):
    """A prompt to post later: once at a time, or relative to each session of a weekly slot."""

    class Timing(models.TextChoices):
        AT = "at", _("At a set time")
        AFTER_SESSIONS = "after_sessions", _("Relative to each session")

    class Anchor(models.TextChoices):
        START = "start", _("its start")
        END = "end", _("its end")

    group = models.ForeignKey(
        "groups.IOPGroup", on_delete=models.CASCADE, related_name="scheduled_prompts"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    body = models.TextField(max_length=1000)
    timing = models.CharField(max_length=16, choices=Timing.choices, default=Timing.AT)
    post_at = models.DateTimeField(null=True, blank=True)
    slot = models.ForeignKey(
        WeeklySlot, null=True, blank=True, on_delete=models.CASCADE, related_name="prompts"
    )
    anchor = models.CharField(max_length=5, choices=Anchor.choices, default=Anchor.END)
    offset_minutes = models.IntegerField(default=0)
    is_active = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at"]

    def __str__(self) -> str:
        return f"scheduled prompt {self.pk} in {self.group}"


class PromptPosting(models.Model):
    """One occurrence of a scheduled prompt, posted (or skipped) exactly once: the unique
    constraint is what makes two ticks at once post it once."""

    scheduled_prompt = models.ForeignKey(
        ScheduledPrompt, on_delete=models.CASCADE, related_name="postings"
    )
    occurrence = models.CharField(max_length=40)  # "once" or "session-<id>"
    message_id = models.BigIntegerField(null=True, blank=True)
    skipped = models.BooleanField(default=False)
    posted_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["scheduled_prompt", "occurrence"], name="one_posting_per_occurrence"
            )
        ]

    def __str__(self) -> str:
        return f"{self.scheduled_prompt} / {self.occurrence}"
