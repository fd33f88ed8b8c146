"""Milestone pages: short views that check access, call one action and render.

The participant: `/me/milestones/` (progress, sobriety date, preferences) and the decide
endpoint used by the home page, the room and the progress page. A group's therapists:
`/groups/<slug>/milestones/people/<id>/` (audited read; records phases, graduations, custom).
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, JsonResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext
from django.views.decorators.http import require_POST

from groupspace.groups.access import get_group_for_member_or_404

from . import actions
from .forms import DecideForm, PreferencesForm, RecordForm, SobrietyDateForm
from .progress import build_progress
from .sharing import MilestoneRefused, shareable_memberships


@login_required
def my_progress(request):
    return _render_progress(request)


@require_POST
@login_required
def sobriety_date(request):
    if "clear" in request.POST:
        actions.clear_sobriety_date(request.user)
        messages.success(
            request, gettext("Your sobriety date is removed. Your milestones stay here.")
        )
        return redirect("my_milestones")
    form = SobrietyDateForm(request.POST)
    if form.is_valid():
        try:
            actions.set_sobriety_date(request.user, form.cleaned_data["since"])
        except MilestoneRefused as refused:
            form.add_error("since", refused.detail)
        else:
            messages.success(request, gettext("Your date is saved. Every day counts."))
            return redirect("my_milestones")
    return _render_progress(request, date_form=form, status=400)


@require_POST
@login_required
def decide(request):
    """Celebrate a milestone or keep it private. Answers JSON to the room's script, else
    redirects back to the page the form was on."""
    wants_json = request.headers.get("X-Requested-With") == "fetch"
    form = DecideForm(request.POST)
    if not form.is_valid():  # only a hand-made request gets here: the pages send valid forms
        detail = gettext("Choose to celebrate it or to keep it to yourself.")
        if wants_json:
            return JsonResponse({"error": detail}, status=400)
        return render(request, "checkins/refused.html", {"detail": detail}, status=400)
    try:
        milestone = actions.decide(
            request.user,
            form.cleaned_data["milestone_id"],
            form.cleaned_data["choice"],
            form.cleaned_data["group"] or None,
        )
    except MilestoneRefused as refused:
        if wants_json:
            return JsonResponse({"error": refused.detail}, status=refused.status)
        if refused.status == 404:
            raise Http404(refused.detail) from None
        messages.error(request, refused.detail)
    else:
        if wants_json:
            return JsonResponse({"id": milestone.pk, "state": milestone.state})
        messages.success(
            request,
            gettext("It is shared with your group. Congratulations!")
            if milestone.state == milestone.State.SHARED
            else gettext("Kept to yourself. It stays on your progress page."),
        )
    return redirect(_safe_next(request))


@require_POST
@login_required
def preferences(request):
    form = PreferencesForm(request.POST)
    if not form.is_valid():
        return _render_progress(request, preferences_form=form, status=400)
    actions.set_preferences(request.user, form.cleaned_data)
    messages.success(request, gettext("Your sharing choices are saved."))
    return redirect("my_milestones")


@login_required
def participant_progress(request, slug, user_id):
    group, membership = get_group_for_member_or_404(request.user, slug)
    form = RecordForm(request.POST or None)
    try:
        if request.method == "POST" and form.is_valid():
            recorded = actions.Recorded(**form.cleaned_data)
            actions.record_milestone(membership, user_id, recorded)
            messages.success(
                request, gettext("Recorded. They are told first and choose who hears of it.")
            )
            return redirect("participant_milestones", slug=slug, user_id=user_id)
        participant = actions.open_participant_progress(membership, user_id)
    except MilestoneRefused as refused:
        if refused.status == 404:
            raise Http404(refused.detail) from None
        form.add_error(None, refused.detail)
        participant = actions.open_participant_progress(membership, user_id)
    return render(
        request,
        "checkins/milestones/progress.html",
        {
            "own": False,
            "group": group,
            "person": participant,
            "progress": build_progress(participant, group_id=group.pk),
            "record_form": form,
        },
        status=400 if form.is_bound else 200,
    )


def _render_progress(request, *, date_form=None, preferences_form=None, status=200):
    progress = build_progress(request.user)
    return render(
        request,
        "checkins/milestones/progress.html",
        {
            "own": True,
            "progress": progress,
            "asking": [
                {"milestone": m, "rooms": shareable_memberships(m)} for m in progress.asking
            ],
            "date_form": date_form or SobrietyDateForm(initial={"since": progress.since}),
            "preferences_form": preferences_form
            or PreferencesForm(initial=actions.preferences_of(request.user)),
        },
        status=status,
    )


def _safe_next(request) -> str:
    target = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return "/me/milestones/"
