"""Distances as people read them. Kindred shows every distance in miles, the unit its
first audience (in the UK) reads; this module is the one place that says so. Searches
and the open API work in kilometres underneath, and convert here."""

from __future__ import annotations

import math

from django.utils.translation import ngettext

UNIT = "miles"
KM_PER_MILE = 1.609344
# The mean radius of the Earth (IUGG), for great-circle distances.
EARTH_RADIUS_KM = 6371.0088
# The choices in the search page's Distance box, and the one used when none is chosen.
RADIUS_MILES = (1, 3, 5, 10, 20, 30, 60)
DEFAULT_RADIUS_MILES = 20


def great_circle_km(lat1: float, lng1: float, lat2: float, lng2: float) -> float:
    """The distance between two points given in degrees, over the Earth's surface
    (haversine). buddies/matching/scoring.py has the same formula over arrays."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lng2 - lng1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(min(a, 1.0)))


def miles_to_km(miles: float) -> float:
    return miles * KM_PER_MILE


def km_to_miles(km: float) -> float:
    return km / KM_PER_MILE


def whole_miles(km: float) -> int:
    return round(km_to_miles(km))


def length(km: float) -> str:
    """A distance as a length: "15 miles", "1 mile"."""
    n = whole_miles(km)
    return ngettext("%(n)s mile", "%(n)s miles", n) % {"n": n}


def radius_label(miles: int) -> str:
    return ngettext("%(n)s mile", "%(n)s miles", miles) % {"n": miles}


def away(km: float) -> str:
    """How far a place is: "Less than 1 mile away", "16 miles away"."""
    if km_to_miles(km) < 1:
        return ngettext("Less than %(n)s mile away", "Less than %(n)s miles away", 1) % {"n": 1}
    n = whole_miles(km)
    return ngettext("%(n)s mile away", "%(n)s miles away", n) % {"n": n}
