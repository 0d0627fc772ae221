import shutil
from datetime import date

import pytest

from compliance.errors import (
    ComplianceErrorCode,
    InvalidRegionError,
    UnknownProductClassError,
)
from compliance.product_classes import ProductClass
from compliance.regions import availability_decide, region_label
from compliance.rules import ASSURANCE_LEVELS, rules_load
from tests.compliance.conftest import NEW_BAN
from tests.compliance.conftest import RULES as RULES_DIRECTORY

RULES = rules_load()
TODAY = date(2026, 11, 25)


def _decision_date(rule):
    return rule.effective_from or rule.effective_until or TODAY


def _binding_prohibitions(rule, on_date):
    country = rule.jurisdiction.split("-")[0]
    return [
        other
        for other in RULES.legality
        if other.product_class == rule.product_class
        and other.jurisdiction == country != rule.jurisdiction
        and other.binding
        and other.decision == "prohibited"
        and other.in_effect(on_date)
    ]


@pytest.mark.parametrize("rule", RULES.legality, ids=lambda r: r.id)
def test_every_legality_rule_decides_its_own_jurisdiction(rule):
    # given
    on_date = _decision_date(rule)
    overriding = _binding_prohibitions(rule, on_date)

    # when
    decision = availability_decide(
        product_class=rule.product_class, region=rule.jurisdiction, on_date=on_date
    )

    # then
    assert decision.region == rule.jurisdiction
    assert decision.rules_version == RULES.version
    if rule.decision == "prohibited":
        assert decision.decision == "prohibited"
        assert decision.rules == (rule.id, *(r.id for r in overriding))
        assert decision.min_age is None
        assert decision.assurance == "none"
        assert decision.reason.endswith(" cannot be shipped to " + _short(rule) + ".")
        return
    if overriding:
        # Federal law binds the states: a stricter national rule still applies.
        assert decision.decision == "prohibited"
        assert decision.rules == tuple(r.id for r in overriding)
        return
    assert rule.id in decision.rules
    assert decision.decision in {rule.decision, "restricted"}
    if rule.min_age is not None:
        assert decision.min_age >= rule.min_age
    assert ASSURANCE_LEVELS.index(decision.assurance) >= ASSURANCE_LEVELS.index(
        rule.assurance
    )


def _short(rule):
    return f"{region_label(rule.jurisdiction).split(',')[0]} ({rule.jurisdiction})"


def test_no_two_rules_for_one_class_and_jurisdiction_overlap_in_time():
    for rule in RULES.legality:
        for other in RULES.legality:
            if other is rule or (other.product_class, other.jurisdiction) != (
                rule.product_class,
                rule.jurisdiction,
            ):
                continue
            starts_after = (
                other.effective_from is not None
                and rule.effective_until is not None
                and other.effective_from > rule.effective_until
            )
            ends_before = (
                other.effective_until is not None
                and rule.effective_from is not None
                and other.effective_until < rule.effective_from
            )
            assert starts_after or ends_before, (rule.id, other.id)


def test_kratom_in_alabama_is_prohibited_with_reason():
    decision = availability_decide(
        product_class="kratom", region="US-AL", on_date=TODAY
    )

    assert decision.decision == "prohibited"
    assert decision.rules == ("LEG.KRATOM.US-AL",)
    assert decision.reason == "Kratom cannot be shipped to Alabama (US-AL)."
    assert decision.min_age is None


def test_highest_applicable_age_wins():
    # given: Texas says 18 (unconfirmed), the national shop rule says 21
    decision = availability_decide(
        product_class="kratom", region="us-tx", on_date=TODAY
    )

    # then
    assert decision.decision == "restricted"
    assert decision.min_age == 21
    assert decision.assurance == "verified"
    assert decision.rules == ("LEG.KRATOM.US-TX", "LEG.KRATOM.US")
    assert decision.reason == (
        "Kratom can be shipped to Texas (US-TX) only to buyers aged 21 or over "
        "with a verified age."
    )


def test_binding_federal_prohibition_beats_state_rule():
    decision = availability_decide(
        product_class="delta8_thc", region="US-TX", on_date=TODAY
    )

    assert decision.decision == "prohibited"
    assert decision.rules == ("LEG.DELTA8_THC.US",)


@pytest.mark.parametrize(
    ("on_date", "decision", "rules"),
    [
        (date(2025, 7, 31), "restricted", ("LEG.KRATOM.US",)),
        (date(2025, 8, 1), "prohibited", ("LEG.KRATOM.US-LA",)),
    ],
)
def test_dated_rule_takes_effect_on_its_date(on_date, decision, rules):
    result = availability_decide(
        product_class="kratom", region="US-LA", on_date=on_date
    )

    assert result.decision == decision
    assert result.rules == rules


def test_federal_hemp_change_switches_rule_on_12_november_2026():
    before = availability_decide(
        product_class="cbd", region="US-NY", on_date=date(2026, 11, 11)
    )
    after = availability_decide(
        product_class="cbd", region="US-NY", on_date=date(2026, 11, 12)
    )

    assert before.rules == ("LEG.CBD.US.2018",)
    assert after.rules == ("LEG.CBD.US.2026",)
    assert dict(after.limits)["thc_mg_per_container_max"] == "0.4"


