"""What is said in a room: messages, reactions, and which sockets are open."""

from django.conf import settings
from django.db import models
from django.utils import timezone

MAX_BODY_CHARS = 4000
REACTION_EMOJI = ("heart", "clap", "pray", "muscle", "hug", "smile")


class Message(models.Model):
    class Kind(models.TextChoices):
        CHAT = "chat"
        PROMPT = "prompt"
        CHECKIN = "checkin"
        MILESTONE = "milestone"
        SYSTEM = "system"

    class State(models.TextChoices):
        VISIBLE = "visible"
        REMOVED = "removed"
        PENDING = "pending"

    # Ids grow with commit order within a room: a post takes its id under the group's row lock
    # (ordered_insert.py).
    id = models.BigAutoField(primary_key=True)
    group = models.ForeignKey("groups.IOPGroup", on_delete=models.CASCADE, related_name="messages")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    client_id = models.UUIDField(null=True, blank=True)
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.CHAT)
    body = models.TextField(max_length=MAX_BODY_CHARS, blank=True)
    reply_to = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    state = models.CharField(max_length=8, choices=State.choices, default=State.VISIBLE)
    data = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            # A resend with the same client_id is the same message (idempotent send).
            models.UniqueConstraint(
                fields=["group", "author", "client_id"],
                condition=models.Q(client_id__isnull=False),
                name="one_message_per_client_id",
            )
        ]
        indexes = [models.Index(fields=["group", "id"], name="room_message_group_id")]
        ordering = ["id"]

    def __str__(self) -> str:
        return f"message {self.id} in group {self.group_id}"


class Reaction(models.Model):
    message = models.ForeignKey(Message, on_delete=models.CASCADE, related_name="reactions")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    emoji = models.CharField(max_length=16)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["message", "user", "emoji"], name="one_reaction_per_person_and_emoji"
            )
        ]

    def __str__(self) -> str:
        return f"{self.emoji} on message {self.message_id}"


class RoomConnection(models.Model):
    """One open socket. Shared by every process, so presence is right across hosts."""

    channel_name = models.CharField(max_length=200, unique=True)
    group = models.ForeignKey("groups.IOPGroup", on_delete=models.CASCADE, related_name="+")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    connected_at = models.DateTimeField(default=timezone.now)
    # Refreshed by every ping; a row not refreshed for a while belongs to a dead process.
    last_seen = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        indexes = [models.Index(fields=["group", "last_seen"], name="room_conn_group_seen")]

    def __str__(self) -> str:
        return f"socket of user {self.user_id} in group {self.group_id}"


class PinnedPrompt(models.Model):
    """The one prompt a room's therapists keep at the top of the room."""

    group = models.OneToOneField(
        "groups.IOPGroup", on_delete=models.CASCADE, related_name="pinned_prompt"
    )
    message = models.ForeignKey(Message, on_delete=models.CASCADE, related_name="+")
    pinned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    pinned_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"message {self.message_id} pinned in group {self.group_id}"
