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


def _fail_from(client, address, n):
    """`n` wrong passwords, each for a different account so only the per-address limit
    counts. The proxy adds the address it saw to whatever X-Forwarded-For the browser
    sent, which here tries a new made-up address every time."""
    for i in range(n):
        response = client.post(
            reverse("account_login"),
            {"login": f"nobody{i}@example.org", "password": "wrong guess"},
            HTTP_X_FORWARDED_FOR=f"192.0.2.{i}, {address}",
            REMOTE_ADDR="10.0.0.2",
        )
    return response.content.decode()


def test_behind_a_proxy_sign_in_limits_count_each_persons_own_address(client, cast, settings):
    """Everyone reaches Kindred through the proxy (10.0.0.2): with the proxy trusted, one
    person's failures lock out that person's address only."""
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    assert "Too many failed login attempts" in _fail_from(client, "203.0.113.7", 11)
    response = client.post(
        reverse("account_login"),
        {"login": "mina@example.org", "password": "a long demo passphrase 42"},
        HTTP_X_FORWARDED_FOR="198.51.100.9",
        REMOTE_ADDR="10.0.0.2",
    )
    assert response.status_code == 302, "someone else behind the same proxy signs in"


def test_without_a_trusted_proxy_the_forwarded_header_is_ignored(client, cast, settings):
    """Nobody can dodge the limit by writing a new X-Forwarded-For on each try."""
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 0
    for i in range(11):
        page = client.post(
            reverse("account_login"),
            {"login": f"nobody{i}@example.org", "password": "wrong guess"},
            HTTP_X_FORWARDED_FOR=f"198.51.100.{i}",
        ).content.decode()
    assert "Too many failed login attempts" in page
