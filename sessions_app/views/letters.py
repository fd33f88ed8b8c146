"""Attendance letters: a participant issues one for a date range, prints it or downloads the
PDF; clinic staff check a code on the verification page (an audited read of private data)."""

import zoneinfo

from django.contrib import messages
from django.contrib.admin.views.decorators import staff_member_required
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext

from groupspace.audit.log import log_action

from ..forms import LetterForm, VerifyForm
from ..letters import find_letter, issue_letter, letter_paragraphs, letter_pdf
from ..models import AttendanceLetter


@login_required
def new_letter(request):
    today = timezone.localdate(timezone=zoneinfo.ZoneInfo(request.user.time_zone))
    form = LetterForm(
        request.POST or None,
        initial={"date_from": today.replace(day=1), "date_to": today},
    )
    if request.method == "POST" and form.is_valid():
        try:
            letter = issue_letter(request.user, **form.cleaned_data)
        except ValidationError as refusal:
            form.add_error(None, refusal)
        else:
            return redirect("letter_detail", code=letter.code)
    return render(
        request,
        "sessions/letter_form.html",
        {"form": form, "letters": AttendanceLetter.objects.filter(user=request.user)[:20]},
        status=400 if form.errors else 200,
    )


def _own_letter(request, code) -> AttendanceLetter:
    letter = AttendanceLetter.objects.filter(code=code, user=request.user).first()
    if letter is None:
        raise Http404("No such letter.")
    return letter


@login_required
def letter_detail(request, code):
    letter = _own_letter(request, code)
    return render(
        request,
        "sessions/letter.html",
        {"letter": letter, "paragraphs": letter_paragraphs(letter)},
    )


@login_required
def letter_download(request, code):
    letter = _own_letter(request, code)
    response = HttpResponse(letter_pdf(letter), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="attendance-{letter.code}.pdf"'
    return response


@login_required
def delete_letter(request, code):
    letter = _own_letter(request, code)
    if request.method == "POST":
        letter.delete()
        messages.success(request, gettext("The letter is deleted; its code no longer verifies."))
        return redirect("new_letter")
    return render(request, "sessions/confirm_delete_letter.html", {"letter": letter})


@staff_member_required
def verify_letter(request):
    # POST: checking a code is an audited read, and codes stay out of access logs.
    form = VerifyForm(request.POST or None)
    letter = None
    searched = request.method == "POST" and form.is_valid()
    if searched:
        letter = find_letter(form.cleaned_data["code"])
        log_action(
            request.user,
            "letter.verify",
            subject_user=letter.user if letter else None,
            code=form.cleaned_data["code"][:32],
            found=letter is not None,
        )
    return render(
        request,
        "sessions/verify.html",
        {
            "form": form,
            "letter": letter,
            "searched": searched,
            "paragraphs": letter_paragraphs(letter) if letter else [],
        },
        status=404 if searched and letter is None else 200,
    )
