"""Property tests: obfuscation does not hide a blocked claim; lawful US copy passes."""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from compliance.claims import claims_lint

BLOCKED = [
    ("cures cancer", "CLM.DISEASE_VERB"),
    ("treats depression", "CLM.DISEASE_VERB"),
    ("natural prozac", "CLM.DRUG_SUBSTITUTE"),
    ("antidepressant", "CLM.DRUG_CLASS"),
    ("fda approved", "CLM.AUTHORITY"),
    ("legal psychedelic", "CLM.PSYCHEDELIC"),
    ("doctor recommended", "CLM.AUTHORITY"),
    ("safe for kids", "CLM.CHILDREN"),
    # The vocabulary built from the disease classification, and the newer classes.
    ("for coeliacs", "CLM.NAMED_CONDITION"),
    ("heals gingivitis", "CLM.DISEASE_VERB"),
    ("against cataracts", "CLM.NAMED_CONDITION"),
    ("for haemophiliacs", "CLM.NAMED_CONDITION"),
    ("lowers psa levels", "CLM.DISEASE_MARKER"),
    ("brings triglycerides down", "CLM.DISEASE_MARKER"),
    ("mellow kava buzz", "CLM.INTOXICATION"),
    ("feel euphoric", "CLM.INTOXICATION"),
    # Classes of wording a held-out batch showed missing.
    ("replaced their antidepressants", "CLM.DRUG_SUBSTITUTE"),
    ("beating ssris in trials", "CLM.DRUG_SUBSTITUTE"),
    ("their ibs symptoms stopped", "CLM.TESTIMONIAL"),
    ("supports growing minds", "CLM.CHILDREN"),
    ("nausea during chemotherapy", "CLM.NAMED_CONDITION"),
    ("lose weight without dieting", "CLM.WEIGHT_LOSS_EFFORTLESS"),
    ("kick the withdrawals", "CLM.DISEASE_VERB"),
    ("been off lisinopril", "CLM.TESTIMONIAL"),
    ("their new arthritis meds", "CLM.DRUG_SUBSTITUTE"),
    # A fourth held-out batch: substitutes, stopped medicines, recurrence and a
    # named professional (no two-letter words: spaced out, they stay apart).
    ("replaces hrt", "CLM.DRUG_SUBSTITUTE"),
    ("without needing meds", "CLM.DRUG_SUBSTITUTE"),
    ("stopped taking antidepressants", "CLM.TESTIMONIAL"),
    ("keeps cancer from coming back", "CLM.DISEASE_VERB"),
    ("nutritionist sarah recommends", "CLM.AUTHORITY"),
    # A sixth: names the classification files under a cause, laboratory markers,
    # coming off a drug and a medicine questioned in favour of the product.
    ("for fatty liver", "CLM.NAMED_CONDITION_LAY"),
    ("kills candida overgrowth", "CLM.DISEASE_VERB"),
    ("lowers bilirubin", "CLM.DISEASE_MARKER_LAB"),
    ("taper off tramadol", "CLM.DRUG_TAPER"),
    ("kick opiates", "CLM.DRUG_TAPER"),
    ("why take antibiotics when nature works", "CLM.DRUG_RHETORIC"),
    # A seventh: the German (and other EU-language) layer, drugs by brand or generic
    # name, loose spellings, microdosing, controlled substances offered for delivery.
    ("schützt vor krebs", "CLM.DISEASE_VERB_INTL"),
    ("hilft gegen depressionen", "CLM.DISEASE_VERB_INTL"),
    # The verb last; not "bei": "b31" reads as a vitamin, not an obfuscated word.
    ("gegen epilepsie hilft", "CLM.DISEASE_VERB_INTL"),
    ("beschermt tegen kanker", "CLM.DISEASE_VERB_INTL"),
    ("senkt den blutzucker", "CLM.DISEASE_MARKER_INTL"),
    ("pflanzliches antidepressivum", "CLM.DRUG_SUBSTITUTE_INTL"),
    ("antidépresseur naturel", "CLM.DRUG_SUBSTITUTE_INTL"),
    ("kapseln für diabetiker", "CLM.NAMED_CONDITION_INTL"),
    ("ditching lisinopril", "CLM.DRUG_SUBSTITUTE"),
    ("ditch the suboxone", "CLM.DRUG_SUBSTITUTE"),
    ("kratom versus tramadol", "CLM.DRUG_SUBSTITUTE"),
    ("gets thru opiate withdrawl", "CLM.DISEASE_VERB"),
    ("calms hyperactive children", "CLM.NAMED_CONDITION"),
    ("gummies für kinder", "CLM.CHILDREN"),
    ("microdosing amanita for depression", "CLM.MICRODOSE"),
    ("psilocybin truffles discreet delivery", "CLM.OFFER_CONTROLLED"),
    # An eighth: coming off or cutting a medicine, named strains, loose spellings,
    # concussion, a Dutch verb after the disease.
    ("works like sertraline", "CLM.DRUG_SUBSTITUTE"),
    ("golden teacher truffles with discreet shipping", "CLM.OFFER_CONTROLLED"),
    # Spelt by ear.
    ("exzema cleared up within days", "CLM.NAMED_CONDITION"),
    ("lions mane for concussion recovery", "CLM.NAMED_CONDITION"),
    ("verkoudheid voorkomt", "CLM.DISEASE_VERB_INTL"),
    # Testimonials, whose two-letter words ("my", "of") the normaliser now rejoins
    # when they are spaced out, and the classes of rules .9.
    ("came off my meds", "CLM.TESTIMONIAL"),
    ("totally off my antidepressants", "CLM.TESTIMONIAL"),
    ("this cured my migraines", "CLM.TESTIMONIAL"),
    ("stopped taking my statins", "CLM.TESTIMONIAL"),
    ("legal in holland so basically legal here", "CLM.LEGALITY_CLAIM"),
    ("making the switch from sleeping pills", "CLM.DRUG_SUBSTITUTE"),
]
HOMOGLYPHS = {"a": "\u0430", "e": "\u0435", "o": "\u043e", "p": "\u0440", "c": "\u0441"}
LEET = {"e": "3", "o": "0", "a": "4", "s": "5", "i": "1", "t": "7"}
ZERO_WIDTH = ["\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad"]


