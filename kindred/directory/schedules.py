"""Meeting times as RFC 5545 recurrence rules: built from a few plain choices on a form,
read back as a sentence ("Every month on the first Saturday"), and expanded to dates."""

from __future__ import annotations

from datetime import datetime, timedelta

from dateutil.rrule import rrulestr
from django.utils import timezone
from django.utils.translation import gettext as _

WEEKDAYS = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]


def build_rrule(*, frequency: str, weekday: str = "", week_of_month: int | None = None) -> str:
    """FREQ=WEEKLY;BYDAY=TU, FREQ=MONTHLY;BYDAY=1SA, FREQ=YEARLY or FREQ=WEEKLY;INTERVAL=2."""
    if frequency == "weekly":
        return f"FREQ=WEEKLY;BYDAY={weekday}" if weekday else "FREQ=WEEKLY"
    if frequency == "fortnightly":
        return f"FREQ=WEEKLY;INTERVAL=2;BYDAY={weekday}" if weekday else "FREQ=WEEKLY;INTERVAL=2"
    if frequency == "monthly":
        if weekday and week_of_month:
            return f"FREQ=MONTHLY;BYDAY={week_of_month}{weekday}"
        return "FREQ=MONTHLY"
    if frequency == "yearly":
        return "FREQ=YEARLY"
    raise ValueError(f"Unknown frequency {frequency!r}")


def validate_rrule(rule: str, first: datetime) -> None:
    """Raise ValueError when the rule is not RFC 5545."""
    rrulestr(rule, dtstart=first)


def next_dates(
    rule: str, first: datetime, *, count: int = 3, after: datetime | None = None
) -> list[datetime]:
    after = after or timezone.now()
    recurrence = rrulestr(rule, dtstart=first)
    found: list[datetime] = []
    moment = recurrence.after(after - timedelta(seconds=1), inc=True)
    while moment is not None and len(found) < count:
        found.append(moment)
        moment = recurrence.after(moment)
    return found


def describe(rule: str) -> str:
    """A plain sentence for the rules the form builds; other rules read as 'Regularly'."""
    parts = dict(p.split("=", 1) for p in rule.split(";") if "=" in p)
    freq, byday, interval = parts.get("FREQ"), parts.get("BYDAY", ""), parts.get("INTERVAL")
    day_names = {
        "MO": _("Monday"),
        "TU": _("Tuesday"),
        "WE": _("Wednesday"),
        "TH": _("Thursday"),
        "FR": _("Friday"),
        "SA": _("Saturday"),
        "SU": _("Sunday"),
    }
    ordinal_names = {
        "1": _("first"),
        "2": _("second"),
        "3": _("third"),
        "4": _("fourth"),
        "-1": _("last"),
    }
    if freq == "WEEKLY" and interval == "2" and byday in day_names:
        return _("Every other %(day)s") % {"day": day_names[byday]}
    if freq == "WEEKLY" and byday in day_names:
        return _("Every %(day)s") % {"day": day_names[byday]}
    if freq == "MONTHLY" and byday and byday[-2:] in day_names:
        ordinal = ordinal_names.get(byday[:-2], "")
        return _("The %(ordinal)s %(day)s of every month") % {
            "ordinal": ordinal,
            "day": day_names[byday[-2:]],
        }
    if freq == "MONTHLY":
        return _("Once a month")
    if freq == "YEARLY":
        return _("Once a year")
    if freq == "WEEKLY":
        return _("Every week")
    return _("Regularly")
