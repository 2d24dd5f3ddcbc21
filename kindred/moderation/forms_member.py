"""Forms for the member's side of moderation, and what every posting form shares when
screening or the ground rules send a post back: nothing the member typed is lost.

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
from kindred.community.services import CommunityError, RulesNotAccepted
from kindred.moderation import gate
from kindred.moderation import services as moderation
from kindred.moderation.models import RulesVersion
from kindred.moderation.screening.base import Category, Finding

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
        self.rules: RulesVersion | None = None
        self.rules_version: int | None = None
        # A second round: the author was shown warnings and may have ticked the box.
        if self.is_bound and self._posted_categories():
            self.categories_to_confirm = self._posted_categories()
            self._add_confirm_field()
        if membership is not None and moderation.needs_rules_acceptance(membership):
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
        self.rules = moderation.current_rules(space)
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
            moderation.rules_accept(space=space, user=user)
        except PermissionDenied:
            pass  # No longer a member: the service below says so.
        else:
            form.fields.pop(ACCEPT_RULES_FIELD, None)
    try:
        return publish(form.confirmed_categories())
    except gate.Blocked as error:
        form.add_error(form.body_field, list(error.messages))
    except gate.NeedsConfirmation as error:
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


# --- reports, notes, ground rules and appeals --------------------------------------------


class ReportForm(forms.Form):
    """A member tells the moderators what is wrong with a post or a message."""

    category = forms.ChoiceField(
        label=_("What is wrong?"),
        choices=moderation.ReportReason.CHOICES,
        widget=forms.RadioSelect,
        error_messages={"required": _("Please choose what is wrong.")},
    )
    reason = forms.CharField(
        label=_("Anything else to tell them?"),
        required=False,
        max_length=moderation.ReportReason.REASON_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Only the moderators read this. They will not say who told them."),
    )


class NoteForm(forms.Form):
    """A different experience, or "please check this", under someone else's post."""

    text = forms.CharField(
        label=_("Your note"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "Share a different experience, or say what people should check with their care "
            "team. It shows once other members support it."
        ),
        error_messages={"required": _("Please write your note.")},
    )
    reply = forms.IntegerField(required=False, widget=forms.HiddenInput)


class RulesForm(forms.Form):
    """A leader or moderator writes a new version of the group's ground rules."""

    text = forms.CharField(
        label=_("Ground rules"),
        widget=forms.Textarea(attrs={"rows": 16}),
        help_text=_("Short, plain sentences. Members read and accept these before they post."),
        error_messages={"required": _("Please write the ground rules.")},
    )
    summary = forms.CharField(
        label=_("What changed?"),
        required=False,
        max_length=300,
        help_text=_("Members see this first, for example: “Rule 2 now covers referral links.”"),
    )


class AppealForm(forms.Form):
    text = forms.CharField(
        label=_("Why do you think it was wrong?"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("A different moderator will read it."),
        error_messages={"required": _("Please say why you think the decision was wrong.")},
    )
