"""The shapes milestone pages accept. Every field checked; nothing from the browser trusted."""

from django import forms
from django.utils.translation import gettext_lazy as _

from ..forms import clean_text
from .actions import KEEP_PRIVATE, SHARE
from .models import NOTE_MAX_CHARS, TITLE_MAX_CHARS, MilestonePreference
from .thresholds import RECORDED_KINDS, Kind


class SobrietyDateForm(forms.Form):
    since = forms.DateField(
        label=_("The day your clean and sober time began"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_(
            "Only you and your therapists see this date. After a lapse, set a new one: "
            "your earlier milestones stay in your history."
        ),
        error_messages={"invalid": _("Enter a date such as 2026-01-31.")},
    )


class DecideForm(forms.Form):
    milestone_id = forms.IntegerField(min_value=1, widget=forms.HiddenInput)
    choice = forms.ChoiceField(choices=[(SHARE, _("Celebrate")), (KEEP_PRIVATE, _("Keep private"))])
    group = forms.SlugField(required=False, max_length=60)


class PreferencesForm(forms.Form):
    """One "ask / share / never" choice per kind."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for kind, kind_label in Kind.choices:
            self.fields[kind] = forms.ChoiceField(
                label=kind_label,
                choices=MilestonePreference.Choice.choices,
                widget=forms.RadioSelect,
                initial=MilestonePreference.Choice.ASK,
            )


class RecordForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("What did they reach?"),
        choices=[(kind, Kind(kind).label) for kind in RECORDED_KINDS],
        widget=forms.RadioSelect,
    )
    title = forms.CharField(
        label=_("Name it"),
        max_length=TITLE_MAX_CHARS,
        required=False,
        help_text=_(
            'For example "Phase 1" or "First week back at work". Needed for a phase or a '
            "custom milestone."
        ),
    )
    note = forms.CharField(
        label=_("A note from you (optional)"),
        max_length=NOTE_MAX_CHARS,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("The participant sees it, and their group too if they celebrate it."),
    )

    def clean_title(self) -> str:
        return clean_text(self.cleaned_data["title"])

    def clean_note(self) -> str:
        return clean_text(self.cleaned_data["note"])

    def clean(self):
        data = super().clean()
        if data.get("kind") in (Kind.PHASE, Kind.CUSTOM) and not data.get("title"):
            self.add_error("title", _("Name the phase or the milestone."))
        return data
