"""The Django admin as Kindred runs it. Its own password form is never used: signing in
goes through Kindred's sign-in (allauth, with its lockout and the second step), and
every admin page needs a session that passed a second factor, because the admin opens
moderation, buddy coordination and everyone's email, real name and matching answers."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.contrib.auth import REDIRECT_FIELD_NAME
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme

from kindred.core.permissions import passed_second_factor, second_factor_prompt


class KindredAdminSite(admin.AdminSite):
    def has_permission(self, request: HttpRequest) -> bool:
        return super().has_permission(request) and passed_second_factor(request)

    def login(
        self, request: HttpRequest, extra_context: dict[str, Any] | None = None
    ) -> HttpResponse:
        """Never a password form here: send people to Kindred's sign-in, then the
        second step, then on to where they were going."""
        next_url = request.POST.get(REDIRECT_FIELD_NAME) or request.GET.get(REDIRECT_FIELD_NAME, "")
        if not url_has_allowed_host_and_scheme(
            next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        ):
            next_url = ""
        next_url = next_url or reverse("admin:index", current_app=self.name)
        if not request.user.is_authenticated:
            return redirect_to_login(next_url)
        if not (request.user.is_active and request.user.is_staff):
            raise PermissionDenied
        prompt = second_factor_prompt(request, next_url)
        if prompt is not None:
            return prompt
        return redirect(next_url)
