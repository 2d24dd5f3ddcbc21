"""Starting a buddy programme and changing its rules: who may open the form, what it
saves, how the matcher then reads it, and the errors it shows.

Olu runs South Coast T1 Peers (with a second sign-in step), appointed himself one of
its coordinators and starts its programmes. Ola runs another organisation and
coordinates for it; Nia coordinates for a third one, which she does not run; Mina is a
member and Oscar an outsider. None of them may start or change Olu's programmes."""

from __future__ import annotations

import pytest
import textstat
from allauth.mfa.totp.internal.auth import TOTP
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from kindred.accounts.models import Role
from kindred.accounts.services import role_grant
from kindred.buddies import matching, services
from kindred.buddies.models import Programme, default_weights
from kindred.buddies.services import BuddyError, ProgrammeSettings
from kindred.buddies.tests.factories import make_programme
from kindred.buddies.tests.test_pages import MAX_GRADE, _visible_text
from kindred.conditions.models import Condition
from kindred.core.tests.cast import TOTP_SECRET, login_with_second_factor, make_user
from kindred.directory.tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db

NEW = reverse("buddies:programme-new")


@pytest.fixture(autouse=True)
def olu_coordinates(cast):
    services.coordinator_appoint(
        organisation=cast.organisation, user=cast.org_admin, by=cast.org_admin
    )


@pytest.fixture
def programme(cast):
    return make_programme(organisation=cast.organisation, coordinator=cast.org_admin)


@pytest.fixture
def other_org_admin(cast):
    """Ola runs another organisation and coordinates for it, with a second sign-in step."""
    ola = make_user("ola@example.org", "Ola", real_name="Ola Other", mfa=True)
    else_ = OrganisationFactory(name="Else", verified=True)
    role_grant(user=ola, role=Role.ORG_ADMIN, organisation=else_)
    services.coordinator_appoint(organisation=else_, user=ola, by=ola)
    return ola


@pytest.fixture
def other_coordinator(cast):
    """Nia coordinates a programme for another organisation, which she does not run."""
    nia = make_user("nia@example.org", "Nia", real_name="Nia Jones", mfa=True)
    theirs = OrganisationFactory(name="Elsewhere", verified=True)
    make_programme(organisation=theirs, coordinator=nia, name="Nia's programme")
    return nia


def _settings_url(programme):
    return reverse("buddies:programme-settings", args=[programme.slug])


def _condition(slug):
    return Condition.objects.get(slug=slug)


def _form_data(cast, **changes):
    data = {
        "organisation": str(cast.organisation.pk),
        "name": "Walking with Parkinson's",
        "purpose": "People newly diagnosed with Parkinson's who like to walk.",
        "conditions": [str(_condition("parkinsons-disease").pk)],
        "pairing": "mutual",
        "contact_modes": ["online", "in_person"],
        "duration_weeks": "26",
        "checkin_every_days": "21",
        "requires_training": "on",
        "background_check_valid_days": "730",
        "coordinator": str(cast.org_admin.pk),
        "threshold": "50",
        "is_open": "on",
        "weight_experience_gap": "0",
        "weight_shared_life_event": "1",
        "weight_proximity": "4",
        "weight_needs_offers_similarity": "2.5",
        "weight_shared_attributes": "2",
        "weight_age_closeness": "0",
    }
    data.update(changes)
    return data


def _settings(cast, **changes):
    base = {
        "name": "Walkers",
        "purpose": "People who like to walk.",
        "condition_ids": [_condition("type-1-diabetes").pk],
        "pairing": "supporter_to_supported",
        "contact_modes": ["online"],
        "duration_weeks": 12,
        "checkin_every_days": 14,
        "coordinator_id": cast.org_admin.pk,
        "threshold": 0.35,
        "weights": default_weights(),
    }
    base.update(changes)
    return ProgrammeSettings(**base)


# --- starting a programme ------------------------------------------------------------------


