"""A person who runs peer support joins Kindred, registers their organisation, protects
their account with an authenticator app and lists their first group."""

from __future__ import annotations

import re
import time
from typing import Any

import pytest
from allauth.mfa import app_settings as mfa_settings
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from django.core import mail
from playwright.sync_api import Page, expect

EMAIL = "ayo@solent-t1.example.org"
PASSWORD = "walking by the sea 2024"
GROUP = {
    "name": "Solent Sunday Walkers",
    "summary": "A gentle walk and a cuppa for adults living with type 1 diabetes.",
    "description": "We walk along the seafront once a month.\nEveryone goes at their own pace.",
    "how_to_join": "Send us a message and we will meet you at the pier.",
    "town": "Portsmouth",
    "accreditation_details": "Two leaders are trained peer supporters",
    "ground_rules": "No medical advice.\nNo selling.\nWhat is said here stays here.",
}


@pytest.fixture
def site_server(committing_page_server: Any) -> Any:
    # allauth records the sign-in step a new authenticator counts as once the
    # transaction commits.
    return committing_page_server


def totp_code(secret: str) -> str:
    """The code an authenticator app would show now, from allauth's own helpers. Kindred
    accepts only the current 30-second step, so avoid handing over a code that is about
    to expire."""
    period = mfa_settings.TOTP_PERIOD
    if time.time() % period > period - 3:
        time.sleep(period - time.time() % period + 0.1)
    return format_hotp_value(hotp_value(secret, int(time.time()) // period))


def verification_link() -> str:
    # Under pytest Django swaps the console email backend for the in-memory one; the live
    # server runs in a thread of this process, so the email lands in mail.outbox. It
    # stands in for reading the link from the console in `make run`.
    assert len(mail.outbox) == 1, [m.subject for m in mail.outbox]
    message = mail.outbox[0]
    assert message.to == [EMAIL]
    match = re.search(r"https?://\S+/accounts/confirm-email/\S+/", message.body)
    assert match, message.body
    return match.group(0)


def fill_group_form_without_a_condition(page: Page) -> None:
    page.get_by_label("Group name").fill(GROUP["name"])
    page.get_by_label("One-line summary").fill(GROUP["summary"])
    page.get_by_label("About the group").fill(GROUP["description"])
    page.get_by_role("radio", name="Peer support group").check()
    page.get_by_role("radio", name="Peer-led").check()
    page.get_by_role("checkbox", name="Online", exact=True).check()
    page.get_by_role("checkbox", name="In person", exact=True).check()
    page.get_by_label("Town or area it is based in").fill(GROUP["town"])
    page.get_by_label("How to join").fill(GROUP["how_to_join"])
    page.get_by_role("checkbox", name="Leaders are trained or accredited").check()
    page.get_by_label("Training or accreditation").fill(GROUP["accreditation_details"])
    page.get_by_label("Written ground rules").fill(GROUP["ground_rules"])
    page.get_by_role("checkbox", name="Online space is moderated").check()
    page.get_by_role("checkbox", name="Meets in a safe, checked place").check()
    page.get_by_role("checkbox", name="Members' contact details").check()


def assert_group_form_kept_everything(page: Page) -> None:
    expect(page.get_by_label("Group name")).to_have_value(GROUP["name"])
    expect(page.get_by_label("One-line summary")).to_have_value(GROUP["summary"])
    expect(page.get_by_label("About the group")).to_have_value(GROUP["description"])
    expect(page.get_by_label("Town or area it is based in")).to_have_value(GROUP["town"])
    expect(page.get_by_label("How to join")).to_have_value(GROUP["how_to_join"])
    expect(page.get_by_label("Training or accreditation")).to_have_value(
        GROUP["accreditation_details"]
    )
    expect(page.get_by_label("Written ground rules")).to_have_value(GROUP["ground_rules"])
    for radio in ("Peer support group", "Peer-led"):
        expect(page.get_by_role("radio", name=radio)).to_be_checked()
    for box in (
        "Online",
        "In person",
        "Leaders are trained or accredited",
        "Online space is moderated",
        "Meets in a safe, checked place",
        "Members' contact details",
    ):
        expect(
            page.get_by_role("checkbox", name=box, exact=box in {"Online", "In person"})
        ).to_be_checked()
    expect(page.get_by_role("checkbox", name="By phone", exact=True)).not_to_be_checked()


@pytest.mark.e2e
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_org_admin_lists_a_group(page: Page, mailoutbox: Any) -> None:
    # Sign up, and confirm the email address from the link in the email.
    page.goto("/accounts/signup/")
    page.get_by_label("Email").fill(EMAIL)
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_label("Password (again)").fill(PASSWORD)
    page.get_by_label("Display name").fill("Ayo")
    page.get_by_role("checkbox", name="I agree to the terms of use").check()
    page.get_by_role("button", name="Sign up").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Verify")

    page.goto(verification_link())
    page.get_by_role("button", name="Confirm").click()
    # Confirming the address signs Ayo in (ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION).
    nav = page.get_by_role("navigation", name="Main")
    expect(nav.get_by_role("link", name="Ayo")).to_be_visible()

    # Register the organisation.
    nav.get_by_role("link", name="Manage").click()
    page.get_by_role("link", name="Register an organisation").click()
    page.get_by_label("Name", exact=True).fill("Solent T1 Walkers")
    page.get_by_label("Type of organisation").select_option(label="Community group")
    page.get_by_label("Town or city").fill("Portsmouth")
    page.get_by_role("button", name="Register").click()

    # Listing a group is a staff feature, so first a second sign-in step. allauth asks
    # for the password again before adding one: being signed in by the email link does
    # not count as a recent sign-in.
    expect(page).to_have_url(re.compile(r"/accounts/reauthenticate/"))
    expect(page.locator(".messages")).to_contain_text("second step")
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Confirm").click()
    expect(page).to_have_url(re.compile(r"/accounts/2fa/totp/activate/"))
    secret = page.locator("#authenticator_secret").input_value()
    page.get_by_label("Authenticator code").fill(totp_code(secret))
    page.get_by_role("button", name="Activate").click()
    expect(page.locator("#authenticator_secret")).to_have_count(0)

    # The MFA pages offer the way back to the group form.
    page.get_by_role("link", name="Continue to where you were going").click()
    expect(page).to_have_url(re.compile(r"/manage/organisations/[\w-]+/groups/new/$"))

    # The group form: leave out the condition and everything else must stay as typed.
    expect(page.get_by_role("heading", level=1)).to_have_text("List a new group")
    fill_group_form_without_a_condition(page)
    page.get_by_role("button", name="Save and publish").click()

    summary = page.locator(".error-summary")
    expect(summary).to_be_visible()
    expect(summary.get_by_role("link")).to_have_text(
        ["Which conditions is it for?: Choose at least one condition."]
    )
    expect(summary.get_by_role("link")).to_have_attribute("href", "#id_conditions_0")
    # The message sits in the conditions fieldset, and screen readers hear it with it.
    conditions = page.locator("fieldset", has=page.locator("legend", has_text="Which conditions"))
    expect(conditions.locator(".error-text")).to_contain_text("Choose at least one condition.")
    expect(conditions).to_have_attribute("aria-describedby", re.compile(r"\bid_conditions_error\b"))
    assert_group_form_kept_everything(page)

    conditions.get_by_role("checkbox", name="Type 1 diabetes", exact=True).check()
    page.get_by_role("button", name="Save and publish").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(GROUP["name"])
    expect(page.locator(".messages")).to_contain_text(f"“{GROUP['name']}” is saved.")

    # A visitor's search finds it, labelled as not yet checked (the organisation is new).
    page.goto("/groups/")
    page.get_by_label("What are you looking for?").fill(GROUP["name"])
    page.locator(".search-main").get_by_role("button", name="Search").click()
    card = page.locator("#results .card", has_text=GROUP["name"])
    expect(card).to_have_count(1)
    expect(card.locator(".label-unverified")).to_have_text("Not yet checked by Kindred")
