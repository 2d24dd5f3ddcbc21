"""Staff pages need a session that passed the second step at sign-in, not just an
account that has an authenticator."""

import pytest
from allauth.mfa.totp.internal.auth import SECRET_SESSION_KEY
from django.urls import reverse

from kindred.accounts.services import role_grant
from kindred.core.tests.cast import PASSWORD, TOTP_SECRET, login_with_second_factor
from kindred.demo.management.commands.demo_logins import current_code
from kindred.directory.tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_page(cast):
    return reverse("directory:group-create", args=[cast.organisation.slug])


def test_it_asks_for_the_second_step_when_the_session_skipped_it(client, cast, staff_page):
    client.force_login(cast.org_admin)  # Olu has an authenticator app, but did not use it
    response = client.get(staff_page)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("mfa_reauthenticate"))
    assert "next=" in response["Location"]


def test_it_lets_staff_in_once_this_session_passed_the_second_step(client, cast, staff_page):
    login_with_second_factor(client, cast.org_admin)
    assert client.get(staff_page).status_code == 200


def test_the_second_step_asked_for_leads_back_to_the_page(client, cast, staff_page):
    client.force_login(cast.org_admin)
    step = client.get(staff_page)["Location"]
    page = client.get(step)
    assert page.status_code == 200
    code, _ = current_code(TOTP_SECRET)
    response = client.post(step, {"code": code})
    assert response["Location"] == staff_page
    assert client.get(staff_page).status_code == 200


def test_a_wrong_code_does_not_open_the_page(client, cast, staff_page):
    client.force_login(cast.org_admin)
    step = client.get(staff_page)["Location"]
    client.post(step, {"code": "000000"})
    assert client.get(staff_page).status_code == 302


# allauth says an authenticator was added once the transaction commits: a real commit.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_second_factor_set_up_in_this_session_counts(client, cast):
    fresh = OrganisationFactory(name="Fresh Org", verified=True)
    role_grant(user=cast.member, role="org_admin", organisation=fresh)
    target = reverse("directory:group-create", args=[fresh.slug])
    client.post(reverse("account_login"), {"login": cast.member.email, "password": PASSWORD})
    response = client.get(target)
    assert response["Location"].startswith(reverse("mfa_activate_totp"))
    activate = reverse("mfa_activate_totp")
    page = client.get(activate)
    if page.status_code == 302:  # allauth asks for the password again first
        client.post(page["Location"], {"password": PASSWORD})
        page = client.get(activate)
    assert page.status_code == 200
    secret = client.session[SECRET_SESSION_KEY]
    code, _ = current_code(secret)
    response = client.post(activate, {"code": code})
    assert response.status_code == 302
    assert client.get(target).status_code == 200


def test_a_second_factor_set_up_elsewhere_does_not_count_here(client, cast):
    from allauth.mfa.totp.internal.auth import TOTP

    fresh = OrganisationFactory(name="Fresh Org", verified=True)
    role_grant(user=cast.member, role="org_admin", organisation=fresh)
    target = reverse("directory:group-create", args=[fresh.slug])
    client.force_login(cast.member)
    TOTP.activate(cast.member, TOTP_SECRET)  # on another device, say
    response = client.get(target)
    assert response["Location"].startswith(reverse("mfa_reauthenticate"))


def test_another_persons_second_step_does_not_count(client, cast, staff_page):
    login_with_second_factor(client, cast.site_admin)
    client.force_login(cast.org_admin)
    assert client.get(staff_page).status_code == 302


def test_someone_with_only_a_passkey_is_asked_for_the_passkey(client, cast, staff_page):
    from allauth.mfa.models import Authenticator

    cast.org_admin.authenticator_set.all().delete()
    Authenticator.objects.create(user=cast.org_admin, type=Authenticator.Type.WEBAUTHN, data={})
    client.force_login(cast.org_admin)
    response = client.get(staff_page)
    assert response["Location"].startswith(reverse("mfa_reauthenticate_webauthn"))
