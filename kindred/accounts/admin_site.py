"""The Django admin as Kindred runs it. Its own password form is never used: signing in
goes through Kindred's sign-in (allauth, with its lockout and the second step), and
every admin page needs a session that passed a second factor, because the admin opens
moderation, buddy coordination and everyone's email, real name and matching answers."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse

from kindred.accounts.permissions import passed_second_factor, second_factor_prompt
from kindred.core.params import safe_next


class KindredAdminSite(admin.AdminSite):
    def has_permission(self, request: HttpRequest) -> bool:
        return super().has_permission(request) and passed_second_factor(request)

    def login(
        self, request: HttpRequest, extra_context: dict[str, Any] | None = None
    ) -> HttpResponse:
        """Never a password form here: send people to Kindred's sign-in, then the
        second step, then on to where they were going."""
        next_url = safe_next(request, reverse("admin:index", current_app=self.name))
        if not request.user.is_authenticated:
            return redirect_to_login(next_url)
        if not (request.user.is_active and request.user.is_staff):
            raise PermissionDenied
        prompt = second_factor_prompt(request, next_url)
        if prompt is not None:
            return prompt
        return redirect(next_url)
