"""The name the clinic has on record for a person, which their attendance letters carry.

A letter is presented as the clinic's confirmation, so its name is not whatever the person
typed in their profile: staff, or a therapist of a group the person is in, confirm it. The
person sees it and asks their therapist to correct it; every change is audited.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from groupspace.audit.log import log_action

from .models import Membership

NAME_MAX_CHARS = 150


def clean_name(text: str) -> str:
    name = " ".join(text.split())
    if not name:
        raise ValidationError(_("Enter the name as the clinic has it on record."))
    if len(name) > NAME_MAX_CHARS:
        raise ValidationError(
            _("The name can be at most %(count)s characters.") % {"count": NAME_MAX_CHARS}
        )
    if any(not character.isprintable() for character in name):
        raise ValidationError(_("The name has a character that cannot be printed."))
    return name


def confirm_letter_name(actor, membership: Membership, text: str) -> None:
    """Record `text` as the name on `membership`'s person's letters. The caller has checked
    that `actor` manages the membership's group (staff, or one of its therapists)."""
    name = clean_name(text)
    person = membership.user
    with transaction.atomic():
        previous = person.verified_name
        person.verified_name = name
        person.verified_name_by = actor
        person.verified_name_at = timezone.now()
        person.save(update_fields=["verified_name", "verified_name_by", "verified_name_at"])
        log_action(
            actor,
            "member.letter_name",
            group=membership.group,
            subject_user=person,
            name=name,
            previous=previous,
        )
