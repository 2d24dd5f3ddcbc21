"""Buddy programme pages: who may open each one, the matching profile form, the two
people's match page, the coordinator's dashboard and its actions, and the number of
queries the list pages run.

Mina would like a buddy, Sara supports; Olu (org admin, with a second sign-in step)
coordinates. Ola is an org admin of another organisation; Oscar is an outsider."""

from __future__ import annotations

import re
from html import unescape

import pytest
import textstat
from django.urls import reverse

from kindred.accounts.models import ConsentPurpose, ConsentRecord, Role
from kindred.accounts.services import consent_give, role_grant
from kindred.buddies import services
from kindred.buddies.models import BuddyProfile, CheckIn, Match, MatchState, Side
from kindred.buddies.tests.factories import (
    active_match,
    approved_match,
    join,
    make_person,
    make_programme,
    proposed_match,
)
from kindred.conditions.models import Condition
from kindred.core.tests.cast import login_with_second_factor, make_user
from kindred.directory.models import Language
from kindred.directory.tests.factories import OrganisationFactory, make_group

pytestmark = pytest.mark.django_db


@pytest.fixture
def programme(cast):
    return make_programme(organisation=cast.organisation, coordinator=cast.org_admin)


@pytest.fixture
def other_org_admin(cast):
    """Ola runs another organisation's programmes, with a second sign-in step."""
    ola = make_user("ola@example.org", "Ola", real_name="Ola Other", mfa=True)
    role_grant(user=ola, role=Role.ORG_ADMIN, organisation=OrganisationFactory(name="Else"))
    return ola


def _is_login_redirect(response):
    return response.status_code == 302 and reverse("account_login") in response["Location"]


# --- the list and the programme page ------------------------------------------------------------


def test_the_list_shows_open_programmes_only(client, cast, programme):
    make_programme(organisation=cast.organisation, name="Closed one", is_open=False)
    body = client.get(reverse("buddies:programmes")).content.decode()
    assert programme.name in body
    assert "New parents living with type 1 diabetes." in body
    assert "Type 1 diabetes" in body
    assert cast.organisation.name in body
    assert "Closed one" not in body


def test_the_list_has_an_empty_state(client, db):
    body = client.get(reverse("buddies:programmes")).content.decode()
    assert "No programmes are taking new people right now." in body


def test_a_closed_programme_is_hidden_from_people_not_in_it(client, cast, programme):
    programme.is_open = False
    programme.save()
    url = programme.get_absolute_url()
    assert client.get(url).status_code == 404
    login_with_second_factor(client, cast.outsider)
    assert client.get(url).status_code == 404
    login_with_second_factor(client, cast.org_admin)
    assert client.get(url).status_code == 200


def test_the_programme_page_explains_and_offers_both_ways_to_join(client, cast, programme):
    body = client.get(programme.get_absolute_url()).content.decode()
    assert "How matching works" in body
    assert "What is shared" in body
    assert "Join as someone who would like a buddy" in body
    assert "Join as a supporter" in body
    assert reverse("buddies:coordinate", args=[programme.slug]) not in body


def test_a_member_sees_why_they_are_waiting(client, cast, programme):
    join(programme, cast.member, Side.SEEKER)
    run = services.run_matching(programme=programme, by=cast.org_admin)
    reason = next(iter(run.waiting.values()))
    client.force_login(cast.member)
    body = client.get(programme.get_absolute_url()).content.decode()
    assert "You are waiting for a buddy." in body
    assert reason in body
    assert "Change your answers" in body
    assert "Leave this programme" in body


def test_a_member_with_an_approved_match_gets_a_link_to_it(client, cast, programme):
    match = approved_match(programme, cast.member, make_person("Sara"))
    client.force_login(cast.member)
    body = client.get(programme.get_absolute_url()).content.decode()
    assert match.get_absolute_url() in body


# --- the matching profile form --------------------------------------------------------------------


