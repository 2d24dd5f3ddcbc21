"""Who may run a buddy programme: only people an organisation's admin appointed as its
coordinators (and site admins), and a programme is public only under an organisation
that Kindred has checked.

Olu runs South Coast T1 Peers (verified) and appoints its coordinators. Priya leads its
peer groups but coordinates nothing until Olu appoints her. Ola runs Else, another
checked organisation, and coordinates its programme. Oscar registers "NHS Buddy
Service", which nobody has checked."""

from __future__ import annotations

from html import unescape

import pytest
import textstat
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from kindred.accounts.models import Role
from kindred.accounts.services import role_grant
from kindred.buddies import services
from kindred.buddies.models import CheckIn, Coordinator, Programme
from kindred.buddies.services import BuddyError
from kindred.buddies.tests.factories import (
    active_match,
    join,
    make_person,
    make_programme,
    proposed_match,
)
from kindred.buddies.tests.test_pages import MAX_GRADE, _visible_text
from kindred.buddies.tests.test_programme_settings import _form_data, _settings
from kindred.community.models import Notification
from kindred.core.tests.cast import login_with_second_factor, make_user
from kindred.directory.models import Organisation
from kindred.directory.services import organisation_register
from kindred.directory.tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db

NEW = reverse("buddies:programme-new")


def _coordinators_url(organisation: Organisation) -> str:
    return reverse("buddies:coordinators", args=[organisation.slug])


@pytest.fixture
def else_org(cast):
    """Else, a checked organisation run by Ola, who coordinates its programme."""
    organisation = OrganisationFactory(name="Else", verified=True)
    ola = make_user("ola@example.org", "Ola", real_name="Ola Other", mfa=True)
    role_grant(user=ola, role=Role.ORG_ADMIN, organisation=organisation)
    services.coordinator_appoint(organisation=organisation, user=ola, by=ola)
    return organisation


def test_an_org_admin_member_or_outsider_who_was_not_appointed_cannot_start_one(client, cast):
    # Olu runs the organisation, but has not appointed anyone (himself included).
    for person in (cast.org_admin, cast.member, cast.peer_leader, cast.outsider):
        login_with_second_factor(client, person)
        assert client.get(NEW).status_code == 404, person
        assert client.post(NEW, _form_data(cast)).status_code == 404, person
        with pytest.raises(PermissionDenied):
            services.programme_save(
                by=person,
                organisation=cast.organisation,
                settings=_settings(cast),
            )
    assert not Programme.objects.exists()


def test_an_org_admin_alone_cannot_run_or_read_a_programme(client, cast):
    """Being an organisation's admin is not enough to read people's matching reasons."""
    nia = make_person("Nia")
    services.coordinator_appoint(organisation=cast.organisation, user=nia, by=cast.org_admin)
    programme = make_programme(organisation=cast.organisation, coordinator=nia)
    login_with_second_factor(client, cast.org_admin)
    assert client.get(reverse("buddies:coordinate", args=[programme.slug])).status_code == 404
    with pytest.raises(PermissionDenied):
        services.dashboard(programme, cast.org_admin)
    with pytest.raises(PermissionDenied):
        services.run_matching(programme=programme, by=cast.org_admin)


def test_a_coordinator_of_one_organisation_cannot_see_anothers_matching_reasons(
    client, cast, else_org
):
    ola = else_org.role_assignments.get().user
    services.coordinator_appoint(
        organisation=cast.organisation, user=cast.org_admin, by=cast.org_admin
    )
    theirs = make_programme(organisation=cast.organisation, coordinator=cast.org_admin)
    match = proposed_match(theirs, make_person("Seeker"), make_person("Supporter"))

    login_with_second_factor(client, ola)
    assert client.get(reverse("buddies:coordinate", args=[theirs.slug])).status_code == 404
    assert client.post(reverse("buddies:run", args=[theirs.slug])).status_code == 404
    assert client.get(reverse("buddies:programme-settings", args=[theirs.slug])).status_code == 404
    decide = reverse("buddies:match-decide", args=[match.pk])
    assert client.post(decide, {"action": "approve"}).status_code == 404
    assert not services.is_coordinator(theirs, ola)
    with pytest.raises(PermissionDenied):
        services.dashboard(theirs, ola)
    # Ola's own programme is hers to run.
    own = make_programme(organisation=else_org, coordinator=ola)
    assert client.get(reverse("buddies:coordinate", args=[own.slug])).status_code == 200


