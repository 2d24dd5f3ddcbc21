import pytest
from django.core import mail
from django.urls import reverse

from kindred.accounts.models import ConsentRecord, User

pytestmark = pytest.mark.django_db


def _signup(client, **overrides):
    data = {
        "email": "newcomer@example.org",
        "password1": "a sturdy passphrase 77",
        "password2": "a sturdy passphrase 77",
        "display_name": "SeaBreeze",
        "agree_terms": "on",
    }
    data.update(overrides)
    return client.post(reverse("account_signup"), data)


def test_it_creates_a_person_with_a_pseudonym_and_records_consent(client):
    response = _signup(client, agree_health_data="on")
    assert response.status_code == 302
    user = User.objects.get(email="newcomer@example.org")
    assert user.display_name == "SeaBreeze"
    purposes = set(
        ConsentRecord.objects.current().filter(user=user).values_list("purpose", flat=True)
    )
    assert purposes == {"terms", "health_data"}


def test_it_sends_a_verification_email(client):
    _signup(client)
    assert len(mail.outbox) == 1
    assert "newcomer@example.org" in mail.outbox[0].to
    assert "/accounts/confirm-email/" in mail.outbox[0].body


def test_it_does_not_record_health_consent_unless_asked(client):
    _signup(client)
    user = User.objects.get(email="newcomer@example.org")
    assert not ConsentRecord.objects.filter(user=user, purpose="health_data").exists()


def test_it_requires_agreeing_to_the_terms_and_keeps_what_was_typed(client):
    response = _signup(client, agree_terms="")
    assert response.status_code == 200
    body = response.content.decode()
    assert "You need to agree to the terms to create an account." in body
    assert 'value="SeaBreeze"' in body
    assert 'value="newcomer@example.org"' in body
    assert not User.objects.filter(email="newcomer@example.org").exists()
