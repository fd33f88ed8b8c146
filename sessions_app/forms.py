"""Forms for the schedule, attendance letters, the calendar feed and prompts. Times a
therapist types are wall-clock times in the group's time zone."""

from django import forms
from django.utils import formats
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from .models import ScheduledPrompt, SessionKind, WeeklySlot
from .schedule import local_datetime

MAX_SESSION_MINUTES = 8 * 60


class DateInput(forms.DateInput):
    input_type = "date"


class TimeInput(forms.TimeInput):
    input_type = "time"


def duration_field() -> forms.IntegerField:
    return forms.IntegerField(
        label=_("Length (minutes)"), min_value=15, max_value=MAX_SESSION_MINUTES, initial=180
    )


def kind_field() -> forms.ChoiceField:
    return forms.ChoiceField(choices=SessionKind.choices, label=_("Kind of session"))


def topic_field() -> forms.CharField:
    return forms.CharField(max_length=120, required=False, label=_("Topic (optional)"))


def slot_label(slot: WeeklySlot) -> str:
    """ "Wednesdays at 6:00 PM", in the reader's language."""
    return gettext("%(days)s at %(time)s") % {
        "days": slot.weekday_plural,
        "time": formats.time_format(slot.start_time, gettext("g:i A")),
    }


class SlotForm(forms.ModelForm):
    duration_minutes = duration_field()
    kind = kind_field()
    topic = topic_field()

    class Meta:
        model = WeeklySlot
        fields = [
            "weekday",
            "start_time",
            "duration_minutes",
            "kind",
            "topic",
            "starts_on",
            "ends_on",
            "prompts_only",
        ]
        widgets = {"start_time": TimeInput(), "starts_on": DateInput(), "ends_on": DateInput()}
        labels = {
            "weekday": _("Day"),
            "start_time": _("Starts at"),
            "starts_on": _("First week"),
            "ends_on": _("Last week (optional)"),
            "prompts_only": _("Prompts only during the session"),
        }

    def clean(self):
        data = super().clean()
        if data.get("ends_on") and data.get("starts_on") and data["ends_on"] < data["starts_on"]:
            self.add_error("ends_on", gettext("The last week must come after the first."))
        return data


class LocalTimeForm(forms.Form):
    """A date and a time in the group's time zone, made aware in `clean`."""

    date = forms.DateField(widget=DateInput(), label=_("Date"))
    time = forms.TimeField(widget=TimeInput(), label=_("Time"))
    duration_minutes = duration_field()

    def __init__(self, *args, time_zone: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.time_zone = time_zone

    def clean(self):
        data = super().clean()
        if data.get("date") and data.get("time"):
            data["starts_at"] = local_datetime(data["date"], data["time"], self.time_zone)
        return data


class MoveForm(LocalTimeForm):
    pass


class ExtraSessionForm(LocalTimeForm):
    kind = kind_field()
    topic = topic_field()


class CancelForm(forms.Form):
    note = forms.CharField(
        max_length=300,
        required=False,
        label=_("Note for the group (optional)"),
        help_text=_("Shown in the room with the cancellation, e.g. when you meet next."),
    )


class SessionDetailsForm(forms.Form):
    kind = kind_field()
    topic = topic_field()
    prompts_only = forms.BooleanField(required=False, label=_("Prompts only during the session"))


class LetterForm(forms.Form):
    date_from = forms.DateField(label=_("From"), widget=DateInput())
    date_to = forms.DateField(label=_("To"), widget=DateInput())
    include_program = forms.BooleanField(
        required=False,
        label=_("Name the program in the letter"),
        help_text=_("Leave this off to state only the dates and hours you attended."),
    )


class VerifyForm(forms.Form):
    code = forms.CharField(max_length=32, label=_("Verification code"))


class FeedPrivacyForm(forms.Form):
    show_group_names = forms.BooleanField(
        required=False,
        label=_("Show my groups' names in my calendar"),
        help_text=_(
            "Off: every event is titled 'Group session'. Anyone who can see your calendar "
            "would see the names."
        ),
    )


def prompt_field() -> forms.CharField:
    return forms.CharField(
        widget=forms.Textarea(attrs={"rows": 4}), max_length=1000, label=_("Prompt")
    )


class PromptNowForm(forms.Form):
    body = prompt_field()


class SchedulePromptForm(forms.Form):
    body = prompt_field()
    timing = forms.ChoiceField(
        choices=ScheduledPrompt.Timing.choices, widget=forms.RadioSelect, label=_("When")
    )
    date = forms.DateField(required=False, widget=DateInput(), label=_("Date"))
    time = forms.TimeField(required=False, widget=TimeInput(), label=_("Time"))
    slot = forms.ModelChoiceField(
        queryset=WeeklySlot.objects.none(),
        required=False,
        empty_label=_("Every session"),
        label=_("Which sessions"),
    )
    anchor = forms.ChoiceField(
        choices=ScheduledPrompt.Anchor.choices,
        initial="end",
        required=False,
        label=_("Relative to"),
    )
    offset_hours = forms.DecimalField(
        min_value=-72,
        max_value=168,
        decimal_places=2,
        initial=2,
        required=False,
        label=_("Hours after (negative: before)"),
    )

    def __init__(self, *args, group, **kwargs):
        super().__init__(*args, **kwargs)
        self.group = group
        self.fields["slot"].queryset = WeeklySlot.objects.filter(group=group, is_active=True)
        self.fields["slot"].label_from_instance = slot_label

    def clean(self):
        data = super().clean()
        if data.get("timing") == ScheduledPrompt.Timing.AT:
            if not data.get("date") or not data.get("time"):
                raise forms.ValidationError(gettext("Choose the date and time to post it."))
            data["post_at"] = local_datetime(data["date"], data["time"], self.group.time_zone)
        elif data.get("timing") == ScheduledPrompt.Timing.AFTER_SESSIONS:
            if data.get("offset_hours") is None:
                self.add_error("offset_hours", gettext("How many hours after the session?"))
            else:
                data["offset_minutes"] = int(data["offset_hours"] * 60)
        return data

    def schedule_fields(self) -> dict:
        data = self.cleaned_data
        fields = {"body": data["body"], "timing": data["timing"]}
        if data["timing"] == ScheduledPrompt.Timing.AT:
            fields["post_at"] = data["post_at"]
        else:
            fields.update(
                slot=data["slot"],
                anchor=data["anchor"] or ScheduledPrompt.Anchor.END,
                offset_minutes=data["offset_minutes"],
            )
        return fields
