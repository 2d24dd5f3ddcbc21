"""The buddy matcher on small, hand-made programmes: each hard rule, the words of the
explanations, the threshold and the reasons people wait, and supporters' capacities.

No database: the matcher is pure Python. Mina is new to type 1 diabetes and expecting a
baby; Priya has lived with it for years and can take two buddies.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

import numpy as np
import pytest
from numpy.typing import NDArray

from kindred.buddies.matching import (
    IN_PERSON,
    ONLINE,
    PHONE,
    Criterion,
    Labels,
    LexicalSimilarity,
    Pairing,
    Person,
    Programme,
    Role,
    Similarity,
    WaitingReason,
    Weights,
    find_candidates,
    score,
    solve,
    solve_greedy,
    solve_reference_lp,
    violations,
)

T1 = "type-1-diabetes"
PARKINSONS = "parkinsons"
BIRMINGHAM = (52.486, -1.890)
SMETHWICK = (52.496, -1.968)  # about 3 miles from Birmingham
ABERDEEN = (57.150, -2.094)

T1_PROGRAMME = Programme(condition_slugs=frozenset({T1}))


def seeker(pid: int = 1, **changes: object) -> Person:
    base = Person(
        id=pid,
        role=Role.SEEKER,
        condition_slugs=frozenset({T1}),
        diagnosis_year=2024,
        age=29,
        gender="woman",
        languages=frozenset({"english"}),
        contact_modes=frozenset({ONLINE}),
    )
    return replace(base, **changes)


def supporter(pid: int = 101, **changes: object) -> Person:
    base = Person(
        id=pid,
        role=Role.SUPPORTER,
        condition_slugs=frozenset({T1}),
        diagnosis_year=2016,
        age=34,
        gender="woman",
        languages=frozenset({"english"}),
        contact_modes=frozenset({ONLINE}),
        capacity=1,
    )
    return replace(base, **changes)


MINA = seeker(
    1,
    diagnosis_year=2023,
    languages=frozenset({"english", "punjabi"}),
    life_events=frozenset({"expecting-a-baby"}),
    treatments=frozenset({"insulin-pump"}),
    needs_text="Keeping my blood sugars steady through pregnancy on an insulin pump",
    latitude=BIRMINGHAM[0],
    longitude=BIRMINGHAM[1],
    contact_modes=frozenset({ONLINE, IN_PERSON}),
)
PRIYA = supporter(
    101,
    diagnosis_year=2017,
    languages=frozenset({"english", "punjabi"}),
    life_events=frozenset({"expecting-a-baby"}),
    treatments=frozenset({"insulin-pump"}),
    offers_text="I had two pregnancies on an insulin pump and kept my blood sugars steady",
    latitude=SMETHWICK[0],
    longitude=SMETHWICK[1],
    contact_modes=frozenset({ONLINE, IN_PERSON}),
    capacity=2,
)
LABELS = Labels(
    conditions={T1: "type 1 diabetes"},
    life_events={"expecting-a-baby": "are expecting a baby"},
    treatments={"insulin-pump": "an insulin pump"},
)


def table(scores: dict[tuple[str, str], float]) -> Similarity:
    """A similarity hook that reads a pair's score from a table, keyed on the texts: lets a
    test set exact scores through `Weights(needs_offers_similarity=1, everything else 0)`."""

    def similarity(needs: Sequence[str], offers: Sequence[str]) -> NDArray[np.float64]:
        return np.array([[scores.get((n, o), 0.0) for o in offers] for n in needs])

    return similarity


ONLY_TEXT = Weights(
    experience_gap=0,
    shared_life_event=0,
    proximity=0,
    needs_offers_similarity=1,
    shared_attributes=0,
    age_closeness=0,
)


# --- hard rules ------------------------------------------------------------------------


def test_it_allows_a_pair_that_meets_every_rule() -> None:
    assert violations(MINA, PRIYA, T1_PROGRAMME) == []


def test_it_never_pairs_someone_with_themselves() -> None:
    assert "They are the same person" in violations(seeker(7), supporter(7), T1_PROGRAMME)


def test_it_needs_a_shared_condition_the_programme_is_for() -> None:
    other = supporter(condition_slugs=frozenset({PARKINSONS}))
    assert violations(seeker(), other, T1_PROGRAMME) == [
        "They do not both live with a condition this programme is for"
    ]
    # They share Parkinson's, but this programme is for type 1 diabetes only.
    assert violations(seeker(condition_slugs=frozenset({PARKINSONS})), other, T1_PROGRAMME)


def test_it_needs_a_shared_language_when_either_side_asks_for_one() -> None:
    welsh = seeker(languages=frozenset({"welsh"}), must_share_language=True)
    assert violations(welsh, supporter(), T1_PROGRAMME) == [
        "They share no language, and the seeker asked for one"
    ]
    polish = supporter(languages=frozenset({"polish"}), must_share_language=True)
    assert violations(seeker(), polish, T1_PROGRAMME) == [
        "They share no language, and the supporter asked for one"
    ]
    # Nobody asked: a pair with no shared language may still be matched (an interpreter,
    # a video call with captions ...).
    assert violations(seeker(languages=frozenset({"welsh"})), supporter(), T1_PROGRAMME) == []


def test_it_keeps_each_sides_gender_preference() -> None:
    wants_a_man = seeker(wants_buddy_gender=frozenset({"man"}))
    assert violations(wants_a_man, supporter(gender="woman"), T1_PROGRAMME) == [
        "The supporter is not a gender the seeker asked for"
    ]
    assert violations(wants_a_man, supporter(gender="Man "), T1_PROGRAMME) == []
    wants_a_woman = supporter(wants_buddy_gender=frozenset({"woman"}))
    assert violations(seeker(gender="man"), wants_a_woman, T1_PROGRAMME) == [
        "The seeker is not a gender the supporter asked for"
    ]


def test_a_gender_left_unsaid_never_meets_a_stated_preference() -> None:
    wants_a_woman = seeker(wants_buddy_gender=frozenset({"woman"}))
    assert violations(wants_a_woman, supporter(gender=""), T1_PROGRAMME)
    assert violations(seeker(gender=""), supporter(gender=""), T1_PROGRAMME) == []


def test_it_keeps_each_sides_age_range() -> None:
    wants_40s = seeker(buddy_age_min=40, buddy_age_max=49)
    assert violations(wants_40s, supporter(age=34), T1_PROGRAMME) == [
        "The supporter is not in the age range the seeker asked for"
    ]
    assert violations(wants_40s, supporter(age=40), T1_PROGRAMME) == []
    assert violations(wants_40s, supporter(age=None), T1_PROGRAMME), "an unknown age"
    over_30s = supporter(buddy_age_min=30)
    assert violations(seeker(age=29), over_30s, T1_PROGRAMME) == [
        "The seeker is not in the age range the supporter asked for"
    ]


def test_it_never_pairs_an_adult_with_an_under_18_outside_youth_programmes() -> None:
    teen = seeker(age=16)
    rule = "This programme never pairs an adult with someone under 18"
    assert violations(teen, supporter(age=34), T1_PROGRAMME) == [rule]
    assert violations(teen, supporter(age=None), T1_PROGRAMME) == [rule], "unknown counts as adult"
    assert violations(teen, supporter(age=17), T1_PROGRAMME) == []
    youth = replace(T1_PROGRAMME, is_youth=True)
    assert violations(teen, supporter(age=34), youth) == []


def test_it_needs_a_way_of_keeping_in_touch_the_programme_allows() -> None:
    by_phone = seeker(contact_modes=frozenset({PHONE}))
    rule = "They have no way of keeping in touch in common that the programme allows"
    assert violations(by_phone, supporter(contact_modes=frozenset({ONLINE})), T1_PROGRAMME) == [
        rule
    ]
    both_phone = supporter(contact_modes=frozenset({PHONE}))
    online_only = replace(T1_PROGRAMME, contact_modes=frozenset({ONLINE}))
    assert violations(by_phone, both_phone, online_only) == [rule]
    assert violations(by_phone, both_phone, T1_PROGRAMME) == []


def test_it_needs_each_person_on_their_own_side_and_a_supporter_with_room() -> None:
    assert "The supporter signed up to get support, not to give it" in violations(
        seeker(), supporter(role=Role.SEEKER), T1_PROGRAMME
    )
    assert "The supporter has no room for a buddy" in violations(
        seeker(), supporter(capacity=0), T1_PROGRAMME
    )
    mutual = replace(T1_PROGRAMME, pairing=Pairing.MUTUAL)
    assert violations(seeker(), seeker(2), mutual) == []


# --- scores and explanations ------------------------------------------------------------


def test_it_explains_a_good_pair_in_plain_words() -> None:
    result = score(MINA, PRIYA, T1_PROGRAMME, labels=LABELS)
    assert result.parts[:4] == [
        "You both live with type 1 diabetes",
        "You are both expecting a baby",
        "They were diagnosed 6 years before you",
        "You both speak English and Punjabi",
    ]
    assert "They can help with the things you asked about" in result.parts
    assert "You both use an insulin pump" in result.parts
    assert "You both want to meet in person and live about 3 miles apart" in result.parts
    assert "You were diagnosed 6 years before them" in result.parts_for(Role.SUPPORTER)
    assert result.sentence().startswith(
        "You both live with type 1 diabetes; you are both expecting a baby; "
    )
    assert 0.7 < result.total <= 1.0


def test_it_falls_back_to_slugs_for_names_it_was_not_given() -> None:
    result = score(MINA, PRIYA, T1_PROGRAMME)
    assert "You both live with type 1 diabetes" in result.parts
    assert "You both share a life event: expecting a baby" in result.parts
    assert "You both speak English and Punjabi" in result.parts


def test_it_marks_sensitive_reasons_so_they_can_be_hidden() -> None:
    a = replace(MINA, religion="Sikh", cultural_background="british-indian", age=30)
    b = replace(PRIYA, religion="sikh", cultural_background="British-Indian", age=33)
    result = score(a, b, T1_PROGRAMME)
    everything = result.parts
    assert "You share a faith or belief: Sikh" in everything
    assert "You both have a British Indian background" in everything
    assert "You are close in age" in everything
    shown = result.parts_for(Role.SEEKER, include_sensitive=False)
    assert not any("faith" in p or "background" in p or "age" in p for p in shown)
    assert not any("miles" in p for p in shown)


def test_a_mutual_programme_wants_people_at_the_same_point() -> None:
    mutual = replace(T1_PROGRAMME, pairing=Pairing.MUTUAL)
    a, b = seeker(1, diagnosis_year=2022), seeker(2, diagnosis_year=2024)
    result = score(a, b, mutual)
    assert "You were diagnosed 2 years apart" in result.parts
    assert result.criteria[Criterion.EXPERIENCE_GAP] == pytest.approx(0.6)
    same = score(a, replace(b, diagnosis_year=2022), mutual)
    assert "You were both diagnosed in the same year" in same.parts
    assert same.criteria[Criterion.EXPERIENCE_GAP] == 1.0


def test_experience_counts_most_in_the_programmes_ideal_range() -> None:
    def fit(years_ahead: int) -> float:
        pair = seeker(diagnosis_year=2024), supporter(diagnosis_year=2024 - years_ahead)
        return score(*pair, T1_PROGRAMME).criteria[Criterion.EXPERIENCE_GAP]

    assert fit(-1) == 0.0, "a supporter newer to it than the seeker"
    assert fit(0) < fit(1) < fit(2) == fit(6) == fit(10) == 1.0
    assert 0.5 <= fit(30) < fit(12) < 1.0


def test_a_blank_answer_neither_helps_nor_holds_someone_back() -> None:
    unknown = score(seeker(age=None, diagnosis_year=None), supporter(), T1_PROGRAMME)
    assert unknown.criteria[Criterion.AGE_CLOSENESS] == 0.5
    assert unknown.criteria[Criterion.EXPERIENCE_GAP] == 0.5
    assert unknown.criteria[Criterion.PROXIMITY] == 0.5


def test_nearness_counts_only_for_people_who_want_to_meet() -> None:
    far = replace(PRIYA, latitude=ABERDEEN[0], longitude=ABERDEEN[1])
    assert score(MINA, far, T1_PROGRAMME).criteria[Criterion.PROXIMITY] == 0.0
    near = score(MINA, PRIYA, T1_PROGRAMME).criteria[Criterion.PROXIMITY]
    assert near > 0.8
    online = replace(PRIYA, contact_modes=frozenset({ONLINE}))
    assert score(MINA, online, T1_PROGRAMME).criteria[Criterion.PROXIMITY] == 0.5
    no_meeting = replace(T1_PROGRAMME, contact_modes=frozenset({ONLINE}))
    assert score(MINA, far, no_meeting).total == score(MINA, PRIYA, no_meeting).total


def test_the_weights_are_the_programmes_to_tune() -> None:
    only_events = Weights(0, 1, 0, 0, 0, 0)
    tuned = replace(T1_PROGRAMME, weights=only_events)
    assert score(MINA, PRIYA, tuned).total == 1.0
    assert score(MINA, replace(PRIYA, life_events=frozenset()), tuned).total == 0.0


def test_lexical_similarity_compares_meaningful_words() -> None:
    similar = LexicalSimilarity()
    got = similar(
        ["Sleeping better with fatigue", "", "help with the"],
        ["I learnt to manage my fatigue and sleep", "anything at all"],
    )
    assert got.shape == (3, 2)
    assert 0.5 < got[0, 0] < 1.0
    assert got[0, 1] == 0.0
    assert (got[1] == 0).all(), "a blank answer matches nothing"
    assert (got[2] == 0).all(), "stop words say nothing"
    assert similar(["insulin pump"], ["Insulin pumps"])[0, 0] == pytest.approx(1.0)


def test_fitted_lexical_similarity_counts_rare_words_for_more() -> None:
    corpus = ["tired work", "tired family", "tired sleep", "tired pump"]
    fitted = LexicalSimilarity.fitted(corpus)
    plain = LexicalSimilarity()
    rare = fitted(["tired pump"], ["pump"])[0, 0]
    common = fitted(["tired pump"], ["tired"])[0, 0]
    assert rare > common
    assert plain(["tired pump"], ["pump"])[0, 0] == pytest.approx(
        plain(["tired pump"], ["tired"])[0, 0]
    )


def test_an_ml_similarity_can_replace_the_lexical_one() -> None:
    texts = {("new pump", "pump user"): 0.9}
    programme = replace(T1_PROGRAMME, weights=ONLY_TEXT, threshold=0.5)
    a = seeker(needs_text="new pump")
    b = supporter(offers_text="pump user")
    assert score(a, b, programme, similarity=table(texts)).total == pytest.approx(0.9)
    result = solve([a], [b], programme, similarity=table(texts))
    assert result.matches[0].score == pytest.approx(0.9)


# --- the solver ----------------------------------------------------------------------------


def test_it_matches_a_seeker_with_a_suitable_supporter() -> None:
    result = solve([MINA], [PRIYA], T1_PROGRAMME)
    [match] = result.matches
    assert (match.seeker_id, match.supporter_id) == (MINA.id, PRIYA.id)
    assert match.score == pytest.approx(score(MINA, PRIYA, T1_PROGRAMME).total)
    assert result.unmatched == ()
    assert result.spare_places == {PRIYA.id: 1}
    assert result.total == pytest.approx(match.score)


def test_it_leaves_people_waiting_rather_than_matched_below_the_threshold() -> None:
    strict = replace(T1_PROGRAMME, threshold=0.95)
    result = solve([MINA], [PRIYA], strict)
    assert result.matches == ()
    [waiting] = result.unmatched
    assert waiting.code == WaitingReason.BELOW_THRESHOLD
    assert waiting.reason == "No supporter scored above the programme's threshold"
    assert result.total == 0.0


def test_it_says_who_nobody_speaks_the_language_of() -> None:
    anjali = seeker(2, languages=frozenset({"punjabi"}), must_share_language=True)
    result = solve([anjali], [supporter()], T1_PROGRAMME)
    assert [w.reason for w in result.unmatched] == ["No supporter speaks Punjabi yet"]
    labelled = solve(
        [replace(anjali, languages=frozenset({"pa"}))],
        [supporter()],
        T1_PROGRAMME,
        labels=Labels(languages={"pa": "Panjabi"}),
    )
    assert labelled.unmatched[0].reason == "No supporter speaks Panjabi yet"


def test_it_respects_capacity_and_says_when_everyone_suitable_is_full() -> None:
    seekers = [seeker(i, needs_text=f"need {i}") for i in (1, 2, 3)]
    texts = {("need 1", "offer"): 0.9, ("need 2", "offer"): 0.8, ("need 3", "offer"): 0.7}
    programme = replace(T1_PROGRAMME, weights=ONLY_TEXT, threshold=0.5)
    priya = supporter(offers_text="offer", capacity=2)
    result = solve(seekers, [priya], programme, similarity=table(texts))
    assert sorted(m.seeker_id for m in result.matches) == [1, 2]
    [waiting] = result.unmatched
    assert waiting.seeker_id == 3
    assert waiting.code == WaitingReason.SUPPORTERS_FULL
    assert waiting.reason == "Every suitable supporter is full"
    assert result.spare_places == {}
    assert result.total == pytest.approx(1.7)


def test_it_finds_the_best_total_where_best_pair_first_does_not() -> None:
    # Ali's best buddy is Priya, but Priya is Bea's only possible buddy.
    ali, bea = seeker(1, needs_text="ali"), seeker(2, needs_text="bea")
    priya, sam = supporter(101, offers_text="priya"), supporter(102, offers_text="sam")
    texts = {("ali", "priya"): 0.9, ("ali", "sam"): 0.8, ("bea", "priya"): 0.85}
    programme = replace(T1_PROGRAMME, weights=ONLY_TEXT, threshold=0.5)
    args = ([ali, bea], [priya, sam], programme)

    best = solve(*args, similarity=table(texts))
    assert {(m.seeker_id, m.supporter_id) for m in best.matches} == {(1, 102), (2, 101)}
    assert best.total == pytest.approx(1.65)
    greedy = solve_greedy(*args, similarity=table(texts))
    assert {(m.seeker_id, m.supporter_id) for m in greedy.matches} == {(1, 101)}
    assert greedy.unmatched[0].code == WaitingReason.SUPPORTERS_FULL
    assert solve_reference_lp(*args, similarity=table(texts)).total == pytest.approx(1.65)


@pytest.mark.parametrize(
    ("seeker_changes", "supporter_changes", "code", "reason"),
    [
        (
            {"condition_slugs": frozenset({T1, PARKINSONS})},
            {"condition_slugs": frozenset({PARKINSONS})},
            WaitingReason.NO_SHARED_CONDITION,
            "No supporter lives with type 1 diabetes yet",
        ),
        (
            {"age": 16},
            {},
            WaitingReason.AGE_GROUP,
            "No supporter is under 18 yet, and this programme never pairs an adult with someone under 18",
        ),
        (
            {},
            {"languages": frozenset({"polish"}), "must_share_language": True},
            WaitingReason.LANGUAGE,
            "The supporters who could help asked for a buddy who speaks their language",
        ),
        (
            {"wants_buddy_gender": frozenset({"man"})},
            {},
            WaitingReason.GENDER_WANTED,
            "No supporter is the gender they asked for yet",
        ),
        (
            {"gender": "man"},
            {"wants_buddy_gender": frozenset({"woman"})},
            WaitingReason.GENDER_OF_SUPPORTERS,
            "The supporters who could help asked for a buddy of a different gender",
        ),
        (
            {"buddy_age_min": 50, "buddy_age_max": 65},
            {},
            WaitingReason.AGE_RANGE_WANTED,
            "No supporter is in the age range they asked for (50 to 65) yet",
        ),
        (
            {},
            {"buddy_age_min": 40},
            WaitingReason.AGE_RANGE_OF_SUPPORTERS,
            "They are outside the age range the supporters who could help asked for",
        ),
        (
            {"contact_modes": frozenset({PHONE, IN_PERSON})},
            {},
            WaitingReason.CONTACT_MODES,
            "No supporter can keep in touch the way they want (in person or by phone) yet",
        ),
        (
            {"role": Role.SUPPORTER},
            {},
            WaitingReason.NOT_A_SEEKER,
            "They signed up to give support, not to get it",
        ),
        (
            {"condition_slugs": frozenset({PARKINSONS})},
            {},
            WaitingReason.CONDITION_NOT_IN_PROGRAMME,
            "This programme is not for a condition they live with",
        ),
    ],
)
def test_it_says_why_someone_is_still_waiting(
    seeker_changes: dict[str, object],
    supporter_changes: dict[str, object],
    code: WaitingReason,
    reason: str,
) -> None:
    lonely = seeker(**seeker_changes)
    result = solve([lonely], [supporter(**supporter_changes)], T1_PROGRAMME, labels=LABELS)
    assert result.matches == ()
    [waiting] = result.unmatched
    assert (waiting.seeker_id, waiting.code, waiting.reason) == (lonely.id, code, reason)


def test_the_programme_must_offer_a_way_the_seeker_keeps_in_touch() -> None:
    online_only = replace(T1_PROGRAMME, contact_modes=frozenset({ONLINE}))
    by_phone = seeker(contact_modes=frozenset({PHONE}))
    result = solve([by_phone], [supporter()], online_only)
    assert result.unmatched[0].code == WaitingReason.CONTACT_NOT_OFFERED
    assert result.unmatched[0].reason == (
        "This programme does not offer the ways they want to keep in touch (by phone)"
    )


def test_every_seeker_is_either_matched_or_waiting_in_the_order_given() -> None:
    seekers = [
        MINA,
        seeker(2, age=16),
        seeker(3),
        seeker(4, languages=frozenset({"welsh"}), must_share_language=True),
    ]
    result = solve(seekers, [PRIYA], T1_PROGRAMME)
    ids = [m.seeker_id for m in result.matches] + [w.seeker_id for w in result.unmatched]
    assert sorted(ids) == [1, 2, 3, 4]
    assert [w.seeker_id for w in result.unmatched] == sorted(w.seeker_id for w in result.unmatched)
    assert len(result.matches) == 2


def test_a_pair_sharing_two_conditions_is_one_candidate() -> None:
    both = frozenset({T1, PARKINSONS})
    programme = Programme(condition_slugs=both)
    candidates = find_candidates(
        [seeker(condition_slugs=both)], [supporter(condition_slugs=both)], programme
    )
    assert len(candidates) == 1
    assert candidates.pairs_compared == 1


def test_it_refuses_candidates_from_another_run_and_repeated_people() -> None:
    candidates = find_candidates([MINA], [PRIYA], T1_PROGRAMME)
    with pytest.raises(ValueError, match="other people"):
        solve([MINA], [PRIYA], T1_PROGRAMME, candidates=candidates)
    with pytest.raises(ValueError, match="only once"):
        solve([MINA, MINA], [PRIYA], T1_PROGRAMME)


def test_it_copes_with_nobody_at_all() -> None:
    result = solve([], [], T1_PROGRAMME)
    assert (result.matches, result.unmatched, result.total) == ((), (), 0.0)
    alone = solve([MINA], [], T1_PROGRAMME, labels=LABELS)
    assert alone.unmatched[0].reason == "No supporter lives with type 1 diabetes yet"
