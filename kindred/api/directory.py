"""The directory as Open Referral HSDS 3.0: public, read-only, no keys."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Router

from kindred.directory.hsds import service_to_hsds
from kindred.directory.models import PeerGroup

router = Router(tags=["directory"])


@router.get("/", summary="About this HSDS API")
def api_root(request: HttpRequest) -> dict[str, Any]:
    return {
        "version": "3.0",
        "profile": "https://openreferral.org/specification/3.0",
        "openapi_url": request.build_absolute_uri("openapi.json"),
    }


@router.get("/services/{public_id}", summary="One peer support group as an HSDS service")
def service_detail(request: HttpRequest, public_id: str) -> dict[str, Any]:
    group = get_object_or_404(
        PeerGroup.objects.published()
        .select_related("organisation")
        .prefetch_related("conditions", "languages", "venues", "schedules"),
        public_id=public_id,
    )
    return service_to_hsds(group)
