import re

import pytest
from django.urls import reverse

from kindred.conditions.models import Condition
from kindred.core.tests.cast import login_with_second_factor
from kindred.directory.models import GroupStatus, PeerGroup
from kindred.directory.tests.factories import OrganisationFactory, make_group

pytestmark = pytest.mark.django_db


def _form_data(**overrides):
    data = {
        "name": "Tuesday Talkers",
        "summary": "A friendly chat for people with type 1 diabetes.",
        "description": "We talk about everyday life.",
        "conditions": [Condition.objects.get(slug="type-1-diabetes").pk],
        "audience": "living_with",
        "gender_focus": "any",
        "form": "group",
        "model": "peer_led",
        "is_online": "on",
        "town": "Portsmouth",
        "country": "GB",
        "how_to_join": "Send us a message.",
        "is_free": "on",
        "contact_visibility": "signed_in",
        "publish": "1",
    }
    data.update(overrides)
    return data


def test_an_org_admin_lists_a_group(client, cast):
    login_with_second_factor(client, cast.org_admin)
    url = reverse("directory:group-create", args=[cast.organisation.slug])
    response = client.post(url, _form_data())
    group = PeerGroup.objects.get(name="Tuesday Talkers")
    assert response.status_code == 302
    assert response["Location"] == group.get_absolute_url()
    assert group.status == GroupStatus.PUBLISHED
    assert group.latitude is not None
    assert "tuesday talkers" in group.search_document
    assert "type 1 diabetes" in group.search_document


def test_a_form_error_is_shown_next_to_the_field_and_nothing_typed_is_lost(client, cast):
    login_with_second_factor(client, cast.org_admin)
    url = reverse("directory:group-create", args=[cast.organisation.slug])
    response = client.post(url, _form_data(conditions=[], town="Atlantis", is_free=""))
    assert response.status_code == 400
    body = response.content.decode()
    assert "Choose at least one condition." in body
    assert "We could not find “Atlantis”" in body
    assert "Say what it costs" in body
    assert "Please check these answers" in body
    assert 'value="Tuesday Talkers"' in body
    assert "We talk about everyday life." in body
    assert 'value="Atlantis"' in body
    assert 'aria-invalid="true"' in body
    assert not PeerGroup.objects.filter(name="Tuesday Talkers").exists()


def test_it_needs_a_mode_and_a_town_for_in_person_groups(client, cast):
    login_with_second_factor(client, cast.org_admin)
    url = reverse("directory:group-create", args=[cast.organisation.slug])
    body = client.post(url, _form_data(is_online="", town="")).content.decode()
    assert "Tick at least one: online, in person or by phone." in body
    body = client.post(url, _form_data(is_in_person="on", town="")).content.decode()
    assert "Groups that meet in person need a town" in body


def test_staff_without_a_second_factor_are_sent_to_set_one_up(client, cast):
    newcomer_org = OrganisationFactory(name="Fresh Org")
    from kindred.accounts.services import role_grant

    role_grant(user=cast.member, role="org_admin", organisation=newcomer_org)
    client.force_login(cast.member)
    response = client.get(reverse("directory:group-create", args=[newcomer_org.slug]))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("mfa_activate_totp"))


def test_nobody_can_edit_another_organisations_group(client, cast):
    other = make_group(organisation=OrganisationFactory(name="Another Charity"), name="Not Yours")
    edit_url = reverse("directory:group-edit", args=[other.slug])
    for person in [cast.org_admin, cast.moderator, cast.peer_leader, cast.clinician]:
        login_with_second_factor(client, person)
        assert client.get(edit_url).status_code == 404
        assert client.post(edit_url, _form_data(name="Hijacked")).status_code == 404
        for name in ["venue-add", "schedule-add", "group-archive"]:
            url = reverse(f"directory:{name}", args=[other.slug])
            assert client.get(url).status_code == 404
            assert client.post(url, {}).status_code == 404
    login_with_second_factor(client, cast.org_admin)
    create_url = reverse("directory:group-create", args=[other.organisation.slug])
    assert client.post(create_url, _form_data(name="Sneaky")).status_code == 404
    other.refresh_from_db()
    assert other.name == "Not Yours"
    assert not PeerGroup.objects.filter(name__in=["Hijacked", "Sneaky"]).exists()


def test_anonymous_visitors_are_sent_to_sign_in(client, cast):
    group = make_group(organisation=cast.organisation)
    for url in [
        reverse("directory:group-edit", args=[group.slug]),
        reverse("directory:group-create", args=[cast.organisation.slug]),
        reverse("directory:manage"),
        reverse("directory:organisation-register"),
    ]:
        response = client.get(url)
        assert response.status_code == 302
        assert reverse("account_login") in response["Location"]


