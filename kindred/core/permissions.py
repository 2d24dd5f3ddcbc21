"""Who may do what. Views call these on their first line."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import TYPE_CHECKING, Any, cast

from allauth.mfa.models import Authenticator
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from kindred.accounts.models import STAFF_ROLES, Role

if TYPE_CHECKING:
    from kindred.accounts.models import User

# Where a staff member was going when they were sent to set up MFA; the MFA pages
# offer a link back once it is done.
AFTER_MFA_SESSION_KEY = "kindred_after_mfa"


def has_second_factor(user: User) -> bool:
    found: bool = Authenticator.objects.filter(
        user=user, type__in=[Authenticator.Type.TOTP, Authenticator.Type.WEBAUTHN]
    ).exists()
    return found


def is_staff_user(user: User) -> bool:
    return user.is_superuser or user.role_assignments.filter(role__in=STAFF_ROLES).exists()


def is_site_admin(user: User) -> bool:
    return user.is_superuser or user.role_assignments.filter(role=Role.SITE_ADMIN).exists()


def staff_mfa_required[V: Callable[..., HttpResponse]](view: V) -> V:
    """For views that open staff features: sign-in is required and, because staff can
    see other people's data or change what the public sees, so is a second factor."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if has_second_factor(request.user):
            request.session.pop(AFTER_MFA_SESSION_KEY, None)
        else:
            request.session[AFTER_MFA_SESSION_KEY] = request.get_full_path()
            messages.info(
                request,
                _(
                    "Before you manage groups, please protect your account with a second "
                    "step at sign-in (an authenticator app or a passkey)."
                ),
            )
            return redirect(_mfa_url())
        return view(request, *args, **kwargs)

    return cast(V, wrapped)


def _mfa_url() -> str:
    from django.urls import reverse

    return reverse("mfa_activate_totp")
