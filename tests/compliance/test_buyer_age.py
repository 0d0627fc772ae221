"""Under the minimum age means prohibited: one rule for the CLI and checkout."""

from datetime import date

from compliance.regions import availability_decide, buyer_under_age, decision_for_buyer
from compliance.rules import rules_load

TODAY = date(2026, 11, 25)


def _restricted_decision():
    for rule in rules_load().legality:
        if not rule.min_age or not rule.in_effect(TODAY):
            continue
        decision = availability_decide(
            product_class=rule.product_class, region=rule.jurisdiction, on_date=TODAY
        )
        if decision.decision == "restricted" and decision.min_age:
            return decision
    raise AssertionError("the rules have no age-restricted sale")


def test_a_buyer_under_the_minimum_age_is_prohibited():
    decision = _restricted_decision()
    young = decision.min_age - 1

    for_young = decision_for_buyer(decision, age=young)

    assert for_young.decision == "prohibited"
    assert not for_young.allowed
    assert for_young.reason.endswith(f"A buyer aged {young} cannot buy it.")
    assert for_young.rules == decision.rules


def test_a_buyer_of_age_or_of_unknown_age_keeps_the_regions_decision():
    decision = _restricted_decision()

    assert decision_for_buyer(decision, age=decision.min_age) == decision
    assert decision_for_buyer(decision, age=None) == decision


def test_under_age_needs_both_ages_known():
    assert buyer_under_age(age=17, min_age=18)
    assert not buyer_under_age(age=18, min_age=18)
    assert not buyer_under_age(age=None, min_age=18)
    assert not buyer_under_age(age=17, min_age=None)