def test_an_org_admin_edits_and_archives_after_confirming(client, cast):
    group = make_group(organisation=cast.organisation, name="Old Name")
    login_with_second_factor(client, cast.org_admin)
    edit_url = reverse("directory:group-edit", args=[group.slug])
    assert client.get(edit_url).status_code == 200
    client.post(edit_url, _form_data(name="New Name"))
    group.refresh_from_db()
    assert group.name == "New Name"
    archive_url = reverse("directory:group-archive", args=[group.slug])
    confirm = client.get(archive_url)
    assert "Yes, archive it" in confirm.content.decode()
    group.refresh_from_db()
    assert group.status == GroupStatus.PUBLISHED
    client.post(archive_url)
    group.refresh_from_db()
    assert group.status == GroupStatus.ARCHIVED


def test_venues_and_meeting_times(client, cast):
    group = make_group(
        organisation=cast.organisation, name="Walkers", is_in_person=True, town="Portsmouth"
    )
    login_with_second_factor(client, cast.org_admin)
    response = client.post(
        reverse("directory:venue-add", args=[group.slug]),
        {
            "name": "Seafront Café",
            "town": "Portsmouth",
            "postcode": "PO5 3AA",
            "country": "GB",
            "step_free": "on",
        },
    )
    assert response.status_code == 302
    venue = group.venues.get()
    assert venue.latitude is not None
    response = client.post(
        reverse("directory:schedule-add", args=[group.slug]),
        {
            "title": "Seafront walk",
            "frequency": "monthly",
            "weekday": "SA",
            "week_of_month": "1",
            "first_date": "2026-12-05",
            "start_time": "10:00",
            "duration_minutes": "90",
            "venue": venue.pk,
        },
    )
    assert response.status_code == 302
    assert group.schedules.get().rrule == "FREQ=MONTHLY;BYDAY=1SA"
    body = client.get(group.get_absolute_url()).content.decode()
    assert "The first Saturday of every month" in body
    assert "Seafront Café" in body


def test_a_meeting_time_needs_a_day_and_a_place(client, cast):
    group = make_group(organisation=cast.organisation)
    login_with_second_factor(client, cast.org_admin)
    response = client.post(
        reverse("directory:schedule-add", args=[group.slug]),
        {
            "title": "Chat",
            "frequency": "weekly",
            "first_date": "2026-12-05",
            "start_time": "19:00",
            "duration_minutes": "60",
        },
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert "Choose the day of the week." in body
    assert "Choose a venue, or tick" in body
    assert 'value="Chat"' in body


def test_a_person_registers_an_organisation_and_becomes_its_admin(client, cast):
    client.force_login(cast.member)
    response = client.post(
        reverse("directory:organisation-register"),
        {"name": "Bournemouth Buddies", "kind": "community_group", "country": "GB"},
    )
    assert response.status_code == 302
    assert cast.member.has_role("org_admin")
    org = cast.member.role_assignments.get(role="org_admin").organisation
    assert org.verified_at is None


def test_only_a_site_admin_verifies_an_organisation(client, cast):
    org = OrganisationFactory(name="Unchecked Org")
    url = reverse("directory:organisation-verify", args=[org.slug])
    login_with_second_factor(client, cast.org_admin)
    assert client.post(url).status_code == 404
    org.refresh_from_db()
    assert org.verified_at is None
    login_with_second_factor(client, cast.site_admin)
    assert "Unchecked Org" in client.get(reverse("directory:manage")).content.decode()
    assert client.post(url).status_code == 302
    org.refresh_from_db()
    assert org.verified_at is not None
    assert org.verified_by == cast.site_admin


def test_after_setting_up_mfa_the_staff_member_is_offered_the_way_back(client, cast):
    from allauth.mfa.totp.internal.auth import TOTP

    from kindred.accounts.services import role_grant

    fresh = OrganisationFactory(name="Fresh Org")
    role_grant(user=cast.member, role="org_admin", organisation=fresh)
    client.force_login(cast.member)
    target = reverse("directory:group-create", args=[fresh.slug])
    client.get(target)
    TOTP.activate(cast.member, "JBSWY3DPEHPK3PXP")
    login_with_second_factor(client, cast.member)  # as the activation page marks it
    body = client.get(reverse("mfa_index")).content.decode()
    assert f'href="{target}"' in body
    assert client.get(target).status_code == 200
    assert f'href="{target}"' not in client.get(reverse("mfa_index")).content.decode()


def test_meeting_times_are_shown_in_the_groups_own_time_zone(client, cast):
    group = make_group(
        organisation=cast.organisation, name="Melbourne Walkers", town="Melbourne", country="AU"
    )
    login_with_second_factor(client, cast.org_admin)
    client.post(
        reverse("directory:schedule-add", args=[group.slug]),
        {
            "title": "Sunday chat",
            "frequency": "monthly",
            "weekday": "SU",
            "week_of_month": "1",
            "first_date": "2026-12-06",
            "start_time": "10:00",
            "duration_minutes": "60",
            "is_online": "on",
        },
    )
    schedule = group.schedules.get()
    assert schedule.timezone == "Australia/Melbourne"
    body = client.get(group.get_absolute_url()).content.decode()
    assert "The first Sunday of every month at 10 a.m." in body
    # Every next date is a Sunday in Melbourne (in UTC they would fall on Saturday night).
    dates = re.findall(r"<time[^>]*>(\w+) \d+ \w+ \d{4}</time>", body)
    assert dates and set(dates) == {"Sunday"}