def _form_data(**changes):
    data = {
        "side": "seeker",
        "condition": str(Condition.objects.get(slug="type-1-diabetes").pk),
        "contact_modes": ["online"],
        "diagnosis_year": "2024",
        "treatments": "insulin pump, CGM",
        "languages": [str(Language.objects.get(code="pa").pk)],
        "religion": "Sikh",
        "town": "Portsmouth",
        "interests": "walking, baking",
        "wants_help_with": "Blood sugar while pregnant",
        "capacity": "",
        "shown_to_buddy": ["languages", "interests"],
    }
    data.update(changes)
    return data


def test_joining_needs_an_account(client, programme):
    assert _is_login_redirect(client.get(reverse("buddies:join", args=[programme.slug])))


def test_the_form_asks_for_consent_and_gives_it_when_ticked(client, cast, programme):
    url = reverse("buddies:join", args=[programme.slug])
    client.force_login(cast.member)
    body = client.get(url + "?side=seeker").content.decode()
    assert "I agree that Kindred may use my health details" in body
    assert reverse("accounts:profile") in body
    assert "Never shown unless you tick it below." in body
    assert "What can your buddy see?" in body
    # Without the box ticked nothing is saved.
    response = client.post(url, _form_data())
    assert response.status_code == 400
    assert "Please tick this so that we can look for a buddy for you." in response.content.decode()
    assert not BuddyProfile.objects.exists()
    response = client.post(url, _form_data(health_consent="on"))
    assert response.status_code == 302
    assert response["Location"] == programme.get_absolute_url()
    profile = BuddyProfile.objects.get(user=cast.member)
    assert profile.treatments == ["CGM", "insulin pump"]
    assert profile.religion == "Sikh"
    assert profile.shown_to_buddy == ["interests", "languages"]
    assert profile.capacity == 1
    assert ConsentRecord.objects.current().filter(
        user=cast.member, purpose=ConsentPurpose.HEALTH_DATA
    )


def test_a_member_who_already_consented_is_not_asked_again(client, cast, programme):
    consent_give(user=cast.member, purpose=ConsentPurpose.HEALTH_DATA)
    client.force_login(cast.member)
    url = reverse("buddies:join", args=[programme.slug])
    assert "I agree that Kindred" not in client.get(url).content.decode()
    assert client.post(url, _form_data()).status_code == 302


def test_a_form_error_sits_next_to_its_field_and_keeps_what_was_typed(client, cast, programme):
    client.force_login(cast.member)
    url = reverse("buddies:join", args=[programme.slug])
    response = client.post(url, _form_data(health_consent="on", town="Atlantis"))
    assert response.status_code == 400
    body = response.content.decode()
    assert "Please check these answers" in body
    assert "We could not find that town." in body
    assert 'aria-invalid="true"' in body
    assert 'value="Atlantis"' in body
    assert 'value="insulin pump, CGM"' in body
    assert 'value="Sikh"' in body
    assert "Blood sugar while pregnant" in body
    assert 'value="interests" id="id_shown_to_buddy_9" checked>' in body
    assert 'value="religion" id="id_shown_to_buddy_5">' in body
    # The town error is shown with the town field, not only at the top.
    town_field = body.split('id="id_town"')[0].rsplit('<div class="field', 1)[1]
    assert "We could not find that town." in town_field
    # The consent given with a refused form is not kept either.
    assert not BuddyProfile.objects.exists()
    assert not ConsentRecord.objects.filter(user=cast.member).exists()


def test_a_supporter_must_say_how_many_people_they_can_support(client, cast, programme):
    client.force_login(cast.member)
    url = reverse("buddies:join", args=[programme.slug])
    response = client.post(url, _form_data(side="supporter", health_consent="on", capacity="0"))
    assert response.status_code == 400
    assert "Choose from 1 to 10 buddies." in response.content.decode()
    response = client.post(url, _form_data(side="supporter", health_consent="on", capacity="3"))
    assert response.status_code == 302
    assert BuddyProfile.objects.get(user=cast.member).capacity == 3


def test_the_join_links_choose_the_side(client, cast, programme):
    client.force_login(cast.member)
    body = client.get(reverse("buddies:join", args=[programme.slug]) + "?side=supporter")
    assert 'value="supporter" id="id_side_1" required checked>' in body.content.decode()


