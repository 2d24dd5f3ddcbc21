"""The directory as Open Referral HSDS 3.0: public, read-only, no keys.

Every answer carries `Access-Control-Allow-Origin: *` (Open Referral UK), so another
directory's web page can read it. That is safe because nothing here depends on who is
asking: a cookie never changes an answer, and contact details the organisation keeps for
signed-in people are never sent.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, Literal

from django.conf import settings
from django.http import Http404, HttpRequest
from django.http.response import HttpResponseBase
from django.urls import reverse
from ninja import Field, Query, Router, Schema
from ninja.errors import ValidationError
from pydantic import ValidationInfo, field_validator

from kindred.api.errors import InvalidParameters, NotFound
from kindred.conditions.models import Condition
from kindred.directory import hsds
from kindred.directory.models import Language, Organisation, PeerGroup, SupportForm, SupportModel
from kindred.directory.queries import GroupSearch, active_conditions, search_groups
from kindred.directory.trust import MARKERS_BY_KEY

MAX_PER_PAGE = 100

ViewRun = Callable[..., HttpResponseBase]


def open_to_any_origin(run: ViewRun) -> ViewRun:
    """Add `Access-Control-Allow-Origin: *` to every answer, errors included, so a
    browser client can read a 404 or a 422 as well as a page of services."""

    @wraps(run)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        response = run(request, *args, **kwargs)
        response["Access-Control-Allow-Origin"] = "*"
        return response

    return wrapper


router = Router(tags=["directory"])
router.add_decorator(open_to_any_origin, mode="view")


class ServiceFilters(Schema):
    """HSDS's `search`, `page` and `per_page`, plus the directory search page's own
    filters under the same names as on the page."""

    search: str = Field("", max_length=100, description="Free text, e.g. 'type 1 walks'.")
    page: int = Field(1, ge=1)
    per_page: int = Field(min(settings.DIRECTORY_PAGE_SIZE, MAX_PER_PAGE), ge=1, le=MAX_PER_PAGE)
    condition: list[str] = Field(
        default_factory=list,
        description="Condition slug, e.g. type-1-diabetes. Repeat for any of several.",
    )
    mode: list[Literal["online", "in_person", "phone"]] = Field(default_factory=list)
    form: list[SupportForm] = Field(default_factory=list)
    model: list[SupportModel] = Field(default_factory=list)
    audience: Literal["living_with", "carers"] | None = None
    language: str = Field("", max_length=10, description="Language code, e.g. pa or bfi.")
    near: str = Field("", max_length=60, description="A town or UK postcode district.")
    radius_km: int = Field(25, ge=1, le=100)
    trust: list[str] = Field(
        default_factory=list,
        description="Trust markers a group must meet: " + ", ".join(MARKERS_BY_KEY),
    )

    @field_validator("*", mode="before")
    @classmethod
    def _empty_means_any(cls, value: Any, info: ValidationInfo) -> Any:
        """A search form sends every field whether it is filled in or not, so
        `?trust=&near=` means "any": an empty value is no filter, not an error."""
        if isinstance(value, list):
            return [item for item in value if item != ""]
        if value == "" and info.field_name:
            return cls.model_fields[info.field_name].get_default(call_default_factory=True)
        return value

    @field_validator("trust")
    @classmethod
    def _known_markers(cls, keys: list[str]) -> list[str]:
        unknown = [key for key in keys if key not in MARKERS_BY_KEY]
        if unknown:
            choices = ", ".join(MARKERS_BY_KEY)
            raise ValueError(f"Unknown trust marker {', '.join(unknown)}; choose from {choices}")
        return keys

    def to_search(self) -> GroupSearch:
        return GroupSearch(
            q=self.search,
            near=self.near,
            radius_km=self.radius_km,
            conditions=self.condition,
            modes=list(self.mode),
            forms=[f.value for f in self.form],
            models=[m.value for m in self.model],
            audience=self.audience or "",
            language=self.language,
            trust=self.trust,
        )


def _bad_parameter(name: str, message: str) -> ValidationError:
    # The same shape as django-ninja's own 422s, so a client handles one kind of error.
    return ValidationError([{"type": "value_error", "loc": ["query", name], "msg": message}])


def _check_known(filters: ServiceFilters, conditions: list[Condition]) -> None:
    """A mistyped condition or language is an error, not an empty list: otherwise a
    link worker would be told there is no group when there may be several."""
    known = {c.slug for c in conditions}
    unknown = [slug for slug in filters.condition if slug not in known]
    if unknown:
        raise _bad_parameter("condition", f"Unknown condition {', '.join(unknown)}")
    if filters.language and not Language.objects.filter(code=filters.language).exists():
        raise _bad_parameter("language", f"Unknown language code {filters.language}")


@router.get("/", response=hsds.ApiRoot, summary="About this HSDS API")
def api_root(request: HttpRequest) -> hsds.ApiRoot:
    return hsds.ApiRoot(
        version=hsds.HSDS_VERSION,
        profile=hsds.HSDS_PROFILE,
        openapi_url=request.build_absolute_uri(reverse("api:openapi-json")),
    )


@router.get(
    "/services",
    response={200: hsds.ServicePage, 422: InvalidParameters},
    summary="Find peer support groups",
)
def service_list(request: HttpRequest, filters: Query[ServiceFilters]) -> hsds.ServicePage:
    """The same search as the directory's search page, as a page of HSDS services."""
    conditions = active_conditions()
    _check_known(filters, conditions)
    results = search_groups(
        filters.to_search(),
        page_number=filters.page,
        per_page=filters.per_page,
        conditions=conditions,
    )
    if results.place_not_found:
        raise _bad_parameter("near", f"No town or postcode district called {filters.near!r}")
    hsds.load_hsds_relations(results.page.object_list)
    return hsds.services_page(results.page, page_number=filters.page)


@router.get(
    "/services/{public_id}",
    response={200: hsds.Service, 404: NotFound},
    summary="One peer support group",
)
def service_detail(request: HttpRequest, public_id: str) -> hsds.Service:
    try:
        group = hsds.published_group(public_id)
    except PeerGroup.DoesNotExist:
        raise Http404 from None
    return hsds.service_to_hsds(group)


@router.get(
    "/organizations/{public_id}",
    response={200: hsds.Organization, 404: NotFound},
    summary="An organisation and its published groups",
)
def organization_detail(request: HttpRequest, public_id: str) -> hsds.Organization:
    try:
        organisation = hsds.organisation_with_services(public_id)
    except Organisation.DoesNotExist:
        raise Http404 from None
    return hsds.organisation_with_services_to_hsds(organisation)
