"""Invitation links: the only way into GroupSpace and into a group."""

import secrets
from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from groupspace.groups.models import Membership

STATUS_LABELS = {
    "active": pgettext_lazy("invitation", "Active"),
    "revoked": pgettext_lazy("invitation", "Revoked"),
    "used": pgettext_lazy("invitation", "Used"),
    "expired": pgettext_lazy("invitation", "Expired"),
    "archived": pgettext_lazy("invitation", "Archived"),
}


def new_token() -> str:
    return secrets.token_urlsafe(24)


def default_expiry():
    return timezone.now() + timedelta(days=settings.INVITATION_DEFAULT_DAYS)


class Invitation(models.Model):
    group = models.ForeignKey(
        "groups.IOPGroup", on_delete=models.CASCADE, related_name="invitations"
    )
    role = models.CharField(
        max_length=12, choices=Membership.Role.choices, default=Membership.Role.PARTICIPANT
    )
    token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    note = models.CharField(
        max_length=120, blank=True, help_text=_("For your own records, e.g. who it is for.")
    )
    single_use = models.BooleanField(default=True)
    uses = models.PositiveIntegerField(default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField(default=default_expiry)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.get_role_display()} invitation to {self.group}"

    def problem(self, now=None) -> str | None:
        """Why the link cannot be used, or None when it can."""
        now = now or timezone.now()
        if self.revoked_at is not None:
            return "revoked"
        if self.single_use and self.uses > 0:
            return "used"
        if self.expires_at <= now:
            return "expired"
        if self.group.is_archived:
            return "archived"
        return None

    @property
    def status(self) -> str:
        return self.problem() or "active"

    @property
    def status_label(self) -> str:
        return STATUS_LABELS[self.status]
