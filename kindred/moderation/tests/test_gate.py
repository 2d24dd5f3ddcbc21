"""Screening on submit: each group's outcome per category, warnings the author
confirms, blocks with reasons, watched words, and the admin-edited list of false
claims. A crisis is never stopped or bounced back."""

from __future__ import annotations

import pytest

from kindred.conditions.models import Condition
from kindred.moderation import gate
from kindred.moderation.models import FalseClaim
from kindred.screening.base import Category
from kindred.screening.decisions import DEFAULT_OUTCOMES, Outcome

CRISIS = "I can't do this anymore. I want to end my life tonight."
PROMOTION = "DM me to buy my supplements, 20% off with code SAVE20."
CONTACT = "Text me on 07700 900123 any time."
ADVICE = "You should stop taking your metformin, it's poison."
ORDINARY = "Had a good clinic appointment today, my HbA1c came down a bit."


def _decide(
    text: str,
    **outcomes: Outcome,
) -> gate.Decision:
    return gate.decide(text, outcomes={**DEFAULT_OUTCOMES, **outcomes})


@pytest.mark.django_db
def test_an_ordinary_post_passes_with_nothing_to_flag():
    decision = _decide(ORDINARY)
    assert decision.outcome == Outcome.ALLOW
    assert not decision.needs_case
    assert decision.findings == []


@pytest.mark.django_db
def test_a_warning_goes_back_to_the_author_until_they_confirm():
    with pytest.raises(gate.NeedsConfirmation) as caught:
        _decide(CONTACT)
    assert caught.value.findings[0].category == Category.CONTACT_DETAILS
    assert "private message" in caught.value.messages[0]
    decision = gate.decide(
        CONTACT, outcomes=dict(DEFAULT_OUTCOMES), confirmed=[Category.CONTACT_DETAILS]
    )
    assert decision.outcome == Outcome.ALLOW
    # Posted anyway: published, and the moderators are told.
    assert decision.needs_case
    assert [f["source"] for f in decision.flagged] == [gate.WARNED_SOURCE]


@pytest.mark.django_db
def test_a_group_can_block_a_category_with_a_reason():
    with pytest.raises(gate.Blocked) as caught:
        _decide(PROMOTION, promotion=Outcome.BLOCK)
    assert caught.value.messages
    assert all(message.strip() for message in caught.value.messages)


@pytest.mark.django_db
def test_a_group_can_allow_a_category():
    decision = _decide(ADVICE, medical_advice=Outcome.ALLOW)
    assert decision.outcome == Outcome.ALLOW
    assert [f.category for f in decision.findings] == [Category.MEDICAL_ADVICE]


@pytest.mark.django_db
def test_held_posts_are_flagged_for_the_moderators():
    decision = _decide(PROMOTION)
    assert decision.held
    assert decision.flagged[0]["category"] == Category.PROMOTION
    assert decision.flagged[0]["source"] == "screening"


@pytest.mark.django_db
def test_a_crisis_is_held_by_default_and_never_blocked_or_bounced():
    decision = _decide(CRISIS)
    assert decision.crisis and decision.held
    # Even where the group blocks or warns about everything else in the post.
    decision = gate.decide(
        CRISIS + " " + CONTACT,
        outcomes={c: Outcome.BLOCK for c in Category} | {Category.CONTACT_DETAILS: Outcome.WARN},
    )
    assert decision.crisis and decision.held


@pytest.mark.django_db
def test_a_group_may_publish_crisis_posts_and_still_alert():
    decision = _decide(CRISIS, crisis=Outcome.ALLOW)
    assert decision.crisis
    assert not decision.held
    assert decision.needs_case
    assert decision.flagged[0]["category"] == Category.CRISIS


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("action", "expected"),
    [("hold", Outcome.HOLD), ("flag", Outcome.ALLOW)],
)
def test_watched_words_hold_or_flag(action, expected):
    decision = gate.decide(
        "Has anyone tried Glucofix Max?",
        outcomes=dict(DEFAULT_OUTCOMES),
        watched=[("glucofix", action)],
    )
    assert decision.outcome == expected
    assert decision.flagged[0]["source"] == "watched"
    # Whole words only: "glucofixer" is not "glucofix".
    assert not gate.decide(
        "the glucofixer app", outcomes=dict(DEFAULT_OUTCOMES), watched=[("glucofix", action)]
    ).flagged


@pytest.mark.django_db
def test_a_blocked_watched_word_says_which_words():
    with pytest.raises(gate.Blocked) as caught:
        gate.decide(
            "Try Glucofix  Max today",
            outcomes=dict(DEFAULT_OUTCOMES),
            watched=[("glucofix max", "block")],
        )
    assert "glucofix max" in caught.value.messages[0]


@pytest.mark.django_db
def test_the_shipped_false_claims_are_in_the_database_and_used():
    assert FalseClaim.objects.filter(key="cinnamon-cures-diabetes", is_active=True).exists()
    decision = _decide("Honestly, cinnamon cures diabetes.")
    assert Category.MISINFORMATION in [f.category for f in decision.findings]


@pytest.mark.django_db
def test_site_admins_edit_the_false_claims_and_screening_follows():
    claim_text = "Turmeric lattes cure MS fatigue completely."
    assert Category.MISINFORMATION not in [
        f.category for f in gate.decide(claim_text, outcomes=dict(DEFAULT_OUTCOMES)).findings
    ]
    claim = FalseClaim.objects.create(
        key="turmeric-cures-ms-fatigue",
        claim="that turmeric cures MS fatigue",
        correction="No food cures MS fatigue; an MS nurse can help you manage it.",
        key_phrases="turmeric ... cure* ... fatigue",
    )
    claim.conditions.set(Condition.objects.filter(slug="multiple-sclerosis"))
    gate.forget_false_claims()
    with pytest.raises(gate.NeedsConfirmation):
        # Held by default: a group that warns instead sends it back to the author.
        gate.decide(
            claim_text,
            outcomes={**DEFAULT_OUTCOMES, Category.MISINFORMATION: Outcome.WARN},
            condition_slugs=["multiple-sclerosis"],
        )
    # Claims about one condition are not matched in groups about another.
    assert not gate.decide(
        claim_text, outcomes=dict(DEFAULT_OUTCOMES), condition_slugs=["type-1-diabetes"]
    ).findings
    claim.is_active = False
    claim.save()
    gate.forget_false_claims()
    assert not gate.decide(
        claim_text, outcomes=dict(DEFAULT_OUTCOMES), condition_slugs=["multiple-sclerosis"]
    ).findings


@pytest.mark.django_db
def test_messages_and_profiles_have_their_own_outcomes():
    with pytest.raises(gate.Blocked):
        gate.decide(PROMOTION, outcomes=dict(gate.MESSAGE_OUTCOMES))
    decision = gate.decide(CRISIS, outcomes=dict(gate.MESSAGE_OUTCOMES))
    assert decision.crisis and not decision.held
    with pytest.raises(gate.Blocked):
        gate.decide("Call me on 07700 900123", outcomes=dict(gate.PROFILE_OUTCOMES))
