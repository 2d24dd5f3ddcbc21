"""Checking what Kindred publishes against the Open Referral HSDS 3.0 schemas, vendored
unchanged from the specification into vendor/hsds-3.0/ (see vendor/README.md).

Every schema file is registered under the address the specification publishes it at,
so the references inside them ("phone.json") and in openapi.json
("https://raw.githubusercontent.com/.../compiled/service.json") resolve offline."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator
from jsonschema.protocols import Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

STANDARDS = Path(__file__).resolve().parents[3] / "vendor" / "hsds-3.0"
SPEC_BASE = "https://raw.githubusercontent.com/openreferral/specification/3.0/schema/"
OPENAPI = "urn:kindred:hsds-openapi"


def _require_standards() -> None:
    # The schemas are part of the repository: a missing folder is a broken checkout, and a
    # conformance test must never pass by skipping.
    if not STANDARDS.is_dir():
        pytest.fail(f"the HSDS 3.0 schemas are not at {STANDARDS}")


@cache
def _registry() -> Registry[Any]:
    resources = []
    for path in STANDARDS.rglob("*.json"):
        contents = json.loads(path.read_text(encoding="utf-8"))
        # None of the files names a $schema; the OpenAPI 3.1 dialect is JSON Schema 2020-12.
        resource = Resource.from_contents(contents, default_specification=DRAFT202012)
        resources.append((SPEC_BASE + path.relative_to(STANDARDS).as_posix(), resource))
        if path.name == "openapi.json" and path.parent == STANDARDS:
            resources.append((OPENAPI, resource))
    return Registry().with_resources(resources)


def validator(ref: str) -> Validator:
    """A validator for one schema: "compiled/service.json", or a JSON pointer into
    openapi.json such as "#/components/schemas/Page"."""
    _require_standards()
    target = OPENAPI + ref if ref.startswith("#") else SPEC_BASE + ref
    return Draft202012Validator(
        {"$ref": target},
        registry=_registry(),
        format_checker=Draft202012Validator.FORMAT_CHECKER,
    )


def openapi_response(path: str) -> Validator:
    """The 200 response schema openapi.json gives for GET `path` ("/services")."""
    pointer = path.replace("~", "~0").replace("/", "~1")
    return validator(f"#/paths/{pointer}/get/responses/200/content/application~1json/schema")


def assert_valid(ref_or_validator: str | Validator, instance: Any) -> None:
    check = validator(ref_or_validator) if isinstance(ref_or_validator, str) else ref_or_validator
    errors = sorted(check.iter_errors(instance), key=lambda e: list(e.absolute_path))
    assert not errors, "\n".join(
        f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in errors[:10]
    )


# Fields HSDS requires on an address that Kindred may not know (see hsds.venue_to_hsds).
REQUIRED_BUT_MAYBE_UNKNOWN = {"state_province", "postal_code"}


def assert_no_empty_fields(value: Any, path: str = "") -> None:
    """Open Referral UK: leave empty optional fields out instead of sending null,
    "" or an empty list."""
    if isinstance(value, dict):
        for key, item in value.items():
            where = f"{path}/{key}"
            assert item is not None, f"{where} is null"
            if key not in REQUIRED_BUT_MAYBE_UNKNOWN:
                assert item not in ("", [], {}), f"{where} is empty"
            assert_no_empty_fields(item, where)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            assert_no_empty_fields(item, f"{path}/{index}")
