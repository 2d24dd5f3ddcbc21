"""Buddy programme reads that other apps' pages share."""

from __future__ import annotations

from kindred.buddies.models import Programme
from kindred.directory.models import PeerGroup


def published_programme_for_listing(group: PeerGroup) -> Programme | None:
    """The published programme a directory listing stands for, where people join it
    (None: the listing is not a Kindred programme, or the programme is not taking new
    people)."""
    return Programme.objects.published().filter(listing=group).first()
