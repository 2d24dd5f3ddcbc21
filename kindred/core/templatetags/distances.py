"""`{% load distances %}`: distances in the unit kindred.core.distance chooses."""

from __future__ import annotations

from django import template

from kindred.core import distance

register = template.Library()


@register.filter
def away(km: float) -> str:
    return distance.away(km)
