"""What a group page says, worked out from the group's fields: the "is this group right
for me?" summary in short plain sentences, meeting times, and schema.org data; and what
the search page says about its results."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from django.http import HttpRequest
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from kindred.core import distance
from kindred.directory.models import Audience, GenderFocus, PeerGroup, SupportModel
from kindred.directory.places import SERVICE_AREA_NAMES
from kindred.directory.queries import SearchResults, Tip
from kindred.directory.schedules import describe, next_dates

if TYPE_CHECKING:
    from kindred.directory.forms import SearchForm


def _join(items: list[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return _("%(first)s and %(last)s") % {"first": ", ".join(items[:-1]), "last": items[-1]}


def fit_summary(group: PeerGroup) -> list[str]:
    """Short sentences (reading age about 11) a person can check against themselves."""
    conditions = _join([c.name for c in group.conditions.all()])
    lines = []
    if group.audience == Audience.LIVING_WITH:
        lines.append(_("It is for people who live with %(c)s.") % {"c": conditions})
    elif group.audience == Audience.CARERS:
        lines.append(_("It is for carers and family of people with %(c)s.") % {"c": conditions})
    else:
        lines.append(
            _("It is for people with %(c)s, and their carers and family.") % {"c": conditions}
        )
    if group.age_min is not None and group.age_max is not None:
        lines.append(_("It is for ages %(a)s to %(b)s.") % {"a": group.age_min, "b": group.age_max})
    elif group.age_min is not None:
        lines.append(_("It is for people aged %(a)s or over.") % {"a": group.age_min})
    elif group.age_max is not None:
        lines.append(_("It is for people aged %(b)s or under.") % {"b": group.age_max})
    if group.gender_focus != GenderFocus.ANY:
        lines.append(_("It is for %(who)s.") % {"who": group.get_gender_focus_display().lower()})
    if group.cultural_focus:
        lines.append(_("It is mainly for %(who)s.") % {"who": group.cultural_focus})
    modes = [m.lower() for m in group.modes()]
    lines.append(_("You can take part %(modes)s.") % {"modes": _join(modes)})
    if group.is_online or group.is_phone:
        # "the UK" reads better inside a sentence than the form's "The whole UK".
        areas = [
            _("the UK") if n == str(SERVICE_AREA_NAMES["GB"]) else n
            for n in group.service_area_names()
        ]
        if areas:
            lines.append(_("People in %(areas)s can join.") % {"areas": _join(areas)})
        else:
            lines.append(_("People can join from anywhere."))
    languages = [lang.name for lang in group.languages.all()]
    if languages:
        lines.append(_("People speak %(l)s.") % {"l": _join(languages)})
    if group.model == SupportModel.INFORMAL:
        lines.append(_("It is run by people like you, with no professional leaders."))
    elif group.model == SupportModel.PROFESSIONAL:
        lines.append(_("Trained leaders or health workers run it."))
    else:
        lines.append(_("It is led by peers: people who live with the condition."))
    lines.append(
        _("It is free.") if group.is_free else _("It costs: %(cost)s.") % {"cost": group.cost}
    )
    lines.append(_("It is for support and sharing. It does not give medical advice."))
    return lines


@dataclass
class ScheduleRow:
    title: str
    when: str
    next_dates: list[datetime]
    where: str
    duration_minutes: int


def schedule_rows(group: PeerGroup) -> list[ScheduleRow]:
    rows = []
    for schedule in group.schedules.all():
        zone = ZoneInfo(schedule.timezone)
        first = timezone.localtime(schedule.first_meeting, zone)
        time = date_format(first, "TIME_FORMAT")
        where = (
            str(schedule.venue) if schedule.venue else (_("Online") if schedule.is_online else "")
        )
        rows.append(
            ScheduleRow(
                title=schedule.title,
                when=_("%(rule)s at %(time)s") % {"rule": describe(schedule.rrule), "time": time},
                next_dates=next_dates(schedule.rrule, first),
                where=where,
                duration_minutes=schedule.duration_minutes,
            )
        )
    return rows


def group_json_ld(group: PeerGroup, request: HttpRequest) -> dict[str, Any]:
    """schema.org data so search engines can show the group to people looking for it.
    Contact details appear only when the organisation made them public."""
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "Service",
        "name": group.name,
        "description": group.summary,
        "url": request.build_absolute_uri(group.get_absolute_url()),
        "serviceType": group.get_form_display(),
        "provider": {"@type": "Organization", "name": group.organisation.name},
        "audience": {"@type": "PeopleAudience", "audienceType": group.get_audience_display()},
        "availableLanguage": [lang.name for lang in group.languages.all()],
        "isAccessibleForFree": group.is_free,
        "about": [
            {
                "@type": "MedicalCondition",
                "name": c.name,
                **(
                    {
                        "code": {
                            "@type": "MedicalCode",
                            "codingSystem": "SNOMED CT",
                            "codeValue": c.snomed_code,
                        }
                    }
                    if c.snomed_code
                    else {}
                ),
            }
            for c in group.conditions.all()
        ],
    }
    if group.town:
        data["areaServed"] = {"@type": "Place", "name": group.town}
    if group.contact_visibility == "public":
        if group.contact_email:
            data["provider"]["email"] = group.contact_email
        if group.contact_phone:
            data["provider"]["telephone"] = group.contact_phone
    return data


def _remote_words(modes: list[str]) -> str:
    if modes == ["online"]:
        return _("online")
    if modes == ["phone"]:
        return _("by phone")
    return _("online or by phone")


def search_summary(results: SearchResults) -> str:
    """The line above the results: how many, and near a place, how many meet within the
    distance and how many people join from home (so "0 within 15 miles" never hides the
    online groups that were found)."""
    total = results.page.paginator.count
    found = ngettext("%(n)s group found", "%(n)s groups found", total) % {"n": total}
    search, place = results.search, results.place
    if place is None or not total:
        return found
    parts = []
    if "in_person" in search.chosen_modes():
        parts.append(
            _("%(n)s within %(distance)s of %(place)s")
            % {
                "n": results.near_count,
                "distance": distance.length(search.radius_km),
                "place": place.name,
            }
        )
    remote = search.remote_modes()
    if remote and (results.remote_count or not parts):
        parts.append(
            _("%(n)s you can join %(how)s")
            % {"n": results.remote_count, "how": _remote_words(remote)}
        )
    return _("%(found)s: %(parts)s.") % {"found": found, "parts": _join(parts)}


def tip_text(tip: Tip, form: SearchForm, place_name: str) -> str:
    """What an empty-search tip offers, in words, with how many groups it would find."""
    groups = ngettext("%(n)s group", "%(n)s groups", tip.count) % {"n": tip.count}
    if tip.kind == "distance":
        text = _("Look up to %(distance)s away") % {
            "distance": distance.length(tip.search.radius_km)
        }
    elif tip.kind == "anywhere":
        text = _("Look everywhere, not only near %(place)s") % {"place": place_name}
    elif tip.kind == "mode":
        text = {
            "online": _("Also show groups you can join online"),
            "phone": _("Also show groups you can join by phone"),
            "in_person": _("Also show groups that meet in person"),
        }[tip.mode]
    else:
        text = _("Take away “%(filter)s”") % {"filter": form.describe_filter(tip.field)}
    return _("%(change)s (%(groups)s)") % {"change": text, "groups": groups}