def test_an_unverified_organisations_programme_is_not_published(client, cast):
    """Oscar registers an organisation under a name he does not own, appoints himself and
    starts a programme. Nobody can find or join it until a site admin checks it."""
    fake = organisation_register(user=cast.outsider, name="NHS Buddy Service", kind="charity")
    services.coordinator_appoint(organisation=fake, user=cast.outsider, by=cast.outsider)
    programme = make_programme(organisation=fake, coordinator=cast.outsider, name="NHS Buddies")
    page = reverse("buddies:programme", args=[programme.slug])

    login_with_second_factor(client, cast.member)
    assert "NHS Buddies" not in client.get(reverse("buddies:programmes")).content.decode()
    assert client.get(page).status_code == 404
    assert client.get(reverse("buddies:join", args=[programme.slug])).status_code == 404
    with pytest.raises(BuddyError):
        join(programme, cast.member)
    assert not programme.profiles.exists()
    assert programme not in Programme.objects.published()

    # Once a site admin has checked the organisation, the programme is public.
    fake.verified_at = fake.created_at
    fake.save()
    assert "NHS Buddies" in client.get(reverse("buddies:programmes")).content.decode()
    assert client.get(page).status_code == 200


def test_the_org_admin_appoints_a_coordinator_who_then_can(client, cast):
    priya = cast.peer_leader
    url = _coordinators_url(cast.organisation)
    login_with_second_factor(client, cast.org_admin)
    page = client.get(url)
    assert page.status_code == 200
    assert "Buddy programme coordinators" in unescape(page.content.decode())

    response = client.post(url, {"action": "appoint", "email": "PRIYA@example.org "})

    assert response.status_code == 302
    appointed = Coordinator.objects.get(organisation=cast.organisation, user=priya)
    assert appointed.appointed_by == cast.org_admin
    told = Notification.objects.get(user=priya)
    assert "You can now start and run buddy programmes for South Coast T1 Peers" in told.text
    assert "Priya" in client.get(url).content.decode()
    # Priya can now start a programme for the organisation, and run it.
    login_with_second_factor(client, priya)
    response = client.post(NEW, _form_data(cast, coordinator=str(priya.pk)))
    assert response.status_code == 302, response.content.decode()
    programme = Programme.objects.get()
    assert programme.coordinator == priya
    assert client.get(reverse("buddies:coordinate", args=[programme.slug])).status_code == 200
    assert client.post(reverse("buddies:run", args=[programme.slug])).status_code == 302


def test_the_org_admin_removes_a_coordinator_who_then_cannot(client, cast):
    priya = cast.peer_leader
    services.coordinator_appoint(organisation=cast.organisation, user=priya, by=cast.org_admin)
    programme = make_programme(organisation=cast.organisation, coordinator=priya)
    appointed = Coordinator.objects.get(user=priya)
    login_with_second_factor(client, cast.org_admin)

    url = _coordinators_url(cast.organisation)
    assert client.post(url, {"action": "remove", "coordinator": "x"}).status_code == 404
    response = client.post(url, {"action": "remove", "coordinator": appointed.pk})

    assert response.status_code == 302
    assert not Coordinator.objects.filter(user=priya).exists()
    programme.refresh_from_db()
    assert programme.coordinator is None
    login_with_second_factor(client, priya)
    assert client.get(reverse("buddies:coordinate", args=[programme.slug])).status_code == 404