def test_it_starts_a_programme_that_the_matcher_follows(client, cast):
    login_with_second_factor(client, cast.org_admin)
    body = client.get(NEW).content.decode()
    assert cast.organisation.name in body
    assert "How much it counts that they live close by." in body
    assert f'<option value="{cast.org_admin.pk}" selected>Olu</option>' in body

    response = client.post(NEW, _form_data(cast))

    programme = Programme.objects.get(name="Walking with Parkinson's")
    assert response.status_code == 302
    assert response["Location"] == reverse("buddies:coordinate", args=[programme.slug])
    assert programme.slug == "walking-with-parkinsons"
    assert programme.organisation == cast.organisation
    assert programme.coordinator == cast.org_admin
    assert programme.contact_modes == ["online", "in_person"]
    assert (programme.duration_weeks, programme.checkin_every_days) == (26, 21)
    assert programme.requires_training and not programme.requires_background_check
    assert programme.background_check_valid_days == 730
    assert programme.is_open and not programme.is_youth
    rules = services.programme_rules(programme)
    assert rules.condition_slugs == {"parkinsons-disease"}
    assert rules.pairing == matching.Pairing.MUTUAL
    assert rules.threshold == 0.5
    assert rules.weights == matching.Weights(
        experience_gap=0,
        shared_life_event=1,
        proximity=4,
        needs_offers_similarity=2.5,
        shared_attributes=2,
        age_closeness=0,
    )
    assert (
        "has started. People can now join it." in client.get(response["Location"]).content.decode()
    )


def test_it_offers_only_the_organisations_olu_runs(client, cast, other_org_admin):
    login_with_second_factor(client, cast.org_admin)
    body = client.get(NEW).content.decode()
    assert "South Coast T1 Peers" in body
    assert ">Else<" not in body
    else_ = other_org_admin.role_assignments.get().organisation
    response = client.post(NEW, _form_data(cast, organisation=str(else_.pk)))
    assert response.status_code == 400
    assert "Choose the organisation that runs the programme." in response.content.decode()
    assert not Programme.objects.exists()


def test_a_site_admin_may_start_one_for_any_organisation(client, cast, other_org_admin):
    else_ = other_org_admin.role_assignments.get().organisation
    login_with_second_factor(client, cast.site_admin)
    body = client.get(NEW).content.decode()
    assert "South Coast T1 Peers" in body and ">Else<" in body
    response = client.post(
        NEW, _form_data(cast, organisation=str(else_.pk), coordinator=str(other_org_admin.pk))
    )
    assert response.status_code == 302
    programme = Programme.objects.get()
    assert (programme.organisation, programme.coordinator) == (else_, other_org_admin)


def test_the_lead_must_be_one_of_the_organisations_coordinators(client, cast, other_org_admin):
    login_with_second_factor(client, cast.org_admin)
    response = client.post(NEW, _form_data(cast, coordinator=str(other_org_admin.pk)))
    assert response.status_code == 400
    assert "Choose who coordinates the programme." in response.content.decode()
    # The service checks it again, whatever a form lets through.
    with pytest.raises(BuddyError) as refused:
        services.programme_save(
            by=cast.org_admin,
            organisation=cast.organisation,
            settings=_settings(cast, coordinator_id=cast.member.pk),
        )
    assert refused.value.field == "coordinator"


def test_an_inactive_condition_is_not_offered(client, cast):
    Condition.objects.filter(slug="parkinsons-disease").update(is_active=False)
    login_with_second_factor(client, cast.org_admin)
    assert "Parkinson" not in client.get(NEW).content.decode()
    response = client.post(NEW, _form_data(cast))
    assert response.status_code == 400
    assert "Choose at least one condition from the list." in response.content.decode()


# --- its web address -----------------------------------------------------------------------


def test_it_never_takes_a_reserved_or_used_web_address(client, cast):
    login_with_second_factor(client, cast.org_admin)
    for name in ("New", "Mine", "Walkers", "Walkers"):
        assert client.post(NEW, _form_data(cast, name=name)).status_code == 302
    slugs = sorted(Programme.objects.values_list("slug", flat=True))
    assert slugs == ["mine-2", "new-2", "walkers", "walkers-2"]
    # The fixed pages still open.
    assert client.get(NEW).status_code == 200
    assert client.get(reverse("buddies:mine")).status_code == 200


