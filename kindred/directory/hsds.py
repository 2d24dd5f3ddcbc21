"""Kindred's directory as Open Referral HSDS 3.0 objects. Empty optional fields are
left out (Open Referral UK guidance) and contact details only appear when the
organisation made them public."""

from __future__ import annotations

from typing import Any

from kindred.directory.models import ContactVisibility, Organisation, PeerGroup


def organisation_to_hsds(organisation: Organisation) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": str(organisation.public_id),
        "name": organisation.name,
        "description": organisation.description or organisation.name,
    }
    if organisation.website:
        data["website"] = organisation.website
    return data


def service_to_hsds(group: PeerGroup) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": str(group.public_id),
        "organization_id": str(group.organisation.public_id),
        "name": group.name,
        "description": group.description,
        "status": "active" if group.status == "published" else "inactive",
        "application_process": group.how_to_join,
        "organization": organisation_to_hsds(group.organisation),
    }
    if group.contact_visibility == ContactVisibility.PUBLIC and group.contact_email:
        data["email"] = group.contact_email
    if group.cost:
        data["fees_description"] = group.cost
    elif group.is_free:
        data["fees_description"] = "Free"
    if group.accreditation_details:
        data["accreditations"] = group.accreditation_details
    if group.age_min is not None:
        data["minimum_age"] = group.age_min
    if group.age_max is not None:
        data["maximum_age"] = group.age_max
    return data
