"""The demo community: what `make run` shows a first-time visitor, and the logins it
prints so they can try every role."""

from __future__ import annotations

import time
from io import StringIO

import pytest
import textstat
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils.text import slugify

from kindred.accounts.models import ConsentRecord, Role, User
from kindred.conditions.data import CONDITIONS
from kindred.core.demo.data import (
    DEMO_PASSWORD,
    DEMO_TOTP_SECRET,
    GROUPS,
    ORGANISATIONS,
    PEOPLE,
    DemoSchedule,
)
from kindred.core.demo.loader import first_meeting, load_demo_community
from kindred.core.management.commands.demo_logins import current_code
from kindred.directory.models import (
    GroupStatus,
    Organisation,
    OrganisationKind,
    PeerGroup,
    Schedule,
    Venue,
)
from kindred.directory.places import find_place
from kindred.directory.schedules import validate_rrule
from kindred.directory.trust import markers_for


@pytest.fixture(autouse=True)
def _fast_passwords(settings):  # type: ignore[no-untyped-def]
    # The real hasher takes a third of a second per demo login; these tests are not
    # about password hashing.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def _row_counts() -> dict[str, int]:
    return {
        model.__name__: model.objects.count()
        for model in (User, Organisation, PeerGroup, Venue, Schedule)
    }


# --- The data itself (no database) ---------------------------------------------------


def test_every_demo_town_is_found_on_the_map() -> None:
    towns = {(o.town, o.country) for o in ORGANISATIONS}
    towns |= {(g.town, g.country) for g in GROUPS if g.town}
    towns |= {(v.town, g.country) for g in GROUPS for v in g.venues}
    missing = [t for t in sorted(towns) if find_place(*t) is None]
    assert missing == []


def test_every_demo_name_makes_a_unique_slug() -> None:
    group_slugs = [g.slug for g in GROUPS]
    assert len(set(group_slugs)) == len(group_slugs)
    # organisation_register takes the slug from the name, and the loader finds it by slug.
    assert all(slugify(o.name) == o.slug for o in ORGANISATIONS)


def test_every_demo_group_fits_its_fields() -> None:
    condition_slugs = {slugify(name) for name, *_ in CONDITIONS}
    for group in GROUPS:
        assert len(group.summary) <= 200, group.name
        assert set(group.conditions) <= condition_slugs, group.name
        assert group.is_online or group.is_in_person or group.is_phone, group.name
        venue_names = {v.name for v in group.venues}
        for schedule in group.schedules:
            assert not schedule.venue or schedule.venue in venue_names, group.name
            validate_rrule(schedule.rrule, first_meeting(schedule, group.timezone))


def test_the_demo_text_is_plain() -> None:
    # Flesch-Kincaid grade 6.5 is a reading age of about 11 to 12, as for every public page.
    texts = {g.name: f"{g.summary} {g.description} {g.how_to_join}" for g in GROUPS}
    texts |= {o.name: o.description for o in ORGANISATIONS}
    too_hard = {
        name: text for name, text in texts.items() if textstat.flesch_kincaid_grade(text) > 6.5
    }
    assert too_hard == {}


def test_first_meeting_fits_the_repeat_rule() -> None:
    walk = DemoSchedule(title="Walk", rrule="FREQ=MONTHLY;BYDAY=1SA", time="10:00")
    moment = first_meeting(walk, "Europe/London")
    assert (moment.year, moment.month, moment.day, moment.hour) == (2026, 1, 3, 10)
    assert moment.strftime("%A") == "Saturday"


# --- Loading --------------------------------------------------------------------------


@pytest.mark.django_db
def test_it_loads_at_least_8_organisations_and_60_groups_over_15_conditions() -> None:
    summary = load_demo_community()

    organisations = Organisation.objects.all()
    assert organisations.count() >= 8
    assert {o.kind for o in organisations} == set(OrganisationKind.values)
    assert organisations.filter(verified_at__isnull=True).exists()
    assert organisations.verified().count() > organisations.count() / 2
    published = PeerGroup.objects.published()
    assert published.count() >= 60
    assert PeerGroup.objects.filter(status=GroupStatus.DRAFT).count() >= 2
    conditions = {c for g in published.prefetch_related("conditions") for c in g.conditions.all()}
    assert len(conditions) >= 15
    assert {"GB", "AU"} <= set(published.values_list("country", flat=True))
    assert summary.published_groups == published.count()
    assert "published groups" in summary.line()


@pytest.mark.django_db
def test_it_varies_the_groups_as_the_directory_needs() -> None:
    load_demo_community()
    published = PeerGroup.objects.published()

    assert {g.form for g in published} >= {
        "one_to_one",
        "buddy",
        "group",
        "self_management",
        "group_consultation",
    }
    assert {g.model for g in published} == {"informal", "professional", "peer_led"}
    assert {g.audience for g in published} == {"living_with", "carers", "both"}
    assert published.filter(age_min=13, age_max=18).exists()
    assert published.filter(age_min=18, age_max=30).exists()
    assert published.filter(gender_focus="women").exists()
    assert published.filter(cultural_focus="South Asian women", languages__code="pa").exists()
    assert published.filter(cultural_focus__icontains="Torres Strait Islander").exists()
    assert published.filter(is_free=False).exclude(cost="").exists()
    assert published.filter(is_phone=True).exists()