def test_the_form_shows_saved_answers_when_editing(client, cast, programme):
    join(programme, cast.member, Side.SEEKER, religion="Sikh", interests=["walking"])
    client.force_login(cast.member)
    body = client.get(reverse("buddies:join", args=[programme.slug])).content.decode()
    assert 'value="Sikh"' in body
    assert 'value="walking"' in body
    assert "Save your answers" in body


def test_leaving_asks_first(client, cast, programme):
    join(programme, cast.member, Side.SEEKER)
    client.force_login(cast.member)
    url = reverse("buddies:leave", args=[programme.slug])
    assert "Yes, leave the programme" in client.get(url).content.decode()
    assert client.post(url).status_code == 302
    assert BuddyProfile.objects.get(user=cast.member).status == "left"
    login_with_second_factor(client, cast.outsider)
    assert client.get(url).status_code == 404


# --- the match page ---------------------------------------------------------------------------


def test_the_match_page_is_for_the_two_people_only(client, cast, programme, other_org_admin):
    sara = make_person("Sara")
    match = approved_match(programme, cast.member, sara)
    url = match.get_absolute_url()
    assert _is_login_redirect(client.get(url))
    for person in (cast.outsider, cast.carer, cast.org_admin, cast.site_admin, other_org_admin):
        login_with_second_factor(client, person)
        assert client.get(url).status_code == 404, person
    for person in (cast.member, sara):
        login_with_second_factor(client, person)
        assert client.get(url).status_code == 200


def test_a_proposal_is_not_shown_to_the_pair_before_the_coordinator_approves(
    client, cast, programme
):
    match = proposed_match(programme, cast.member, make_person("Sara"))
    client.force_login(cast.member)
    assert client.get(match.get_absolute_url()).status_code == 404


def test_both_say_yes_on_the_match_page(client, cast, programme):
    sara = make_person("Sara")
    match = approved_match(programme, cast.member, sara)
    answer = reverse("buddies:match-answer", args=[match.pk])
    client.force_login(cast.member)
    assert "Would you like to go ahead?" in client.get(match.get_absolute_url()).content.decode()
    client.post(answer, {"answer": "yes"})
    body = client.get(match.get_absolute_url()).content.decode()
    assert "You said yes. We are waiting for Sara to say yes too." in body
    login_with_second_factor(client, sara)
    client.post(answer, {"answer": "yes"})
    match.refresh_from_db()
    assert match.state == MatchState.ACTIVE
    body = client.get(match.get_absolute_url()).content.decode()
    assert reverse("messages:message-new", args=[cast.member.pk]) in body
    assert "End this match" in body


def test_an_outsider_cannot_answer_for_someone(client, cast, programme):
    match = approved_match(programme, cast.member, make_person("Sara"))
    login_with_second_factor(client, cast.outsider)
    response = client.post(reverse("buddies:match-answer", args=[match.pk]), {"answer": "no"})
    assert response.status_code == 404
    match.refresh_from_db()
    assert match.state == MatchState.APPROVED


def test_saying_no_on_the_page_sends_the_seeker_back_to_waiting(client, cast, programme):
    sara = make_person("Sara")
    match = approved_match(programme, cast.member, sara)
    login_with_second_factor(client, sara)
    client.post(reverse("buddies:match-answer", args=[match.pk]), {"answer": "no"})
    match.refresh_from_db()
    assert match.state == MatchState.DECLINED
    assert BuddyProfile.objects.get(user=cast.member).status == "waiting"


def test_the_send_a_message_link_opens_for_buddies_without_a_shared_group(client, cast, programme):
    sara = make_person("Sara")
    active_match(programme, cast.member, sara)
    client.force_login(cast.member)
    assert client.get(reverse("messages:message-new", args=[sara.pk])).status_code == 200


