"""Forms for the member's side of moderation: reports, notes under posts, the ground
rules and appeals. The posting forms' screening feedback is community's
(`kindred/community/forms_screened.py`)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from kindred.community.forms_messages import ReportForm

__all__ = ["AppealForm", "NoteForm", "ReportForm", "RulesForm"]

# --- reports, notes, ground rules and appeals --------------------------------------------


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