def test_appointing_someone_without_an_account_says_so_by_the_field(client, cast):
    login_with_second_factor(client, cast.org_admin)
    response = client.post(
        _coordinators_url(cast.organisation), {"action": "appoint", "email": "nobody@example.org"}
    )
    assert response.status_code == 400
    body = unescape(response.content.decode())
    assert "No one with this email address has a Kindred account" in body
    assert 'value="nobody@example.org"' in body
    assert not Coordinator.objects.exists()


def test_only_the_organisations_admins_and_site_admins_choose_coordinators(client, cast, else_org):
    ola = else_org.role_assignments.get().user
    services.coordinator_appoint(
        organisation=cast.organisation, user=cast.peer_leader, by=cast.org_admin
    )
    url = _coordinators_url(cast.organisation)
    # A coordinator, an admin of another organisation, a member: none of them.
    for person in (cast.peer_leader, ola, cast.member, cast.outsider):
        login_with_second_factor(client, person)
        assert client.get(url).status_code == 404, person
        response = client.post(url, {"action": "appoint", "email": person.email})
        assert response.status_code == 404, person
        with pytest.raises(PermissionDenied):
            services.coordinator_appoint(organisation=cast.organisation, user=person, by=person)
    assert list(Coordinator.objects.filter(organisation=cast.organisation)) == [
        Coordinator.objects.get(user=cast.peer_leader)
    ]
    login_with_second_factor(client, cast.site_admin)
    assert client.get(url).status_code == 200


def test_a_site_admin_can_run_any_programme(client, cast, else_org):
    ola = else_org.role_assignments.get().user
    programme = make_programme(organisation=else_org, coordinator=ola)
    login_with_second_factor(client, cast.site_admin)
    assert client.get(reverse("buddies:coordinate", args=[programme.slug])).status_code == 200
    assert services.is_coordinator(programme, cast.site_admin)


def test_a_site_admin_sees_the_coordinators_in_the_admin_site(client, cast):
    services.coordinator_appoint(
        organisation=cast.organisation, user=cast.peer_leader, by=cast.org_admin
    )
    cast.site_admin.is_staff = cast.site_admin.is_superuser = True
    cast.site_admin.save()
    login_with_second_factor(client, cast.site_admin)
    page = client.get(reverse("admin:buddies_coordinator_changelist"))
    assert page.status_code == 200
    assert "Priya" in page.content.decode()
    assert client.get(reverse("admin:buddies_programme_add")).status_code == 200


def test_the_coordinators_page_is_plain(client, cast):
    services.coordinator_appoint(
        organisation=cast.organisation, user=cast.peer_leader, by=cast.org_admin
    )
    login_with_second_factor(client, cast.org_admin)
    text = _visible_text(client.get(_coordinators_url(cast.organisation)).content.decode())
    assert textstat.flesch_kincaid_grade(text) <= MAX_GRADE, text


def test_without_a_lead_every_coordinator_is_told(cast):
    """Priya led the programme until Olu removed her: Olu and Nia, the other
    coordinators, now hear when a check-in says it is not going well; Priya does not."""
    priya, nia = cast.peer_leader, make_person("Nia")
    for person in (cast.org_admin, nia):
        services.coordinator_appoint(organisation=cast.organisation, user=person, by=cast.org_admin)
    programme = make_programme(organisation=cast.organisation, coordinator=priya)
    match = active_match(programme, cast.member, make_person("Sara"))
    services.coordinator_remove(coordinator=Coordinator.objects.get(user=priya), by=cast.org_admin)
    checkin = CheckIn.objects.filter(match=match, user=cast.member).first()

    services.checkin_answer(checkin=checkin, user=cast.member, feeling="not_good")

    told = Notification.objects.filter(text__contains="not going well")
    assert set(told.values_list("user__display_name", flat=True)) == {"Olu", "Nia"}
