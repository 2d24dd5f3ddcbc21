"""Staff reach the Django admin only through Kindred's own sign-in (with its lockout
and the second step), and only in a session that passed the second step."""

import pytest
from django.urls import reverse

from kindred.core.tests.cast import PASSWORD, TOTP_SECRET, login_with_second_factor
from kindred.demo.management.commands.demo_logins import current_code

pytestmark = pytest.mark.django_db


@pytest.fixture
def sam(cast):
    """Sam, the site admin, who may use the Django admin and has an authenticator app."""
    cast.site_admin.is_staff = cast.site_admin.is_superuser = True
    cast.site_admin.save()
    return cast.site_admin


def _code() -> str:
    code, _seconds_left = current_code(TOTP_SECRET)
    return code


def test_it_sends_admin_sign_in_to_kindreds_sign_in(client, sam):
    response = client.get("/admin/login/?next=/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
    assert "next=/admin/" in response["Location"]


def test_it_never_signs_anyone_in_from_the_admin_password_form(client, sam):
    response = client.post(
        "/admin/login/?next=/admin/", {"username": sam.email, "password": PASSWORD}
    )
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session
    assert client.get("/admin/").status_code == 302


def test_thirty_wrong_passwords_then_the_right_one_do_not_open_the_admin(client, sam):
    for _ in range(30):
        client.post("/admin/login/?next=/admin/", {"username": sam.email, "password": "guess"})
    client.post("/admin/login/?next=/admin/", {"username": sam.email, "password": PASSWORD})
    assert "_auth_user_id" not in client.session
    # The sign-in page that /admin/login/ sends people to is the one with the lockout.
    login = client.get("/admin/login/?next=/admin/")["Location"]
    for _ in range(30):
        client.post(login, {"login": sam.email, "password": "guess"})
    response = client.post(login, {"login": sam.email, "password": PASSWORD})
    # Locked out: by the address's lockout, or the limit on attempts from one place.
    assert (
        response.status_code == 429 or "Too many failed login attempts" in response.content.decode()
    )
    assert "_auth_user_id" not in client.session
    assert client.get("/admin/").status_code == 302


def test_a_password_only_session_is_refused_until_the_second_step(client, sam):
    client.force_login(sam)  # a session that never passed the second step
    response = client.get("/admin/", follow=True)
    assert response.redirect_chain[-1][0].startswith(reverse("mfa_reauthenticate"))
    assert client.get("/admin/conditions/condition/").status_code == 302
    response = client.post(response.redirect_chain[-1][0], {"code": _code()})
    assert response.status_code == 302
    assert response["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200
    assert client.get("/admin/conditions/condition/").status_code == 200


def test_the_whole_admin_sign_in_goes_through_the_second_step(client, sam):
    login = client.get("/admin/login/?next=/admin/")["Location"]
    response = client.post(login, {"login": sam.email, "password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_authenticate")
    assert client.get("/admin/").status_code == 302
    response = client.post(reverse("mfa_authenticate"), {"code": _code()})
    assert response["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200


def test_staff_without_an_authenticator_are_sent_to_set_one_up_for_the_admin(client, cast):
    cast.member.is_staff = True
    cast.member.save()
    client.force_login(cast.member)
    response = client.get("/admin/", follow=True)
    # (allauth first asks for the password again before an authenticator is added.)
    assert any(url.startswith(reverse("mfa_activate_totp")) for url, _ in response.redirect_chain)
    assert response.redirect_chain[-1][0].endswith("?next=%2Faccounts%2F2fa%2Ftotp%2Factivate%2F")


def test_people_who_are_not_admin_staff_are_refused(client, cast):
    login_with_second_factor(client, cast.org_admin)
    response = client.get("/admin/", follow=True)
    assert response.status_code == 403
    assert "_auth_user_id" in client.session


def test_admin_staff_who_passed_the_second_step_get_in(client, sam):
    login_with_second_factor(client, sam)
    assert client.get("/admin/").status_code == 200
    response = client.get("/admin/login/?next=/admin/conditions/condition/")
    assert response["Location"] == "/admin/conditions/condition/"