@st.composite
def obfuscated(draw, phrase: str) -> str:
    """Apply a random mix of the tricks the normaliser must undo."""
    words = phrase.split(" ")
    out = []
    for word in words:
        chars = list(word)
        trick = draw(
            st.sampled_from(
                ["case", "homoglyph", "leet", "zero", "spaced", "wide", "tag"]
            )
        )
        if trick == "case":
            flips = draw(
                st.lists(st.booleans(), min_size=len(chars), max_size=len(chars))
            )
            chars = [c.upper() if f else c for c, f in zip(chars, flips, strict=True)]
            out.append("".join(chars))
        elif trick == "homoglyph":
            out.append("".join(HOMOGLYPHS.get(c, c) for c in chars))
        elif trick == "leet":
            # Leave the first letter alone: a leading digit reads as a quantity.
            out.append(chars[0] + "".join(LEET.get(c, c) for c in chars[1:]))
        elif trick == "zero":
            zw = draw(st.sampled_from(ZERO_WIDTH))
            at = draw(st.integers(min_value=1, max_value=len(chars) - 1))
            out.append("".join(chars[:at]) + zw + "".join(chars[at:]))
        elif trick == "spaced":
            sep = draw(st.sampled_from([" ", ".", "-", "_", ". "]))
            spaced = sep.join(chars)
            # With one space inside words, only a wider gap can mark the word break.
            out.append(f" {spaced} " if sep == " " else spaced)
        elif trick == "wide":
            # Unicode has fullwidth forms of the ASCII letters only (not of "ü").
            out.append(
                "".join(
                    chr(ord(c) + 0xFEE0) if c.isascii() and c.isalpha() else c
                    for c in chars
                )
            )
        else:
            at = draw(st.integers(min_value=1, max_value=len(chars) - 1))
            out.append("".join(chars[:at]) + "<b>" + "".join(chars[at:]) + "</b>")
    prefix = draw(st.sampled_from(["", "Our blend ", "<p>Tea that ", "Now: "]))
    suffix = draw(st.sampled_from(["", ".", " today!", "</p>"]))
    return prefix + " ".join(out) + suffix


