"""Helplines as links a phone can use, shared by the member's support page and the
moderator's case page so both show every line the same way: a call line as `tel:`, a
text line (Shout) as `sms:` with the word to text already filled in."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import quote

from django.utils.translation import gettext as _

from kindred.screening.helplines import Helpline, HelplineKind, helplines_for


@dataclass
class HelplineLink:
    helpline: Helpline
    # (the number as people write it, a tel: or sms: address, "Call" or "Text")
    links: list[tuple[str, str, str]]


def helpline_links(country: str) -> list[HelplineLink]:
    found = []
    for line in helplines_for(country):
        texting = line.kind == HelplineKind.TEXT
        scheme, verb = ("sms", _("Text")) if texting else ("tel", _("Call"))
        body = f"?body={quote(line.keyword)}" if texting and line.keyword else ""
        links = []
        # "112 or 999" is two numbers, each with its own link.
        for number in (n.strip() for n in line.number.split(" or ")):
            digits = "".join(ch for ch in number if ch.isdigit() or ch == "+")
            links.append((number, f"{scheme}:{digits}{body}", verb))
        found.append(HelplineLink(line, links))
    return found
