"""Who may do what. Views call these on their first line."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from types import SimpleNamespace
from typing import TYPE_CHECKING, Any, cast

from allauth.account.internal.flows.login import get_authentication_records, record_authentication
from allauth.core.exceptions import ImmediateHttpResponse
from allauth.mfa.models import Authenticator
from django.contrib import messages
from django.contrib.auth import REDIRECT_FIELD_NAME
from django.contrib.auth.models import AnonymousUser
from django.contrib.auth.views import redirect_to_login
from django.contrib.sessions.backends.base import SessionBase
from django.db import models
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from kindred.accounts.models import STAFF_ROLES, Role

if TYPE_CHECKING:
    from kindred.accounts.models import User

# Where a staff member was going when they were sent to set up MFA; the MFA pages
# offer a link back once it is done.
AFTER_MFA_SESSION_KEY = "kindred_after_mfa"
# The kinds of authenticator that are a second factor (recovery codes only back them up).
SECOND_FACTOR_TYPES = (Authenticator.Type.TOTP, Authenticator.Type.WEBAUTHN)


def has_second_factor(user: User) -> bool:
    """The account has an authenticator app or a passkey (whether or not this session
    used it: see `passed_second_factor`)."""
    found: bool = Authenticator.objects.filter(user=user, type__in=SECOND_FACTOR_TYPES).exists()
    return found


def session_passed_second_factor(session: SessionBase, user: User) -> bool:
    """This session of `user` passed a second factor: the second step at sign-in, a
    passkey sign-in, the second step asked for again later, or an authenticator set up
    in this very session. allauth keeps a log of how the session authenticated; a
    password, or a session made any other way (Django's admin form, `force_login`),
    leaves no "mfa" entry."""
    if not user.is_authenticated:
        return False
    # allauth reads only `.session`; the live updates have a session but no request.
    records = get_authentication_records(SimpleNamespace(session=session), user)
    return any(record.get("method") == "mfa" for record in records)


def passed_second_factor(request: HttpRequest) -> bool:
    user = cast("User", request.user)
    if not user.is_authenticated:
        return False
    return session_passed_second_factor(request.session, user)


def second_factor_set_up(request: HttpRequest, *, authenticator: Authenticator) -> None:
    """Setting up an authenticator in this session proves it here and now (the person
    just typed its code, or touched the passkey), so it counts as this session's
    second step."""
    if authenticator.type not in SECOND_FACTOR_TYPES or request.user.pk != authenticator.user_id:
        return
    record_authentication(
        request, request.user, "mfa", id=authenticator.pk, type=authenticator.type, set_up=True
    )


def second_factor_prompt(request: HttpRequest, next_url: str = "") -> HttpResponse | None:
    """None when this session passed a second factor; otherwise where to get one: the
    second step again for someone who has an authenticator, or setting one up. Either
    way they come back to `next_url` (by default the page asked for)."""
    next_url = next_url or request.get_full_path()
    if passed_second_factor(request):
        request.session.pop(AFTER_MFA_SESSION_KEY, None)
        return None
    user = cast("User", request.user)
    kinds = set(
        Authenticator.objects.filter(user=user, type__in=SECOND_FACTOR_TYPES).values_list(
            "type", flat=True
        )
    )
    if kinds:
        messages.info(
            request,
            _(
                "This page shows private things about other people, so please confirm "
                "it is you with your second step (your authenticator app or passkey)."
            ),
        )
        query = urlencode({REDIRECT_FIELD_NAME: next_url})
        # A code from the authenticator app, or, for someone with only a passkey, the passkey.
        step = (
            "mfa_reauthenticate"
            if Authenticator.Type.TOTP in kinds
            else "mfa_reauthenticate_webauthn"
        )
        return redirect(f"{reverse(step)}?{query}")
    request.session[AFTER_MFA_SESSION_KEY] = next_url
    messages.info(
        request,
        _(
            "Before you use this page, please protect your account with a second "
            "step at sign-in (an authenticator app or a passkey)."
        ),
    )
    return redirect(reverse("mfa_activate_totp"))


def require_second_factor(request: HttpRequest) -> None:
    """For a view part-way through its checks (after it knows the person may be here at
    all): stop and ask for the second factor. allauth's AccountMiddleware turns the
    exception into the redirect."""
    prompt = second_factor_prompt(request)
    if prompt is not None:
        raise ImmediateHttpResponse(prompt)


def is_staff_user(user: User) -> bool:
    return user.is_superuser or user.role_assignments.filter(role__in=STAFF_ROLES).exists()


def is_site_admin(user: User) -> bool:
    return user.is_superuser or user.role_assignments.filter(role=Role.SITE_ADMIN).exists()


def is_organisation_admin(user: User | AnonymousUser, organisation: models.Model) -> bool:
    """`user` runs `organisation` (a directory Organisation) as one of its admins, or is
    a site admin: they may change its listing, its groups and its buddy programmes'
    coordinators."""
    if not user.is_authenticated:
        return False
    return user.has_role(Role.ORG_ADMIN, organisation) or is_site_admin(user)


def staff_mfa_required[V: Callable[..., HttpResponse]](view: V) -> V:
    """For views that open staff features: sign-in is required and, because staff can
    see other people's data or change what the public sees, so is a session that passed
    a second factor (an account that has one is not enough: a stolen password alone
    must not open these pages)."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        prompt = second_factor_prompt(request)
        if prompt is not None:
            return prompt
        return view(request, *args, **kwargs)

    return cast(V, wrapped)
