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
    assert report.rules_version == "2026.12.02.10"


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


@pytest.mark.parametrize(
    "claim",
    [
        "Valerian tea helps with occasional sleeplessness.*",
        "Black cohosh helps reduce occasional hot flashes associated with menopause.*",
        "Supports occasional mild memory problems associated with aging.*",
        "Lion's mane supports focus.*",
    ],
)
@pytest.mark.parametrize("disclaimer", [US_DISCLAIMER_SINGULAR, US_DISCLAIMER_PLURAL])
def test_us_structure_function_copy_that_carries_the_disclaimer_passes(
    claim, disclaimer
):
    # given
    alone = claims_lint(claim, regime="us")

    # when
    report = claims_lint(f"{claim} *{disclaimer}", regime="us")

    # then: without the disclaimer the copy needs it, and nothing more than it
    assert alone.needs_disclaimer is True
    assert {f.severity for f in alone.findings} == {"disclaimer"}
    assert report.findings == ()
    assert report.needs_disclaimer is False


def test_the_disclaimer_does_not_excuse_a_disease_claim_or_another_regime():
    cure = f"Cures insomnia. {US_DISCLAIMER_SINGULAR}"
    assert _rules(claims_lint(cure, regime="us"))[0][:2] == (
        "CLM.DISEASE_VERB",
        "block",
    )
    claim = f"Eases occasional hot flashes. {US_DISCLAIMER_SINGULAR}"
    assert claims_lint(claim, regime="uk").blocking is True
    # Half of the disclaimer is not the disclaimer.
    half = "Supports focus. Not evaluated by anyone in particular."
    assert claims_lint(half, regime="us").needs_disclaimer is True


def test_a_us_natural_state_eased_is_a_structure_function_claim_not_a_treatment():
    report = claims_lint("Helps with occasional sleeplessness.", regime="us")

    assert [f.rule for f in report.findings] == ["CLM.NATURAL_STATE"]
    assert report.needs_disclaimer is True
    # In GB the same wording is a treatment claim for a natural state.
    assert claims_lint("Helps with occasional sleeplessness.", regime="uk").blocking


@pytest.mark.parametrize(
    "title",
    [
        "Memoir: 'Night Swimming: A Year Inside My Depression', hardcover.",
        "Book: 'Still Here: Life After a Breast Cancer Diagnosis', paperback.",
        "Memoir: 'Weathering: My Life with Bipolar Disorder' by Tom Ashworth.",
    ],
)
def test_a_quoted_title_with_its_own_colon_is_still_a_title(title):
    for regime in ("us", "eu", "uk"):
        assert claims_lint(title, regime=regime).findings == ()


@pytest.mark.parametrize(
    "warning",
    [
        "Not for anyone with liver problems, or people taking medication.",
        "Do not use if you are pregnant, breastfeeding, under 18, or being treated "
        "for depression, epilepsy or a liver condition.",
    ],
)
def test_warnings_that_list_conditions_are_not_claims(warning):
    for regime in ("us", "eu", "uk"):
        assert claims_lint(warning, regime=regime).findings == ()
    # The warning ends with its sentence.
    assert claims_lint(warning + " Our tea treats liver disease.", regime="us").blocking


@pytest.mark.parametrize(
    "notice",
    [
        "In October, 5% of every latte sale goes to a breast cancer research charity.",
        "Every blend you buy in October sends £1 to Breast Cancer Now.",
        "Profits from this tin are donated to the Alzheimer's Research Fund.",
    ],
)
def test_a_donation_to_a_cause_names_the_cause_not_a_claim(notice):
    for regime in ("us", "eu", "uk"):
        assert claims_lint(notice, regime=regime).findings == ()
    assert claims_lint("Our latte for breast cancer.", regime="uk").blocking


@pytest.mark.parametrize(
    ("article", "rule"),
    [
        (
            "A reader asked whether kava could replace her lorazepam. For many, "
            "yes, and our kava root is linked at the end of this post.",
            "CLM.DRUG_SUBSTITUTE",
        ),
        (
            "Lion's mane may help manage anxiety; tap the banner to order.",
            "CLM.NAMED_CONDITION",
        ),
        (
            "How I eased my ADHD, with links to the exact products I use.",
            "CLM.NAMED_CONDITION",
        ),
        (
            "Studies are exploring CBD for epilepsy, and our oil is in the shop.",
            "CLM.NAMED_CONDITION",
        ),
    ],
)
def test_an_article_that_points_to_its_products_is_product_copy(article, rule):
    for regime in ("us", "eu", "uk"):
        report = claims_lint(article, regime=regime, context="article")
        assert report.blocking is True
        assert rule in {f.rule for f in report.findings if f.severity == "block"}


