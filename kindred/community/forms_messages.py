"""Forms for private messages, reports (the same form as for posts) and a person's
message and email choices."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from kindred.community.forms_screened import ScreenedForm
from kindred.community.models import DigestFrequency, MessagesFrom
from kindred.core.forms import SubmissionKeyField
from kindred.core.limits import MESSAGE_MAX_LENGTH, LimitedCharField
from kindred.screening.reports import ReportReason


class MessageForm(ScreenedForm):
    """A private message. Screened when sent: see `ScreenedForm`."""

    submission = SubmissionKeyField()

    body = LimitedCharField(
        label=_("Your message"),
        limit=MESSAGE_MAX_LENGTH,
        strip=True,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "Only the two of you can read it. A site moderator reads a message only if "
            "one of you reports it."
        ),
        error_messages={"required": _("Please write a message.")},
    )


class PreferenceForm(forms.Form):
    messages_from = forms.ChoiceField(
        label=_("Who can send you private messages?"),
        choices=MessagesFrom.choices,
        widget=forms.RadioSelect,
    )
    digest = forms.ChoiceField(
        label=_("How often should we email you a summary?"),
        choices=DigestFrequency.choices,
        widget=forms.RadioSelect,
        help_text=_(
            "The email lists what is new for you, like replies and messages. It never "
            "shows what a message says."
        ),
    )


class ReportForm(forms.Form):
    """A member tells the moderators what is wrong with a post or a message."""

    category = forms.ChoiceField(
        label=_("What is wrong?"),
        choices=ReportReason.CHOICES,
        widget=forms.RadioSelect,
        error_messages={"required": _("Please choose what is wrong.")},
    )
    reason = forms.CharField(
        label=_("Anything else to tell them?"),
        required=False,
        max_length=ReportReason.REASON_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Only the moderators read this. They will not say who told them."),
    )
