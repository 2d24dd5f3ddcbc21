"""A developer at another directory opens Kindred's API docs (/api/v1/docs) and sees every
operation, drawn by Swagger UI from files Kindred serves itself: no CDN, and nothing
Kindred's Content Security Policy has to block."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Page, Request, expect

# Collects the page's Content Security Policy violations as they happen.
LISTEN_FOR_VIOLATIONS = """() => {
    window.__violations = [];
    document.addEventListener('securitypolicyviolation', event => {
        window.__violations.push(event.violatedDirective + ' ' + event.blockedURI);
    });
}"""


@pytest.mark.e2e
@pytest.mark.django_db
def test_the_api_docs_show_every_operation(page: Page, site_server: Any) -> None:
    console: list[str] = []
    elsewhere: list[str] = []
    page.on(
        "console",
        lambda message: (
            console.append(message.text) if message.type in {"error", "warning"} else None
        ),
    )

    def note(request: Request) -> None:
        if urlsplit(request.url).netloc != urlsplit(site_server.url).netloc:
            elsewhere.append(request.url)

    page.on("request", note)
    page.add_init_script(f"({LISTEN_FOR_VIOLATIONS})()")

    page.goto("/api/v1/docs")
    operations = page.locator(".opblock-summary-path")
    expect(operations.first).to_be_visible()
    paths = set(operations.all_inner_texts())
    assert {"/api/v1/services", "/api/v1/services/{public_id}"} <= {
        p.replace("\u200b", "") for p in paths
    }
    # Opening an operation works too (its parameters are drawn by script).
    page.locator(".opblock-summary", has_text="Find peer support groups").click()
    expect(page.locator(".opblock-body .parameters").first).to_be_visible()

    assert page.evaluate("window.__violations") == []
    assert not [m for m in console if "Content Security Policy" in m], console
    assert elsewhere == []