@pytest.mark.parametrize(
    ("text", "rule"),
    [
        ("Why I stopped taking my ADHD meds.", "CLM.TESTIMONIAL"),
        (
            "My doctor wanted to put me on sertraline, but these drops did the job "
            "instead.",
            "CLM.DRUG_SUBSTITUTE",
        ),
        ("Eases the change, so no HRT needed.", "CLM.DRUG_SUBSTITUTE"),
        ("Our nutritionist Dr Priya Shah recommends it daily.", "CLM.AUTHORITY"),
        ("It keeps cancer from coming back.", "CLM.DISEASE_VERB"),
        ("You simply can't get enough zinc from today's food.", "CLM.FEAR"),
    ],
)
def test_wordings_that_block_everywhere(text, rule):
    for regime in ("us", "eu", "uk"):
        report = claims_lint(text, regime=regime)
        assert rule in {f.rule for f in report.findings}
        if rule != "CLM.FEAR":  # Art. 3 is EU and GB law; the US reviews it
            assert report.blocking is True


@pytest.mark.parametrize(
    "text",
    [
        "Reverses burnout.",
        "Restore your natural balance with evening drops.",
        "A daily ritual for wellbeing.",
        "Nourish body and mind.",
        "Lemon balm tea helps you relax before bed.",
        "For mental and physical performance in stressful times.",
    ],
)
def test_effects_and_general_benefits_block_in_eu_and_uk(text):
    for regime in ("eu", "uk"):
        assert claims_lint(text, regime=regime).blocking is True
    assert claims_lint(text, regime="us").findings != ()


@pytest.mark.parametrize(
    "text",
    [
        "Kind to your wallet, and shipped in paper.",
        "Restore the balance of the blend with a pinch of salt.",
        "The sources are linked at the end of this post.",
        "Early results from the harvest look promising.",
        "Our team helps you choose a blend.",
        "No prescription needed to order online.",
    ],
)
def test_everyday_senses_of_the_new_wordings_are_not_findings(text):
    for regime in ("us", "eu", "uk"):
        assert claims_lint(text, regime=regime).findings == ()


def test_a_text_linted_in_one_regime_after_another_reports_as_if_alone():
    # What a text yields is kept between calls (callers lint a text under every
    # regime); the report of each regime and context must not depend on the order.
    from compliance.claims import linter
    from compliance.claims.linter import CONTEXTS

    texts = [
        "Our reishi cures anxiety. <p>Safe for kids</p> and a calming tea blend.",
        "Read how diet and stress interact; shop our tincture range below.",
        "Kava root drink, next-day delivery anywhere in England. No side effects.",
    ]
    combos = [(r, c) for r in ("us", "eu", "uk") for c in CONTEXTS]
    for text in texts:
        alone = {}
        for regime, context in combos:
            linter._text.cache_clear()
            alone[regime, context] = claims_lint(text, regime=regime, context=context)
        linter._text.cache_clear()
        for regime, context in [*combos, *reversed(combos)]:
            report = claims_lint(text, regime=regime, context=context)
            assert report == alone[regime, context], (text, regime, context)


@pytest.mark.parametrize("regime", ["eu", "uk"])
def test_register_wording_with_the_nutrient_as_antecedent_passes(regime):
    # given: the register wording, its nutrient opening a relative clause
    text = (
        "Smoothie powder with pantothenic acid, which contributes to normal mental "
        "performance."
    )

    # then
    assert claims_lint(text, regime=regime).findings == ()


@pytest.mark.parametrize("regime", ["eu", "uk"])
def test_a_related_name_is_reviewed_and_the_exact_wording_relieves_a_general_claim(
    regime,
):
    # given: a fancy name beside a related authorised claim in either form goes to
    # an officer (Art. 1(3): the claim must be one the name may be construed as);
    # Art. 10(3) relieves a general claim beside the exact wording, and beside a
    # reworded one an officer checks the meaning is unchanged.
    name = (
        "'Brain Boost' smoothie powder with pantothenic acid, which contributes to "
        "normal mental performance."
    )
    general = (
        "A feel-good start: with vitamin B12, which contributes to the reduction of "
        "tiredness and fatigue."
    )
    exact = (
        "A feel-good start: vitamin B12 contributes to the reduction of tiredness "
        "and fatigue."
    )

    # then
    assert _rules(claims_lint(name, regime=regime)) == [
        ("CLM.FUNCTION_GENERAL", "warn", "Brain Boost")
    ]
    assert _rules(claims_lint(general, regime=regime)) == [
        ("CLM.GENERAL_HEALTH", "warn", "feel-good start")
    ]
    assert claims_lint(exact, regime=regime).findings == ()
    assert _rules(claims_lint("'Brain Boost' smoothie powder.", regime=regime)) == [
        ("CLM.FUNCTION_GENERAL", "block", "Brain Boost")
    ]


