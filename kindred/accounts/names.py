"""Display names: one person per name (so nobody can pass as another member), and no
name that looks like Kindred's staff or a moderator's title."""

from __future__ import annotations

import re
import unicodedata

# Digits and signs people use in place of letters ("M0derator", "Adm1n").
_LOOKALIKES = str.maketrans(
    {"0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t", "8": "b", "@": "a", "$": "s"}
)
_RESERVED = frozenset(
    {
        "moderator",
        "moderators",
        "admin",
        "admins",
        "administrator",
        "kindred",
        "staff",
        "supportteam",
        "nhs",
    }
)
# These give themselves away even run into other letters ("KindredAdmin").
_RESERVED_INSIDE = ("moderator", "admin", "kindred", "supportteam")


def name_key(name: str) -> str:
    """The name as compared with others: no case, accents, spaces or punctuation
    ("Mína" and "mina" are one name)."""
    plain = unicodedata.normalize("NFKD", name)
    plain = "".join(ch for ch in plain if not unicodedata.combining(ch)).casefold()
    letters = "".join(ch for ch in plain if ch.isalnum())
    return letters or "".join(plain.split())


def looks_like_staff(name: str) -> bool:
    """The name reads as a moderator, an admin, Kindred's staff or the NHS."""
    key = unicodedata.normalize("NFKD", name)
    key = "".join(ch for ch in key if not unicodedata.combining(ch)).casefold()
    key = key.translate(_LOOKALIKES)
    words = [w for w in re.split(r"[^a-z0-9]+", key) if w]
    squashed = "".join(words)
    for start in range(len(words)):
        for end in range(start + 1, len(words) + 1):
            if "".join(words[start:end]) in _RESERVED:
                return True
    return any(squashed.startswith(w) or squashed.endswith(w) for w in _RESERVED_INSIDE)
