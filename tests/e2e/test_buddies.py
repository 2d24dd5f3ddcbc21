"""Buddy programmes in the browser: a seeker and a supporter fill in their matching
profiles, the coordinator runs matching, reads why it chose the pair and approves, both
say yes, and they exchange a message in Kindred, without either ever seeing the
other's email address or real name. Then the buddy pages are checked with axe-core."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import BrowserContext, Page, expect

from kindred.buddies import services
from kindred.buddies.models import CheckIn, Match, MatchState, Programme, Side
from kindred.buddies.tests.factories import join, make_person, make_programme
from kindred.core.tests.cast import PASSWORD, TOTP_SECRET, Cast, build_cast, make_user
from kindred.demo.management.commands.demo_logins import current_code
from kindred.directory.models import Language

# Two people who have never met. What each may learn about the other is their display
# name and the answers they tick; never these.
SEEKER = {"email": "simran.dhaliwal@example.org", "name": "Little Star", "real": "Simran Dhaliwal"}
SUPPORTER = {"email": "gurpreet.sidhu@example.org", "name": "Chai Time", "real": "Gurpreet Sidhu"}
PROGRAMME = {
    "name": "New parents with type 1",
    "slug": "new-parents-with-type-1",
    "purpose": "New parents and parents-to-be living with type 1 diabetes.",
}
HELLO = "Hello Little Star! Congratulations. How are you feeling this week?"


def private_from(page: Page, other: dict[str, str]) -> None:
    """The page, as its HTML stands, says nothing that would let its reader contact
    `other` or find out who they are outside Kindred."""
    html = page.content().lower()
    assert other["email"].lower() not in html, f"{page.url} shows {other['email']}"
    assert other["real"].lower() not in html, f"{page.url} shows {other['real']}"


def sign_in_through_the_browser(page: Page, email: str, totp_secret: str | None = None) -> None:
    page.goto("/accounts/login/")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_role("button", name=re.compile(r"^Sign in$", re.IGNORECASE)).click()
    if totp_secret is not None:
        # Staff sign in with a second step: the code from their authenticator app.
        expect(page).to_have_url(re.compile(r"/accounts/2fa/authenticate/"))
        code, seconds_left = current_code(totp_secret)
        if seconds_left < 3:
            page.wait_for_timeout(seconds_left * 1000 + 200)
            code, _ = current_code(totp_secret)
        page.locator("input[name=code]").fill(code)
        page.get_by_role("button", name=re.compile(r"^Sign in$", re.IGNORECASE)).click()
    expect(page).not_to_have_url(re.compile(r"/accounts/"))


def fill_profile(page: Page, *, diagnosed: str, help_text: str, capacity: str = "") -> None:
    """The answers both of them give: a new baby, English and Punjabi, online."""
    page.get_by_role("radio", name="Type 1 diabetes").check()
    page.get_by_role("checkbox", name="Messages in Kindred").check()
    if capacity:
        page.get_by_label("How many people could you support at once?").fill(capacity)
    page.get_by_label("Year you were diagnosed").fill(diagnosed)
    page.get_by_role("checkbox", name="Pregnancy or a new baby").check()
    page.get_by_label(help_text).fill(
        "Pregnancy with type 1 and the first weeks with a new baby: night feeds and tiredness."
    )
    languages = page.get_by_role("group", name="Languages you speak")
    languages.get_by_role("checkbox", name="English", exact=True).check()
    languages.get_by_role("checkbox", name="Punjabi", exact=True).check()
    shown = page.get_by_role("group", name="What can your buddy see?")
    shown.get_by_role("checkbox", name="My life events").check()
    shown.get_by_role("checkbox", name="The languages I speak").check()


@pytest.mark.e2e
@pytest.mark.django_db
def test_a_seeker_and_a_supporter_are_matched_and_talk_in_kindred(new_context: Any) -> None:
    cast = build_cast()
    programme = make_programme(
        organisation=cast.organisation, coordinator=cast.org_admin, **PROGRAMME
    )
    for person in (SEEKER, SUPPORTER):
        make_user(person["email"], person["name"], real_name=person["real"])

    def browser_for(email: str, totp_secret: str | None = None) -> Page:
        context: BrowserContext = new_context()
        page = context.new_page()
        sign_in_through_the_browser(page, email, totp_secret)
        return page

    # Little Star finds the programme and joins, asking for a buddy.
    seeker = browser_for(SEEKER["email"])
    seeker.get_by_role("navigation", name="Main").get_by_role("link", name="Buddies").click()
    seeker.get_by_role("link", name=PROGRAMME["name"]).click()
    expect(seeker.get_by_role("heading", level=1)).to_have_text(PROGRAMME["name"])
    seeker.get_by_role("link", name="Join as someone who would like a buddy").click()
    expect(seeker.get_by_role("heading", level=1)).to_have_text(f"Join {PROGRAMME['name']}")
    expect(seeker.get_by_role("radio", name="I would like a buddy")).to_be_checked()
    fill_profile(seeker, diagnosed="2019", help_text="What would you like help with?")
    # She sends it before agreeing to the use of her health details: the form asks.
    seeker.get_by_role("button", name="Join the programme").click()
    expect(seeker.locator(".error-summary")).to_contain_text(
        "Please tick this so that we can look for a buddy for you."
    )
    expect(seeker.get_by_label("Year you were diagnosed")).to_have_value("2019")
    seeker.get_by_role("checkbox", name=re.compile("I agree that Kindred may use")).check()
    seeker.get_by_role("button", name="Join the programme").click()
    expect(seeker.locator(".messages")).to_contain_text("Thank you for joining.")
    expect(seeker.get_by_role("region", name="Where you are")).to_contain_text(
        "We have not looked for a buddy for you yet."
    )

    # Chai Time joins as a supporter who can take two buddies.
    supporter = browser_for(SUPPORTER["email"])
    supporter.goto(programme.get_absolute_url())
    supporter.get_by_role("link", name="Join as a supporter").click()
    expect(supporter.get_by_role("radio", name="I would like to support someone")).to_be_checked()
    fill_profile(
        supporter, diagnosed="2008", help_text="What could you help someone with?", capacity="2"
    )
    supporter.get_by_role("checkbox", name=re.compile("I agree that Kindred may use")).check()
    supporter.get_by_role("button", name="Join the programme").click()
    expect(supporter.locator(".messages")).to_contain_text("Thank you for joining.")
    expect(supporter.get_by_role("region", name="Where you are")).to_contain_text(
        "training not yet recorded"
    )
    private_from(seeker, SUPPORTER)
    private_from(supporter, SEEKER)

    # Olu, the coordinator, signs in with his authenticator code, records Chai Time's
    # training and runs matching.
    coordinator = browser_for(cast.org_admin.email, TOTP_SECRET)
    coordinator.goto(programme.get_absolute_url())
    coordinator.get_by_role("link", name="Open the coordinator's page").click()
    expect(coordinator.get_by_role("heading", level=1)).to_have_text(
        f"Coordinate {PROGRAMME['name']}"
    )
    not_ready = coordinator.get_by_role("article", name=SUPPORTER["name"])
    not_ready.get_by_label("Training finished on").fill("2025-05-17")
    not_ready.get_by_role("button", name=f"Save the record for {SUPPORTER['name']}").click()
    expect(coordinator.locator(".messages")).to_contain_text(
        f"Saved. {SUPPORTER['name']} can now be matched."
    )
    coordinator.get_by_role("button", name="Run matching").click()
    expect(coordinator.locator(".messages")).to_contain_text("New matches to review: 1.")
    pair = f"{SEEKER['name']} with {SUPPORTER['name']}"
    proposal = coordinator.get_by_role("article", name=pair)
    reasons = proposal.locator(".buddies-reasons li")
    # The coordinator reads why about the two of them, by the names they use.
    expect(reasons.first).to_have_text("Both people live with type 1 diabetes")
    expect(reasons).to_contain_text(
        [
            "Both people are expecting a baby or have a new baby",
            f"{SUPPORTER['name']} was diagnosed 11 years before {SEEKER['name']}",
            "Both people speak English and Punjabi",
        ]
    )
    private_from(coordinator, SEEKER)
    private_from(coordinator, SUPPORTER)
    proposal.get_by_role("button", name=f"Approve {pair}").click()
    expect(coordinator.locator(".messages")).to_contain_text("Approved.")
    expect(coordinator.locator("#approved + ul")).to_contain_text(pair)

    # Both are told, open the match page, read why, and say yes.
    for page, buddy in ((seeker, SUPPORTER), (supporter, SEEKER)):
        page.goto(programme.get_absolute_url())
        page.get_by_role("link", name="See who it is and say if you would like to go ahead").click()
        expect(page.get_by_role("heading", level=1)).to_have_text(f"Your buddy: {buddy['name']}")
        why = page.locator(".buddies-reasons")
        expect(why).to_contain_text("You are both expecting a baby or have a new baby")
        expect(why).to_contain_text("You both speak English and Punjabi")
        private_from(page, buddy)
        page.get_by_role("button", name="Yes, go ahead").click()
        private_from(page, buddy)
    expect(seeker.locator(".messages")).to_contain_text("We will tell you when your buddy says")
    expect(supporter.locator(".messages")).to_contain_text("You both said yes.")
    match = Match.objects.get(programme=programme)
    assert match.state == MatchState.ACTIVE

    # Chai Time writes first, through Kindred's messages.
    supporter.get_by_role("link", name=f"Send {SEEKER['name']} a message").click()
    expect(supporter.get_by_role("heading", level=1)).to_have_text(f"Message to {SEEKER['name']}")
    private_from(supporter, SEEKER)
    supporter.get_by_label("Your message").fill(HELLO)
    supporter.get_by_role("button", name="Send message").click()
    expect(supporter.locator(".messages")).to_contain_text("Message sent.")
    expect(supporter.locator("main")).to_contain_text(HELLO)
    private_from(supporter, SEEKER)

    # Little Star opens her match page and finds the message.
    seeker.reload()
    seeker.get_by_role("link", name=f"Send {SUPPORTER['name']} a message").click()
    expect(seeker.locator("main")).to_contain_text(HELLO)
    private_from(seeker, SUPPORTER)
    seeker.goto("/messages/")
    expect(seeker.locator("main")).to_contain_text(SUPPORTER["name"])
    private_from(seeker, SUPPORTER)
    supporter.goto("/buddies/mine/")
    expect(supporter.locator("main")).to_contain_text(SEEKER["name"])
    private_from(supporter, SEEKER)


# --- Accessibility of the buddy pages ------------------------------------------------------


def make_programme_with_a_run(cast: Cast) -> Programme:
    """A programme run once: two proposals (with other supporters to swap to), someone
    waiting for a Polish speaker, and a supporter whose training is not recorded."""
    programme = make_programme(
        organisation=cast.organisation, coordinator=cast.org_admin, **PROGRAMME
    )
    polish = Language.objects.get(code="pl").pk
    join(programme, cast.member, Side.SEEKER)
    join(programme, cast.outsider, Side.SEEKER, wants_help_with="Night feeds.")
    join(
        programme,
        make_person("Kasia"),
        Side.SEEKER,
        language_ids=[polish],
        must_share_language=True,
    )
    join(programme, make_person("Harpreet"), Side.SUPPORTER, capacity=1)
    join(programme, make_person("Rhys"), Side.SUPPORTER, capacity=2)
    join(programme, make_person("Katie"), Side.SUPPORTER, trained=False)
    services.run_matching(programme=programme, by=cast.org_admin)
    return programme


BUDDY_PAGES = [
    "programmes",
    "programme",
    "profile-form-with-errors",
    "coordinate",
    "programme-settings-with-errors",
    "match",
    "coordinators-with-errors",
]


@pytest.mark.e2e
@pytest.mark.django_db
@pytest.mark.parametrize("name", BUDDY_PAGES)
def test_buddy_pages_have_no_serious_accessibility_violations(
    name: str, page: Page, sign_in: Any, accessibility_problems: Any
) -> None:
    cast = build_cast()
    programme = make_programme_with_a_run(cast)
    viewer = {
        "coordinate": cast.org_admin,
        "programme-settings-with-errors": cast.org_admin,
        "coordinators-with-errors": cast.org_admin,
        "profile-form-with-errors": cast.carer,
    }.get(name, cast.member)
    sign_in(page.context, viewer)

    if name == "programmes":
        page.goto("/buddies/")
        expect(page.get_by_role("link", name=PROGRAMME["name"])).to_be_visible()
    elif name == "programme":
        page.goto(programme.get_absolute_url())
        expect(page.get_by_role("region", name="Where you are")).to_be_visible()
    elif name == "profile-form-with-errors":
        # Carl has not joined and has not agreed to the use of his health details.
        page.goto(f"{programme.get_absolute_url()}profile/?side=seeker")
        page.get_by_role("button", name="Join the programme").click()
        expect(page.locator(".error-summary")).to_contain_text(
            "Choose one of the conditions this programme is for."
        )
    elif name == "coordinate":
        page.goto(f"{programme.get_absolute_url()}coordinate/")
        expect(page.locator("article.buddies-proposal")).to_have_count(2)
        expect(page.locator("#waiting + .table-scroll")).to_contain_text(
            "No supporter speaks Polish yet"
        )
        expect(page.get_by_role("article", name="Katie")).to_contain_text("training")
    elif name == "programme-settings-with-errors":
        page.goto(f"{programme.get_absolute_url()}settings/")
        page.get_by_label("Name of the programme").fill("")
        page.get_by_label("Further along in their journey").fill("eleven")
        page.get_by_role("button", name="Save the changes").click()
        expect(page.locator(".error-summary")).to_contain_text("Enter a name for the programme.")
        expect(page.locator("#id_weight_experience_gap_error")).to_contain_text(
            "Enter a number from 0 to 10"
        )
    elif name == "coordinators-with-errors":
        page.goto(f"/buddies/organisations/{cast.organisation.slug}/coordinators/")
        expect(page.get_by_role("heading", level=1)).to_have_text("Buddy programme coordinators")
        page.get_by_label("Their email address").fill("nobody@example.org")
        page.get_by_role("button", name="Appoint").click()
        expect(page.locator(".error-summary")).to_contain_text(
            "No one with this email address has a Kindred account."
        )
    else:
        match = Match.objects.get(programme=programme, seeker__user=cast.member)
        services.match_approve(match=match, by=cast.org_admin)
        services.match_answer(match=match, user=cast.member, yes=True)
        services.match_answer(match=match, user=match.supporter.user, yes=True)
        # A check-in is due, so its form shows too.
        due = CheckIn.objects.filter(match=match, user=cast.member).order_by("due_on").first()
        assert due is not None
        CheckIn.objects.filter(pk=due.pk).update(due_on=timezone.localdate())
        page.goto(match.get_absolute_url())
        expect(page.get_by_role("region", name="How is it going?")).to_be_visible()
    expect(page.get_by_role("navigation", name="Main")).to_contain_text(viewer.display_name)

    problems = accessibility_problems(page)
    assert not problems, "\n\n".join(problems)
