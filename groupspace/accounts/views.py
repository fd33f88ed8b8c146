from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.translation import gettext as _

from .forms import ProfileForm
from .language import chosen_language
from .personal_data import close_account, export_csv_zip, export_json


@login_required
def profile(request):
    form = ProfileForm(request.POST or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        form.save()
        # Say it in the language just chosen.
        language = chosen_language(request.user) or translation.get_language_from_request(request)
        translation.activate(language)
        messages.success(request, _("Your profile is saved."))
        return redirect("profile")
    return render(request, "accounts/profile.html", {"form": form})


@login_required
def my_data(request):
    return render(request, "accounts/my_data.html")


@login_required
def export_data_json(request):
    response = HttpResponse(export_json(request.user), content_type="application/json")
    response["Content-Disposition"] = 'attachment; filename="groupspace-my-data.json"'
    return response


@login_required
def export_data_csv(request):
    response = HttpResponse(export_csv_zip(request.user), content_type="application/zip")
    response["Content-Disposition"] = 'attachment; filename="groupspace-my-data.zip"'
    return response


@login_required
def close_my_account(request):
    """Asks for the password first: closing cannot be undone."""
    error = ""
    if request.method == "POST":
        if request.user.check_password(request.POST.get("password", "")):
            user = request.user
            logout(request)
            close_account(user)
            return render(request, "accounts/closed.html")
        error = _("That password is not right; nothing was changed.")
    return render(request, "accounts/close.html", {"error": error}, status=400 if error else 200)
