"""What a member can say is wrong when they report a post or a message."""

from __future__ import annotations

from django.utils.translation import gettext_lazy

from kindred.screening.base import Category


class ReportReason:
    """What a member can say is wrong, in their words."""

    CHOICES = [
        (Category.CRISIS, gettext_lazy("Someone may be at risk or in crisis")),
        (Category.ABUSE, gettext_lazy("It is unkind, abusive or harassing")),
        (Category.MEDICAL_ADVICE, gettext_lazy("It tells people what treatment to take")),
        (Category.MISINFORMATION, gettext_lazy("It says something about health that is false")),
        (Category.PROMOTION, gettext_lazy("It is selling something")),
        (Category.CONTACT_DETAILS, gettext_lazy("It shares private details")),
        ("other", gettext_lazy("Something else")),
    ]
    REASON_MAX = 500
