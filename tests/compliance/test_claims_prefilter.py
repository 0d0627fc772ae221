"""The required words that let the linter skip rules a text cannot trigger."""

import json
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from compliance.claims import claims_lint, linter
from compliance.claims.normalise import normalise
from compliance.claims.prefilter import (
    WordScan,
    alternative_words,
    first_letters,
    prefilter_store_directory,
    prefilter_store_save,
    prefilter_store_use,
    required_words,
    rule_words,
    text_may_match,
    word_gates,
    word_scan,
)
from compliance.rules import REGIMES, rules_load


@pytest.mark.parametrize(
    ("pattern", "words"),
    [
        (r"cures?", [{"cure"}]),
        (
            r"(?:cures?|treats?|heals?) (?:anxiety|pain)",
            [{"cure", "treat", "heal"}, {"anxiety", "pain"}],
        ),
        (r"\bclinically\s+proven\b", [{"clinically"}, {"proven"}]),
        (r"(?:fda|mhra)[- ]approved", [{"fda", "mhra"}, {"approved"}]),
        (r"(?:a|an)\s+(?:miracle|wonder)(?:\s+cure)?", [{"miracle", "wonder"}]),
        (r"(?:stress){1,3}", [{"stress"}]),
    ],
)
def test_required_words_of_a_pattern(pattern, words):
    assert required_words(pattern) == tuple(frozenset(w) for w in words)


@pytest.mark.parametrize(
    "pattern",
    [
        r"(?:cure|heal)?\w+",  # the literal part is optional
        r"(?i)cures?",  # the literal may appear in another case
        r"(?:cures?|\w+)",  # one branch needs no word
        r"ab",  # too short to filter anything
    ],
)
def test_patterns_without_a_useful_requirement_are_always_tried(pattern):
    assert required_words(pattern) == ()


def test_every_positive_example_holds_a_required_word_of_its_rule():
    # The prefilter is only sound if no match can exist without one of the words.
    for rule in rules_load().claims:
        words = rule_words(rule.patterns)
        if words is None:
            continue
        compiled = re.compile("|".join(rule.patterns))
        for example in rule.positive:
            folded = normalise(example).text
            for match in compiled.finditer(folded):
                present = _present(match.group(), words)
                assert text_may_match(present, words), (rule.id, example)


def test_a_text_must_meet_every_set_of_one_pattern():
    conjunctions = rule_words((r"(?:cures?|heals?) (?:anxiety|pain)",))
    assert conjunctions is not None
    for text, expected in (
        ("it heals pain", True),
        ("it heals the soul", False),
        ("back pain", False),
    ):
        assert text_may_match(_present(text, conjunctions), conjunctions) is expected


def test_one_pass_finds_every_word_including_overlapping_and_nested_ones():
    words = frozenset({"cur", "cure", "cures", "rest", "restless", "less", "ease"})
    scan = word_scan(words)
    text = "it cures restlessness and disease"
    assert scan.present(text) == frozenset(w for w in words if w in text)
    assert scan.present("nothing here") == frozenset()


def _present(text, conjunctions):
    return frozenset(
        word for c in conjunctions for words in c for word in words if word in text
    )


def test_a_text_without_required_words_skips_the_rule_and_finds_the_rest():
    # "Cures anxiety" needs the disease-verb rule; the neutral copy around it holds
    # none of the words of most rules, which must not lose the finding.
    text = "Grown on oak logs and dried at low heat. Cures anxiety in days."
    for regime in REGIMES:
        report = claims_lint(text, regime=regime)
        assert "CLM.DISEASE_VERB" in {f.rule for f in report.findings}
        assert report.blocking


def test_an_alternation_of_plain_words_requires_those_words():
    # The disease vocabulary is one prefix-factored alternation of thousands of
    # names; the rule that names a condition must not be tried on every text.
    from compliance.rules.vocabulary import trie_pattern

    names = {"gout", "gouty", "lupus", "leukaemia", "leukemia", "cataracts"}
    assert required_words(trie_pattern(names)) == (
        frozenset({"gout", "lupus", "leukaemia", "leukemia", "cataracts"}),
    )


def test_an_alternation_whose_start_the_parser_shares_keeps_whole_words():
    # "flash|flush" is parsed as "fl(?:ash|ush)"; the pieces alone are common.
    assert required_words(r"hot\s+(?:flash|flush)(?:es)?") == (
        frozenset({"hot"}),
        frozenset({"flash", "flush"}),
    )