def test_a_due_check_in_is_answered_on_the_match_page(client, cast, programme):
    from django.utils import timezone

    match = active_match(programme, cast.member, make_person("Sara"))
    checkin = CheckIn.objects.filter(match=match, user=cast.member).first()
    CheckIn.objects.filter(pk=checkin.pk).update(due_on=timezone.localdate())
    client.force_login(cast.member)
    body = client.get(match.get_absolute_url()).content.decode()
    assert "How is it going?" in body
    url = reverse("buddies:checkin", args=[checkin.pk])
    response = client.post(url, {"note": "We talk every week"})
    assert response.status_code == 400
    body = response.content.decode()
    assert "Choose how it is going." in body
    assert "We talk every week" in body
    assert client.post(url, {"feeling": "good", "note": "Fine"}).status_code == 302
    checkin.refresh_from_db()
    assert checkin.feeling == "good"
    # Sara cannot answer Mina's check-in.
    login_with_second_factor(client, match.supporter.user)
    assert client.post(url, {"feeling": "ok"}).status_code == 404


def test_ending_a_match_asks_first_and_keeps_feedback_private(client, cast, programme):
    sara = make_person("Sara")
    match = active_match(programme, cast.member, sara)
    url = reverse("buddies:match-end", args=[match.pk])
    login_with_second_factor(client, cast.outsider)
    assert client.get(url).status_code == 404
    client.force_login(cast.member)
    assert "Yes, end the match" in client.get(url).content.decode()
    assert client.post(url, {"feedback": "Too busy with the baby"}).status_code == 302
    match.refresh_from_db()
    assert match.state == MatchState.ENDED
    login_with_second_factor(client, sara)
    assert "Too busy with the baby" not in client.get(match.get_absolute_url()).content.decode()


def test_my_page_lists_my_programmes_and_buddies(client, cast, programme):
    assert _is_login_redirect(client.get(reverse("buddies:mine")))
    approved_match(programme, cast.member, make_person("Sara"))
    client.force_login(cast.member)
    body = client.get(reverse("buddies:mine")).content.decode()
    assert programme.name in body
    assert "Sara" in body
    login_with_second_factor(client, cast.org_admin)
    body = client.get(reverse("buddies:mine")).content.decode()
    assert reverse("buddies:coordinate", args=[programme.slug]) in body


# --- the coordinator -------------------------------------------------------------------------


def test_the_coordinator_page_refuses_everyone_else(client, cast, programme, other_org_admin):
    url = reverse("buddies:coordinate", args=[programme.slug])
    assert _is_login_redirect(client.get(url))
    # Signed in without a second step: sent to set one up, never shown the page.
    client.force_login(cast.member)
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_activate_totp")
    for person in (cast.peer_leader, cast.moderator, cast.clinician, other_org_admin):
        login_with_second_factor(client, person)
        assert client.get(url).status_code == 404, person
    for person in (cast.org_admin, cast.site_admin):
        login_with_second_factor(client, person)
        assert client.get(url).status_code == 200


def test_a_named_coordinator_without_a_second_step_is_sent_to_set_one_up(client, cast):
    programme = make_programme(organisation=cast.organisation, coordinator=cast.member)
    client.force_login(cast.member)
    response = client.get(reverse("buddies:coordinate", args=[programme.slug]))
    assert response["Location"] == reverse("mfa_activate_totp")


def test_the_coordinator_runs_matching_and_reads_the_explanation(client, cast, programme):
    join(programme, cast.member, Side.SEEKER)
    join(programme, make_person("Sara"), Side.SUPPORTER)
    join(programme, make_person("Nia"), Side.SEEKER)
    login_with_second_factor(client, cast.org_admin)
    run = reverse("buddies:run", args=[programme.slug])
    assert client.get(run).status_code == 405
    response = client.post(run, follow=True)
    body = response.content.decode()
    assert "Matching finished. New matches to review: 1. Still waiting: 1." in body
    assert "Left waiting: 1" in body
    match = Match.objects.get()
    assert f"{round(match.score * 100)}%" in body
    assert "Both people live with type 1 diabetes" in body
    assert "Why they are waiting" in body
    assert "mina@example.org" not in body