def test_a_name_without_letters_still_gets_an_address(cast):
    programme = services.programme_save(
        by=cast.org_admin, organisation=cast.organisation, settings=_settings(cast, name="???")
    )
    assert programme.slug == "programme"


# --- changing its rules ----------------------------------------------------------------------


def test_the_settings_show_the_programmes_rules(client, cast, programme):
    programme.threshold = 0.4
    programme.weights = {**default_weights(), "proximity": 2.5}
    programme.save()
    login_with_second_factor(client, cast.org_admin)
    body = client.get(_settings_url(programme)).content.decode()
    assert f'value="{programme.name}"' in body
    assert 'name="threshold" value="40"' in body
    assert 'name="weight_proximity" value="2.5"' in body
    assert 'name="weight_experience_gap" value="3"' in body
    assert 'value="phone" id="id_contact_modes_1" checked>' in body
    assert 'name="organisation"' not in body
    assert "Save the changes" in body


def test_it_changes_the_rules_the_matcher_follows(client, cast, programme):
    slug = programme.slug
    login_with_second_factor(client, cast.org_admin)
    data = _form_data(
        cast,
        name="New parents (type 1)",
        conditions=[str(_condition("type-1-diabetes").pk)],
        threshold="20",
        weight_age_closeness="7.5",
        requires_background_check="on",
    )
    del data["organisation"]
    response = client.post(_settings_url(programme), data)
    assert response.status_code == 302
    assert response["Location"] == reverse("buddies:coordinate", args=[slug])
    programme.refresh_from_db()
    # The address stays the same, so links to the programme keep working.
    assert (programme.name, programme.slug) == ("New parents (type 1)", slug)
    assert programme.requires_background_check
    rules = services.programme_rules(programme)
    assert rules.threshold == 0.2
    assert rules.weights.age_closeness == 7.5
    assert rules.weights.proximity == 4
    assert rules.condition_slugs == {"type-1-diabetes"}


def test_a_coordinator_who_does_not_run_the_organisation_changes_the_rules(
    client, cast, other_coordinator
):
    programme = Programme.objects.get(coordinator=other_coordinator)
    login_with_second_factor(client, other_coordinator)
    data = _form_data(cast, coordinator=str(other_coordinator.pk), threshold="60")
    response = client.post(_settings_url(programme), data)
    assert response.status_code == 302
    programme.refresh_from_db()
    assert (programme.coordinator, programme.threshold) == (other_coordinator, 0.6)


def _error_by(body, field):
    """The error shown with a field (between its label and its input)."""
    return body.split(f'id="id_{field}_error">', 1)[1].split("</p>", 1)[0]


def test_an_error_sits_next_to_its_field_and_keeps_what_was_typed(client, cast, programme):
    login_with_second_factor(client, cast.org_admin)
    data = _form_data(
        cast,
        name="Renamed walkers",
        threshold="about half",
        weight_proximity="11",
        weight_shared_attributes="1.25",
        contact_modes=[],
    )
    response = client.post(_settings_url(programme), data)
    assert response.status_code == 400
    body = response.content.decode()
    assert "Please check these answers" in body
    assert 'aria-invalid="true"' in body
    for field, error in [
        ("threshold", "Enter a number from 0 to 100."),
        ("weight_proximity", "Enter a number from 0 to 10, like 2 or 2.5."),
        ("weight_shared_attributes", "Enter a number from 0 to 10, like 2 or 2.5."),
        ("contact_modes", "Choose at least one way for buddies to keep in touch."),
    ]:
        assert error in _error_by(body, field), field
    assert 'value="Renamed walkers"' in body
    assert 'name="threshold" value="about half"' in body
    assert 'name="weight_proximity" value="11"' in body
    assert 'name="weight_needs_offers_similarity" value="2.5"' in body
    assert 'value="mutual" id="id_pairing_1" required checked>' in body
    programme.refresh_from_db()
    assert programme.name != "Renamed walkers"


