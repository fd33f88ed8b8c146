from django import forms
from django.utils.translation import gettext_lazy as _

from groupspace.accounts.forms import time_zone_choices

from .models import IOPGroup


class GroupForm(forms.ModelForm):
    time_zone = forms.ChoiceField(
        choices=time_zone_choices, initial="America/Phoenix", label=_("Time zone")
    )
    retention_days = forms.IntegerField(
        min_value=7,
        max_value=3650,
        initial=180,
        label=_("Keep messages for (days)"),
    )

    class Meta:
        model = IOPGroup
        fields = [
            "name",
            "slug",
            "track",
            "time_zone",
            "description",
            "moderation_mode",
            "retention_days",
        ]
        labels = {
            "name": _("Name"),
            "slug": _("Slug"),
            "track": _("Track"),
            "description": _("Description"),
            "moderation_mode": _("Moderation mode"),
        }
        help_texts = {"slug": _("The group's address: lower-case letters, digits and hyphens.")}


class RoomSettingsForm(forms.ModelForm):
    """What a group's therapists set for their room."""

    class Meta:
        model = IOPGroup
        fields = ["moderation_mode", "share_history_with_new_members", "agreement"]
        widgets = {
            "moderation_mode": forms.RadioSelect,
            "agreement": forms.Textarea(attrs={"rows": 8}),
        }
        labels = {
            "moderation_mode": _("Moderation mode"),
            "share_history_with_new_members": _("Share history with new members"),
            "agreement": _("Group agreement"),
        }

    def clean_agreement(self) -> str:
        text = self.cleaned_data["agreement"].strip()
        if len(text) > 4000:
            raise forms.ValidationError(_("Keep the agreement under 4000 characters."))
        if not text:
            raise forms.ValidationError(_("The agreement cannot be empty."))
        return text
