import pytest
from django.core import mail
from django.urls import reverse

from kindred.core.tests.cast import login_with_second_factor

pytestmark = pytest.mark.django_db


def test_it_sends_a_password_reset_link(client, cast):
    response = client.post(reverse("account_reset_password"), {"email": "mina@example.org"})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    assert "/accounts/password/reset/key/" in mail.outbox[0].body


def test_it_does_not_reveal_whether_an_address_has_an_account(client, cast):
    known = client.post(reverse("account_reset_password"), {"email": "mina@example.org"})
    unknown = client.post(reverse("account_reset_password"), {"email": "nobody@example.org"})
    assert known.status_code == unknown.status_code == 302
    assert known["Location"] == unknown["Location"]


def test_only_site_admins_reach_the_admin_site(client, cast):
    for person in [cast.member, cast.org_admin, cast.moderator, cast.outsider]:
        client.force_login(person)
        response = client.get("/admin/conditions/condition/")
        assert response.status_code == 302
        assert "/admin/login/" in response["Location"]
    cast.site_admin.is_staff = cast.site_admin.is_superuser = True
    cast.site_admin.save()
    login_with_second_factor(client, cast.site_admin)
    response = client.get("/admin/conditions/condition/")
    assert response.status_code == 200
    assert "Type 1 diabetes" in response.content.decode()