def test_the_condition_rule_is_skipped_on_copy_that_names_no_condition():
    rules = rules_load()
    rule = next(r for r in rules.claims if r.id == "CLM.NAMED_CONDITION")
    words = rule_words(rule.patterns)
    assert words is not None
    lawful = "Grown on oak logs, dried at low heat; keep out of reach of children."
    present = frozenset(w for c in words for s in c for w in s if w in lawful)
    assert not text_may_match(present, words)
    named = "A gentle blend for lupus."
    present = frozenset(w for c in words for s in c for w in s if w in named)
    assert text_may_match(present, words)


def test_words_with_apostrophes_hyphens_and_spaces_are_found():
    scan = word_scan(frozenset({"crohn's", "cure-all", "fda approved", "me/cfs"}))
    text = "not a cure-all for crohn's or me/cfs, and not fda approved"
    assert scan.present(text) == scan.words | frozenset(scan.loose)
    assert scan.present("crohn and cure all") == frozenset()


CORPUS = Path(__file__).resolve().parents[2] / "bench" / "data" / "claims_corpus.jsonl"


def _sentences() -> list[str]:
    texts = [json.loads(line)["text"] for line in CORPUS.read_text().splitlines()]
    for rule in rules_load().claims:
        texts += [*rule.positive, *rule.negative]
    return texts


@settings(max_examples=150, deadline=None)
@given(data=st.data())
def test_skipping_rules_never_changes_a_report(data):
    # The reference: every rule and every exemption is tried on every text.
    sentences = _sentences()
    parts = data.draw(st.lists(st.sampled_from(sentences), min_size=1, max_size=4))
    text = data.draw(st.sampled_from([" ", "\n", "<p>", " - "])).join(parts)
    regime = data.draw(st.sampled_from(REGIMES))
    context = data.draw(st.sampled_from(["product", "article"]))
    skipped = claims_lint(text, regime=regime, context=context)
    with pytest.MonkeyPatch.context() as patched:
        patched.setattr(
            WordScan, "present", lambda scan, _text: scan.words | set(scan.loose)
        )
        # What a text yields is kept for the next regime: find it afresh.
        linter._text.cache_clear()
        tried = claims_lint(text, regime=regime, context=context)
    linter._text.cache_clear()
    assert skipped == tried


@pytest.mark.parametrize(
    ("pattern", "letters"),
    [
        (r"cures?", {"c"}),
        (r"(?:cures?|treats?|heals?) (?:anxiety|pain)", {"c", "t", "h"}),
        (r"(?:the )?colds?", {"t", "c"}),
        (r"(?:(?<=^\s)|(?<=[.!?]\s))(?:the )?menopause", {"t", "m"}),
        (r"[2-9]\d ?mg", set("23456789")),
    ],
)
def test_first_letters_of_a_pattern(pattern, letters):
    assert first_letters(pattern) == frozenset(letters)


@pytest.mark.parametrize(
    "pattern",
    [
        r"\w+ infections?",  # any letter may start it
        r"(?:cure)?",  # may match nothing, so what follows starts it
        r"(?i)cures?",  # the letter may appear in another case
        r"[^a-z]+cure",
    ],
)
def test_patterns_whose_first_letters_are_unknown(pattern):
    assert first_letters(pattern) is None


def test_each_branch_of_an_alternation_needs_its_own_words():
    # "fruiting-body extract" holds "body" but is no out-of-body experience.
    conjunctions = rule_words((r"out-of-body|out\s+of\s+body\s+(?:experience|trip)",))
    assert conjunctions is not None
    assert [set(conjunction) for conjunction in conjunctions] == [
        {frozenset({"out-of-body"})},
        {frozenset({"experience", "trip"}), frozenset({"body"}), frozenset({"out"})},
    ]
    assert text_may_match(frozenset({"body", "out"}), conjunctions) is False
    assert text_may_match(frozenset({"out-of-body"}), conjunctions) is True


def test_gates_open_exactly_where_the_conjunctions_are_met():
    gates = word_gates(
        [
            rule_words((r"(?:cures?|heals?) (?:anxiety|pain)",)),
            None,
            rule_words((r"clinically proven", r"backed by science")),
        ]
    )
    for present in (
        frozenset(),
        frozenset({"cure", "pain"}),
        frozenset({"heal"}),
        frozenset({"backed", "science", "clinically"}),
        frozenset({"clinically", "proven", "anxiety"}),
    ):
        met = gates.met(present)
        assert gates.is_open(0, met) is text_may_match(
            present, rule_words((r"(?:cures?|heals?) (?:anxiety|pain)",))
        )
        assert gates.is_open(1, met) is True
        assert gates.is_open(2, met) is text_may_match(
            present, rule_words((r"clinically proven", r"backed by science"))
        )
        assert gates.opened(present) == [g for g in range(3) if gates.is_open(g, met)]


