from django import forms

from groupspace.accounts.forms import time_zone_choices

from .models import IOPGroup


class GroupForm(forms.ModelForm):
    time_zone = forms.ChoiceField(choices=time_zone_choices, initial="America/Phoenix")

    class Meta:
        model = IOPGroup
        fields = ["name", "slug", "track", "time_zone", "description", "moderation_mode"]
        help_texts = {"slug": "The group's address: lower-case letters, digits and hyphens."}