def test_run_and_decide_refuse_a_coordinator_of_another_organisation(
    client, cast, programme, other_org_admin
):
    match = proposed_match(programme, cast.member, make_person("Sara"))
    login_with_second_factor(client, other_org_admin)
    assert client.post(reverse("buddies:run", args=[programme.slug])).status_code == 404
    decide = reverse("buddies:match-decide", args=[match.pk])
    assert client.post(decide, {"action": "approve"}).status_code == 404
    client.force_login(cast.member)
    assert client.post(decide, {"action": "approve"}).status_code == 302  # to set up MFA
    match.refresh_from_db()
    assert match.state == MatchState.PROPOSED


def test_the_coordinator_approves(client, cast, programme):
    match = proposed_match(programme, cast.member, make_person("Sara"))
    login_with_second_factor(client, cast.org_admin)
    response = client.post(reverse("buddies:match-decide", args=[match.pk]), {"action": "approve"})
    assert response.status_code == 302
    match.refresh_from_db()
    assert match.state == MatchState.APPROVED


def test_rejecting_without_a_reason_shows_the_error_by_that_match(client, cast, programme):
    match = proposed_match(programme, cast.member, make_person("Sara"))
    login_with_second_factor(client, cast.org_admin)
    decide = reverse("buddies:match-decide", args=[match.pk])
    response = client.post(decide, {"action": "reject", "reason": ""})
    assert response.status_code == 400
    body = response.content.decode()
    assert f'id="reject-{match.pk}-reason_error"' in body
    assert "Please say why, so the next run can do better." in body
    response = client.post(decide, {"action": "reject", "reason": "They are neighbours"})
    assert response.status_code == 302
    match.refresh_from_db()
    assert match.state == MatchState.REJECTED
    assert match.rejection_reason == "They are neighbours"


def test_the_coordinator_swaps_to_another_supporter(client, cast, programme):
    sara, tess = make_person("Sara"), make_person("Tess")
    join(programme, cast.member, Side.SEEKER)
    join(programme, sara, Side.SUPPORTER)
    join(programme, tess, Side.SUPPORTER)
    services.run_matching(programme=programme, by=cast.org_admin)
    match = Match.objects.get(seeker__user=cast.member)
    other = BuddyProfile.objects.exclude(pk=match.supporter_id).get(side=Side.SUPPORTER)
    login_with_second_factor(client, cast.org_admin)
    body = client.get(reverse("buddies:coordinate", args=[programme.slug])).content.decode()
    assert f'value="{other.pk}"' in body
    decide = reverse("buddies:match-decide", args=[match.pk])
    response = client.post(decide, {"action": "swap", "supporter": str(match.supporter_id)})
    assert response.status_code == 400
    assert "That supporter cannot take this person." in response.content.decode()
    response = client.post(decide, {"action": "swap", "supporter": str(other.pk)})
    assert response.status_code == 302
    match.refresh_from_db()
    assert match.supporter_id == other.pk


def test_the_coordinator_records_a_supporters_training(client, cast, programme, other_org_admin):
    tess = make_person("Tess")
    profile = join(programme, tess, Side.SUPPORTER, trained=False)
    url = reverse("buddies:supporter-record", args=[programme.slug, profile.pk])
    login_with_second_factor(client, other_org_admin)
    assert client.post(url, {"training_completed_on": "2025-02-01"}).status_code == 404
    login_with_second_factor(client, cast.org_admin)
    body = client.get(reverse("buddies:coordinate", args=[programme.slug])).content.decode()
    assert "training not yet recorded" in body
    response = client.post(url, {"training_completed_on": "not a date", "accreditation": "PSW"})
    assert response.status_code == 400
    body = response.content.decode()
    assert "Enter a date, like 2025-03-31." in body
    assert 'value="PSW"' in body
    response = client.post(url, {"training_completed_on": "2025-02-01", "accreditation": "PSW"})
    assert response.status_code == 302
    profile.refresh_from_db()
    assert profile.supporter_ready() == []
    assert profile.accreditation == "PSW"


# --- query counts -----------------------------------------------------------------------------


