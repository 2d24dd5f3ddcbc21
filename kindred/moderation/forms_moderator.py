"""Forms of the moderators' pages: acting on a case, screening settings, watched words,
deciding an appeal, and the site's list of false claims."""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from kindred.conditions.models import Condition
from kindred.moderation.models import ActionKind, Case, FalseClaim
from kindred.moderation.services import MUTE_DAYS_MAX, NEEDS_REASON, allowed_actions
from kindred.screening.base import Category
from kindred.screening.decisions import CRISIS_OUTCOMES, Outcome, WatchAction
from kindred.screening.misinformation import phrase_pattern

# What each action does, in the words of the moderator choosing it.
ACTION_LABELS: dict[str, Any] = {
    ActionKind.APPROVE: _("Approve: it is fine (a held post is published)"),
    ActionKind.DISMISS: _("No action needed"),
    ActionKind.HIDE: _("Hide the post from members"),
    ActionKind.REMOVE: _("Remove the post and tell the author why"),
    ActionKind.ASK_EDIT: _("Ask the author to edit the post"),
    ActionKind.CARE_NOTE: _("Add a “check this with your care team” note under the post"),
    ActionKind.WARN: _("Warn the author"),
    ActionKind.MUTE: _("Pause the author's posting for some days"),
    ActionKind.REMOVE_MEMBER: _("Remove the author from the group"),
    ActionKind.BAN: _("Ban the author from the group for good"),
}

# Actions that cannot be taken back without an appeal: the moderator ticks a box first.
NEEDS_CONFIRMATION = frozenset({ActionKind.REMOVE_MEMBER, ActionKind.BAN})


class CaseActionForm(forms.Form):
    """What a moderator decides about one case."""

    # Reason, days and the confirmation are needed for some actions only: the help
    # text says which, so no field is marked "optional".
    hide_optional = True

    action = forms.ChoiceField(
        label=_("What do you want to do?"),
        widget=forms.RadioSelect,
        error_messages={"required": _("Please choose what to do.")},
    )
    reason = forms.CharField(
        label=_("Reason"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "The member sees this when you remove a post, ask for an edit, warn, pause, "
            "remove or ban. Be kind and clear. For a care team note, this is the note "
            "(leave it empty for the usual wording)."
        ),
    )
    mute_days = forms.IntegerField(
        label=_("How many days to pause their posting"),
        required=False,
        min_value=1,
        max_value=MUTE_DAYS_MAX,
        help_text=_("Only when you pause posting. From 1 to %(max)s days.")
        % {"max": MUTE_DAYS_MAX},
    )
    confirm = forms.BooleanField(
        label=_("I am sure I want to remove or ban this member"),
        required=False,
        help_text=_("Only needed to remove someone from the group or to ban them."),
    )

    def __init__(self, *args: Any, case: Case, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["action"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [(str(kind), ACTION_LABELS[kind]) for kind in allowed_actions(case)]
        if not set(allowed_actions(case)) & {ActionKind.MUTE}:
            del self.fields["mute_days"]
        if not set(allowed_actions(case)) & NEEDS_CONFIRMATION:
            del self.fields["confirm"]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        action = data.get("action")
        if action in NEEDS_REASON and not (data.get("reason") or "").strip():
            self.add_error("reason", _("Please write a reason. The member will see it."))
        if action == ActionKind.MUTE and not data.get("mute_days") and "mute_days" in data:
            self.add_error(
                "mute_days",
                _("Choose how many days, from 1 to %(max)s.") % {"max": MUTE_DAYS_MAX},
            )
        if action in NEEDS_CONFIRMATION and not data.get("confirm"):
            self.add_error(
                "confirm", _("Please tick the box to show you are sure. This affects a person.")
            )
        return data


class ScreeningSettingsForm(forms.Form):
    """A leader's choice of outcome for each screening category."""

    def __init__(self, *args: Any, current: dict[str, Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for category in Category:
            help_text: Any = ""
            if category == Category.CRISIS:
                choices = [(str(o), Outcome(o).label) for o in CRISIS_OUTCOMES]
                help_text = _(
                    "A post that may be a crisis is never stopped: the author sees helplines "
                    "and you are alerted either way."
                )
            else:
                choices = list(Outcome.choices)
            self.fields[category.value] = forms.ChoiceField(
                label=category.label,
                choices=choices,
                initial=str(current.get(category.value, "")),
                help_text=help_text,
            )

    def outcomes(self) -> dict[str, str]:
        return {category.value: self.cleaned_data[category.value] for category in Category}


class WatchedWordForm(forms.Form):
    phrase = forms.CharField(
        label=_("Word or phrase"),
        max_length=100,
        error_messages={"required": _("Please write a word or phrase.")},
    )
    action = forms.ChoiceField(
        label=_("What should happen to a post that uses it?"),
        choices=WatchAction.choices,
        widget=forms.RadioSelect,
        initial=WatchAction.HOLD,
        error_messages={"required": _("Please choose what should happen.")},
    )


class AppealDecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Your decision"),
        widget=forms.RadioSelect,
        choices=[
            ("keep", _("Keep the decision")),
            ("undo", _("Undo the decision (show the post again, or let the member back in)")),
        ],
        error_messages={"required": _("Please choose whether to keep or undo the decision.")},
    )
    answer = forms.CharField(
        label=_("Your answer to the member"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("The member sees this. Say what you decided and why."),
        error_messages={"required": _("Please write your answer to the member.")},
    )


# Every part of a key phrase needs at least one letter or digit, or it finds everything.
_WORDLIKE = re.compile(r"\w")


class FalseClaimForm(forms.ModelForm[FalseClaim]):
    """A site admin adds or corrects a false claim on the screening list."""

    class Meta:
        model = FalseClaim
        fields = ["key", "claim", "correction", "key_phrases", "conditions", "is_active"]
        labels = {"key": _("Short name (letters, numbers and dashes)")}
        widgets = {
            "correction": forms.Textarea(attrs={"rows": 3}),
            "key_phrases": forms.Textarea(attrs={"rows": 6}),
            "conditions": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["conditions"]
        assert isinstance(field, forms.ModelMultipleChoiceField)
        field.queryset = Condition.objects.active().order_by("name")

    def clean_key_phrases(self) -> str:
        text: str = self.cleaned_data["key_phrases"]
        phrases = [line.strip() for line in text.splitlines() if line.strip()]
        if not phrases:
            raise forms.ValidationError(_("Please write at least one key phrase."))
        problems = []
        for phrase in phrases:
            parts = [a for part in phrase.split(" ... ") for a in part.split("|")]
            if any(not _WORDLIKE.search(part) for part in parts):
                problems.append(phrase)
                continue
            try:
                re.compile(phrase_pattern(phrase))
            except re.error:
                problems.append(phrase)
        if problems:
            raise forms.ValidationError(
                _("These key phrases cannot be used: %(phrases)s. Each part needs a word.")
                % {"phrases": "; ".join(f"“{p}”" for p in problems)}
            )
        return "\n".join(phrases)
