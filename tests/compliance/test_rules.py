from datetime import date
from pathlib import Path

import pytest

from compliance.errors import RuleDataError
from compliance.product_classes import ProductClass
from compliance.rules import DECISIONS, REGIMES, rules_load

VALID_HEADER = 'version = "t1"\n'
LEGALITY = """
[[legality]]
id = "LEG.X"
class = "kratom"
jurisdiction = "US-AL"
decision = "prohibited"
source = ["COMPLIANCE.md [58]"]
reviewed = 2026-11-25
"""


def _write(tmp_path: Path, body: str) -> Path:
    (tmp_path / "rules.toml").write_text(VALID_HEADER + body, encoding="utf-8")
    return tmp_path


def test_project_rule_data_loads_with_a_version():
    # when
    rules = rules_load()

    # then
    assert rules.version == "2026.12.02.10"
    assert len(rules.legality) == 83
    assert len(rules.claims) == 53
    assert len(rules.authorised) == 32
    assert len(rules.suggestions) == 7
    assert len(rules.translations) == 5


def test_every_rule_has_source_and_review_date():
    rules = rules_load()

    for rule in (
        *rules.legality,
        *rules.claims,
        *rules.authorised,
        *rules.translations,
        *rules.suggestions,
    ):
        assert rule.source, rule.id
        assert all(s.strip() for s in rule.source), rule.id
        assert isinstance(rule.reviewed, date), rule.id
        assert rule.reviewed <= date(2026, 12, 2), rule.id


def test_legality_rules_use_known_classes_and_decisions():
    rules = rules_load()

    for rule in rules.legality:
        assert rule.product_class in ProductClass.values
        assert rule.decision in DECISIONS
        if rule.min_age is not None:
            assert rule.decision == "restricted"


def test_claims_rules_cover_regimes_with_examples():
    rules = rules_load()

    for rule in rules.claims:
        assert {regime for regime, _ in rule.severity} <= set(REGIMES)
        assert len(rule.positive) >= 1
        assert len(rule.negative) >= 1


def test_minimal_file_loads(tmp_path):
    # given
    directory = _write(tmp_path, LEGALITY)

    # when
    rules = rules_load(directory=directory)

    # then
    assert rules.version == "t1"
    assert [r.id for r in rules.legality] == ["LEG.X"]


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ('class = "kratom"', 'class = "tobacco"', "unknown class 'tobacco'"),
        ('jurisdiction = "US-AL"', 'jurisdiction = "US-ZZ"', "jurisdiction must be"),
        ('decision = "prohibited"', 'decision = "maybe"', "decision must be one of"),
        ('source = ["COMPLIANCE.md [58]"]', "source = []", "every rule needs a source"),
        (
            "reviewed = 2026-11-25",
            'reviewed = "soon"',
            "'reviewed' must be a TOML date",
        ),
        ('id = "LEG.X"', 'id = "bad id"', "id must be upper-case"),
    ],
)
def test_malformed_legality_rule_is_refused(tmp_path, old, new, message):
    # given
    directory = _write(tmp_path, LEGALITY.replace(old, new))

    # when / then
    with pytest.raises(RuleDataError, match=message):
        rules_load(directory=directory)


def test_duplicate_ids_are_refused(tmp_path):
    directory = _write(tmp_path, LEGALITY + LEGALITY)

    with pytest.raises(RuleDataError, match=r"Duplicate rule ids: LEG\.X\."):
        rules_load(directory=directory)


def test_missing_version_is_refused(tmp_path):
    (tmp_path / "rules.toml").write_text(LEGALITY, encoding="utf-8")

    with pytest.raises(RuleDataError, match="Exactly one rule file must set"):
        rules_load(directory=tmp_path)


def test_capturing_group_in_claims_pattern_is_refused(tmp_path):
    # given
    body = """
[[claims]]
id = "CLM.X"
severity = { us = "block" }
patterns = ['(cure)s']
source = ["x"]
reviewed = 2026-11-25
examples.positive = ["cures"]
examples.negative = ["ok"]
"""
    directory = _write(tmp_path, body)

    # when / then
    with pytest.raises(RuleDataError, match="must not capture"):
        rules_load(directory=directory)


def test_claims_rule_without_examples_is_refused(tmp_path):
    body = """
[[claims]]
id = "CLM.X"
severity = { us = "block" }
patterns = ['cures']
source = ["x"]
reviewed = 2026-11-25
"""
    directory = _write(tmp_path, body)

    with pytest.raises(RuleDataError, match="needs positive and negative examples"):
        rules_load(directory=directory)
