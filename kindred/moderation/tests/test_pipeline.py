"""The screening pipeline: every check runs, crisis first, and one failing check never
stops the others."""

from __future__ import annotations

import logging
from collections.abc import Sequence

import pytest
import textstat

from kindred.screening import pipeline, screen
from kindred.screening.base import Category, Finding
from kindred.screening.training.labelled import LABELLED

# Crisis, contact details and medical advice in one post.
MIXED = "I want to die. Ring me on 07911 123456. Cut your basal by 10% tonight."


def test_it_puts_crisis_first() -> None:
    categories = [f.category for f in screen(MIXED)]
    assert categories[0] == Category.CRISIS
    assert set(categories) == {
        Category.CRISIS,
        Category.CONTACT_DETAILS,
        Category.MEDICAL_ADVICE,
    }


def test_it_runs_crisis_before_any_other_check(monkeypatch: pytest.MonkeyPatch) -> None:
    assert pipeline.CHECKS[0].__module__.endswith(".crisis")
    order: list[str] = []

    def recording(check: pipeline.Check) -> pipeline.Check:
        def run(
            text: str, *, region: str = "GB", condition_slugs: Sequence[str] = ()
        ) -> Finding | None:
            order.append(check.__module__.rsplit(".", 1)[-1])
            return check(text, region=region, condition_slugs=condition_slugs)

        return run

    monkeypatch.setattr(pipeline, "CHECKS", tuple(recording(c) for c in pipeline.CHECKS))
    screen("hello")
    assert order == [
        "crisis",
        "contact",
        "promotion",
        "medical_advice",
        "misinformation",
        "abuse",
    ]


def test_a_crashing_check_does_not_stop_the_others(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    def broken(
        text: str, *, region: str = "GB", condition_slugs: Sequence[str] = ()
    ) -> Finding | None:
        raise RuntimeError("a bug in one check")

    # The broken check runs first, and again in the middle.
    checks = list(pipeline.CHECKS)
    monkeypatch.setattr(pipeline, "CHECKS", (broken, *checks[:3], broken, *checks[3:]))
    with caplog.at_level(logging.ERROR, logger=pipeline.__name__):
        categories = [f.category for f in screen(MIXED)]
    assert categories == [
        Category.CRISIS,
        Category.CONTACT_DETAILS,
        Category.MEDICAL_ADVICE,
    ]
    assert len([r for r in caplog.records if "failed" in r.getMessage()]) == 2


def test_each_check_runs_independently(monkeypatch: pytest.MonkeyPatch) -> None:
    # With only the crisis check, the other findings are gone and crisis is unchanged.
    alone = pipeline.CHECKS[0]
    monkeypatch.setattr(pipeline, "CHECKS", (alone,))
    assert [f.category for f in screen(MIXED)] == [Category.CRISIS]


def test_it_passes_region_and_conditions_to_every_check(monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[tuple[str, tuple[str, ...]]] = []

    def spy(
        text: str, *, region: str = "GB", condition_slugs: Sequence[str] = ()
    ) -> Finding | None:
        seen.append((region, tuple(condition_slugs)))
        return None

    monkeypatch.setattr(pipeline, "CHECKS", (spy, spy))
    assert screen("hi", region="AU", condition_slugs=["multiple-sclerosis"]) == []
    assert seen == [("AU", ("multiple-sclerosis",))] * 2


def test_it_finds_nothing_in_an_ordinary_post() -> None:
    post = (
        "Had my annual review today. HbA1c down from 64 to 52, and my nurse was lovely. "
        "Anyone going to the walk on Saturday?"
    )
    assert screen(post) == []


def test_findings_are_checked_on_creation() -> None:
    with pytest.raises(ValueError):
        Finding(Category.ABUSE, 1.5, "too sure")
    with pytest.raises(ValueError):
        Finding(Category.ABUSE, 0.5, " ")


def test_every_reason_is_easy_to_read() -> None:
    # Reading age about 11: a Flesch-Kincaid grade of 7 or under for every reason a
    # member might see.
    reasons = {f.reason for positives, _ in LABELLED.values() for t in positives for f in screen(t)}
    assert reasons
    for reason in reasons:
        assert textstat.flesch_kincaid_grade(reason) <= 7, reason
