"""The shape of a check-in as posted by a browser: every field range-checked, nothing trusted."""

from dataclasses import dataclass
from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from groupspace.groups.models import IOPGroup

from .models import (
    MOOD_FACES,
    MOOD_MAX,
    MOOD_MIN,
    MOOD_WORDS,
    NOTE_MAX_CHARS,
    SCALE_MAX,
    SCALE_MIN,
    SLEEP_MAX_HOURS,
    CheckIn,
    SelfCare,
)

PRIVATE, SHARED = "private", "shared"
CRAVING_TRACKS = {IOPGroup.Track.SUBSTANCE_USE, IOPGroup.Track.CO_OCCURRING}


def asks_about_craving(group: IOPGroup) -> bool:
    """Craving (urge to use) is asked only in substance-use and co-occurring groups."""
    return group.track in CRAVING_TRACKS


@dataclass(frozen=True)
class CheckinValues:
    """A validated check-in, ready for `actions.record_checkin` or `actions.edit_checkin`."""

    kind: str
    mood: int
    anxiety: int
    craving: int | None
    sleep_hours: Decimal | None
    self_care: tuple[str, ...]
    note: str
    wants_support: bool
    shared: bool
    note_shared: bool


def _scale(label: str) -> forms.TypedChoiceField:
    return forms.TypedChoiceField(
        label=label,
        choices=[(n, str(n)) for n in range(SCALE_MIN, SCALE_MAX + 1)],
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose a number from 0 to 10.")},
    )


def clean_text(text: str) -> str:
    """Drop control characters but newline and tab (PostgreSQL refuses NUL), then trim."""
    return "".join(ch for ch in text if ch in "\n\t" or ch >= " ").strip()


class CheckinForm(forms.Form):
    mood = forms.TypedChoiceField(
        label=_("How is your mood?"),
        choices=[(n, MOOD_WORDS[n]) for n in range(MOOD_MIN, MOOD_MAX + 1)],
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose how your mood is.")},
    )
    anxiety = _scale(_("How anxious do you feel?"))
    craving = _scale(_("How strong is any craving or urge to use?"))
    sleep_hours = forms.DecimalField(
        label=_("Hours slept last night"),
        required=False,
        min_value=0,
        max_value=SLEEP_MAX_HOURS,
        max_digits=3,
        decimal_places=1,
        widget=forms.NumberInput(attrs={"step": "0.5", "inputmode": "decimal"}),
    )
    self_care = forms.MultipleChoiceField(
        label=_("Self-care today"),
        choices=SelfCare.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    note = forms.CharField(
        label=_("Anything else? (optional)"),
        required=False,
        max_length=NOTE_MAX_CHARS,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    wants_support = forms.BooleanField(label=_("I could use support today"), required=False)
    kind = forms.ChoiceField(
        label=_("Which check-in is this?"),
        choices=CheckIn.Kind.choices,
        initial=CheckIn.Kind.DAILY,
        widget=forms.RadioSelect,
    )
    visibility = forms.ChoiceField(
        label=_("Who sees this check-in?"),
        choices=[
            (PRIVATE, _("Only me and my therapists")),
            (SHARED, _("Share it with my group")),
        ],
        widget=forms.RadioSelect,
    )
    note_shared = forms.BooleanField(label=_("Share my note with the group too"), required=False)
    client_id = forms.UUIDField(widget=forms.HiddenInput)

    def __init__(self, *args, group: IOPGroup, **kwargs):
        super().__init__(*args, **kwargs)
        self.group = group
        if not asks_about_craving(group):
            # Not asked here; a craving value posted anyway is ignored like any unknown field.
            del self.fields["craving"]

    def clean_self_care(self) -> list[str]:
        chosen = self.cleaned_data["self_care"]
        if SelfCare.NONE in chosen and len(chosen) > 1:
            raise forms.ValidationError(_('Choose "None today" on its own, or what you did.'))
        return chosen

    def clean_note(self) -> str:
        return clean_text(self.cleaned_data["note"])

    def values(self) -> CheckinValues:
        """The cleaned check-in; only after `is_valid()`."""
        data = self.cleaned_data
        shared = data["visibility"] == SHARED
        return CheckinValues(
            kind=data["kind"],
            mood=data["mood"],
            anxiety=data["anxiety"],
            craving=data.get("craving"),
            sleep_hours=data["sleep_hours"],
            self_care=tuple(data["self_care"]),
            note=data["note"],
            wants_support=data["wants_support"],
            shared=shared,
            # Sharing the note means something only when the check-in itself is shared.
            note_shared=shared and data["note_shared"] and bool(data["note"]),
        )

    @staticmethod
    def initial_from(checkin: CheckIn) -> dict:
        """The form's initial values for editing `checkin`."""
        return {
            "mood": checkin.mood,
            "anxiety": checkin.anxiety,
            "craving": checkin.craving,
            "sleep_hours": checkin.sleep_hours,
            "self_care": checkin.self_care,
            "note": checkin.note,
            "wants_support": checkin.wants_support,
            "kind": checkin.kind,
            "visibility": SHARED if checkin.shared else PRIVATE,
            "note_shared": checkin.note_shared,
            "client_id": checkin.client_id,
        }


def mood_choices() -> list[tuple[int, str, str]]:
    """(value, word, face) for the mood picker."""
    return [(n, MOOD_WORDS[n], MOOD_FACES[n]) for n in range(MOOD_MIN, MOOD_MAX + 1)]


class SharingDefaultForm(forms.Form):
    share_scores = forms.BooleanField(
        label=_("Share my check-ins with my group unless I choose otherwise"), required=False
    )


class ReminderTimeForm(forms.Form):
    daily_time = forms.TimeField(
        label=_("Daily check-in time"),
        required=False,
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        help_text=_(
            "Participants who have not checked in see a gentle reminder from this time "
            "(their own time zone). Leave empty to remind them all day."
        ),
    )
