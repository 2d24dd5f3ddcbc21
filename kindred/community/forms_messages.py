"""Forms for private messages, reports and a person's message and email choices."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from kindred.community.messaging import MESSAGE_MAX_LENGTH, REPORT_REASON_MAX_LENGTH
from kindred.community.models import DigestFrequency, MessagesFrom


class MessageForm(forms.Form):
    body = forms.CharField(
        label=_("Your message"),
        max_length=MESSAGE_MAX_LENGTH,
        strip=True,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "Only the two of you can read it. A site moderator reads a message only if "
            "one of you reports it."
        ),
        error_messages={"required": _("Please write a message.")},
    )


class ReportForm(forms.Form):
    reason = forms.CharField(
        label=_("What is wrong with this message?"),
        max_length=REPORT_REASON_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("A site moderator will read the message and what you write here."),
        error_messages={"required": _("Please say what is wrong.")},
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
