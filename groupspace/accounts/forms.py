import zoneinfo

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from .models import User

COMMON_TIME_ZONES = [
    "America/Phoenix",
    "America/Los_Angeles",
    "America/Denver",
    "America/Chicago",
    "America/New_York",
    "America/Anchorage",
    "Pacific/Honolulu",
    "UTC",
]


def time_zone_choices() -> list[tuple[str, str]]:
    common = [(tz, tz.replace("_", " ")) for tz in COMMON_TIME_ZONES]
    others = sorted(zoneinfo.available_timezones() - set(COMMON_TIME_ZONES))
    return [
        (_("Common"), common),
        (_("All time zones"), [(tz, tz.replace("_", " ")) for tz in others]),
    ]


class NameAndTimeZoneSignupForm(forms.Form):
    """Extra fields on allauth's sign-up form (reached only through an invitation)."""

    first_name = forms.CharField(max_length=150, label=_("First name"))
    last_name = forms.CharField(max_length=150, label=_("Last name"), required=False)
    time_zone = forms.ChoiceField(
        choices=time_zone_choices, initial="America/Phoenix", label=_("Time zone")
    )

    def signup(self, request, user: User) -> None:
        user.first_name = self.cleaned_data["first_name"].strip()
        user.last_name = self.cleaned_data["last_name"].strip()
        user.time_zone = self.cleaned_data["time_zone"]
        user.save()


class ProfileForm(forms.ModelForm):
    time_zone = forms.ChoiceField(choices=time_zone_choices, label=_("Time zone"))
    # Each language named in its own words, so anyone can find theirs.
    language = forms.ChoiceField(
        choices=[("", _("The language of my browser")), *settings.LANGUAGES],
        required=False,
        label=_("Language"),
    )

    class Meta:
        model = User
        fields = ["display_name", "first_name", "last_name", "time_zone", "language"]
        labels = {
            "display_name": _("Name your groups see"),
            "first_name": _("First name"),
            "last_name": _("Last name"),
        }

    def clean_display_name(self) -> str:
        return self.cleaned_data["display_name"].strip()
