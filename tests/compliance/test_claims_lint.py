import pytest

from compliance.claims import US_DISCLAIMER_PLURAL, US_DISCLAIMER_SINGULAR, claims_lint
from compliance.errors import ComplianceErrorCode, UnknownRegimeError
from compliance.rules import rules_load


def _rules(report):
    return [(f.rule, f.severity, f.text) for f in report.findings]


def test_disease_claim_blocks_in_every_regime():
    for regime in ("us", "eu", "uk"):
        report = claims_lint("Our reishi cures anxiety.", regime=regime)

        assert report.blocking is True
        assert _rules(report) == [
            ("CLM.DISEASE_VERB", "block", "cures anxiety"),
            ("CLM.NAMED_CONDITION", "block", "anxiety"),
        ]


def test_finding_fields():
    # when
    report = claims_lint("Take daily. FDA approved!", regime="us")

    # then
    (finding,) = report.findings
    assert finding.rule == "CLM.AUTHORITY"
    assert finding.category == "authority_endorsement"
    assert finding.severity == "block"
    assert (finding.start, finding.end) == (12, 24)
    assert finding.text == "FDA approved"
    assert finding.suggestion.startswith("Remove unless literally true")
    assert report.rules_version == "2026.12.01.3"


def test_span_maps_back_through_html_and_entities():
    # given
    text = "<p>Our tea <b>cu</b>res&nbsp;dep\u200bression</p>"

    # when
    report = claims_lint(text, regime="uk")

    # then
    first = report.findings[0]
    assert first.rule == "CLM.DISEASE_VERB"
    assert text[first.start : first.end] == "cu</b>res&nbsp;dep\u200bression"
    assert first.text == "cu</b>res&nbsp;dep\u200bression"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("C.U.R.E.S cancer", "C.U.R.E.S cancer"),
        ("c u r e s cancer", "c u r e s cancer"),
        ("cur3s cancer", "cur3s cancer"),
        ("\u0441ures cancer", "\u0441ures cancer"),  # Cyrillic es
        (
            "\uff23\uff35\uff32\uff25\uff33 cancer",
            "\uff23\uff35\uff32\uff25\uff33 cancer",
        ),
        ("cu\u0301res cancer", "cu\u0301res cancer"),  # combining accent
        ("CURES\u00a0CANCER", "CURES\u00a0CANCER"),
    ],
)
def test_obfuscated_disease_claim_is_found_with_original_span(text, expected):
    report = claims_lint(text, regime="us")

    assert report.findings[0].rule == "CLM.DISEASE_VERB"
    assert report.findings[0].text == expected
    assert report.blocking is True


@pytest.mark.parametrize(
    "text",
    [
        "Treat yourself to a slow morning.",
        "Our refill scheme helps prevent waste.",
        "A trip to the coast, in a cup.",
        "High in fibre and low in sugar.",
        "Keep out of reach of children.",
        "Risk-free returns for 30 days.",
        "Vitamin B12 10mg per capsule.",
    ],
)
def test_lawful_senses_are_not_findings(text):
    for regime in ("us", "eu", "uk"):
        assert claims_lint(text, regime=regime).findings == ()


def test_fda_disclaimer_text_itself_is_not_a_finding():
    report = claims_lint(US_DISCLAIMER_PLURAL, regime="us")

    assert report.findings == ()


def test_structure_function_claim_needs_disclaimer_in_us():
    # when
    report = claims_lint("Lion's mane supports focus.", regime="us")

    # then
    assert _rules(report) == [("CLM.FUNCTION", "disclaimer", "supports focus")]
    assert report.blocking is False
    assert report.needs_disclaimer is True
    assert report.disclaimer == US_DISCLAIMER_SINGULAR


def test_two_structure_function_claims_use_plural_disclaimer():
    report = claims_lint("Supports focus. Promotes relaxation.", regime="us")

    assert report.disclaimer == US_DISCLAIMER_PLURAL


@pytest.mark.parametrize("regime", ["eu", "uk"])
def test_botanical_function_claim_blocks_in_eu_and_uk(regime):
    report = claims_lint("Lion's mane supports focus.", regime=regime)

    assert _rules(report) == [("CLM.FUNCTION", "block", "supports focus")]
    assert report.needs_disclaimer is False


@pytest.mark.parametrize("regime", ["eu", "uk"])
def test_authorised_vitamin_claim_passes(regime):
    text = "Vitamin C contributes to the normal function of the immune system."

    report = claims_lint(text, regime=regime)

    assert report.findings == ()


def test_general_claim_passes_in_eu_only_beside_an_authorised_claim():
    # given
    alone = "A super mushroom blend."
    beside = "A super mushroom blend. Zinc contributes to normal cognitive function."

    # then
    assert _rules(claims_lint(alone, regime="eu")) == [
        ("CLM.GENERAL_HEALTH", "block", "super mushroom")
    ]
    assert claims_lint(beside, regime="eu").findings == ()
    assert _rules(claims_lint(beside, regime="us")) == [
        ("CLM.GENERAL_HEALTH", "warn", "super mushroom"),
        ("CLM.FUNCTION", "disclaimer", "contributes to normal cognitive function"),
    ]