def test_every_weight_at_zero_is_refused_by_the_first_one(client, cast):
    login_with_second_factor(client, cast.org_admin)
    zeros = {f"weight_{name}": "0" for name in services.WEIGHT_NAMES}
    response = client.post(NEW, _form_data(cast, **zeros))
    assert response.status_code == 400
    body = response.content.decode()
    error = _error_by(body, "weight_experience_gap")
    assert "Give at least one of these a number above 0." in error
    assert 'value="Walking with Parkinson&#x27;s"' in body
    assert not Programme.objects.exists()


# --- who may ---------------------------------------------------------------------------------


def _is_login_redirect(response):
    return response.status_code == 302 and reverse("account_login") in response["Location"]


def test_signed_out_people_are_sent_to_sign_in(client, cast, programme):
    assert _is_login_redirect(client.get(NEW))
    assert _is_login_redirect(client.post(NEW, _form_data(cast)))
    assert _is_login_redirect(client.get(_settings_url(programme)))


def test_everyone_else_gets_a_404(client, cast, programme, other_org_admin, other_coordinator):
    url = _settings_url(programme)
    # Members and outsiders are not asked to set up a second step for a page they can
    # never use.
    for person in (cast.member, cast.outsider, cast.peer_leader, cast.moderator):
        login_with_second_factor(client, person)
        assert client.get(NEW).status_code == 404, person
        assert client.get(url).status_code == 404, person
    for person in (other_org_admin, other_coordinator):
        login_with_second_factor(client, person)
        assert client.get(url).status_code == 404, person
        assert client.post(url, _form_data(cast)).status_code == 404, person
    # Nia may start programmes only for the organisation she coordinates for.
    login_with_second_factor(client, other_coordinator)
    assert "South Coast T1 Peers" not in client.get(NEW).content.decode()
    programme.refresh_from_db()
    assert programme.name != "Walking with Parkinson's"
    for person in (cast.org_admin, cast.site_admin):
        login_with_second_factor(client, person)
        assert client.get(url).status_code == 200, person
        assert client.get(NEW).status_code == 200, person


def test_an_org_admin_without_a_second_step_is_sent_to_set_one_up(client, cast):
    olu = cast.org_admin
    olu.authenticator_set.all().delete()
    client.force_login(olu)
    response = client.get(NEW)
    assert response["Location"] == reverse("mfa_activate_totp")
    TOTP.activate(olu, TOTP_SECRET)
    # An authenticator added is not a second step passed in this session.
    assert client.get(NEW)["Location"].startswith(reverse("mfa_reauthenticate"))
    login_with_second_factor(client, olu)
    assert client.get(NEW).status_code == 200


def test_the_service_checks_who_may_again(cast, programme, other_org_admin, other_coordinator):
    with pytest.raises(PermissionDenied):
        services.programme_save(
            by=other_org_admin, organisation=cast.organisation, settings=_settings(cast)
        )
    with pytest.raises(PermissionDenied):
        services.programme_save(by=cast.member, programme=programme, settings=_settings(cast))
    with pytest.raises(PermissionDenied):
        services.programme_save(by=other_coordinator, programme=programme, settings=_settings(cast))
    with pytest.raises(PermissionDenied):
        # A programme stays with the organisation that started it.
        services.programme_save(
            by=cast.site_admin,
            programme=programme,
            organisation=other_org_admin.role_assignments.get().organisation,
            settings=_settings(cast),
        )
    assert Programme.objects.filter(name="Walkers").count() == 0


# --- links and words --------------------------------------------------------------------------


def test_the_links_show_to_those_who_may_use_them(client, cast, programme):
    client.force_login(cast.member)
    assert (
        "Start a buddy programme" not in client.get(reverse("buddies:programmes")).content.decode()
    )
    login_with_second_factor(client, cast.org_admin)
    body = client.get(reverse("buddies:programmes")).content.decode()
    assert f'href="{NEW}">Start a buddy programme' in body
    body = client.get(reverse("buddies:coordinate", args=[programme.slug])).content.decode()
    assert f'href="{_settings_url(programme)}">Programme settings' in body


def test_the_form_is_plain(client, cast, programme):
    login_with_second_factor(client, cast.org_admin)
    for url in (NEW, _settings_url(programme)):
        text = _visible_text(client.get(url).content.decode())
        assert textstat.flesch_kincaid_grade(text) <= MAX_GRADE, (url, text)