@pytest.mark.parametrize(
    ("text", "rule"),
    [
        ("Vitalpilz-Komplex: stärkt das Immunsystem.", "CLM.FUNCTION_INTL"),
        ("Senkt den Blutzucker und schützt vor Krebs.", "CLM.DISEASE_MARKER_INTL"),
        ("Senkt den Blutzucker und schützt vor Krebs.", "CLM.DISEASE_VERB_INTL"),
        (
            "Kratom: natürliche Alternative zu Schmerzmitteln.",
            "CLM.DRUG_SUBSTITUTE_INTL",
        ),
        ("Schuetzt vor Darmkrebs.", "CLM.DISEASE_VERB_INTL"),
        ("Reishi helpt tegen depressie.", "CLM.DISEASE_VERB_INTL"),
        ("Une tisane qui soulage l'arthrose.", "CLM.DISEASE_VERB_INTL"),
        ("Hawthorn keeps blood pressure under 120/80.", "CLM.DISEASE_MARKER"),
        ("Get your A1C below 6 with our tea.", "CLM.DISEASE_MARKER"),
        ("Ditch the suboxone, this is the real deal.", "CLM.DRUG_SUBSTITUTE"),
        ("Kratom vs. Tramadol for back pain.", "CLM.DRUG_SUBSTITUTE"),
        ("Gets u thru opiate withdrawl.", "CLM.DISEASE_VERB"),
        ("Calms hyperactive little ones at bedtime.", "CLM.NAMED_CONDITION"),
        ("Microdosing Amanita for depression.", "CLM.MICRODOSE"),
        ("Psilocybin truffles — discreet UK delivery.", "CLM.OFFER_CONTROLLED"),
    ],
)
def test_wordings_of_the_seventh_batch_block_in_the_eu(text, rule):
    report = claims_lint(text, regime="eu")

    assert report.blocking is True
    assert rule in {f.rule for f in report.findings}


@pytest.mark.parametrize(
    "article",
    [
        "Wie CBD bei Epilepsie hilft. Jetzt bestellen!",
        "Reishi and dementia: could it hold back Alzheimer's? Add our reishi extract "
        "to your basket today.",
        "Microdosing for anxiety: my protocol, and a 10% code for the caps I use.",
    ],
)
def test_an_article_about_a_disease_that_sends_to_the_basket_blocks(article):
    for regime in ("eu", "uk"):
        assert claims_lint(article, regime=regime, context="article").blocking is True


@pytest.mark.parametrize(
    "text",
    [
        "Online course: Cooking for coeliac disease — six modules on gluten-free "
        "baking.",
        "Buch: 'Mein Leben mit Parkinson' — the memoir of a jazz pianist, hardcover.",
        "Herb\u2013drug interactions you should know: St John's wort can make birth "
        "control, some antidepressants and blood thinners less effective.",
        "Vitamin C trägt zu einer normalen Funktion des Immunsystems bei.",
        "Nicht geeignet bei Diabetes oder Bluthochdruck; fragen Sie Ihren Arzt.",
        "Für Kinder nicht geeignet.",
        "Chocolate truffles with free UK delivery.",
        "Our chamomile harvest winds down in late August.",
    ],
)
def test_lawful_copy_of_the_seventh_batch_is_not_a_finding(text):
    for regime in ("eu", "uk"):
        assert claims_lint(text, regime=regime).findings == (), regime


@pytest.mark.parametrize(
    ("text", "rule"),
    [
        ("Clean-label mushroom coffee to boost your whole day.", "CLM.GENERAL_VAGUE"),
        ("Ginger & reishi wellness shot — love your gut.", "CLM.GENERAL_VAGUE"),
        ("CBD drops, 40 mg per serving — take twice daily.", "CLM.CBD_DOSE_UK"),
    ],
)
def test_vague_benefits_and_uk_cbd_servings_go_to_an_officer(text, rule):
    report = claims_lint(text, regime="uk")

    assert report.blocking is False
    assert [(f.rule, f.severity) for f in report.findings] == [(rule, "warn")]
