"""Register wordings beside a claim, the FDA disclaimer given in the copy, and
letter-spaced two-letter words: rules 2026.12.02.9."""

import re

import pytest

from compliance.claims import claims_lint
from compliance.claims.normalise import normalise
from compliance.rules import rules_load

DISCLAIMED = (
    "Lion's mane helps you stay sharp through back-to-back meetings.* *This statement "
    "has not been evaluated by the Food and Drug Administration. This product is not "
    "intended to diagnose, treat, cure, or prevent any disease."
)


def _rules(report):
    return [(f.rule, f.severity, f.text) for f in report.findings]


def test_disclaimed_structure_function_claim_needs_nothing_more():
    # when
    report = claims_lint(DISCLAIMED, regime="us")

    # then: the copy carries its disclaimer, so it is lawful as it stands (21 CFR
    # 101.93(c)); the notification to FDA is made per product, not in the copy
    assert report.findings == ()
    assert report.blocking is False
    assert report.disclaimer_given is True
    assert report.needs_disclaimer is False
    assert report.disclaimer is None


def test_structure_function_claim_without_the_disclaimer_still_asks_for_it():
    report = claims_lint("Lion's mane helps you stay sharp.", regime="us")

    assert report.disclaimer_given is False
    assert report.needs_disclaimer is True
    assert report.disclaimer is not None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Beside a wording exactly as written: Art. 10(3) is met.
        (
            "A feel-good brew. Vitamin B12 contributes to the reduction of tiredness "
            "and fatigue.",
            [],
        ),
        # Beside a reworded one: an officer checks that the meaning is unchanged.
        (
            "A feel-good brew, with vitamin B12, which contributes to the reduction of "
            "tiredness and fatigue.",
            [("CLM.GENERAL_HEALTH", "warn", "feel-good brew")],
        ),
        # With nothing beside it: a block.
        (
            "A feel-good brew for busy mornings.",
            [("CLM.GENERAL_HEALTH", "block", "feel-good brew")],
        ),
        # A fancy name beside a related authorised claim (Art. 1(3)), with the amount
        # between nutrient and claim: an officer's judgement.
        (
            "Brain Boost Gummies with vitamin B12 (100% NRV), which contributes to "
            "normal psychological function.",
            [("CLM.FUNCTION_GENERAL", "warn", "Brain Boost")],
        ),
    ],
)
def test_authorised_wording_beside_a_claim(text, expected):
    assert _rules(claims_lint(text, regime="uk")) == expected


def test_translated_register_wording_makes_a_general_claim_one_for_review():
    # given
    text = (
        "Ein echtes Wohlfühlgetränk \u2013 mit Vitamin C, das zu einer normalen "
        "Funktion des Immunsystems beiträgt."
    )

    # when
    report = claims_lint(text, regime="eu")

    # then
    assert _rules(report) == [("CLM.GENERAL_HEALTH", "warn", "Wohlfühlgetränk")]
    assert _rules(claims_lint("Ein echtes Wohlfühlgetränk.", regime="eu")) == [
        ("CLM.GENERAL_HEALTH", "block", "Wohlfühlgetränk")
    ]


def test_translated_wording_never_relieves_a_disease_name_inside_it():
    report = claims_lint(
        "Vitamin C, das zur Vorbeugung von Krebs beiträgt.", regime="eu"
    )

    assert report.blocking is True


_TRANSLATIONS = [(t.id, t) for t in rules_load().translations]


@pytest.mark.parametrize(("rule_id", "translation"), _TRANSLATIONS)
def test_translated_wording_examples(rule_id, translation):
    pattern = re.compile(r"(?<![^\W_])(?:" + translation.pattern + r")(?![^\W_])")
    for example in translation.positive:
        assert pattern.search(normalise(example).text), (rule_id, example)
    for example in translation.negative:
        assert not pattern.search(normalise(example).text), (rule_id, example)


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("o f f  m y  m e d s", "off  my  meds"),
        ("off  m y  meds", "off  my  meds"),
        ("off m.y meds", "off my meds"),
        ("off m. y meds", "off my meds"),
        # Abbreviations, initials and ranges stay as they are.
        ("e.g. tea", "e.g. tea"),
        ("U.S. residents", "u.s. residents"),
        ("J. K. Rowling", "j. k. rowling"),
        ("1-2 capsules", "1-2 capsules"),
        ("I am fine", "i am fine"),
    ],
)
def test_spaced_two_letter_word_is_rejoined(text, folded):
    assert normalise(text).text == folded


def test_spaced_testimonial_is_found_with_its_original_span():
    # given
    text = "I came  o f f  m y  meds in a month"

    # when
    report = claims_lint(text, regime="uk")

    # then
    hits = [f for f in report.findings if f.rule == "CLM.TESTIMONIAL"]
    assert [f.text for f in hits] == ["came  o f f  m y  meds"]