def test_the_first_letter_lookahead_never_changes_where_a_rule_matches():
    # The reference tries every rule and every lawful sense at every word start.
    texts = [" " + normalise(text).text for text in _sentences()]
    rules = rules_load()
    patterns = {"|".join(rule.patterns) for rule in rules.claims}
    patterns |= {p for rule in rules.claims for p in rule.exempt}
    for body in patterns:
        letters = first_letters(body)
        start = f"(?=[{''.join(sorted(letters))}])" if letters else r"(?=[^\W_])"
        fast = re.compile(rf"[\W_]{start}(?=((?:{body})))")
        slow = re.compile(rf"[\W_](?=[^\W_])(?=((?:{body})))")
        for text in texts:
            assert [m.span(1) for m in fast.finditer(text)] == [
                m.span(1) for m in slow.finditer(text)
            ], (body[:60], text)


@pytest.mark.parametrize(
    ("pattern", "branches"),
    [
        ("cures?|heals?", ["cures?", "heals?"]),
        ("(?:cures?|heals?)", ["cures?", "heals?"]),
        ("(?:cures?|heals?) pain", ["(?:cures?|heals?) pain"]),
        ("(?:cure)|(?:heal)", ["(?:cure)", "(?:heal)"]),
        (r"[|(]cure|\|heal|b", [r"[|(]cure", r"\|heal", "b"]),
        ("[]|]cure|heal", ["[]|]cure", "heal"]),
        ("[^]|]cure|heal", ["[^]|]cure", "heal"]),
        ("(?i)cure|heal", ["(?i)cure|heal"]),
        ("(?i:cure)|heal", ["(?i:cure)|heal"]),
    ],
)
def test_the_branches_a_rule_is_scanned_by(pattern, branches):
    assert linter._branches((pattern,)) == branches


def test_a_rule_scanned_branch_by_branch_matches_where_the_whole_rule_does():
    # At each word start the whole alternation reports its first matching branch;
    # the branches scanned in order, the first keeping the start, must agree.
    texts = [" " + normalise(text).text for text in _sentences()]
    for rule in rules_load().claims:
        whole = linter._rule_compiled("|".join(rule.patterns))
        branches = [linter._rule_compiled(b) for b in linter._branches(rule.patterns)]
        for text in texts:
            expected = [m.span(1) for m in whole.finditer(text)]
            found: dict[int, int] = {}
            for branch in branches:
                for match in branch.finditer(text):
                    found.setdefault(match.start(1), match.end(1))
            assert sorted(found.items()) == expected, (rule.id, text)


def test_stored_words_and_letters_equal_the_worked_out_ones(tmp_path):
    # given: the patterns of the shipped rules, the condition vocabulary among them
    default = prefilter_store_directory()
    rules = rules_load().claims
    patterns = [p for rule in rules for p in rule.patterns][:40]
    try:
        prefilter_store_use(tmp_path)
        worked_out = [(alternative_words(p), first_letters(p)) for p in patterns]
        prefilter_store_save()
        stored_files = list(tmp_path.glob("*.json"))

        # when: a fresh process reads them back
        prefilter_store_use(tmp_path)
        read_back = [(alternative_words(p), first_letters(p)) for p in patterns]
    finally:
        prefilter_store_use(default)

    # then
    assert len(stored_files) == 1
    assert read_back == worked_out


def test_an_unreadable_store_is_ignored(tmp_path):
    # given
    default = prefilter_store_directory()
    pattern = "(?:cure[sd]?|heal(?:s|ing)?) (?:anxiety|insomnia)"
    expected = (alternative_words(pattern), first_letters(pattern))
    try:
        prefilter_store_use(tmp_path)
        prefilter_store_save()  # nothing worked out yet: nothing written
        assert not list(tmp_path.glob("*.json"))
        alternative_words(pattern)
        first_letters(pattern)
        prefilter_store_save()
        (stored,) = tmp_path.glob("*.json")
        stored.write_text("{not json", encoding="utf-8")

        # when
        prefilter_store_use(tmp_path)
        found = (alternative_words(pattern), first_letters(pattern))
    finally:
        prefilter_store_use(default)

    # then
    assert found == expected
