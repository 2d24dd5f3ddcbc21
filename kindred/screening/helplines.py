"""Crisis helplines and emergency numbers per country, shown at once to a member whose
post looks like a crisis, before anything else (issue 4).

Data, not code: a deployment checks these against the services' own websites before
launch, and adds its own (a local crisis team, a condition charity's line).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class HelplineKind(StrEnum):
    EMERGENCY = "emergency"  # police, ambulance, fire: danger to life now
    CRISIS = "crisis"  # someone to talk to now, any time
    TEXT = "text"  # a crisis service by text message
    DOMESTIC_ABUSE = "domestic_abuse"


@dataclass(frozen=True, slots=True)
class Helpline:
    """One number a member in crisis can call or text."""

    country: str  # ISO 3166-1 alpha-2
    name: str
    number: str  # as people write it in that country
    kind: HelplineKind
    how: str  # in plain words: "Call 116 123, free, any time"
    keyword: str = ""  # the word to text, for a text line ("SHOUT")

    @property
    def tel(self) -> str:
        """The number for a tel: or sms: link (digits only)."""
        return "".join(ch for ch in self.number if ch.isdigit())


HELPLINES: tuple[Helpline, ...] = (
    Helpline(
        "GB",
        "Emergency services",
        "999",
        HelplineKind.EMERGENCY,
        "If you are in danger now, call 999.",
    ),
    Helpline(
        "GB",
        "Samaritans",
        "116 123",
        HelplineKind.CRISIS,
        "Call 116 123. It is free, any time, day or night.",
    ),
    Helpline(
        "GB",
        "Shout",
        "85258",
        HelplineKind.TEXT,
        "Text SHOUT to 85258. It is free, any time.",
        keyword="SHOUT",
    ),
    Helpline(
        "GB",
        "National Domestic Abuse Helpline (Refuge)",
        "0808 2000 247",
        HelplineKind.DOMESTIC_ABUSE,
        "Call 0808 2000 247. It is free, any time.",
    ),
    Helpline(
        "AU",
        "Emergency services",
        "000",
        HelplineKind.EMERGENCY,
        "If you are in danger now, call 000.",
    ),
    Helpline(
        "AU", "Lifeline", "13 11 14", HelplineKind.CRISIS, "Call 13 11 14, any time, day or night."
    ),
    Helpline(
        "AU",
        "1800RESPECT",
        "1800 737 732",
        HelplineKind.DOMESTIC_ABUSE,
        "Call 1800 737 732. It is free, any time.",
    ),
    Helpline(
        "US",
        "Emergency services",
        "911",
        HelplineKind.EMERGENCY,
        "If you are in danger now, call 911.",
    ),
    Helpline(
        "US",
        "988 Suicide & Crisis Lifeline",
        "988",
        HelplineKind.CRISIS,
        "Call or text 988, any time, day or night.",
    ),
    Helpline(
        "US",
        "National Domestic Violence Hotline",
        "1-800-799-7233",
        HelplineKind.DOMESTIC_ABUSE,
        "Call 1-800-799-7233, any time.",
    ),
    Helpline(
        "IE",
        "Emergency services",
        "112 or 999",
        HelplineKind.EMERGENCY,
        "If you are in danger now, call 112 or 999.",
    ),
    Helpline(
        "IE",
        "Samaritans",
        "116 123",
        HelplineKind.CRISIS,
        "Call 116 123. It is free, any time, day or night.",
    ),
    Helpline(
        "IE",
        "Women's Aid",
        "1800 341 900",
        HelplineKind.DOMESTIC_ABUSE,
        "Call 1800 341 900. It is free, any time.",
    ),
    Helpline(
        "NZ",
        "Emergency services",
        "111",
        HelplineKind.EMERGENCY,
        "If you are in danger now, call 111.",
    ),
    Helpline(
        "NZ",
        "Need to talk? 1737",
        "1737",
        HelplineKind.CRISIS,
        "Call or text 1737. It is free, any time.",
    ),
    Helpline(
        "NZ",
        "Family Violence Information Line",
        "0800 456 450",
        HelplineKind.DOMESTIC_ABUSE,
        "Call 0800 456 450. It is free.",
    ),
)

_ORDER = {
    HelplineKind.EMERGENCY: 0,
    HelplineKind.CRISIS: 1,
    HelplineKind.TEXT: 2,
    HelplineKind.DOMESTIC_ABUSE: 3,
}


def helplines_for(country: str) -> list[Helpline]:
    """The helplines for a country (ISO alpha-2, any case; "UK" means GB), emergency
    number first. An empty list for a country we hold no numbers for: the page then says
    "call your local emergency number" rather than showing another country's lines."""
    code = country.strip().upper()
    code = "GB" if code == "UK" else code
    found = [h for h in HELPLINES if h.country == code]
    return sorted(found, key=lambda h: _ORDER[h.kind])


def countries() -> list[str]:
    """The countries we hold helplines for."""
    return sorted({h.country for h in HELPLINES})
