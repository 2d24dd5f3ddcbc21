"""Screening of what members write, before it is published.

Each check reads one post (or reply, message or profile text) and says whether it
probably breaks one of a group's ground rules, or whether its author may be in crisis.
A check never decides what happens: it returns a `Finding` (a category, a confidence
and a reason the author and the moderators can read), and the group's settings choose
the outcome (allow, warn the author, hold for review, block with an explanation).

`screen()` in `pipeline` runs every check, crisis first.
"""

from kindred.screening.base import Category, Check, Finding
from kindred.screening.pipeline import screen

__all__ = ["Category", "Check", "Finding", "screen"]
