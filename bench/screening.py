"""How well and how fast does screening read members' posts?

Two questions, one run, on one CPU core (the process pins itself to one core and tells
numpy and scikit-learn to use one thread):

1. Quality: precision and recall per category on two splits:
   - the training split: everything the rules were written from and the learned heads
     were trained on (`kindred/screening/training/labelled.py` and
     `kindred/screening/training/*.jsonl`). Figures here are an upper bound;
     beside them, the heads' cross-validated figures from training;
   - the held-out test split (`kindred/moderation/tests/heldout/posts.jsonl`), written
     apart from the rules and never read while tuning them: the honest figures. Also the
     share of its benign posts with a crisis finding, and with any finding.
   On the labelled set, also the baseline below used as a classifier (each category's
   key patterns, no context rules and no model), to show what the rest buys.
2. Speed: posts per second through `screen()` over N realistic posts (5,000; `--quick`
   1,000), each made of one to eight sentences drawn from the labelled set, against a
   single-regex-pass baseline: one big compiled alternation of the same key patterns the
   checks use, run once over each normalised post. Also the p50/p95/p99 latency of one
   post, checked against the issue's budget ("screening adds at most 20 ms at p95 to
   publishing a post with the default install"), the time each check takes, and the
   one-off cost of loading the profanity model when a process starts.

    .venv/bin/python bench/screening.py            # 5,000 posts
    .venv/bin/python bench/screening.py --quick    # 1,000 posts

The last line printed is one JSON object: posts_per_second, baseline_posts_per_second,
ratio_vs_single_regex (seconds per post through screen() / seconds per post through the
single regex, so 40 means forty times the baseline's cost), p50_ms, p95_ms, p99_ms,
within_budget, cold_start_s, and precision/recall per category (labelled set, both the
pipeline's and the baseline's). The labelled set is the one the rules were written
against: its figures are an upper bound on how the rules do on posts they have not seen.
"""

from __future__ import annotations

import os
import sys
import time

# One core, one thread: set before numpy / scikit-learn are imported.
for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")
if hasattr(os, "sched_setaffinity"):
    os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})

import random  # noqa: E402
import re  # noqa: E402
from collections.abc import Callable, Sequence  # noqa: E402
from typing import Any  # noqa: E402

import _common  # noqa: E402

BENCH = "screening"
FULL_SIZE = 5_000
QUICK_SIZE = 1_000
FULL_REPS = 3
QUICK_REPS = 2
BUDGET_P95_MS = 20.0
MAX_SENTENCES = 8


def cold_start() -> float:
    """Seconds to import the pipeline and load everything it loads lazily."""
    start = time.perf_counter()
    from kindred.screening import pipeline

    pipeline.warm_up()
    return time.perf_counter() - start


def baseline_patterns() -> dict[str, re.Pattern[str]]:
    """Each category's key patterns as one compiled alternation (the baseline classifier)."""
    from kindred.screening import (
        abuse,
        contact,
        crisis,
        medical_advice,
        misinformation,
        promotion,
    )
    from kindred.screening.base import Category

    modules = {
        Category.CRISIS: crisis,
        Category.CONTACT_DETAILS: contact,
        Category.PROMOTION: promotion,
        Category.MEDICAL_ADVICE: medical_advice,
        Category.MISINFORMATION: misinformation,
        Category.ABUSE: abuse,
    }
    return {
        str(category): re.compile("|".join(f"(?:{p})" for p in module.KEY_PATTERNS), re.IGNORECASE)
        for category, module in modules.items()
    }


def single_regex() -> re.Pattern[str]:
    """Every check's key patterns in one alternation: the speed baseline."""
    patterns = [p.pattern for p in baseline_patterns().values()]
    return re.compile("|".join(f"(?:{p})" for p in patterns), re.IGNORECASE)


