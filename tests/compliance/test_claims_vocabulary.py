"""The condition vocabulary built from ICD-10-CM, and the evaluation corpus."""

import json
from pathlib import Path

import pytest

from bench.claims_eval import corpus_load, evaluate
from compliance.claims import claims_lint
from compliance.rules.vocabulary import icd_condition_names, trie_pattern

CORPUS = Path(__file__).resolve().parents[2] / "bench" / "data" / "claims_corpus.jsonl"


@pytest.mark.parametrize(
    "name",
    [
        "hepatitis",
        "gingivitis",
        "cataracts",
        "glaucoma",
        "haemophiliacs",
        "hemophilia",
        "leukaemia",
        "anaemic",
        "psoriatic",
        "arthritic",
        "asthmatics",
        "epileptics",
        "schizophrenics",
        "insomniacs",
        "diverticulitis",
        "oesophagitis",
        "angina",
        "vertigo",
    ],
)
def test_classification_supplies_the_long_tail_and_its_forms(name):
    assert name in icd_condition_names()


@pytest.mark.parametrize(
    "word",
    [
        "probiotic",
        "prebiotic",
        "aromatic",
        "aroma",
        "diagnosis",
        "plague",
        "atrophy",
        "trophy",
        "dehydration",
        "freckles",
        "organic",
        "magic",
        "classic",
        "mosaic",
    ],
)
def test_everyday_words_are_not_conditions(word):
    assert word not in icd_condition_names()


def test_trie_pattern_matches_exactly_its_words():
    import re

    words = {"cat", "cats", "catalepsy", "dog", "do"}
    pattern = re.compile(f"(?:{trie_pattern(words)})")

    for word in words:
        assert pattern.fullmatch(word), word
    for other in ("ca", "catal", "dogs", "d", ""):
        assert not pattern.fullmatch(other), other


@pytest.mark.parametrize(
    ("text", "regime"),
    [
        ("A memoir about growing up with cystic fibrosis.", "uk"),
        ("Recipes and stories from the Great Depression.", "us"),
        ("Stoned dates and toasted almonds.", "uk"),
        ("Not recommended for people with glaucoma.", "eu"),
        ("Non-intoxicating hemp seed oil.", "eu"),
        ("The buzz of the harbour at dawn.", "us"),
    ],
)
def test_lawful_senses_are_not_findings(text, regime):
    assert claims_lint(text, regime=regime).findings == ()


def test_corpus_is_large_labelled_and_apart_from_the_rules_examples():
    from compliance.rules import rules_load

    rows = corpus_load(CORPUS)
    examples = {
        text.casefold()
        for rule in rules_load().claims
        for text in (*rule.positive, *rule.negative)
    }

    assert len(rows) >= 300
    assert {row["regime"] for row in rows} == {"us", "eu", "uk"}
    assert all(row["rule"] for row in rows)
    assert not [row["text"] for row in rows if row["text"].casefold() in examples]
    assert len({json.dumps(row, sort_keys=True) for row in rows}) == len(rows)


def test_corpus_figures_meet_the_targets():
    # Recall on block >= 98 %, lawful copy flagged <= 2 %, in every regime.
    tallies = evaluate(corpus_load(CORPUS))

    for regime, tally in tallies.items():
        assert tally.rate("block") >= 0.98, (regime, tally.problems)
        assert tally.rate("clean") <= 0.02, (regime, tally.problems)


def test_one_slip_misspellings_of_long_condition_names_only():
    from compliance.rules.misspellings import misspellings

    names = ("anxiety", "panic attacks", "cancer", "migraine", "migraines")
    found = misspellings(names)

    assert {"anxeity", "anxity", "anxxiety", "panic atacks"} <= found
    # Short names stay exact: one slip turns them into everyday words.
    assert not any(word.startswith("canc") or word == "canter" for word in found)
    # A listed name is never its own misspelling.
    assert "migraine" not in found
    assert "migraines" not in found


def test_a_misspelt_condition_in_a_review_blocks():
    from compliance.claims import claims_lint

    text = '"My anxeity and panic atacks have basically gone" - 5 stars.'
    report = claims_lint(text, regime="uk")
    assert report.blocking
    assert {f.text.lower() for f in report.findings} >= {"anxeity"}
    lawful = claims_lint("Anxiously awaited: our autumn blend.", regime="uk")
    assert not lawful.blocking
