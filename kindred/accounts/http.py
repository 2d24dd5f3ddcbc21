"""The request a signed-in view gets."""

from __future__ import annotations

from django.http import HttpRequest

from kindred.accounts.models import User


class SignedInRequest(HttpRequest):
    """A request from someone signed in. A view behind `login_required` (or any check
    that refuses visitors first) takes this type, so `request.user` is Kindred's `User`
    without a cast; Django builds the same `HttpRequest` either way."""

    user: User
