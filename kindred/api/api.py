"""Kindred's public API (django-ninja). Routers live beside this file and are thin
adapters over the apps' services and queries."""

from ninja import NinjaAPI

from kindred.api.community import router as community_router
from kindred.api.directory import router as directory_router

api = NinjaAPI(
    title="Kindred API",
    version="1",
    description="Peer support groups for long-term conditions. The directory follows "
    "Open Referral HSDS 3.0.",
    urls_namespace="api",
)
api.add_router("/", directory_router)
api.add_router("/", community_router)
