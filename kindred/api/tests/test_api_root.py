"""GET /api/v1/: what this API is, as HSDS 3.0 asks every API to say."""

import pytest

from kindred.api.tests.hsds_schema import assert_valid, openapi_response

pytestmark = pytest.mark.django_db


def test_it_describes_itself_as_hsds_3(client):
    response = client.get("/api/v1/")
    assert response.status_code == 200
    body = response.json()
    assert_valid(openapi_response("/"), body)
    assert body["version"] == "3.0"


def test_it_points_to_an_openapi_description_that_exists(client):
    openapi_url = client.get("/api/v1/").json()["openapi_url"]
    assert openapi_url == "http://testserver/api/v1/openapi.json"
    spec = client.get(openapi_url.removeprefix("http://testserver")).json()
    assert {"/api/v1/services", "/api/v1/services/{public_id}"} <= set(spec["paths"])


def test_it_is_open_to_any_origin(client):
    assert client.get("/api/v1/").headers["Access-Control-Allow-Origin"] == "*"