HELDOUT = _common.ROOT / "kindred" / "moderation" / "tests" / "heldout" / "posts.jsonl"
HELDOUT_LABELS = {"contact": "contact_details"}
CRISIS_RECALL_GOAL = 0.95
BENIGN_FALSE_ALARMS_GOAL = 0.10


def heldout_examples() -> list[tuple[str, set[str]]]:
    import json

    rows = [json.loads(line) for line in HELDOUT.read_text(encoding="utf-8").splitlines() if line]
    return [
        (
            r["text"],
            set()
            if r["category"] == "none"
            else {HELDOUT_LABELS.get(r["category"], r["category"])},
        )
        for r in rows
    ]


def training_examples() -> list[tuple[str, set[str]]]:
    from kindred.screening import train

    return [(e.text, {str(c) for c in e.categories}) for e in train.load_examples()]


def split_quality(
    classify: Callable[[str], set[str]], examples: Sequence[tuple[str, set[str]]]
) -> dict[str, Any]:
    """Precision and recall per category, and false alarms on the benign posts."""
    from kindred.screening.base import Category

    predicted = [classify(text) for text, _ in examples]
    figures: dict[str, Any] = {}
    for category in (str(c) for c in Category):
        tp = sum(
            1
            for p, (_, y) in zip(predicted, examples, strict=False)
            if category in p and category in y
        )
        fp = sum(
            1
            for p, (_, y) in zip(predicted, examples, strict=False)
            if category in p and category not in y
        )
        fn = sum(
            1
            for p, (_, y) in zip(predicted, examples, strict=False)
            if category not in p and category in y
        )
        figures[category] = {
            "positives": tp + fn,
            "tp": tp,
            "fp": fp,
            "fn": fn,
            "precision": round(tp / (tp + fp), 3) if tp + fp else 0.0,
            "recall": round(tp / (tp + fn), 3) if tp + fn else 0.0,
        }
    benign = [p for p, (_, y) in zip(predicted, examples, strict=False) if not y]
    figures["benign"] = {
        "posts": len(benign),
        "crisis_false_alarms": round(sum("crisis" in p for p in benign) / max(len(benign), 1), 3),
        "any_false_alarms": round(sum(bool(p) for p in benign) / max(len(benign), 1), 3),
    }
    return figures


def quality(classify: Callable[[str], set[str]], texts: Sequence[str]) -> dict[str, dict[str, Any]]:
    """Precision and recall per category on the labelled set."""
    from kindred.screening.training.labelled import LABELLED, is_positive

    labelled = [(t, {str(c) for c in LABELLED if is_positive(t, c)}) for t in texts]
    figures = split_quality(classify, labelled)
    return {str(c): figures[str(c)] for c in LABELLED}


def build_posts(n: int, seed: int) -> list[str]:
    """N posts of one to eight sentences from the labelled set, mostly harmless ones
    (as in a real group), in a fixed random order."""
    from kindred.screening.training.labelled import LABELLED

    rng = random.Random(seed)
    negatives = [t for _, neg in LABELLED.values() for t in neg]
    positives = [t for pos, _ in LABELLED.values() for t in pos]
    posts = []
    for _ in range(n):
        k = rng.randint(1, MAX_SENTENCES)
        posts.append(
            " ".join(
                rng.choice(positives) if rng.random() < 0.1 else rng.choice(negatives)
                for _ in range(k)
            )
        )
    return posts


