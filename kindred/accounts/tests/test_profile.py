import json

import pytest
from django.urls import reverse

from kindred.accounts import services
from kindred.accounts.models import ConsentRecord

pytestmark = pytest.mark.django_db


def test_it_sends_anonymous_visitors_to_sign_in(client):
    for name in ["accounts:profile", "accounts:data-export"]:
        response = client.get(reverse(name))
        assert response.status_code == 302
        assert reverse("account_login") in response["Location"]
    response = client.post(reverse("accounts:consent-change"), {"purpose": "research"})
    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]


def test_it_updates_the_display_name(client, cast):
    client.force_login(cast.member)
    response = client.post(
        reverse("accounts:profile"), {"display_name": "Sunny", "real_name": "Mina Rahman"}
    )
    assert response.status_code == 302
    cast.member.refresh_from_db()
    assert cast.member.display_name == "Sunny"


def test_it_refuses_an_email_address_as_display_name_and_keeps_the_input(client, cast):
    client.force_login(cast.member)
    response = client.post(
        reverse("accounts:profile"), {"display_name": "mina@example.org", "real_name": "Mina R"}
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert "Please do not use an email address" in body
    assert 'value="Mina R"' in body


def test_it_gives_and_withdraws_consent(client, cast):
    client.force_login(cast.member)
    client.post(reverse("accounts:consent-change"), {"purpose": "research", "action": "give"})
    assert ConsentRecord.objects.current().filter(user=cast.member, purpose="research").exists()
    client.post(reverse("accounts:consent-change"), {"purpose": "research", "action": "withdraw"})
    assert not ConsentRecord.objects.current().filter(user=cast.member, purpose="research").exists()
    # The withdrawn record is kept, with its date, as evidence of what was agreed.
    record = ConsentRecord.objects.get(user=cast.member, purpose="research")
    assert record.withdrawn_at is not None


def test_it_will_not_withdraw_the_terms_from_the_profile(client, cast):
    services.consent_give(user=cast.member, purpose="terms")
    client.force_login(cast.member)
    client.post(reverse("accounts:consent-change"), {"purpose": "terms", "action": "withdraw"})
    assert ConsentRecord.objects.current().filter(user=cast.member, purpose="terms").exists()


def test_it_asks_again_when_the_wording_changes(cast, monkeypatch):
    first = services.consent_give(user=cast.member, purpose="health_data")
    monkeypatch.setitem(services.CONSENT_VERSIONS, "health_data", "2027-01")
    second = services.consent_give(user=cast.member, purpose="health_data")
    first.refresh_from_db()
    assert first.withdrawn_at is not None
    assert second.version == "2027-01"
    assert second.is_current


def test_it_exports_everything_about_me_and_nobody_else(client, cast):
    services.consent_give(user=cast.member, purpose="health_data")
    client.force_login(cast.member)
    response = client.get(reverse("accounts:data-export"))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    data = json.loads(response.content)
    assert data["account"]["email"] == "mina@example.org"
    assert data["account"]["real_name"] == "Mina Rahman"
    assert [c["purpose"] for c in data["consents"]] == ["health_data"]
    assert "carl@example.org" not in response.content.decode()


def test_it_never_shows_the_real_name_or_email_to_others(client, cast):
    from kindred.directory.tests.factories import make_group

    group = make_group(organisation=cast.organisation, name="Seaside Peers")
    client.force_login(cast.outsider)
    for url in [group.get_absolute_url(), reverse("directory:search"), reverse("home")]:
        body = client.get(url).content.decode()
        for private in ["Mina Rahman", "mina@example.org", "Olu Adeyemi", "olu@example.org"]:
            assert private not in body


def test_the_export_includes_what_i_wrote_in_groups(client, cast):
    from kindred.community import services as community
    from kindred.community.tests.factories import make_community

    space = make_community(cast).space
    community.topic_publish(author=cast.member, space=space, title="My pump", body="Day one")
    client.force_login(cast.member)
    data = json.loads(client.get(reverse("accounts:data-export")).content)
    assert data["online_groups"]["topics"][0]["title"] == "My pump"
    assert data["online_groups"]["memberships"][0]["status"] == "active"


def test_the_export_has_a_section_from_every_app_that_holds_personal_data(client, cast):
    """Each app installs its own section (accounts/export.py); none may go missing."""
    client.force_login(cast.org_admin)
    data = json.loads(client.get(reverse("accounts:data-export")).content)
    assert {"account", "roles", "consents"} <= set(data)
    assert {"online_groups", "organisations_administered", "buddy_programmes"} <= set(data)
    assert data["organisations_administered"] == ["South Coast T1 Peers"]
    assert data["buddy_programmes"]["profiles"] == []