@pytest.mark.django_db
def test_it_is_idempotent() -> None:
    load_demo_community()
    before = _row_counts()

    summary = load_demo_community()

    assert _row_counts() == before
    assert not summary.created_anything
    assert "nothing new" in summary.line()


@pytest.mark.django_db
def test_it_has_the_south_coast_group_with_all_trust_markers() -> None:
    load_demo_community()

    group = PeerGroup.objects.select_related("organisation").get(slug="south-coast-type-1-peers")

    assert group.status == GroupStatus.PUBLISHED
    assert (group.town, group.country) == ("Portsmouth", "GB")
    assert (group.model, group.form) == ("peer_led", "group")
    assert group.is_online and group.is_in_person
    assert group.organisation.kind in {"informal_group", "charity"}
    assert group.organisation.is_verified
    assert [c.slug for c in group.conditions.all()] == ["type-1-diabetes"]
    assert [lang.code for lang in group.languages.all()] == ["en"]
    markers = markers_for(group)
    assert len(markers) == 6
    assert all(result.met for result in markers)
    assert group.accreditation_details
    assert all(v.latitude is not None for v in group.venues.all())
    rules = set(group.schedules.values_list("rrule", flat=True))
    assert "FREQ=MONTHLY;BYDAY=1SA" in rules
    assert any(rule.startswith("FREQ=YEARLY") for rule in rules)
    assert group.schedules.filter(title__icontains="social").exists()


@pytest.mark.django_db
def test_it_creates_users_in_every_role() -> None:
    load_demo_community()
    south_coast = Organisation.objects.get(slug="south-coast-type-1-peers")

    for person in PEOPLE:
        user = User.objects.get(email=person.email)
        assert user.has_role(person.role), person.role
        assert user.check_password(DEMO_PASSWORD)
        assert user.display_name != user.real_name
        assert EmailAddress.objects.filter(user=user, verified=True, primary=True).exists()
        assert ConsentRecord.objects.current().filter(user=user, purpose="terms").exists()
        has_totp = Authenticator.objects.filter(user=user, type="totp").exists()
        assert has_totp == (person.role not in {Role.MEMBER, Role.CARER}), person.role
    for role in (Role.PEER_LEADER, Role.MODERATOR, Role.ORG_ADMIN):
        user = User.objects.get(email=next(p.email for p in PEOPLE if p.role == role))
        assert user.has_role(role, organisation=south_coast)
    assert {p.role for p in PEOPLE} == set(Role.values)
    site_admin = User.objects.get(email__startswith="site-admin@")
    assert site_admin.is_staff and site_admin.is_superuser
    assert not User.objects.filter(is_superuser=True).exclude(pk=site_admin.pk).exists()


@pytest.mark.django_db
def test_every_group_town_is_on_the_map() -> None:
    load_demo_community()

    in_person = PeerGroup.objects.filter(is_in_person=True)
    assert in_person.exists()
    assert not in_person.filter(latitude__isnull=True).exists()
    assert not PeerGroup.objects.exclude(town="").filter(latitude__isnull=True).exists()
    assert not Venue.objects.filter(latitude__isnull=True).exists()
    sydney = PeerGroup.objects.get(slug="sydney-ms-peer-support")
    assert sydney.latitude is not None and sydney.latitude < 0


@pytest.mark.django_db
def test_demo_logins_prints_every_role() -> None:
    load_demo_community()
    out = StringIO()

    call_command("demo_logins", stdout=out)

    text = out.getvalue()
    for person in PEOPLE:
        line = next(line for line in text.splitlines() if person.email in line)
        assert line.startswith(str(person.role))
        assert DEMO_PASSWORD in line
        assert person.display_name in line
    assert DEMO_TOTP_SECRET in text
    # Allow for the 30-second window turning over while the command ran.
    counter = int(time.time()) // 30
    codes = {format_hotp_value(hotp_value(DEMO_TOTP_SECRET, counter + i)) for i in (-1, 0)}
    assert any(code in text for code in codes)
    assert "not loaded" not in text


@pytest.mark.django_db
def test_a_staff_demo_login_signs_in_with_the_printed_code(client) -> None:  # type: ignore[no-untyped-def]
    load_demo_community()
    org_admin = next(p for p in PEOPLE if p.role == Role.ORG_ADMIN)

    response = client.post(
        reverse("account_login"), {"login": org_admin.email, "password": DEMO_PASSWORD}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_authenticate")
    code, _ = current_code(DEMO_TOTP_SECRET)
    client.post(reverse("mfa_authenticate"), {"code": code})

    manage = client.get(reverse("directory:manage"))
    assert manage.status_code == 200
    assert "South Coast Type 1 Peers" in manage.content.decode()


@pytest.mark.django_db
def test_demo_logins_says_when_the_demo_is_not_loaded() -> None:
    out = StringIO()

    call_command("demo_logins", stdout=out)

    assert "load_demo_community" in out.getvalue()


@pytest.mark.django_db
def test_load_demo_community_refuses_without_debug_unless_forced(settings) -> None:  # type: ignore[no-untyped-def]
    settings.DEBUG = False
    with pytest.raises(CommandError):
        call_command("load_demo_community", stdout=StringIO())
    assert not PeerGroup.objects.exists()

    out = StringIO()
    call_command("load_demo_community", "--force", stdout=out)

    assert out.getvalue().startswith("Demo community:")
    assert len(out.getvalue().strip().splitlines()) == 1
