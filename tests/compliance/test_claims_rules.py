"""Every claims rule, checked against the examples it carries in the rule data."""

import pytest

from compliance.claims import claims_lint
from compliance.rules import REGIMES, rules_load

RULES = rules_load()

POSITIVE = [
    pytest.param(rule.id, regime, severity, text, id=f"{rule.id}-{regime}-{n}")
    for rule in RULES.claims
    for regime, severity in rule.severity
    for n, text in enumerate(rule.positive)
]
NEGATIVE = [
    pytest.param(rule.id, regime, text, id=f"{rule.id}-{regime}-{n}")
    for rule in RULES.claims
    for regime in REGIMES
    for n, text in enumerate(rule.negative)
]


@pytest.mark.parametrize(("rule_id", "regime", "severity", "text"), POSITIVE)
def test_positive_example_is_found(rule_id, regime, severity, text):
    # when
    report = claims_lint(text, regime=regime)

    # then
    hits = [f for f in report.findings if f.rule == rule_id]
    assert len(hits) == 1, report.findings
    assert hits[0].severity == severity
    assert text[hits[0].start : hits[0].end] == hits[0].text
    assert report.blocking is any(f.severity == "block" for f in report.findings)


@pytest.mark.parametrize(("rule_id", "regime", "text"), NEGATIVE)
def test_negative_example_is_not_found(rule_id, regime, text):
    report = claims_lint(text, regime=regime)

    assert [f.rule for f in report.findings if f.rule == rule_id] == []


@pytest.mark.parametrize(
    "wording", [pytest.param(a.wording, id=a.id) for a in RULES.authorised]
)
@pytest.mark.parametrize("regime", ["eu", "uk"])
def test_authorised_wording_passes_in_eu_and_uk(wording, regime):
    # given: written as a label would, with a capital and a full stop
    text = wording[0].upper() + wording[1:] + "."

    # when
    report = claims_lint(text, regime=regime)

    # then
    assert report.findings == ()
    assert report.blocking is False
