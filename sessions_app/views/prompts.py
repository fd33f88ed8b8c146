"""The prompt library page: templates, posting one now, scheduling, and cancelling a schedule.
The group's therapists only."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import translation
from django.utils.translation import gettext
from django.views.decorators.http import require_POST

from groupspace.room.errors import RoomError

from .. import prompts
from ..forms import PromptNowForm, SchedulePromptForm
from ..models import PromptTemplate, ScheduledPrompt
from .access import group_for_therapist


@login_required
def prompt_library(request, slug):
    group, _membership = group_for_therapist(request, slug)
    template = None
    if request.GET.get("template", "").isdigit():
        template = PromptTemplate.objects.filter(pk=int(request.GET["template"])).first()
    initial = {"body": template.body} if template else {}
    return _render_library(
        request,
        group,
        PromptNowForm(initial=initial, prefix="now"),
        SchedulePromptForm(initial={**initial, "timing": "at"}, prefix="later", group=group),
    )


def libraries() -> list[tuple[str, list[PromptTemplate]]]:
    """The templates by language, the reader's own language first: (code, templates)."""
    mine = translation.get_language()
    by_language: dict[str, list[PromptTemplate]] = {}
    for template in PromptTemplate.objects.all():
        by_language.setdefault(template.language, []).append(template)
    return sorted(by_language.items(), key=lambda item: (item[0] != mine, item[0]))


def _render_library(request, group, now_form, later_form, status=200):
    return render(
        request,
        "sessions/prompts.html",
        {
            "group": group,
            "libraries": libraries(),
            "now_form": now_form,
            "later_form": later_form,
            "scheduled": ScheduledPrompt.objects.filter(group=group, is_active=True).select_related(
                "slot"
            ),
        },
        status=status,
    )


@require_POST
@login_required
def post_prompt_now(request, slug):
    group, _membership = group_for_therapist(request, slug)
    form = PromptNowForm(request.POST, prefix="now")
    if form.is_valid():
        try:
            prompts.post_now(request.user, group, form.cleaned_data["body"])
        except RoomError as refusal:
            form.add_error("body", refusal.detail)
        else:
            messages.success(request, gettext("The prompt is posted in the room."))
            return redirect("room", slug=group.slug)
    later = SchedulePromptForm(prefix="later", group=group, initial={"timing": "at"})
    return _render_library(request, group, form, later, status=400)


@require_POST
@login_required
def schedule_prompt(request, slug):
    group, _membership = group_for_therapist(request, slug)
    form = SchedulePromptForm(request.POST, prefix="later", group=group)
    if form.is_valid():
        try:
            prompts.schedule_prompt(request.user, group, **form.schedule_fields())
        except (ValidationError, RoomError) as refusal:
            form.add_error(None, getattr(refusal, "detail", None) or refusal.messages[0])
        else:
            messages.success(request, gettext("The prompt is scheduled."))
            return redirect("prompt_library", slug=group.slug)
    return _render_library(request, group, PromptNowForm(prefix="now"), form, status=400)


@login_required
def unschedule_prompt(request, slug, scheduled_id):
    group, _membership = group_for_therapist(request, slug)
    scheduled = get_object_or_404(ScheduledPrompt, pk=scheduled_id, group=group, is_active=True)
    if request.method == "POST":
        prompts.cancel_scheduled(request.user, scheduled)
        messages.success(request, gettext("The scheduled prompt is cancelled."))
        return redirect("prompt_library", slug=group.slug)
    return render(
        request, "sessions/confirm_unschedule.html", {"group": group, "scheduled": scheduled}
    )