def test_regulated_class_without_rule_is_prohibited():
    decision = availability_decide(product_class="kava", region="GB-SCT", on_date=TODAY)

    assert decision.decision == "prohibited"
    assert decision.rules == ()
    assert decision.reason == (
        "Kava cannot be shipped to Scotland (GB-SCT): its legal status there has "
        "not been confirmed."
    )


def test_general_class_is_allowed_without_rule():
    decision = availability_decide(product_class="general", region="JP", on_date=TODAY)

    assert decision.decision == "allowed"
    assert decision.min_age is None
    assert decision.assurance == "none"
    assert decision.rules == ()


def test_every_class_decides_everywhere_the_data_mentions():
    jurisdictions = {rule.jurisdiction for rule in RULES.legality}

    for product_class in ProductClass.values:
        for region in jurisdictions:
            decision = availability_decide(
                product_class=product_class, region=region, on_date=TODAY
            )
            assert decision.decision in {"allowed", "restricted", "prohibited"}
            assert decision.reason


@pytest.mark.parametrize("region", ["USA", "US-ZZ", "", "ZZ", "U", "US-", "US_TX_1"])
def test_malformed_region_is_refused(region):
    with pytest.raises(InvalidRegionError, match="Enter a country code") as exc:
        availability_decide(product_class="cbd", region=region)

    assert exc.value.code is ComplianceErrorCode.INVALID_REGION
    assert exc.value.field == "region"


def test_unknown_class_is_refused():
    with pytest.raises(UnknownProductClassError, match="not known") as exc:
        availability_decide(product_class="tobacco", region="US")

    assert exc.value.code is ComplianceErrorCode.UNKNOWN_PRODUCT_CLASS
    assert exc.value.field == "product_class"


@pytest.mark.parametrize(
    ("region", "label"),
    [
        ("US-TX", "Texas, United States"),
        ("gb-eng", "England, United Kingdom"),
        ("DE", "Germany"),
        ("CA-QC", "Quebec, Canada"),
        ("FR-75", "FR-75, France"),
    ],
)
def test_region_label(region, label):
    assert region_label(region) == label


def test_age_restricted_decision_needs_adult_signature():
    restricted = availability_decide(product_class="cbd", region="US-FL", on_date=TODAY)
    plain = availability_decide(
        product_class="functional_mushroom", region="US-FL", on_date=TODAY
    )

    assert restricted.adult_signature_required is True
    assert plain.adult_signature_required is False


@pytest.mark.parametrize("region", ["NL", "DE", "FR", "GB", "IT", "BE"])
def test_ordinary_herbal_food_ships_under_food_law(region):
    # Chamomile, peppermint, rooibos: not novel (use before 15 May 1997).
    decision = availability_decide(product_class="herbal", region=region, on_date=TODAY)

    assert decision.decision == "allowed"
    assert decision.rules == (f"LEG.HERBAL.{region}",)


@pytest.mark.parametrize("region", ["NL", "DE", "FR", "GB"])
def test_botanicals_that_need_a_decision_stay_default_deny(region):
    decision = availability_decide(
        product_class="botanical", region=region, on_date=TODAY
    )

    assert decision.decision == "prohibited"
    assert "not been confirmed" in decision.reason


def test_botanical_is_a_dietary_supplement_in_the_us():
    decision = availability_decide(product_class="botanical", region="US-TX")

    assert decision.decision == "allowed"


def test_refusal_explains_the_reason_source_and_start_date():
    # when
    decision = availability_decide(product_class="kratom", region="US-AL")

    # then the short reason is unchanged and the explanation adds the rule's basis
    assert decision.reason == "Kratom cannot be shipped to Alabama (US-AL)."
    assert decision.explained == (
        "Kratom cannot be shipped to Alabama (US-AL). Why: Kratom's alkaloids "
        "mitragynine and 7-hydroxymitragynine are Schedule I controlled substances "
        "in Alabama. Source: Alabama's Schedule I of controlled substances, as "
        "amended in May 2016, in effect since 10 May 2016."
    )


def test_restriction_explains_its_age_rule():
    decision = availability_decide(product_class="kratom", region="US-CO")

    assert decision.explained.endswith(
        "Why: Colorado lets kratom be sold only to buyers aged 21 or over, and the "
        "seller must ask for government photo ID. In effect since 1 July 2024."
    )


def test_rule_without_basis_explains_nothing_more():
    decision = availability_decide(product_class="kratom", region="AU")

    assert decision.explained == decision.reason


def test_a_decision_kept_for_one_rule_set_is_never_given_for_another(tmp_path):
    # given herbal food decided for California under the rules in force
    in_force = rules_load()
    assert (
        availability_decide(
            product_class="herbal", region="US-CA", rules=in_force
        ).decision
        == "allowed"
    )
    # and another rule set with the same version that bans it there
    directory = tmp_path / "rules"
    shutil.copytree(RULES_DIRECTORY, directory)
    legality = directory / "legality_us.toml"
    legality.write_text(legality.read_text() + NEW_BAN)
    amended = rules_load(directory=directory)
    assert amended.version == in_force.version

    # when each set decides again
    banned = availability_decide(product_class="herbal", region="US-CA", rules=amended)
    kept = availability_decide(product_class="herbal", region="US-CA", rules=in_force)

    # then each gets its own answer
    assert banned.decision == "prohibited"
    assert kept.decision == "allowed"