def _many_programmes(cast, size):
    """`size` programmes, and as many buddy schemes people join outside Kindred."""
    for n in range(size):
        organisation = OrganisationFactory(name=f"Charity {n}", verified=True)
        make_programme(
            organisation=organisation, conditions=("type-1-diabetes", "parkinsons-disease")
        )
        make_group(organisation=organisation, name=f"Phone buddies {n}", form="buddy")


def _count_queries(client, url, django_assert_num_queries, expected):
    client.get(url)  # warm the session
    with django_assert_num_queries(expected):
        assert client.get(url).status_code == 200


@pytest.mark.parametrize("size", [2, 12])
def test_the_list_runs_a_fixed_number_of_queries(client, cast, size, django_assert_num_queries):
    _many_programmes(cast, size)
    client.force_login(cast.member)
    # Session, user, programmes, their conditions, buddy schemes joined outside Kindred
    # and their conditions, the member's programmes, whether they may start a programme (a site admin? a
    # coordinator?), the organisations whose coordinators they choose and the
    # notification count in the header.
    _count_queries(client, reverse("buddies:programmes"), django_assert_num_queries, 11)


@pytest.mark.parametrize("size", [2, 12])
def test_the_list_runs_a_fixed_number_of_queries_signed_out(
    client, db, cast, size, django_assert_num_queries
):
    _many_programmes(cast, size)
    _count_queries(client, reverse("buddies:programmes"), django_assert_num_queries, 4)


def _fill(programme, cast, size):
    """`size` of each: waiting seekers, proposals, approved, active and ended matches, and
    supporters not yet trained."""
    coordinator = programme.coordinator
    for n in range(size):
        for state in ("proposed", "approved", "active", "ended"):
            seeker, supporter = make_person(f"S{state}{n}"), make_person(f"T{state}{n}")
            match = proposed_match(programme, seeker, supporter)
            if state != "proposed":
                services.match_approve(match=match, by=coordinator)
            # The run may have paired them differently: answer for whoever is in it.
            if state in {"active", "ended"}:
                services.match_answer(match=match, user=match.seeker.user, yes=True)
                services.match_answer(match=match, user=match.supporter.user, yes=True)
            if state == "ended":
                services.match_end(match=match, user=match.seeker.user, feedback="Thanks")
        join(programme, make_person(f"Untrained{n}"), Side.SUPPORTER, trained=False)
    # Leave the last run's proposals alone: each helper call above re-ran matching.
    for n in range(size):
        join(programme, make_person(f"Waiting{n}"), Side.SEEKER, diagnosis_year=2000)


@pytest.mark.parametrize("size", [1, 4])
def test_the_coordinator_page_runs_a_fixed_number_of_queries(
    client, cast, programme, size, django_assert_num_queries
):
    _fill(programme, cast, size)
    assert Match.objects.filter(state=MatchState.PROPOSED).exists()
    login_with_second_factor(client, cast.org_admin)
    url = reverse("buddies:coordinate", args=[programme.slug])
    # Whether Olu is one of the organisation's coordinators is checked when the page
    # opens and again by the dashboard's service: one query each, whatever the size.
    _count_queries(client, url, django_assert_num_queries, 22)


# --- plain words ---------------------------------------------------------------------------

# Flesch-Kincaid grade 6 is a reading age of about 11 to 12 (as for the directory).
MAX_GRADE = 6.5


def _visible_text(html):
    main = html.split('<main id="main"', 1)[1].split("</main>", 1)[0]
    text = unescape(re.sub(r"<[^>]+>", "\n", main))
    return "\n".join(line.strip() for line in text.splitlines() if len(line.split()) >= 4)


def test_the_member_pages_are_plain(client, cast, programme):
    sara = make_person("Sara")
    match = active_match(programme, cast.member, sara)
    urls = [
        reverse("buddies:programmes"),
        programme.get_absolute_url(),
        reverse("buddies:join", args=[programme.slug]),
        match.get_absolute_url(),
        reverse("buddies:match-end", args=[match.pk]),
        reverse("buddies:mine"),
    ]
    client.force_login(cast.member)
    for url in urls:
        text = _visible_text(client.get(url).content.decode())
        assert textstat.flesch_kincaid_grade(text) <= MAX_GRADE, (url, text)