def measure(n_posts: int, reps: int, seed: int) -> dict[str, Any]:
    cold = cold_start()

    from kindred.screening import pipeline, screen
    from kindred.screening.base import normalise
    from kindred.screening.training.labelled import LABELLED, all_texts

    texts = all_texts()
    pipeline_quality = quality(lambda t: {str(f.category) for f in screen(t)}, texts)
    by_pipeline = lambda t: {str(f.category) for f in screen(t)}  # noqa: E731
    training_split = split_quality(by_pipeline, training_examples())
    heldout_split = split_quality(by_pipeline, heldout_examples())
    per_category = baseline_patterns()
    baseline_quality = quality(
        lambda t: {c for c, p in per_category.items() if p.search(normalise(t))}, texts
    )

    posts = build_posts(n_posts, seed)
    big = single_regex()

    def run_baseline() -> float:
        start = time.perf_counter()
        for post in posts:
            for _ in big.finditer(normalise(post)):
                pass
        return time.perf_counter() - start

    latencies: list[float] = []

    def run_pipeline() -> float:
        total = 0.0
        for post in posts:
            start = time.perf_counter()
            screen(post)
            elapsed = time.perf_counter() - start
            latencies.append(elapsed)
            total += elapsed
        return total

    run_baseline()
    screen_total = 0.0
    baseline_total = 0.0
    for rep in range(reps):
        # Alternate which goes first, so that a noisy neighbour hurts both alike.
        if rep % 2:
            screen_total += run_pipeline()
            baseline_total += run_baseline()
        else:
            baseline_total += run_baseline()
            screen_total += run_pipeline()

    # Where the time goes: each check on its own, over one pass of the posts.
    per_check: dict[str, list[float]] = {}
    for check in pipeline.CHECKS:
        name = check.__module__.rsplit(".", 1)[-1]
        times = per_check.setdefault(name, [])
        for post in posts:
            start = time.perf_counter()
            check(post, region="GB", condition_slugs=())
            times.append(time.perf_counter() - start)

    pps = n_posts * reps / screen_total
    baseline_pps = n_posts * reps / baseline_total
    p50 = _common.percentile(latencies, 50) * 1000
    p95 = _common.percentile(latencies, 95) * 1000
    p99 = _common.percentile(latencies, 99) * 1000

    print(
        f"\n{BENCH}: labelled set of {len(texts)} posts "
        f"({sum(len(p) for p, _ in LABELLED.values())} positives over 6 categories); "
        f"written against these rules, so an upper bound"
    )
    rows = []
    for category, q in pipeline_quality.items():
        b = baseline_quality[category]
        rows.append(
            [
                category,
                q["positives"],
                q["tp"],
                q["fp"],
                q["fn"],
                q["precision"],
                q["recall"],
                b["precision"],
                b["recall"],
            ]
        )
    _common.print_table(
        ["category", "pos", "tp", "fp", "fn", "precision", "recall", "regex prec", "regex rec"],
        rows,
    )
    print_splits(training_split, heldout_split)
    print(
        f"\n{n_posts:,} posts of 1-{MAX_SENTENCES} sentences, {reps} timed passes, one core "
        f"(cpu {sorted(os.sched_getaffinity(0)) if hasattr(os, 'sched_getaffinity') else '?'})"
    )
    _common.print_table(
        ["path", "posts/s", "ms/post", "p50 ms", "p95 ms", "p99 ms"],
        [
            ["screen()", pps, 1000 / pps, p50, p95, p99],
            ["single regex pass", baseline_pps, 1000 / baseline_pps, "", "", ""],
        ],
    )
    print(
        f"ratio (time per post, screen / single regex): {baseline_pps / pps:,.1f}x; "
        f"p95 {p95:.2f} ms against a budget of {BUDGET_P95_MS:.0f} ms: "
        f"{'within budget' if p95 <= BUDGET_P95_MS else 'OVER BUDGET'}; "
        f"cold start (import, profanity model, sentence model and heads) {cold:.2f} s, once per process"
    )
    print()
    _common.print_table(
        ["check", "mean ms", "p95 ms"],
        [
            [name, sum(t) / len(t) * 1000, _common.percentile(t, 95) * 1000]
            for name, t in per_check.items()
        ],
    )
    return {
        "bench": BENCH,
        "n_posts": n_posts,
        "reps": reps,
        "labelled_examples": len(texts),
        "posts_per_second": round(pps, 1),
        "baseline_posts_per_second": round(baseline_pps, 1),
        "ratio_vs_single_regex": _common.ratio(baseline_pps, pps),
        "p50_ms": round(p50, 3),
        "p95_ms": round(p95, 3),
        "p99_ms": round(p99, 3),
        "budget_p95_ms": BUDGET_P95_MS,
        "within_budget": p95 <= BUDGET_P95_MS,
        "cold_start_s": round(cold, 3),
        "precision": {c: q["precision"] for c, q in pipeline_quality.items()},
        "recall": {c: q["recall"] for c, q in pipeline_quality.items()},
        "baseline_precision": {c: q["precision"] for c, q in baseline_quality.items()},
        "baseline_recall": {c: q["recall"] for c, q in baseline_quality.items()},
        "check_mean_ms": {name: round(sum(t) / len(t) * 1000, 4) for name, t in per_check.items()},
        "training_split": training_split,
        "heldout_split": heldout_split,
        "heldout_crisis_recall": heldout_split["crisis"]["recall"],
        "heldout_benign_crisis_false_alarms": heldout_split["benign"]["crisis_false_alarms"],
        "heldout_goals_met": heldout_split["crisis"]["recall"] >= CRISIS_RECALL_GOAL
        and heldout_split["benign"]["crisis_false_alarms"] <= BENIGN_FALSE_ALARMS_GOAL,
    }


