"""/api/v1/openapi.json describes every answer a route can give, errors included, so a
client generated from it knows a 404 and a 422 and their shapes."""

import pytest
from jsonschema import Draft202012Validator

from kindred.api.tests.hsds_schema import assert_valid

pytestmark = pytest.mark.django_db


@pytest.fixture
def spec(client):
    return client.get("/api/v1/openapi.json").json()


def _resolve(spec, schema):
    while "$ref" in schema:
        name = schema["$ref"].rsplit("/", 1)[-1]
        schema = spec["components"]["schemas"][name]
    return schema


def _error_schema(spec, path, status):
    responses = spec["paths"][path]["get"]["responses"]
    assert str(status) in responses, f"{path} lists only {sorted(responses)}"
    return _resolve(spec, responses[str(status)]["content"]["application/json"]["schema"])


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/services/{public_id}",
        "/api/v1/organizations/{public_id}",
        "/api/v1/groups/{slug}/topics",
    ],
)
def test_it_lists_the_404_of_routes_that_find_one_thing(spec, path):
    schema = _error_schema(spec, path, 404)
    assert schema["properties"]["detail"]["type"] == "string"
    assert schema["required"] == ["detail"]


@pytest.mark.parametrize("path", ["/api/v1/services", "/api/v1/groups/{slug}/topics"])
def test_it_lists_the_422_of_routes_that_take_parameters(spec, path):
    schema = _error_schema(spec, path, 422)
    detail = schema["properties"]["detail"]
    assert detail["type"] == "array"
    item = _resolve(spec, detail["items"])
    assert {"type", "loc", "msg"} <= set(item["required"])


def _validator(spec, path, status):
    schema = spec["paths"][path]["get"]["responses"][str(status)]["content"]
    return Draft202012Validator(
        {**schema["application/json"]["schema"], "components": spec["components"]}
    )


def test_its_404_and_422_match_what_the_api_answers(client, spec, directory):
    not_found = client.get("/api/v1/services/no-such-group")
    assert not_found.status_code == 404
    assert_valid(_validator(spec, "/api/v1/services/{public_id}", 404), not_found.json())
    refused = client.get("/api/v1/services", {"per_page": 1000})
    assert refused.status_code == 422
    check = _validator(spec, "/api/v1/services", 422)
    assert_valid(check, refused.json())
    assert not check.is_valid({"detail": "Not Found"})
