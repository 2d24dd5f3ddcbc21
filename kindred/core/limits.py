"""How long the things members write may be, and the message that says so.

Screening reads every post, reply, message and profile text inside the request. Its
time grows with the length of the text, so every kind of text has a limit, checked by
the form (next to the field, with everything typed kept) and again by the service. The
screening pipeline never reads more than `SCREENING_MAX_LENGTH` characters.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

TITLE_MAX_LENGTH = 150
TOPIC_MAX_LENGTH = 20_000
REPLY_MAX_LENGTH = 20_000
MESSAGE_MAX_LENGTH = 5_000
BLOG_POST_MAX_LENGTH = 20_000
DISPLAY_NAME_MAX_LENGTH = 40
# The longest of the above (a topic is screened with its title): screening never reads
# past it.
SCREENING_MAX_LENGTH = (
    TITLE_MAX_LENGTH
    + 2
    + max(TOPIC_MAX_LENGTH, REPLY_MAX_LENGTH, MESSAGE_MAX_LENGTH, BLOG_POST_MAX_LENGTH)
)


def too_long_message(length: int, limit: int) -> str:
    """'Please take out 12 characters': the limit, and how much is over it."""
    return _(
        "This is %(length)s characters long. The most you can use is %(limit)s, "
        "so please take out %(over)s."
    ) % {"length": f"{length:,}", "limit": f"{limit:,}", "over": f"{length - limit:,}"}


def check_length(text: str, limit: int) -> None:
    """Raise a `ValidationError` (code "too_long") if `text` is longer than `limit`."""
    if len(text) > limit:
        raise ValidationError(too_long_message(len(text), limit), code="too_long")


class LimitedCharField(forms.CharField):
    """A text field with a length limit that the browser does not enforce.

    A `maxlength` attribute makes a browser cut off pasted text without saying so; this
    field lets the whole text through, so that the form can come back with all of it and
    a message saying how much to take out."""

    def __init__(self, *, limit: int, **kwargs: Any) -> None:
        kwargs.pop("max_length", None)
        super().__init__(**kwargs)
        self.limit = limit

    def validate(self, value: Any) -> None:
        super().validate(value)
        if isinstance(value, str):
            check_length(value, self.limit)
