"""A person's own data: everything GroupSpace holds about them, and closing their account.

Apps built on the core add their part with `register_personal_data(name, export, erase)` in
`AppConfig.ready()`, so the core never imports them.
"""

import io
import json
import zipfile
from collections.abc import Callable
from dataclasses import dataclass

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.utils import timezone

from groupspace.audit.log import log_action
from groupspace.groups.models import Membership
from groupspace.spreadsheets import csv_text

FORMER_MEMBER = "A former member"


@dataclass(frozen=True)
class PersonalData:
    export: Callable[[object], list[dict]]  # the person's rows, as flat dicts
    erase: Callable[[object], int]  # delete the person's private rows; how many


_sections: dict[str, PersonalData] = {}


def register_personal_data(name: str, export, erase) -> None:
    _sections[name] = PersonalData(export, erase)


def export_personal_data(user) -> dict[str, list[dict]]:
    """Every section of the person's own data. Other people appear by display name at most."""
    from groupspace.moderation.models import Report  # moderation builds on accounts
    from groupspace.room.models import Message, Reaction  # the room builds on accounts

    data = {
        "profile": [
            {
                "email": user.email,
                "first_name": user.first_name,
                "last_name": user.last_name,
                "display_name": user.display_name,
                "name_on_letters": user.verified_name,
                "name_on_letters_confirmed_at": user.verified_name_at,
                "time_zone": user.time_zone,
                "language": user.language,
                "date_joined": user.date_joined,
            }
        ],
        "memberships": list(
            Membership.objects.filter(user=user).values(
                "group__name", "role", "state", "joined_at", "ended_at"
            )
        ),
        "messages": list(
            Message.objects.filter(author=user)
            .order_by("id")
            .values("id", "group__name", "kind", "body", "state", "created_at", "reply_to_id")
        ),
        "reactions": list(
            Reaction.objects.filter(user=user).values("message_id", "emoji", "created_at")
        ),
        # Reports the person made (who wrote the reported message is someone else's data).
        "reports": list(
            Report.objects.filter(reporter=user)
            .order_by("id")
            .values("message_id", "reason", "status", "created_at")
        ),
    }
    for name, section in _sections.items():
        data[name] = section.export(user)
    return data


def export_json(user) -> str:
    return json.dumps(export_personal_data(user), cls=DjangoJSONEncoder, indent=2)


def export_csv_zip(user) -> bytes:
    """One CSV file per section, in a zip (groupspace/spreadsheets.py: every row's columns,
    nothing a spreadsheet would run)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, rows in export_personal_data(user).items():
            archive.writestr(f"{name}.csv", csv_text(rows).encode("utf-8"))
    return buffer.getvalue()


def close_account(user) -> None:
    """Close an account: private data deleted, messages kept as "A former member", the
    person's memberships ended and their sockets closed; the audit log records it."""
    with transaction.atomic():
        for section in _sections.values():
            section.erase(user)
        Membership.objects.filter(user=user, state=Membership.State.ACTIVE).update(
            state=Membership.State.LEFT, ended_at=timezone.now()
        )
        log_action(user, "account.close", subject_user=user)
        EmailAddress.objects.filter(user=user).delete()
        Authenticator.objects.filter(user=user).delete()
        user.email = f"closed-{user.pk}@closed.invalid"
        user.first_name = ""
        user.last_name = ""
        user.display_name = FORMER_MEMBER
        user.language = ""
        user.is_active = False  # room.signals closes every open socket
        user.set_unusable_password()
        user.save()  # the row stays: the person's messages point at it