@st.composite
def blocked_variant(draw):
    phrase, rule = draw(st.sampled_from(BLOCKED))
    return draw(obfuscated(phrase)), rule


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(blocked_variant(), st.sampled_from(["us", "eu", "uk"]))
def test_obfuscated_blocked_claim_still_blocks(variant, regime):
    # given
    text, rule = variant

    # when
    report = claims_lint(text, regime=regime)

    # then
    assert report.blocking is True, text
    hits = [f for f in report.findings if f.rule == rule]
    assert len(hits) >= 1, (text, report.findings)
    for finding in report.findings:
        assert 0 <= finding.start < finding.end <= len(text)
        assert text[finding.start : finding.end] == finding.text


SUBJECTS = ["Lion's mane", "This blend", "Our reishi tea", "Each capsule", "Chamomile"]
VERBS = ["supports", "promotes", "helps maintain", "nourishes", "helps support"]
OBJECTS = [
    "focus",
    "mental clarity",
    "relaxation",
    "restful sleep",
    "healthy digestion",
    "intestinal flora",
    "cardiovascular function",
    "a healthy immune system",
    "occasional mild memory lapses associated with aging",
    "natural energy",
    "a calm mood",
    "cognitive function",
    "cholesterol levels already within the normal range",
    "a healthy gut",
]


@settings(max_examples=300, deadline=None)
@given(
    st.sampled_from(SUBJECTS),
    st.sampled_from(VERBS),
    st.sampled_from(OBJECTS),
    st.sampled_from(["", "*", ".", "* as part of a balanced diet."]),
)
def test_us_structure_function_phrasing_is_not_blocking(subject, verb, obj, end):
    # given
    text = f"{subject} {verb} {obj}{end}"

    # when
    report = claims_lint(text, regime="us")

    # then
    assert report.blocking is False, report.findings
    assert {f.severity for f in report.findings} <= {"disclaimer"}, report.findings


NATURAL_STATES = [
    "occasional hot flashes",
    "the hot flushes of menopause",
    "comfort during PMS",
    "occasional mild memory problems associated with ageing",
]


@settings(max_examples=100, deadline=None)
@given(st.sampled_from(NATURAL_STATES), st.sampled_from(["Eases", "For", "Supports"]))
def test_us_natural_state_claim_needs_disclaimer_not_a_block(state, lead):
    # given: FDA's final rule treats common symptoms of natural states as non-disease
    text = f"{lead} {state}."

    # when
    us = claims_lint(text, regime="us")
    uk = claims_lint(text, regime="uk")

    # then: lawful in the US with the disclaimer; medical in the eyes of the ASA
    assert us.blocking is False, us.findings
    assert us.needs_disclaimer is True
    assert uk.blocking is True


# Two-letter words are left out: spaced out ("i n"), they cannot be told from words.
SALES = ["grab yours below", "shop the stack below", "order yours today"]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.data(),
    st.sampled_from(["keeps dementia at bay", "for adults with adhd"]),
    st.sampled_from(["us", "eu", "uk"]),
)
def test_an_article_that_sells_is_checked_as_product_copy(data, claim, regime):
    # An article may discuss a condition; once it calls to buy, however spelt, it
    # is advertising and the product rules apply (R2).
    sales = data.draw(obfuscated(data.draw(st.sampled_from(SALES))))
    text = f"Lion's mane {claim}. {sales}"

    assert claims_lint(text, regime=regime, context="article").blocking, text
    editorial = claims_lint(f"Lion's mane {claim}.", regime=regime, context="article")
    assert not editorial.blocking
