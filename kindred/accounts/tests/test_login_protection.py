import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_it_locks_out_an_address_after_repeated_failed_logins(client, cast):
    url = reverse("account_login")
    for _ in range(5):
        response = client.post(url, {"login": "mina@example.org", "password": "wrong guess"})
        assert response.status_code == 200
    # Even the right password is refused while the lockout lasts.
    response = client.post(
        url, {"login": "mina@example.org", "password": "a long demo passphrase 42"}
    )
    assert response.status_code == 200
    assert "Too many failed login attempts" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_it_lets_the_right_password_in(client, cast):
    response = client.post(
        reverse("account_login"),
        {"login": "mina@example.org", "password": "a long demo passphrase 42"},
    )
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(cast.member.pk)
