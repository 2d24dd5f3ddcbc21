from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from kindred.accounts.models import ConsentPurpose, User
from kindred.accounts.names import looks_like_staff, name_key
from kindred.core.limits import DISPLAY_NAME_MAX_LENGTH, LimitedCharField, check_length

# Display names are screened like posts by the moderation app, which accounts may not
# import (docs/architecture.md): moderation installs its check in `AppConfig.ready()`.
# The check returns what it found that stops the name, as (category, reason) pairs.
type NameScreen = Callable[[str], list[tuple[str, str]]]
_name_screen: list[NameScreen] = []


def install_name_screen(screen: NameScreen) -> None:
    _name_screen[:] = [screen]


def check_display_name_free(name: str, *, user: User | None = None) -> None:
    """Refuse a name that looks like Kindred's staff, or that another member has
    (ignoring case, accents, spaces and punctuation)."""
    if looks_like_staff(name):
        raise forms.ValidationError(
            _(
                "Please choose another name: this one looks like a moderator or Kindred's "
                "staff, and members could be misled."
            )
        )
    others = User.objects.filter(display_name_key=name_key(name))
    if user is not None and user.pk is not None:
        others = others.exclude(pk=user.pk)
    if others.exists():
        raise forms.ValidationError(
            _("Someone already uses the name “%(name)s”. Please choose another one.")
            % {"name": name}
        )


def clean_display_name(name: str, *, user: User | None = None) -> str:
    """The name every member sees: no contact details, selling or abuse (screened like
    a post, with the reason shown next to the field)."""
    name = name.strip()
    check_length(name, DISPLAY_NAME_MAX_LENGTH)
    if "@" in name:
        raise forms.ValidationError(
            _("Please do not use an email address as your display name: others can see it.")
        )
    found = [problem for screen in _name_screen for problem in screen(name)]
    if found:
        # The screening reasons speak about a post; these speak about the name.
        messages = dict.fromkeys(
            str(_DISPLAY_NAME_REASONS.get(category, reason)) for category, reason in found
        )
        raise forms.ValidationError(list(messages))
    check_display_name_free(name, user=user)
    return name


_DISPLAY_NAME_REASONS = {
    "contact_details": _(
        "Your display name seems to include contact details, like a phone number. Everyone "
        "in your groups can see it. Please take them out. You can share them in a private "
        "message instead, once you both agree."
    ),
    "promotion": _(
        "Your display name seems to advertise something, like a discount code or a shop. "
        "Please choose a name that does not sell anything."
    ),
    "abuse": _(
        "Your display name has words that could hurt or upset people. Please choose another name."
    ),
}


class SignupExtraForm(forms.Form):
    """Extra questions on the sign-up page (allauth adds email and password)."""

    display_name = LimitedCharField(
        label=_("Display name"),
        limit=DISPLAY_NAME_MAX_LENGTH,
        help_text=_("This is the only name other people see. A nickname is fine."),
    )
    agree_terms = forms.BooleanField(
        label=_("I agree to the terms of use and the privacy notice"),
        error_messages={"required": _("You need to agree to the terms to create an account.")},
    )
    agree_health_data = forms.BooleanField(
        label=_(
            "Kindred may use the health details I choose to share to suggest groups "
            "and buddies (you can change this at any time)"
        ),
        required=False,
    )

    def clean_display_name(self) -> str:
        return clean_display_name(self.cleaned_data["display_name"])

    def signup(self, request: HttpRequest, user: User) -> None:
        from kindred.accounts import services

        user.display_name = self.cleaned_data["display_name"].strip()
        user.save(update_fields=["display_name"])
        services.consent_give(user=user, purpose=ConsentPurpose.TERMS)
        if self.cleaned_data.get("agree_health_data"):
            services.consent_give(user=user, purpose=ConsentPurpose.HEALTH_DATA)


class ProfileForm(forms.ModelForm[User]):
    class Meta:
        model = User
        fields = ["display_name", "real_name"]

    # No maxlength in the page: the browser would cut off a pasted name without a word.
    display_name = LimitedCharField(
        label=_("Display name"),
        limit=DISPLAY_NAME_MAX_LENGTH,
        help_text=_("The name other people see. It can be a nickname."),
    )

    def clean_display_name(self) -> str:
        return clean_display_name(self.cleaned_data["display_name"], user=self.instance)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["display_name"].required = True


class ConsentForm(forms.Form):
    purpose = forms.ChoiceField(choices=ConsentPurpose.choices)
