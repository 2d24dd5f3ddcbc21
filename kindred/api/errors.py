"""The shapes of the API's error answers, declared on each route that can give them so
that openapi.json lists them and a generated client knows what comes back."""

from __future__ import annotations

from typing import Any

from ninja import Field, Schema


class NotFound(Schema):
    """404: nothing published under that id, or nothing this person may see (a
    group's topics answer the same whether the group is hidden or does not exist)."""

    detail: str = Field(examples=["Not Found"])


class ParameterProblem(Schema):
    """One parameter that could not be used, as django-ninja (pydantic) reports it."""

    type: str = Field(examples=["value_error"])
    loc: list[str | int] = Field(
        description="Where the problem is: the source, then the parameter's name.",
        examples=[["query", "near"]],
    )
    msg: str = Field(examples=["No town or postcode district called 'Atlantis'"])
    ctx: dict[str, Any] | None = None


class InvalidParameters(Schema):
    """422: one or more parameters could not be used; each is named with the reason."""

    detail: list[ParameterProblem]
