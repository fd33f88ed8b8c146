from django import forms
from django.utils.translation import gettext_lazy as _

from groupspace.groups.models import Membership


class InvitationForm(forms.Form):
    role = forms.ChoiceField(
        choices=Membership.Role.choices, initial=Membership.Role.PARTICIPANT, label=_("Role")
    )
    days = forms.IntegerField(min_value=1, max_value=30, initial=7, label=_("Expires after (days)"))
    single_use = forms.BooleanField(
        required=False, initial=True, label=_("Single use (one person can join with it)")
    )
    note = forms.CharField(
        max_length=120,
        required=False,
        label=_("Note for yourself (optional)"),
        help_text=_("For example who it is for. Only therapists and staff see it."),
    )

    def __init__(self, *args, can_invite_therapists: bool, **kwargs):
        super().__init__(*args, **kwargs)
        if not can_invite_therapists:
            self.fields["role"].choices = [
                (Membership.Role.PARTICIPANT, Membership.Role.PARTICIPANT.label)
            ]
