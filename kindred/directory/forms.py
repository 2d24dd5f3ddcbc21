from __future__ import annotations

from datetime import datetime
from typing import Any

from django import forms
from django.http import QueryDict
from django.urls import reverse_lazy
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _

from kindred.conditions.models import Condition
from kindred.core import distance
from kindred.core.distance import DEFAULT_RADIUS_MILES, RADIUS_MILES
from kindred.directory.models import (
    Audience,
    Language,
    Organisation,
    PeerGroup,
    SupportForm,
    SupportModel,
    Venue,
)
from kindred.directory.places import SERVICE_AREAS, find_place
from kindred.directory.queries import GroupSearch
from kindred.directory.schedules import WEEKDAYS, build_rrule
from kindred.directory.trust import TRUST_MARKERS

RADIUS_CHOICES = [(miles, lazy(distance.radius_label, str)(miles)) for miles in RADIUS_MILES]
MODE_CHOICES = [("online", _("Online")), ("in_person", _("In person")), ("phone", _("By phone"))]
SORT_CHOICES = [
    ("relevance", _("Best match")),
    ("distance", _("Nearest first")),
    ("name", _("Name A to Z")),
]


class SearchForm(forms.Form):
    """The directory search. Every field is optional, so any shared URL is valid."""

    # Every field is optional here, so saying so on each one is noise.
    hide_optional = True

    q = forms.CharField(label=_("What are you looking for?"), required=False, max_length=100)
    near = forms.CharField(
        label=_("Near a town or postcode"),
        required=False,
        max_length=60,
        help_text=_("For example Portsmouth or PO1"),
        widget=forms.TextInput(
            attrs={
                "list": "place-suggestions",
                "autocomplete": "off",
                "hx-get": reverse_lazy("directory:place-suggestions"),
                "hx-trigger": "input changed delay:300ms",
                "hx-target": "#place-suggestions",
                "hx-sync": "this:replace",
                # Suggestions must not replace the search in the address bar.
                "hx-push-url": "false",
            }
        ),
    )
    radius = forms.TypedChoiceField(
        label=_("Distance"),
        choices=RADIUS_CHOICES,
        coerce=int,
        required=False,
        initial=DEFAULT_RADIUS_MILES,
        help_text=_("Groups you join online or by phone show wherever you are."),
    )
    condition = forms.MultipleChoiceField(label=_("Condition"), required=False, choices=[])
    mode = forms.MultipleChoiceField(
        label=_("How it meets"),
        required=False,
        choices=MODE_CHOICES,
        widget=forms.CheckboxSelectMultiple,
    )
    form = forms.MultipleChoiceField(
        label=_("Type of support"),
        required=False,
        choices=SupportForm.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    model = forms.MultipleChoiceField(
        label=_("Who runs it"),
        required=False,
        choices=SupportModel.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    audience = forms.ChoiceField(
        label=_("Who it is for"),
        required=False,
        choices=[
            ("", _("Anyone")),
            (Audience.LIVING_WITH, _("People living with it")),
            (Audience.CARERS, _("Carers and family")),
        ],
    )
    language = forms.ChoiceField(label=_("Language"), required=False, choices=[])
    trust = forms.MultipleChoiceField(
        label=_("Must have"),
        required=False,
        choices=[(m.key, m.title) for m in TRUST_MARKERS],
        widget=forms.CheckboxSelectMultiple,
    )
    sort = forms.ChoiceField(label=_("Sort by"), required=False, choices=SORT_CHOICES)

    def __init__(
        self,
        *args: Any,
        conditions: list[Condition],
        languages: list[Language],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        condition_field = self.fields["condition"]
        assert isinstance(condition_field, forms.ChoiceField)
        condition_field.choices = [(c.slug, c.name) for c in conditions]
        language_field = self.fields["language"]
        assert isinstance(language_field, forms.ChoiceField)
        language_field.choices = [
            ("", _("Any language")),
            *[(lang.code, lang.name) for lang in languages],
        ]

    # GroupSearch's field for each of the form's filters.
    FILTER_FIELDS = {
        "conditions": "condition",
        "modes": "mode",
        "forms": "form",
        "models": "model",
        "audience": "audience",
        "language": "language",
        "trust": "trust",
    }

    def describe_filter(self, search_field: str) -> str:
        """A filter as it is set, in words: "Language: Punjabi"."""
        name = self.FILTER_FIELDS[search_field]
        field = self.fields[name]
        assert isinstance(field, forms.ChoiceField)
        chosen = self.cleaned_data.get(name) if self.is_valid() else None
        values = chosen if isinstance(chosen, list) else [chosen]
        # The stubs type choices loosely (groups, callables); a form's are value-label pairs.
        labels = dict(field.choices)  # type: ignore[arg-type]
        shown = ", ".join(str(labels.get(v, v)) for v in values if v)
        return f"{field.label}: {shown}"

    def to_search(self) -> GroupSearch:
        data = self.cleaned_data if self.is_valid() else {}
        return GroupSearch(
            q=data.get("q", ""),
            near=data.get("near", ""),
            radius_km=distance.miles_to_km(data.get("radius") or DEFAULT_RADIUS_MILES),
            conditions=data.get("condition", []),
            modes=data.get("mode", []),
            forms=data.get("form", []),
            models=data.get("model", []),
            audience=data.get("audience", ""),
            language=data.get("language", ""),
            trust=data.get("trust", []),
            sort=data.get("sort") or "relevance",
        )


def search_querystring(search: GroupSearch) -> str:
    """The search page address for `search` (the reverse of SearchForm.to_search), for
    links that change one thing about a search."""
    params = QueryDict(mutable=True)
    for name, value in [("q", search.q), ("near", search.near)]:
        if value:
            params[name] = value
    if search.near:
        params["radius"] = str(distance.whole_miles(search.radius_km))
    for name, values in [
        ("condition", search.conditions),
        ("mode", search.modes),
        ("form", search.forms),
        ("model", search.models),
        ("trust", search.trust),
    ]:
        params.setlist(name, list(values))
    for name, value in [("audience", search.audience), ("language", search.language)]:
        if value:
            params[name] = value
    if search.sort != "relevance":
        params["sort"] = search.sort
    return params.urlencode()


class OrganisationForm(forms.ModelForm[Organisation]):
    class Meta:
        model = Organisation
        fields = [
            "name",
            "kind",
            "description",
            "website",
            "charity_number",
            "email",
            "phone",
            "town",
            "country",
        ]
        widgets = {"description": forms.Textarea(attrs={"rows": 4})}


class PeerGroupForm(forms.ModelForm[PeerGroup]):
    """The form an organisation admin fills in to list a group. Every error is shown next
    to its field and everything typed stays in the form."""

    conditions = forms.ModelMultipleChoiceField(
        queryset=Condition.objects.active(),
        widget=forms.CheckboxSelectMultiple,
        label=_("Which conditions is it for?"),
        error_messages={"required": _("Choose at least one condition.")},
    )
    languages = forms.ModelMultipleChoiceField(
        queryset=Language.objects.all(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        label=_("Languages spoken in the group"),
    )
    service_area = forms.MultipleChoiceField(
        choices=SERVICE_AREAS,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        label=_("Where can people join from, online or by phone?"),
        help_text=_("Leave all unticked if anyone can join, wherever they live."),
    )
    # Kept as versions (GroundRules), not on the group: a change is a new version that
    # the members of the group's online space accept.
    ground_rules = forms.CharField(
        label=_("Written ground rules"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
    )

    class Meta:
        model = PeerGroup
        fields = [
            "name",
            "summary",
            "description",
            "conditions",
            "audience",
            "age_min",
            "age_max",
            "gender_focus",
            "cultural_focus",
            "languages",
            "form",
            "model",
            "is_online",
            "is_in_person",
            "is_phone",
            "service_area",
            "town",
            "country",
            "how_to_join",
            "is_free",
            "cost",
            "contact_email",
            "contact_phone",
            "contact_visibility",
            "leaders_accredited",
            "accreditation_details",
            "online_moderated",
            "safe_space",
            "privacy_protected",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 6}),
            "how_to_join": forms.Textarea(attrs={"rows": 3}),
            "form": forms.RadioSelect,
            "model": forms.RadioSelect,
            "audience": forms.RadioSelect,
        }
        error_messages = {
            "name": {"required": _("Give the group a name.")},
            "summary": {"required": _("Write one short sentence about the group.")},
            "description": {"required": _("Tell people what the group is like.")},
            "how_to_join": {"required": _("Tell people how to join.")},
            "form": {"required": _("Choose the type of support.")},
            "model": {"required": _("Choose who runs the group.")},
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.initial["service_area"] = self.instance.service_area_codes()
        current = self.instance.current_rules() if self.instance.pk else None
        self.current_rules_text = current.text if current is not None else ""
        self.initial["ground_rules"] = self.current_rules_text

    def clean_ground_rules(self) -> str:
        text: str = self.cleaned_data.get("ground_rules") or ""
        if self.current_rules_text and not text.strip():
            raise forms.ValidationError(
                _(
                    "Members have agreed to these ground rules, so they cannot be removed. "
                    "You can change them instead."
                )
            )
        return text

    def clean_service_area(self) -> str:
        return ",".join(sorted(self.cleaned_data.get("service_area") or []))

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not (data.get("is_online") or data.get("is_in_person") or data.get("is_phone")):
            self.add_error("is_online", _("Tick at least one: online, in person or by phone."))
        age_min, age_max = data.get("age_min"), data.get("age_max")
        if age_min is not None and age_max is not None and age_min > age_max:
            self.add_error(
                "age_max", _("The oldest age must be the same as or more than the youngest age.")
            )
        if data.get("service_area") and not (data.get("is_online") or data.get("is_phone")):
            self.add_error(
                "service_area",
                _(
                    "Only online and phone groups say where people can join from. "
                    "Tick online or by phone, or untick these."
                ),
            )
        town = (data.get("town") or "").strip()
        if data.get("is_in_person") and not town:
            self.add_error(
                "town", _("Groups that meet in person need a town, so people nearby can find them.")
            )
        elif town and find_place(town, data.get("country") or None) is None:
            self.add_error(
                "town",
                _(
                    "We could not find “%(town)s”. Check the spelling, or type the nearest bigger town."
                )
                % {"town": town},
            )
        if not data.get("is_free") and not (data.get("cost") or "").strip():
            self.add_error("cost", _("Say what it costs, or tick “free to join”."))
        if data.get("leaders_accredited") and not (data.get("accreditation_details") or "").strip():
            self.add_error(
                "accreditation_details", _("Say what training or accreditation the leaders have.")
            )
        return data


class VenueForm(forms.ModelForm[Venue]):
    class Meta:
        model = Venue
        fields = [
            "name",
            "address",
            "town",
            "postcode",
            "country",
            "latitude",
            "longitude",
            "step_free",
            "accessibility_notes",
            "safe_space_notes",
        ]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        lat, lng = data.get("latitude"), data.get("longitude")
        if (lat is None) != (lng is None):
            self.add_error("longitude", _("Give both latitude and longitude, or neither."))
        if lat is not None and not -90 <= lat <= 90:
            self.add_error("latitude", _("Latitude must be between -90 and 90."))
        if lng is not None and not -180 <= lng <= 180:
            self.add_error("longitude", _("Longitude must be between -180 and 180."))
        if (
            lat is None
            and data.get("town")
            and find_place(data.get("postcode") or data["town"], data.get("country")) is None
            and find_place(data["town"], data.get("country")) is None
        ):
            self.add_error(
                "town",
                _(
                    "We could not find this town. Check the spelling or give latitude and longitude."
                ),
            )
        return data


FREQUENCY_CHOICES = [
    ("weekly", _("Every week")),
    ("fortnightly", _("Every other week")),
    ("monthly", _("Once a month")),
    ("yearly", _("Once a year")),
]
WEEKDAY_CHOICES = [
    ("", _("—")),
    *zip(
        WEEKDAYS,
        [
            _("Monday"),
            _("Tuesday"),
            _("Wednesday"),
            _("Thursday"),
            _("Friday"),
            _("Saturday"),
            _("Sunday"),
        ],
        strict=True,
    ),
]
WEEK_OF_MONTH_CHOICES = [
    ("", _("—")),
    ("1", _("First")),
    ("2", _("Second")),
    ("3", _("Third")),
    ("4", _("Fourth")),
    ("-1", _("Last")),
]


class ScheduleForm(forms.Form):
    """Plain choices that become an RFC 5545 rule (see schedules.build_rrule)."""

    title = forms.CharField(
        label=_("What happens"), max_length=150, help_text=_("For example: Walk along the seafront")
    )
    frequency = forms.ChoiceField(label=_("How often"), choices=FREQUENCY_CHOICES)
    weekday = forms.ChoiceField(label=_("Day"), choices=WEEKDAY_CHOICES, required=False)
    week_of_month = forms.ChoiceField(
        label=_("Which week (monthly only)"), choices=WEEK_OF_MONTH_CHOICES, required=False
    )
    first_date = forms.DateField(
        label=_("Date of the first meeting"), widget=forms.DateInput(attrs={"type": "date"})
    )
    start_time = forms.TimeField(
        label=_("Start time"), widget=forms.TimeInput(attrs={"type": "time"})
    )
    duration_minutes = forms.IntegerField(
        label=_("Length in minutes"), min_value=15, max_value=600, initial=90
    )
    venue = forms.ModelChoiceField(
        label=_("Where"),
        queryset=Venue.objects.none(),
        required=False,
        empty_label=_("No venue (online or by phone)"),
    )
    is_online = forms.BooleanField(label=_("This meeting is online"), required=False)

    def __init__(self, *args: Any, group: PeerGroup, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        venue_field = self.fields["venue"]
        assert isinstance(venue_field, forms.ModelChoiceField)
        venue_field.queryset = group.venues.all()

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if (
            data.get("frequency") == "monthly"
            and data.get("week_of_month")
            and not data.get("weekday")
        ):
            self.add_error("weekday", _("Choose the day, for example the first Saturday."))
        if data.get("frequency") in {"weekly", "fortnightly"} and not data.get("weekday"):
            self.add_error("weekday", _("Choose the day of the week."))
        if not data.get("venue") and not data.get("is_online"):
            self.add_error("venue", _("Choose a venue, or tick “this meeting is online”."))
        return data

    def rrule(self) -> str:
        d = self.cleaned_data
        week = int(d["week_of_month"]) if d.get("week_of_month") else None
        return build_rrule(
            frequency=d["frequency"], weekday=d.get("weekday", ""), week_of_month=week
        )

    def first_meeting(self) -> datetime:
        d = self.cleaned_data
        # Wall-clock time where the group meets; the service attaches the zone.
        return datetime.combine(d["first_date"], d["start_time"])
