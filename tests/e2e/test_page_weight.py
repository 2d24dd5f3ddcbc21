"""Pages stay light for people on slow or pay-as-you-go mobile data: the HTML, CSS and
JavaScript each main page downloads add up to less than 100 KB."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Page, Response

from kindred.directory.tests.factories import OrganisationFactory, make_group

BUDGET_BYTES = 100 * 1024
COUNTED = {"document", "stylesheet", "script"}
PAGES = {
    "home": "/",
    "search": "/groups/?q=diabetes&near=Portsmouth",
    "group": "/groups/south-coast-type-1-peers/",
    "signup": "/accounts/signup/",
    "login": "/accounts/login/",
}


def make_groups() -> None:
    organisation = OrganisationFactory(name="South Coast T1 Peers", verified=True)
    make_group(
        organisation=organisation,
        name="South Coast Type 1 Peers",
        summary="Adults with type 1 diabetes sharing what works, online and by the sea.",
        description="We meet online every week and walk along the seafront once a month.",
        ground_rules="No medical advice. No selling. What is said here stays here.",
        conditions=["type-1-diabetes"],
        town="Portsmouth",
        is_in_person=True,
    )
    for n in range(1, 10):
        make_group(
            organisation=organisation,
            name=f"Portsmouth Diabetes Circle {n}",
            conditions=["type-2-diabetes"],
            town="Portsmouth",
        )


@pytest.mark.e2e
@pytest.mark.django_db
def test_pages_are_light(page: Page) -> None:
    make_groups()
    responses: list[Response] = []
    page.on("response", lambda response: responses.append(response))

    sizes: dict[str, list[tuple[str, int]]] = {}
    for name, path in PAGES.items():
        responses.clear()
        page.goto(path, wait_until="load")
        files = [r for r in responses if r.request.resource_type in COUNTED]
        broken = [f"{r.status} {urlsplit(r.url).path}" for r in files if r.status >= 400]
        # A stylesheet that 404s would make the page look lighter than it is.
        assert not broken, f"{path} asked for files that did not load: {broken}. " + (
            "kindred/static/ is on no static-files finder path; add STATICFILES_DIRS = "
            "[BASE_DIR / 'kindred' / 'static'] to kindred/settings.py."
            if any("/static/kindred/" in b for b in broken)
            else ""
        )
        counted = [r for r in files if r.status < 300]
        assert any(r.request.resource_type == "stylesheet" for r in counted), path
        sizes[name] = [(urlsplit(r.url).path, len(r.body())) for r in counted]

    report = "\n".join(
        f"{name}: {sum(size for _, size in files) / 1024:.1f} KB "
        + ", ".join(f"{url} {size / 1024:.1f} KB" for url, size in files)
        for name, files in sizes.items()
    )
    heavy = [name for name, files in sizes.items() if sum(s for _, s in files) >= BUDGET_BYTES]
    assert not heavy, f"pages over {BUDGET_BYTES // 1024} KB of HTML, CSS and JS:\n{report}"
    print(report)
