import json
import re

import pytest

from kindred.directory.models import GroupStatus
from kindred.directory.tests.factories import OrganisationFactory, make_group

pytestmark = pytest.mark.django_db


def _json_ld(body):
    match = re.search(r'<script type="application/ld\+json">(.*?)</script>', body, re.S)
    assert match
    return json.loads(match.group(1))


def test_it_shows_the_trust_markers_with_explanations(client, cast):
    group = make_group(
        organisation=cast.organisation,
        name="South Coast Type 1 Peers",
        is_in_person=True,
        town="Portsmouth",
        leaders_accredited=True,
        accreditation_details="Peer leader course",
        ground_rules="No medical advice.",
        online_moderated=True,
        safe_space=True,
        privacy_protected=True,
    )
    body = client.get(group.get_absolute_url()).content.decode()
    assert body.count('class="met"') == 6
    assert "Run by a checked organisation" in body
    assert "We have checked the group that runs it." in body
    assert "Is this group right for me?" in body
    assert "It is for people who live with Type 1 diabetes." in body


def test_it_explains_a_missing_marker_and_skips_ones_that_do_not_apply(client):
    group = make_group(organisation=OrganisationFactory(), is_online=True, is_in_person=False)
    body = client.get(group.get_absolute_url()).content.decode()
    assert "Not yet checked by Kindred" in body
    assert 'data-marker="safe_space"' not in body  # an online-only group has no meeting place
    assert "We have not checked this group yet." in body


def test_it_has_schema_org_data(client, cast):
    group = make_group(organisation=cast.organisation, name="Seaside Peers", town="Portsmouth")
    data = _json_ld(client.get(group.get_absolute_url()).content.decode())
    assert data["@type"] == "Service"
    assert data["name"] == "Seaside Peers"
    assert data["about"][0]["code"]["codeValue"] == "46635009"


def test_it_hides_contact_details_as_the_organisation_chooses(client, cast):
    hidden = make_group(
        organisation=cast.organisation,
        name="Hidden",
        contact_email="hidden@example.org",
        contact_visibility="hidden",
    )
    signed_in = make_group(
        organisation=cast.organisation,
        name="Signed",
        contact_email="signed@example.org",
        contact_visibility="signed_in",
    )
    public = make_group(
        organisation=cast.organisation,
        name="Public",
        contact_email="public@example.org",
        contact_visibility="public",
    )
    assert "hidden@example.org" not in client.get(hidden.get_absolute_url()).content.decode()
    assert "signed@example.org" not in client.get(signed_in.get_absolute_url()).content.decode()
    body = client.get(public.get_absolute_url()).content.decode()
    assert "public@example.org" in body
    assert _json_ld(body)["provider"]["email"] == "public@example.org"
    client.force_login(cast.outsider)
    assert "signed@example.org" in client.get(signed_in.get_absolute_url()).content.decode()
    assert "hidden@example.org" not in client.get(hidden.get_absolute_url()).content.decode()


def test_a_draft_is_404_to_outsiders_and_visible_to_its_organisation(client, cast):
    draft = make_group(
        organisation=cast.organisation, name="Secret Draft", status=GroupStatus.DRAFT
    )
    assert client.get(draft.get_absolute_url()).status_code == 404
    client.force_login(cast.outsider)
    assert client.get(draft.get_absolute_url()).status_code == 404
    client.force_login(cast.org_admin)
    response = client.get(draft.get_absolute_url())
    assert response.status_code == 200
    assert "Only your organisation can see it" in response.content.decode()


def test_an_unknown_group_is_a_friendly_404(client):
    response = client.get("/groups/no-such-group/")
    assert response.status_code == 404
    assert "We cannot find that page" in response.content.decode()


def test_the_organisation_page_lists_only_published_groups(client, cast):
    make_group(organisation=cast.organisation, name="Live One")
    make_group(organisation=cast.organisation, name="Draft One", status=GroupStatus.DRAFT)
    body = client.get(f"/organisations/{cast.organisation.slug}/").content.decode()
    assert "Live One" in body
    assert "Draft One" not in body
