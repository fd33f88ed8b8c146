"""People: an email-addressed account with the name and time zone the group sees."""

import zoneinfo

from django.conf import settings
from django.contrib.auth.base_user import BaseUserManager
from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _


def validate_time_zone(value: str) -> None:
    if value not in zoneinfo.available_timezones():
        raise ValidationError(_("Choose a time zone from the list."))


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email: str, password: str | None, **fields):
        if not email:
            raise ValueError("An email address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email: str, password: str | None = None, **fields):
        fields.setdefault("is_staff", False)
        fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **fields)

    def create_superuser(self, email: str, password: str | None = None, **fields):
        fields["is_staff"] = True
        fields["is_superuser"] = True
        return self._create_user(email, password, **fields)


class User(AbstractUser):
    """A person. Logs in with email; `is_staff` marks clinic staff (admins)."""

    username = None
    email = models.EmailField(_("email address"), unique=True)
    display_name = models.CharField(
        max_length=60,
        blank=True,
        help_text=_("The name your groups see. Defaults to your first name and last initial."),
    )
    time_zone = models.CharField(
        max_length=64, default="America/Phoenix", validators=[validate_time_zone]
    )
    # Blank: follow the browser's language (Accept-Language).
    language = models.CharField(
        _("language"), max_length=8, blank=True, default="", choices=settings.LANGUAGES
    )
    # The name the clinic has on record, confirmed by staff or a therapist of the person's group
    # (groups/letter_name.py), never typed by the person: attendance letters carry it.
    verified_name = models.CharField(_("name on letters"), max_length=150, blank=True)
    verified_name_by = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    verified_name_at = models.DateTimeField(null=True, blank=True)

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    objects = UserManager()

    def save(self, *args, **kwargs):
        if not self.display_name.strip():
            self.display_name = default_display_name(self.first_name, self.last_name, self.email)
        super().save(*args, **kwargs)

    def __str__(self) -> str:
        return self.display_name or self.email


def default_display_name(first_name: str, last_name: str, email: str) -> str:
    """'Alex M.' from Alex Moreno; the part of the email before @ when there is no name."""
    first = first_name.strip()
    last = last_name.strip()
    if first and last:
        return f"{first} {last[0].upper()}."
    if first:
        return first
    return email.split("@", 1)[0][:60]
