"""What each person may see in a buddy programme.

Mina and her supporter Sara are both Sikh, live in Portsmouth, have a Punjabi background
and enjoy baking. Mina shows her buddy everything; Sara shows only her languages and
interests. Neither ever sees the other's email address or real name, and nothing Sara
did not tick reaches Mina, not even inside the explanation of why they were matched."""

from __future__ import annotations

import json

import pytest
from django.urls import reverse

from kindred.accounts.services import user_export_data
from kindred.buddies import services
from kindred.buddies.models import SHAREABLE, CheckIn, Match, Side
from kindred.buddies.tests.factories import active_match, join, make_person, make_programme
from kindred.core.tests.cast import login_with_second_factor

pytestmark = pytest.mark.django_db

EVERYTHING = [key for key, _label in SHAREABLE]
IN_COMMON = {
    "religion": "Sikh",
    "town": "Portsmouth",
    "cultural_background": "Punjabi",
    "interests": ["baking"],
    "treatments": ["insulin pump"],
    "birth_year": 1994,
}


@pytest.fixture
def programme(cast):
    return make_programme(
        organisation=cast.organisation,
        coordinator=cast.org_admin,
        contact_modes=["online", "in_person"],
    )


@pytest.fixture
def sara(db):
    return make_person("Sara")


@pytest.fixture
def match(cast, programme, sara) -> Match:
    join(
        programme,
        cast.member,
        Side.SEEKER,
        contact_modes=["online", "in_person"],
        shown_to_buddy=EVERYTHING,
        **IN_COMMON,
    )
    join(
        programme,
        sara,
        Side.SUPPORTER,
        contact_modes=["online", "in_person"],
        shown_to_buddy=["languages", "interests"],
        can_help_with="Night feeds and my secret worries about hypos",
        **IN_COMMON,
    )
    services.run_matching(programme=programme, by=cast.org_admin)
    found = Match.objects.get()
    services.match_approve(match=found, by=cast.org_admin)
    return Match.objects.select_related("seeker__user", "supporter__user", "programme").get()


def test_the_coordinator_reads_every_reason(match):
    reasons = " ".join(services.explanation_for(match, None))
    for words in ("faith", "Punjabi", "baking", "insulin pump", "apart", "close in age"):
        assert words in reasons


def test_each_person_reads_only_reasons_both_chose_to_show(cast, match, sara):
    for person in (cast.member, sara):
        reasons = " ".join(services.explanation_for(match, person))
        assert "You both live with type 1 diabetes" in reasons
        assert "You both enjoy baking" in reasons  # both show their interests
        for hidden in ("Sikh", "faith", "Punjabi", "apart", "close in age", "insulin pump"):
            assert hidden not in reasons, hidden


def test_a_sensitive_reason_of_an_unknown_kind_is_never_shown_to_the_pair(cast, match):
    match.reasons = [
        *match.reasons,
        {
            "about": "something-new",
            "for_seeker": "You both have a secret",
            "for_supporter": "You both have a secret",
            "for_coordinator": "Both people have a secret",
            "sensitive": True,
        },
    ]
    assert "Both people have a secret" in services.explanation_for(match, None)
    assert "You both have a secret" not in services.explanation_for(match, cast.member)


def test_the_match_page_never_shows_what_the_buddy_did_not_tick(client, cast, match, sara):
    client.force_login(cast.member)
    body = client.get(match.get_absolute_url()).content.decode()
    assert "Sara" in body
    assert "baking" in body  # Sara shows her interests
    assert "English" in body  # and her languages
    for secret in (
        sara.email,
        sara.real_name,
        "Sikh",
        "Portsmouth",
        "Punjabi",
        "insulin pump",
        "1994",
        "secret worries",
    ):
        assert secret not in body, secret


def test_the_buddy_sees_what_mina_chose_to_show(client, cast, match, sara):
    login_with_second_factor(client, sara)
    body = client.get(match.get_absolute_url()).content.decode()
    assert "Mina" in body
    for shown in ("Sikh", "Portsmouth", "Punjabi", "insulin pump", "baking"):
        assert shown in body, shown
    for secret in (cast.member.email, cast.member.real_name, "You share a faith"):
        assert secret not in body, secret


def test_the_active_match_page_does_not_leak_either(client, cast, programme, sara):
    active_match(programme, cast.member, sara, religion="Sikh")
    match = Match.objects.get()
    client.force_login(cast.member)
    body = client.get(match.get_absolute_url()).content.decode()
    assert "Send Sara a message" in body
    for secret in (sara.email, sara.real_name, "Sikh"):
        assert secret not in body


def test_the_coordinator_sees_display_names_only(client, cast, match, sara):
    Match.objects.filter(pk=match.pk).update(state="proposed")
    login_with_second_factor(client, cast.org_admin)
    body = client.get(reverse("buddies:coordinate", args=[match.programme.slug])).content.decode()
    assert "Mina" in body and "Sara" in body
    for secret in (cast.member.email, sara.email, cast.member.real_name, sara.real_name):
        assert secret not in body


def test_the_data_export_holds_my_answers_and_never_my_buddys(cast, programme, sara):
    match = active_match(programme, cast.member, sara, religion="Sikh")
    checkin = CheckIn.objects.filter(match=match, user=cast.member).first()
    services.checkin_answer(checkin=checkin, user=cast.member, feeling="good", note="Lovely")
    BuddyProfileOfSara = match.supporter
    BuddyProfileOfSara.religion = "Quaker"
    BuddyProfileOfSara.save()
    services.match_end(match=match, user=sara, feedback="Sara's private reason")

    data = user_export_data(user=cast.member)["buddy_programmes"]
    [profile] = data["profiles"]
    assert profile["programme"] == programme.name
    assert profile["side"] == "seeker"
    assert profile["religion"] == "Sikh"
    assert profile["condition"] == "Type 1 diabetes"
    [exported_match] = data["matches"]
    assert exported_match["state"] == "ended"
    assert exported_match["my_side"] == "seeker"
    assert exported_match["my_end_feedback"] == ""
    assert [c["note"] for c in data["check_ins"] if c["note"]] == ["Lovely"]
    text = json.dumps(data)
    for secret in ("Quaker", "Sara", sara.email, "private reason", "You both"):
        assert secret not in text, secret

    # Sara's export has her own feedback.
    [sara_match] = user_export_data(user=sara)["buddy_programmes"]["matches"]
    assert sara_match["my_end_feedback"] == "Sara's private reason"


def test_once_a_match_ends_the_answers_are_no_longer_shown(client, cast, programme, sara):
    match = active_match(programme, cast.member, sara, religion="Sikh", shown_to_buddy=["religion"])
    login_with_second_factor(client, sara)
    assert "Sikh" in client.get(match.get_absolute_url()).content.decode()
    services.match_end(match=match, user=cast.member)
    body = client.get(match.get_absolute_url()).content.decode()
    assert "This match has ended." in body
    assert "Sikh" not in body
