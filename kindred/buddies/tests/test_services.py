"""Buddy programme services: joining, matching runs, the coordinator's review, both
people opting in, messaging between buddies, saying no, ending and check-ins.

Mina (the cast's member) would like a buddy; Sara and Tess are supporters; Olu, admin of
South Coast T1 Peers, coordinates the programme."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from kindred.accounts.models import ConsentPurpose, Role
from kindred.accounts.services import consent_give, consent_withdraw, role_grant
from kindred.buddies import services
from kindred.buddies.models import (
    BuddyProfile,
    CheckIn,
    Gender,
    Match,
    MatchState,
    ProfileStatus,
    Side,
)
from kindred.buddies.services import BuddyError
from kindred.buddies.tests.factories import (
    active_match,
    answers,
    approved_match,
    join,
    make_person,
    make_programme,
    proposed_match,
)
from kindred.community.messaging import message_refusal, message_send
from kindred.community.models import (
    CommunityPreference,
    Message,
    MessagesFrom,
    Notification,
    NotificationKind,
)
from kindred.community.services import CommunityError
from kindred.directory.tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def programme(cast):
    return make_programme(organisation=cast.organisation, coordinator=cast.org_admin)


# --- joining ---------------------------------------------------------------------------------


def test_it_needs_consent_to_use_health_details(cast, programme):
    with pytest.raises(BuddyError, match="consent"):
        services.profile_save(programme=programme, user=cast.member, answers=answers())
    assert not BuddyProfile.objects.exists()
    consent_give(user=cast.member, purpose=ConsentPurpose.HEALTH_DATA)
    assert services.profile_save(programme=programme, user=cast.member, answers=answers())


def test_it_says_when_it_cannot_find_a_town(cast, programme):
    consent_give(user=cast.member, purpose=ConsentPurpose.HEALTH_DATA)
    with pytest.raises(BuddyError) as error:
        services.profile_save(
            programme=programme, user=cast.member, answers=answers(town="Atlantis")
        )
    assert error.value.field == "town"
    assert "could not find that town" in str(error.value)
    profile = services.profile_save(
        programme=programme, user=cast.member, answers=answers(town="Portsmouth")
    )
    assert profile.latitude is not None


def test_it_only_takes_the_programmes_contact_modes(cast, programme):
    consent_give(user=cast.member, purpose=ConsentPurpose.HEALTH_DATA)
    with pytest.raises(BuddyError) as error:
        services.profile_save(
            programme=programme, user=cast.member, answers=answers(contact_modes=["in_person"])
        )
    assert error.value.field == "contact_modes"


def test_a_programme_listing_no_contact_modes_offers_them_all(cast, programme):
    programme.contact_modes = []
    programme.save()
    consent_give(user=cast.member, purpose=ConsentPurpose.HEALTH_DATA)
    profile = services.profile_save(
        programme=programme, user=cast.member, answers=answers(contact_modes=["in_person"])
    )
    assert profile.contact_modes == ["in_person"]


def test_a_closed_programme_takes_nobody_new(cast, programme):
    programme.is_open = False
    programme.save()
    consent_give(user=cast.member, purpose=ConsentPurpose.HEALTH_DATA)
    with pytest.raises(BuddyError, match="not taking new people"):
        services.profile_save(programme=programme, user=cast.member, answers=answers())


# --- matching runs --------------------------------------------------------------------------


def test_it_proposes_a_match_with_an_explanation(cast, programme):
    match = proposed_match(programme, cast.member, make_person("Sara"))
    assert match.state == MatchState.PROPOSED
    assert 0 < match.score <= 1
    explanation = services.explanation_for(match, None)
    assert "Both people live with type 1 diabetes" in explanation
    assert any("expecting a baby" in line for line in explanation)


def test_it_leaves_people_waiting_with_a_reason(cast, programme):
    join(programme, cast.member, Side.SEEKER)
    # Tess is not trained yet, so nobody can support Mina.
    join(programme, make_person("Tess"), Side.SUPPORTER, trained=False)
    run = services.run_matching(programme=programme, by=cast.org_admin)
    mina = BuddyProfile.objects.get(user=cast.member)
    assert run.proposed == 0
    assert run.waiting[str(mina.pk)]
    board = services.dashboard(programme, cast.org_admin)
    assert [(p.pk, reason) for p, reason in board.waiting] == [(mina.pk, run.waiting[str(mina.pk)])]
    assert board.supporters_not_ready[0][1] == ["training not yet recorded"]


def test_someone_who_withdrew_consent_is_not_matched(cast, programme):
    join(programme, cast.member, Side.SEEKER)
    join(programme, make_person("Sara"), Side.SUPPORTER)
    consent_withdraw(user=cast.member, purpose=ConsentPurpose.HEALTH_DATA)
    run = services.run_matching(programme=programme, by=cast.org_admin)
    assert run.seekers == 0
    assert not Match.objects.exists()


def test_it_respects_a_supporters_capacity_across_runs(cast, programme):
    sara = make_person("Sara")
    first = approved_match(programme, cast.member, sara)
    assert first.supporter.capacity == 1
    newcomer = make_person("Nia")
    join(programme, newcomer, Side.SEEKER)
    run = services.run_matching(programme=programme, by=cast.org_admin)
    # Sara's one place is taken by Mina, so Nia waits; Mina is not proposed again.
    assert run.proposed == 0
    assert run.seekers == 1
    assert str(BuddyProfile.objects.get(user=newcomer).pk) in run.waiting
    assert Match.objects.filter(supporter__user=sara).count() == 1


def test_a_supporter_with_room_for_two_gets_two(cast, programme):
    sara = make_person("Sara")
    join(programme, sara, Side.SUPPORTER, capacity=2)
    join(programme, cast.member, Side.SEEKER)
    join(programme, make_person("Nia"), Side.SEEKER)
    join(programme, make_person("Ola"), Side.SEEKER)
    run = services.run_matching(programme=programme, by=cast.org_admin)
    assert run.proposed == 2
    assert len(run.waiting) == 1


def test_a_new_run_replaces_proposals_not_yet_reviewed(cast, programme):
    match = proposed_match(programme, cast.member, make_person("Sara"))
    services.run_matching(programme=programme, by=cast.org_admin)
    assert not Match.objects.filter(pk=match.pk).exists()
    assert Match.objects.filter(state=MatchState.PROPOSED).count() == 1


# --- the coordinator's review ---------------------------------------------------------------


def test_approving_tells_both_people(cast, programme):
    sara = make_person("Sara")
    match = approved_match(programme, cast.member, sara)
    assert match.state == MatchState.APPROVED
    for person in (cast.member, sara):
        notice = Notification.objects.get(user=person, kind=NotificationKind.BUDDY)
        assert notice.url == match.get_absolute_url()
        assert "Would you like to go ahead?" in notice.text


def test_rejecting_needs_a_reason(cast, programme):
    match = proposed_match(programme, cast.member, make_person("Sara"))
    with pytest.raises(BuddyError) as error:
        services.match_reject(match=match, by=cast.org_admin, reason="  ")
    assert error.value.field == "reason"
    match = services.match_reject(match=match, by=cast.org_admin, reason="They know each other")
    assert match.state == MatchState.REJECTED


def test_only_coordinators_run_and_review(cast, programme):
    match = proposed_match(programme, cast.member, make_person("Sara"))
    supporter = match.supporter
    other_org_admin = make_person("Ola")
    role_grant(
        user=other_org_admin, role=Role.ORG_ADMIN, organisation=OrganisationFactory(name="Else")
    )
    for person in (cast.member, cast.outsider, cast.peer_leader, other_org_admin):
        with pytest.raises(PermissionDenied):
            services.run_matching(programme=programme, by=person)
        with pytest.raises(PermissionDenied):
            services.match_approve(match=match, by=person)
        with pytest.raises(PermissionDenied):
            services.match_reject(match=match, by=person, reason="No")
        with pytest.raises(PermissionDenied):
            services.match_swap(match=match, by=person, supporter=supporter)
        with pytest.raises(PermissionDenied):
            services.supporter_record(
                profile=supporter,
                by=person,
                training_completed_on=None,
                accreditation="",
                background_check_on=None,
            )
        with pytest.raises(PermissionDenied):
            services.dashboard(programme, person)
    match.refresh_from_db()
    assert match.state == MatchState.PROPOSED
    # The site admin may step in anywhere.
    assert services.match_approve(match=match, by=cast.site_admin).state == MatchState.APPROVED


def test_a_swap_only_goes_to_a_supporter_who_can_take_the_seeker(cast, programme):
    sara, tess, uma, vic = (make_person(n) for n in ("Sara", "Tess", "Uma", "Vic"))
    join(programme, cast.member, Side.SEEKER, buddy_genders=[Gender.WOMAN], gender=Gender.WOMAN)
    join(programme, sara, Side.SUPPORTER, gender=Gender.WOMAN)
    join(programme, tess, Side.SUPPORTER, gender=Gender.WOMAN)
    join(programme, uma, Side.SUPPORTER, gender=Gender.WOMAN, trained=False)  # not ready
    join(programme, vic, Side.SUPPORTER, gender=Gender.MAN)  # Mina asked for a woman
    services.run_matching(programme=programme, by=cast.org_admin)
    match = Match.objects.get(seeker__user=cast.member)
    current = match.supporter.user
    other = tess if current == sara else sara
    options = [profile.user for profile, _score in services.swap_options(match)]
    assert options == [other]
    for refused in (uma, vic, current):
        with pytest.raises(BuddyError):
            services.match_swap(
                match=match,
                by=cast.org_admin,
                supporter=BuddyProfile.objects.get(user=refused),
            )
    swapped = services.match_swap(
        match=match, by=cast.org_admin, supporter=BuddyProfile.objects.get(user=other)
    )
    assert swapped.supporter.user == other
    assert "Both people live with type 1 diabetes" in services.explanation_for(swapped, None)
    assert f"{other.display_name} can help with the things Mina asked about" in (
        services.explanation_for(swapped, None)
    )


def test_a_swap_never_goes_to_a_supporter_who_is_full(cast, programme):
    sara, tess = make_person("Sara"), make_person("Tess")
    approved_match(programme, make_person("Nia"), tess)  # Tess's one place is taken
    match = proposed_match(programme, cast.member, sara)
    assert services.swap_options(match) == []
    with pytest.raises(BuddyError):
        services.match_swap(
            match=match, by=cast.org_admin, supporter=BuddyProfile.objects.get(user=tess)
        )


def test_the_dashboard_swap_options_agree_with_swap_options(cast, programme):
    for name in ("Sara", "Tess", "Uma"):
        join(programme, make_person(name), Side.SUPPORTER)
    for name in ("Nia", "Ola"):
        join(programme, make_person(name), Side.SEEKER)
    services.run_matching(programme=programme, by=cast.org_admin)
    proposed = list(Match.objects.filter(state=MatchState.PROPOSED))
    assert len(proposed) == 2
    together = services.swap_options_for(programme, proposed)
    for match in proposed:
        assert [(p.pk, s) for p, s in together[match.pk]] == [
            (p.pk, s) for p, s in services.swap_options(match)
        ]


# --- the two people ---------------------------------------------------------------------------


def test_both_saying_yes_starts_the_match_and_lets_them_message(cast, programme):
    sara = make_person("Sara")
    match = approved_match(programme, cast.member, sara)
    # No shared group and not yet buddies: no messages.
    assert message_refusal(sender=cast.member, recipient=sara) is not None
    match = services.match_answer(match=match, user=cast.member, yes=True)
    assert match.state == MatchState.APPROVED
    assert message_refusal(sender=cast.member, recipient=sara) is not None
    match = services.match_answer(match=match, user=sara, yes=True)
    assert match.state == MatchState.ACTIVE
    assert match.started_at is not None
    assert set(BuddyProfile.objects.values_list("status", flat=True)) == {ProfileStatus.MATCHED}
    assert CheckIn.objects.filter(match=match, user=cast.member).exists()
    assert CheckIn.objects.filter(match=match, user=sara).exists()

    message_send(sender=cast.member, recipient=sara, body="Hello Sara, nice to meet you!")
    CommunityPreference.objects.update_or_create(
        user=sara, defaults={"messages_from": MessagesFrom.BUDDIES_ONLY}
    )
    message_send(sender=cast.member, recipient=sara, body="Are you free for a call on Monday?")
    message_send(sender=sara, recipient=cast.member, body="Yes, Monday is good.")
    assert Message.objects.count() == 3
    # Someone else still cannot write to Sara.
    with pytest.raises(CommunityError):
        message_send(sender=cast.carer, recipient=sara, body="Hello there")


def test_saying_no_puts_the_seeker_back_in_the_queue(cast, programme):
    sara = make_person("Sara")
    match = approved_match(programme, cast.member, sara)
    services.match_answer(match=match, user=cast.member, yes=True)
    match = services.match_answer(match=match, user=sara, yes=False)
    assert match.state == MatchState.DECLINED
    mina = BuddyProfile.objects.get(user=cast.member)
    assert mina.status == ProfileStatus.WAITING
    assert mina.pk in [p.pk for p, _reason in services.dashboard(programme, cast.org_admin).waiting]
    assert message_refusal(sender=cast.member, recipient=sara) is not None
    # The coordinator hears about it.
    assert Notification.objects.filter(user=cast.org_admin, kind=NotificationKind.BUDDY).exists()


def test_only_the_two_people_answer(cast, programme):
    match = approved_match(programme, cast.member, make_person("Sara"))
    for person in (cast.outsider, cast.org_admin):
        with pytest.raises(PermissionDenied):
            services.match_answer(match=match, user=person, yes=True)


def test_ending_removes_the_check_ins_still_to_come(cast, programme):
    sara = make_person("Sara")
    match = active_match(programme, cast.member, sara)
    today = timezone.localdate()
    checkins = list(CheckIn.objects.filter(match=match, user=cast.member).order_by("due_on"))
    assert len(checkins) >= 2
    assert all(c.due_on > today for c in checkins)
    # One check-in is due now and answered; one was due yesterday and is still open.
    answered, overdue = checkins[0], checkins[1]
    CheckIn.objects.filter(pk=answered.pk).update(due_on=today)
    CheckIn.objects.filter(pk=overdue.pk).update(due_on=today - timedelta(days=1))
    services.checkin_answer(
        checkin=CheckIn.objects.get(pk=answered.pk), user=cast.member, feeling="good"
    )
    services.match_end(match=match, user=sara, feedback="We did not get on.")
    match.refresh_from_db()
    assert match.state == MatchState.ENDED
    assert match.end_feedback == "We did not get on."
    left = CheckIn.objects.filter(match=match)
    assert {c.pk for c in left} == {answered.pk, overdue.pk}
    assert not left.filter(due_on__gt=today).exists()
    # Mina hears the match ended; she is not told why.
    notice = Notification.objects.filter(user=cast.member, kind=NotificationKind.BUDDY).first()
    assert notice is not None and "has ended" in notice.text
    assert "get on" not in notice.text
    assert message_refusal(sender=cast.member, recipient=sara) is not None


def test_a_check_in_is_answered_only_by_its_person(cast, programme):
    sara = make_person("Sara")
    match = active_match(programme, cast.member, sara)
    checkin = CheckIn.objects.filter(match=match, user=cast.member).first()
    with pytest.raises(PermissionDenied):
        services.checkin_answer(checkin=checkin, user=sara, feeling="good")
    with pytest.raises(BuddyError):
        services.checkin_answer(checkin=checkin, user=cast.member, feeling="great")


def test_a_check_in_that_is_not_going_well_tells_the_coordinator(cast, programme):
    match = active_match(programme, cast.member, make_person("Sara"))
    checkin = CheckIn.objects.filter(match=match, user=cast.member).first()
    services.checkin_answer(checkin=checkin, user=cast.member, feeling="not_good")
    assert Notification.objects.filter(
        user=cast.org_admin, kind=NotificationKind.BUDDY, text__contains="not going well"
    ).exists()


def test_leaving_ends_an_active_match(cast, programme):
    sara = make_person("Sara")
    match = active_match(programme, cast.member, sara)
    services.profile_leave(profile=BuddyProfile.objects.get(user=cast.member), by=cast.member)
    match.refresh_from_db()
    assert match.state == MatchState.ENDED
    assert BuddyProfile.objects.get(user=cast.member).status == ProfileStatus.LEFT
    assert BuddyProfile.objects.get(user=sara).status == ProfileStatus.WAITING
    with pytest.raises(PermissionDenied):
        services.profile_leave(profile=BuddyProfile.objects.get(user=sara), by=cast.member)


def test_a_rejected_pair_is_not_proposed_again_but_the_seeker_still_can_be(cast, programme):
    sara, tom = make_person("Sara"), make_person("Tom")
    match = proposed_match(programme, cast.member, sara)
    services.match_reject(match=match, by=cast.org_admin, reason="They know each other")
    run = services.run_matching(programme=programme, by=cast.org_admin)
    assert run.proposed == 0
    assert not Match.objects.filter(programme=programme, state=MatchState.PROPOSED).exists()
    join(programme, tom, Side.SUPPORTER)
    services.run_matching(programme=programme, by=cast.org_admin)
    again = Match.objects.get(programme=programme, state=MatchState.PROPOSED)
    assert again.supporter.user == tom and again.seeker.user == cast.member


def test_explanations_keep_the_words_people_and_conditions_use(cast):
    parkinsons = make_programme(
        organisation=cast.organisation,
        coordinator=cast.org_admin,
        conditions=("parkinsons-disease",),
    )
    condition = parkinsons.conditions.get()
    sara = make_person("Sara")
    match = proposed_match(
        parkinsons, cast.member, sara, condition_id=condition.pk, treatments=["CGM", "cgm "]
    )
    text = " ".join(services.explanation_for(match, None))
    assert "Parkinson's disease" in text
    assert "CGM" in text and "cgm" not in text
    assert "Both people are expecting" in text
    assert match.seeker.treatments == ["CGM"]
