"""A person's own account pages: profile, consents and their data."""

from __future__ import annotations

import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from kindred.accounts import services
from kindred.accounts.consent import CONSENT_VERSIONS
from kindred.accounts.forms import ConsentForm, ProfileForm
from kindred.accounts.http import SignedInRequest
from kindred.accounts.models import ConsentPurpose
from kindred.accounts.permissions import has_second_factor, is_staff_user, second_factor_prompt
from kindred.core.params import safe_next


@login_required
@require_http_methods(["GET", "POST"])
def profile(request: SignedInRequest) -> HttpResponse:
    user = request.user
    form = ProfileForm(request.POST or None, instance=user)
    if request.method == "POST" and form.is_valid():
        services.profile_update(
            user=user,
            display_name=form.cleaned_data["display_name"],
            real_name=form.cleaned_data["real_name"],
        )
        messages.success(request, _("Your profile is saved."))
        return redirect("accounts:profile")
    current = {c.purpose: c for c in user.consents.current()}
    consents = [
        {
            "purpose": value,
            "label": label,
            "record": current.get(value),
            "version": CONSENT_VERSIONS[value],
        }
        for value, label in ConsentPurpose.choices
    ]
    return render(
        request,
        "accounts/profile.html",
        {
            "form": form,
            "consents": consents,
            "roles": user.role_assignments.select_related("organisation"),
            "is_staff_user": is_staff_user(user),
            "has_mfa": has_second_factor(user),
        },
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
def consent_change(request: SignedInRequest) -> HttpResponse:
    user = request.user
    form = ConsentForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("That choice was not recognised. Please try again."))
        return redirect("accounts:profile")
    purpose = form.cleaned_data["purpose"]
    if request.POST.get("action") == "withdraw":
        if purpose == ConsentPurpose.TERMS:
            messages.error(
                request,
                _(
                    "The terms of use are needed to keep an account. To stop using Kindred, delete your account."
                ),
            )
        elif services.consent_withdraw(user=user, purpose=purpose):
            messages.success(request, _("You have withdrawn this consent."))
    else:
        services.consent_give(user=user, purpose=purpose)
        messages.success(request, _("Thank you. Your choice is saved."))
    return redirect("accounts:profile")


@login_required
@require_GET
def data_export(request: SignedInRequest) -> HttpResponse:
    """Download everything Kindred holds about me, as JSON."""
    user = request.user
    body = json.dumps(services.user_export_data(user=user), indent=2, ensure_ascii=False)
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    stamp = timezone.now().strftime("%Y-%m-%d")
    response["Content-Disposition"] = f'attachment; filename="kindred-my-data-{stamp}.json"'
    return response


@login_required
@require_GET
def second_step(request: SignedInRequest) -> HttpResponse:
    """One link for "confirm it is you with your second step": asks for it (or to set one
    up), then goes back to `next`."""
    next_url = safe_next(request, reverse("accounts:profile"))
    return second_factor_prompt(request, next_url) or redirect(next_url)