def print_splits(training: dict[str, Any], heldout: dict[str, Any]) -> None:
    import json

    from kindred.screening.learned import HEADS_PATH

    heads = json.loads(HEADS_PATH.read_text(encoding="utf-8"))["heads"]
    print(
        "\nBoth splits, screen() as installed (rules and learned heads). Training split: "
        "what the rules and heads learned from (an upper bound); cross-validated: the "
        "heads' figures on training folds they did not learn from; held-out: the test "
        "split nobody tuned against."
    )
    rows = []
    for category, held in heldout.items():
        if category == "benign":
            continue
        trained = training[category]
        cv = heads.get(category, {}).get("cross_validated", {}).get("rules_and_head", {})
        rows.append(
            [
                category,
                trained["positives"],
                trained["precision"],
                trained["recall"],
                cv.get("precision", ""),
                cv.get("recall", ""),
                held["positives"],
                held["precision"],
                held["recall"],
            ]
        )
    _common.print_table(
        [
            "category",
            "train pos",
            "train prec",
            "train rec",
            "cv prec",
            "cv rec",
            "held-out pos",
            "held-out prec",
            "held-out rec",
        ],
        rows,
    )
    hb, tb = heldout["benign"], training["benign"]
    print(
        f"benign posts with a crisis finding: training {tb['crisis_false_alarms']:.1%} of "
        f"{tb['posts']}, held-out {hb['crisis_false_alarms']:.1%} of {hb['posts']}; with any "
        f"finding: training {tb['any_false_alarms']:.1%}, held-out {hb['any_false_alarms']:.1%}"
    )
    crisis = heldout["crisis"]["recall"]
    print(
        f"goals on the held-out split: crisis recall {crisis:.3f} (goal >= {CRISIS_RECALL_GOAL}): "
        f"{'met' if crisis >= CRISIS_RECALL_GOAL else 'NOT MET'}; benign crisis false alarms "
        f"{hb['crisis_false_alarms']:.3f} (goal <= {BENIGN_FALSE_ALARMS_GOAL}): "
        f"{'met' if hb['crisis_false_alarms'] <= BENIGN_FALSE_ALARMS_GOAL else 'NOT MET'}"
    )


def main(argv: list[str]) -> None:
    args = _common.parser(__doc__.splitlines()[0], full_size=FULL_SIZE, quick_size=QUICK_SIZE)
    opts = args.parse_args(argv)
    n_posts = opts.size or (QUICK_SIZE if opts.quick else FULL_SIZE)
    reps = opts.reps or (QUICK_REPS if opts.quick else FULL_REPS)
    _common.emit(measure(n_posts, reps, opts.seed))


if __name__ == "__main__":
    main(sys.argv[1:])
