"""What every posting form shares when screening or the ground rules send a post back:
nothing the member typed is lost.

`ScreenedForm` adds, only when they are needed, a "post it anyway" box under the body
(with the categories to confirm carried in hidden inputs) and an "I accept the new
ground rules" box. `submit_screened()` calls a service and turns each answer from
screening into feedback on the form."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from django import forms
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _

from kindred.accounts.models import User
from kindred.community.models import Membership, Space
from kindred.community.services import (
    CommunityError,
    RulesNotAccepted,
    needs_rules_acceptance,
    rules_accept,
)
from kindred.directory.models import GroundRules
from kindred.screening.base import Category, Finding
from kindred.screening.decisions import Blocked, NeedsConfirmation

CONFIRM_FIELD = "confirm"
CONFIRMED_FIELD = "confirmed"
ACCEPT_RULES_FIELD = "accept_rules"
RULES_VERSION_FIELD = "rules_version"


class ScreenedForm(forms.Form):
    """A form whose body is screened when it is posted (a topic, a reply, a message).

    `body_field` names the field the screening reasons belong to. Pass `membership` for
    group posts so that a member who has not accepted the current ground rules can do
    it here, without leaving what they wrote."""

    body_field = "body"

    def __init__(self, *args: Any, membership: Membership | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.membership = membership
        self.screening_warnings: list[Finding] = []
        self.categories_to_confirm: list[str] = []
        self.rules: GroundRules | None = None
        self.rules_version: int | None = None
        # A second round: the author was shown warnings and may have ticked the box.
        if self.is_bound and self._posted_categories():
            self.categories_to_confirm = self._posted_categories()
            self._add_confirm_field()
        if membership is not None and needs_rules_acceptance(membership):
            self.ask_to_accept_rules()

    @property
    def confirmed_input_name(self) -> str:
        return self.add_prefix(CONFIRMED_FIELD)

    @property
    def rules_version_input_name(self) -> str:
        return self.add_prefix(RULES_VERSION_FIELD)

    # --- what the author was asked to confirm ------------------------------------------

    def _posted_categories(self) -> list[str]:
        getlist = getattr(self.data, "getlist", None)
        posted: list[str] = getlist(self.add_prefix(CONFIRMED_FIELD)) if getlist else []
        return [c for c in dict.fromkeys(posted) if c in Category.values]

    def _add_confirm_field(self) -> None:
        if CONFIRM_FIELD in self.fields:
            return
        field = forms.BooleanField(
            label=_("I have read this and want to post it anyway"),
            required=False,
            template_name="moderation/_confirm_field.html",
        )
        fields = list(self.fields.items())
        names = [name for name, _field in fields]
        at = names.index(self.body_field) + 1 if self.body_field in names else len(fields)
        fields.insert(at, (CONFIRM_FIELD, field))
        self.fields = dict(fields)

    def confirmed_categories(self) -> list[str]:
        """The categories the author has confirmed: only when they ticked the box."""
        if CONFIRM_FIELD not in self.fields or not self.data.get(self.add_prefix(CONFIRM_FIELD)):
            return []
        return self._posted_categories()

    def ask_to_confirm(self, findings: Sequence[Finding]) -> None:
        """Show the warnings next to the body with a "post it anyway" box. Categories the
        author already confirmed stay confirmed if they tick the box again."""
        confirmed = self.confirmed_categories()
        asked_again = bool(self.categories_to_confirm) and not confirmed
        self.screening_warnings = list(findings)
        self.categories_to_confirm = list(
            dict.fromkeys([*confirmed, *(str(f.category) for f in findings)])
        )
        self._add_confirm_field()
        name = self.add_prefix(CONFIRM_FIELD)
        if hasattr(self.data, "copy") and name in self.data:
            # New warnings: the box starts unticked so the author reads them first.
            data = self.data.copy()
            data.pop(name)
            self.data = data
        if asked_again:
            self.add_error(
                CONFIRM_FIELD,
                _("Tick the box to post it as it is, or change what you wrote."),
            )

    # --- the ground rules ------------------------------------------------------------

    def ask_to_accept_rules(self) -> None:
        if self.membership is None:
            return
        space = self.membership.space
        self.rules = space.group.current_rules()
        self.rules_version = space.rules_version
        if ACCEPT_RULES_FIELD not in self.fields:
            self.fields[ACCEPT_RULES_FIELD] = forms.BooleanField(
                label=_("I accept the new ground rules"),
                required=False,
                template_name="moderation/_rules_field.html",
            )

    def accepts_rules(self) -> bool:
        """The member ticked the box for the version they were shown (not an older
        page, if the rules changed again meanwhile)."""
        if self.membership is None or ACCEPT_RULES_FIELD not in self.fields:
            return False
        ticked = bool(self.data.get(self.add_prefix(ACCEPT_RULES_FIELD)))
        version = self.data.get(self.add_prefix(RULES_VERSION_FIELD), "")
        return ticked and version == str(self.membership.space.rules_version)


def submit_screened[T](
    form: ScreenedForm,
    publish: Callable[[list[str]], T],
    *,
    space: Space | None = None,
    user: User | None = None,
    refusal_field: str | None = None,
) -> T | None:
    """Accept the ground rules if the member ticked the box, then call
    `publish(confirmed)`. When screening or a rule sends the post back, the reason goes on
    the form (which keeps everything typed) and None is returned. Other refusals (posting
    paused by a moderator, a blocked recipient) go on `refusal_field`, or the whole form."""
    if space is not None and user is not None and form.accepts_rules():
        try:
            rules_accept(space=space, user=user)
        except PermissionDenied:
            pass  # No longer a member: the service below says so.
        else:
            form.fields.pop(ACCEPT_RULES_FIELD, None)
    try:
        return publish(form.confirmed_categories())
    except Blocked as error:
        form.add_error(form.body_field, list(error.messages))
    except NeedsConfirmation as error:
        form.ask_to_confirm(error.findings)
    except RulesNotAccepted as error:
        form.ask_to_accept_rules()
        if ACCEPT_RULES_FIELD in form.fields:
            form.add_error(
                ACCEPT_RULES_FIELD,
                _("Please tick the box to accept the new ground rules, then post again."),
            )
        else:
            form.add_error(None, error.messages[0])
    except CommunityError as error:
        form.add_error(refusal_field, error.messages[0])
    return None