def test_article_context_allows_naming_a_condition():
    text = "What the research says about psilocybin and depression."

    product = claims_lint(text, regime="uk")
    article = claims_lint(text, regime="uk", context="article")

    assert _rules(product) == [("CLM.NAMED_CONDITION", "block", "depression")]
    assert _rules(article) == []


def test_article_context_turns_disease_claims_into_review():
    text = "Psilocybin cures depression."

    article = claims_lint(text, regime="uk", context="article")

    assert _rules(article) == [("CLM.DISEASE_VERB", "warn", "cures depression")]
    assert article.blocking is False


def test_unknown_regime_is_refused():
    with pytest.raises(
        UnknownRegimeError, match="must be one of 'us', 'eu' or 'uk'"
    ) as exc:
        claims_lint("text", regime="ca")

    assert exc.value.code is ComplianceErrorCode.UNKNOWN_REGIME
    assert exc.value.field == "regime"


def test_empty_text_has_no_findings():
    report = claims_lint("", regime="us")

    assert report.findings == ()
    assert report.blocking is False
    assert report.needs_disclaimer is False


def test_advertising_examples_turn_an_article_into_product_copy():
    signal = rules_load().advertising
    assert signal is not None
    condition = "A cordyceps blend for adults with ADHD. "
    for example in signal.positive:
        report = claims_lint(condition + example, regime="us", context="article")
        assert report.blocking, example
    for example in signal.negative:
        report = claims_lint(condition + example, regime="us", context="article")
        assert report.findings == (), example


def test_reporting_research_is_editorial_until_the_text_sells():
    research = "A 2022 review of clinical trials found short-term improvements."
    selling = research + " You'll find a similar extract in our shop."

    assert claims_lint(research, regime="uk", context="article").findings == ()
    report = claims_lint(selling, regime="uk", context="article")
    assert [f.rule for f in report.findings] == ["CLM.RESEARCH"]
    assert not report.blocking


def test_register_wording_of_a_disease_risk_reduction_claim_passes_in_eu_and_uk():
    text = (
        "Oat beta-glucan has been shown to lower/reduce blood cholesterol. High "
        "cholesterol is a risk factor in the development of coronary heart disease."
    )
    for regime in ("eu", "uk"):
        assert claims_lint(text, regime=regime).findings == ()
    # Outside the exact wording the disease is named as in any other copy.
    assert claims_lint("Lowers your risk of heart disease.", regime="eu").blocking


def test_an_article_with_a_product_card_reports_research_but_names_no_condition():
    # The card makes the article advertising (R2): a condition still blocks, but
    # reporting research is not citing it for the card, unless the text sells.
    research = (
        "Self-blinding studies of small doses found that expectation explained much."
    )
    selling = research + " Pick up a pouch in our shop today."
    condition = "Our nettle tea for lupus flare-ups."

    for regime in ("us", "eu", "uk"):
        assert (
            claims_lint(research, regime=regime, context="linked_article").findings
            == ()
        )
        assert [f.rule for f in claims_lint(research, regime=regime).findings] == [
            "CLM.RESEARCH"
        ]
        sold = claims_lint(selling, regime=regime, context="linked_article")
        assert "CLM.RESEARCH" in [f.rule for f in sold.findings]
        assert claims_lint(condition, regime=regime, context="linked_article").blocking
        assert not claims_lint(condition, regime=regime, context="article").blocking


def test_a_warning_that_runs_into_advice_to_see_a_doctor_stays_lawful():
    # Two lawful senses in a row: the condition sits in the second, which begins
    # inside the first.
    text = (
        "Do not combine with alcohol, and speak to your GP before use if you have "
        "kidney problems."
    )
    for regime in ("us", "eu", "uk"):
        assert claims_lint(text, regime=regime).findings == ()
    # The exemption ends with the sentence: a claim after it still blocks.
    claim = "Do not exceed the stated dose. Our tincture treats kidney disease."
    assert claims_lint(claim, regime="uk").blocking


def test_a_book_title_before_a_colon_is_about_the_condition_not_a_claim():
    title = "Eating Well with Diabetes: 80 recipes from a dietitian who has diabetes."
    assert claims_lint(title, regime="us").findings == ()
    # Without a publication after the colon the title form does not apply.
    assert claims_lint("Reishi for diabetes: a calmer day.", regime="us").blocking


def test_a_life_stage_named_as_how_it_feels_is_not_a_natural_state_claim():
    opener = "Menopause can feel different for everyone. Our rooibos is a sweet cup."
    for regime in ("us", "eu", "uk"):
        assert claims_lint(opener, regime=regime).findings == ()
    # A claim beside it is still one: a disclaimer in the US, a block in GB.
    claim = "Menopause can feel different for everyone. Our rooibos eases hot flushes."
    assert claims_lint(claim, regime="us").needs_disclaimer
    assert claims_lint(claim, regime="uk").blocking
    # Not at the start of a sentence, the state is the object of a claim.
    assert claims_lint("Gentle through menopause can be yours.", regime="uk").blocking
