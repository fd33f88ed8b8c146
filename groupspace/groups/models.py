"""IOP groups and the memberships that tie people to them with a role."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext, gettext_noop
from django.utils.translation import gettext_lazy as _

from groupspace.accounts.models import validate_time_zone

# Marked for translation: shown in the reader's language while a group keeps it unchanged.
DEFAULT_AGREEMENT = gettext_noop("""\
What is shared here stays here: don't repeat or screenshot what others write.
Be kind. Speak from your own experience; no judging, no shaming.
No advice about medication or doses: that belongs with your prescriber.
This room is not an emergency service. Therapists are not watching it all the time. If you are \
in crisis, call or text 988, or call 911.""")


class IOPGroup(models.Model):
    class Track(models.TextChoices):
        SUBSTANCE_USE = "substance_use", _("Substance use")
        MENTAL_HEALTH = "mental_health", _("Mental health")
        CO_OCCURRING = "co_occurring", _("Co-occurring")

    class ModerationMode(models.TextChoices):
        POST = "post", _("Post-moderation (messages appear at once)")
        PRE = "pre", _("Pre-moderation (a therapist approves participants' messages)")

    name = models.CharField(max_length=120)
    slug = models.SlugField(max_length=60, unique=True)
    track = models.CharField(max_length=20, choices=Track.choices)
    time_zone = models.CharField(
        max_length=64, default="America/Phoenix", validators=[validate_time_zone]
    )
    description = models.TextField(blank=True)
    is_archived = models.BooleanField(default=False)
    moderation_mode = models.CharField(
        max_length=4, choices=ModerationMode.choices, default=ModerationMode.POST
    )
    is_locked = models.BooleanField(default=False)
    retention_days = models.PositiveIntegerField(
        default=180,
        help_text=_("Messages older than this are deleted for good by the periodic tick."),
    )
    share_history_with_new_members = models.BooleanField(
        default=False,
        help_text=_(
            "Off: a new member sees the room from the moment they joined (IOP groups "
            "admit people on a rolling basis). On: everyone sees the room's whole history."
        ),
    )
    agreement = models.TextField(
        default=DEFAULT_AGREEMENT,
        help_text=_("Participants accept this the first time they enter the room."),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        verbose_name = "IOP group"

    def __str__(self) -> str:
        return self.name

    @property
    def agreement_text(self) -> str:
        """The agreement to show: the default one in the reader's language, unless the
        group's therapists wrote their own (shown as written)."""
        if self.agreement.strip() == DEFAULT_AGREEMENT:
            return gettext(DEFAULT_AGREEMENT)
        return self.agreement


class Membership(models.Model):
    class Role(models.TextChoices):
        PARTICIPANT = "participant", _("Participant")
        THERAPIST = "therapist", _("Therapist")

    class State(models.TextChoices):
        ACTIVE = "active", _("Active")
        LEFT = "left", _("Left")
        REMOVED = "removed", _("Removed")

    group = models.ForeignKey(IOPGroup, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(max_length=12, choices=Role.choices, default=Role.PARTICIPANT)
    state = models.CharField(max_length=8, choices=State.choices, default=State.ACTIVE)
    joined_at = models.DateTimeField(default=timezone.now)
    ended_at = models.DateTimeField(null=True, blank=True)
    muted_until = models.DateTimeField(null=True, blank=True)
    agreement_accepted_at = models.DateTimeField(null=True, blank=True)
    # The room's newest message id when this person joined: they see what came after, unless
    # the group shares its history with new members. Set on creation (see save()).
    history_from_message_id = models.BigIntegerField(null=True, blank=True, editable=False)
    # Highest message id this member has seen in the room: the home page's unread count.
    last_read_message_id = models.BigIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["group", "user"], name="one_membership_per_person")
        ]
        ordering = ["group__name", "user__display_name"]

    def __str__(self) -> str:
        return f"{self.user} in {self.group} ({self.role}, {self.state})"

    def save(self, *args, **kwargs):
        if self.history_from_message_id is None:
            from groupspace.room.models import Message  # the room builds on groups

            newest = Message.objects.filter(group_id=self.group_id).order_by("-id").first()
            self.history_from_message_id = newest.pk if newest else 0
        super().save(*args, **kwargs)

    @classmethod
    def from_db(cls, db, field_names, values):
        instance = super().from_db(db, field_names, values)
        # Remembered so a role change can be noticed on save (open sockets must re-join).
        instance.loaded_role = instance.__dict__.get("role")
        return instance

    @property
    def is_active(self) -> bool:
        return self.state == self.State.ACTIVE

    @property
    def is_therapist(self) -> bool:
        return self.role == self.Role.THERAPIST

    @property
    def needs_agreement(self) -> bool:
        return self.role == self.Role.PARTICIPANT and self.agreement_accepted_at is None

    def is_muted(self, now=None) -> bool:
        return self.muted_until is not None and self.muted_until > (now or timezone.now())
