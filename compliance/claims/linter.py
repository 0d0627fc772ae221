"""The claims linter: normalise once, then one regex pass per regime."""

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from compliance.errors import ComplianceError, UnknownRegimeError
from compliance.rules import REGIMES, ClaimRule, RuleSet, rules_load

from .normalise import Normalised, normalise
from .prefilter import (
    WordGates,
    WordScan,
    first_letters,
    prefilter_store_save,
    rule_words,
    text_may_match,
    word_gates,
    word_scan,
)

CONTEXTS = ("product", "article", "linked_article")
_SEVERITY_RANK = {"block": 0, "warn": 1, "disclaimer": 2}
# How far (in folded characters) an authorised claim may sit from a general claim
# and still count as "beside it" (CAP 15.2, Art. 10(3)).
_ADJACENT_CHARS = 200

US_DISCLAIMER_SINGULAR = (
    "This statement has not been evaluated by the Food and Drug Administration. "
    "This product is not intended to diagnose, treat, cure, or prevent any disease."
)
# Copy that already carries the disclaimer (21 CFR 101.93(c): both sentences, in
# either number) needs no other: its structure/function claims are lawful as they
# stand, with the asterisk or placement the copy gives them. The 30-day notification
# to FDA (101.93(a)) is made once per product, not shown in the copy; the claim's
# suggestion reminds staff of it when the disclaimer is missing.
_DISCLAIMER_GIVEN = re.compile(
    r"(?:this\s+statement\s+has|these\s+statements\s+have)\s+not\s+been\s+"
    r"evaluated\s+by\s+the\s+(?:food\s+and\s+drug\s+administration|fda)\W+"
    r"(?:[\w\x27\-]+\W+){0,4}?not\s+intended\s+to\s+diagnose,?\s+treat,?\s+"
    r"cure,?\s+(?:or\s+)?prevent\s+any\s+diseases?"
)
US_DISCLAIMER_PLURAL = (
    "These statements have not been evaluated by the Food and Drug Administration. "
    "This product is not intended to diagnose, treat, cure, or prevent any disease."
)


@dataclass(frozen=True)
class ClaimFinding:
    """One problem in a text; ``start``/``end`` index the original text."""

    rule: str
    category: str
    severity: str
    start: int
    end: int
    text: str
    suggestion: str | None
    # Which field of the object the text came from, when a caller checks several.
    field: str = ""


@dataclass(frozen=True)
class ClaimsReport:
    regime: str
    findings: tuple[ClaimFinding, ...]
    rules_version: str
    # The copy carries the FDA disclaimer itself (US): none is to be added.
    disclaimer_given: bool = False

    @property
    def blocking(self) -> bool:
        return any(f.severity == "block" for f in self.findings)

    @property
    def needs_disclaimer(self) -> bool:
        return not self.disclaimer_given and any(
            f.severity == "disclaimer" for f in self.findings
        )

    @property
    def disclaimer(self) -> str | None:
        """The FDA disclaimer to show beside the claims, or None when none is needed."""
        count = sum(1 for f in self.findings if f.severity == "disclaimer")
        if not count or self.disclaimer_given:
            return None
        return US_DISCLAIMER_PLURAL if count > 1 else US_DISCLAIMER_SINGULAR


_Conjunctions = tuple[tuple[frozenset[str], ...], ...]


@dataclass(frozen=True, eq=False)
class _Exempt:
    """One lawful sense, and the words a text needs for it to match (None: any).

    Compared by identity: each is built once per pattern and used as a dict key."""

    pattern: re.Pattern[str]
    words: _Conjunctions | None


@dataclass(frozen=True)
class _Entry:
    rule: ClaimRule
    severity: str
    # A finding that starts inside a match of any of these is dropped.
    exempts: tuple[_Exempt, ...] = ()


@dataclass(frozen=True)
class _Scanner:
    """One rule's pattern, and the words a text needs for it to be worth running."""

    group: str
    pattern: re.Pattern[str]
    words: _Conjunctions | None


@dataclass(frozen=True)
class _Matcher:
    # In priority order: at one position only the first rule that matches counts.
    scanners: tuple[_Scanner, ...]
    # The scanners' conjunctions, in the same order, tested together per text.
    gates: WordGates
    entries: dict[str, _Entry]
    # Register wordings, also with the nutrient as a relative clause's antecedent;
    # ``authorised_exact`` tells the wordings exactly as written apart.
    authorised: re.Pattern[str] | None
    authorised_exact: re.Pattern[str] | None
    authorised_words: _Conjunctions | None
    # Register wordings in the other EU languages: never exact (see rules.types).
    translated: re.Pattern[str] | None
    translated_words: _Conjunctions | None
    suggestions: dict[str, tuple[tuple[re.Pattern[str], str], ...]]


@lru_cache(maxsize=256)
def _exempt_compiled(pattern: str) -> _Exempt:
    # Each lawful sense is compiled on its own and shared by every rule that lists
    # it, so its spans are found at most once per text (``exempt_spans`` in
    # claims_lint), and only in texts holding the words it needs: most rules list
    # the same few senses, and one alternation per rule scanned them all again for
    # each rule.
    # Anchored at word starts like the rules, and run the same way: an unanchored
    # pattern would be tried at every character of an article.
    return _Exempt(
        re.compile("[\\W_]" + _word_start(pattern) + "(?=((?:" + pattern + ")))"),
        rule_words((pattern,)),
    )


# Rules are scanned branch by branch (see ``_branches``): a few hundred patterns.
@lru_cache(maxsize=2048)
def _rule_compiled(body: str) -> re.Pattern[str]:
    # Keyed by the rule's patterns alone, so the regimes and contexts that share a
    # rule compile its (large, vocabulary-bearing) regex once per process.
    # It is matched against the folded text behind one space (see ``claims_lint``)
    # and starts by consuming the character before a word: a pattern that starts
    # with a character class lets the regex engine skip the letters inside words in
    # its own loop instead of trying the rule at every character.
    return re.compile(rf"[\W_]{_word_start(body)}(?=((?:{body})(?![^\W_])))")


def _branches(patterns: tuple[str, ...]) -> list[str]:
    """The rule's patterns as the branches of their top-level alternations, in order.

    At a word start a rule reports the first branch that matches there, and so does
    a run of its branches scanned one after the other, the first keeping the start.
    Scanned alone, each branch needs only its own words and first letters: a text
    that holds "children" for "keep out of reach of children" runs the one branch
    that needs the word, and a branch that may start with any letter ("[\\w\\-]+
    syndrome") no longer makes every word of a text enter the others.
    """
    return [branch for pattern in patterns for branch in _top_level(pattern)]


def _top_level(pattern: str) -> list[str]:
    branches, depth, start = [], 0, 0
    whole_group = pattern.startswith("(?:")
    for index, char in _structure(pattern):
        if char == "(":
            flags = pattern[index + 1 : index + 3]
            if depth == 0 and flags.startswith("?") and flags[1:].isalpha():
                return [pattern]  # inline flags apply to every branch
            depth += 1
        elif char == ")":
            depth -= 1
            if depth == 0 and index < len(pattern) - 1:
                whole_group = False
        elif depth == 0:
            branches.append(pattern[start:index])
            start = index + 1
    branches.append(pattern[start:])
    if whole_group and len(branches) == 1:
        return _top_level(pattern[3:-1])  # one group around the whole pattern
    return branches


def _structure(pattern: str) -> Iterator[tuple[int, str]]:
    """Where the pattern's parentheses and bars are, outside escapes and classes."""
    index, in_class = 0, False
    while index < len(pattern):
        char = pattern[index]
        if char == "\\":
            index += 2
            continue
        if in_class:
            in_class = char != "]"
        elif char == "[":
            in_class = True
            # A "]" first in a class ("[]a]", "[^]a]") is one of its characters.
            if pattern.startswith("]", index + 1):
                index += 1
            elif pattern.startswith("^]", index + 1):
                index += 2
        elif char in "()|":
            yield index, char
        index += 1


def _word_start(pattern: str) -> str:
    """A lookahead for the first letter of a word the pattern can match from.

    Tested before the pattern's alternation is entered, it turns away most word
    starts of a text on one character; any word start when the letters are unknown.
    """
    letters = first_letters(pattern)
    if not letters:
        return "(?=[^\\W_])"
    return "(?=[" + "".join(re.escape(c) for c in sorted(letters)) + "])"


@lru_cache(maxsize=32)
def _matcher(rules: RuleSet, regime: str, context: str) -> _Matcher:
    active = []
    for order, rule in enumerate(rules.claims):
        severity = rule.severity_for(regime, context=context)
        if severity is not None:
            active.append((_SEVERITY_RANK[severity], order, rule, severity))
    # Stronger severities first: at one position the alternation reports only the
    # first rule that matches, and a block must never hide behind a disclaimer.
    active.sort(key=lambda item: item[:2])
    entries: dict[str, _Entry] = {}
    scanners = []
    for index, (_rank, _order, rule, severity) in enumerate(active):
        group = f"r{index}"
        # One zero-width lookahead per rule and word start lets findings of
        # different rules overlap. Rules are scanned one by one rather than as one
        # alternation so that a rule whose required words are absent from a text
        # costs nothing; scanning every rule at every word start was most of the
        # linter's time. So are the branches of a rule, for the same reason.
        for branch in _branches(rule.patterns):
            scanners.append(
                _Scanner(group, _rule_compiled(branch), rule_words((branch,)))
            )
        exempts = (*rule.exempt, *dict(rule.exempt_in).get(regime, ()))
        entries[group] = _Entry(
            rule, severity, tuple(_exempt_compiled(p) for p in dict.fromkeys(exempts))
        )
    claims = [claim for claim in rules.authorised if regime in claim.regimes]
    wordings = [_wording_pattern(c.wording, c.nutrient) for c in claims]
    authorised = (
        re.compile(r"(?<![^\W_])(?:" + "|".join(wordings) + r")(?![^\W_])")
        if wordings
        else None
    )
    exact = [_words_pattern(c.wording.casefold()) for c in claims]
    authorised_exact = re.compile("|".join(exact)) if exact else None
    suggestions: dict[str, list[tuple[re.Pattern[str], str]]] = {}
    for suggestion in rules.suggestions:
        wording = suggestion.text_for(regime)
        if wording is None:
            continue
        for rule_id in suggestion.rules:
            suggestions.setdefault(rule_id, []).append(
                (re.compile(suggestion.when), wording)
            )
    authorised_words = rule_words(tuple(wordings)) if wordings else None
    shapes = [t.pattern for t in rules.translations] if regime in ("eu", "uk") else []
    translated = (
        re.compile(r"(?<![^\W_])(?:" + "|".join(shapes) + r")(?![^\W_])")
        if shapes
        else None
    )
    return _Matcher(
        tuple(scanners),
        word_gates([scanner.words for scanner in scanners]),
        entries,
        authorised,
        authorised_exact,
        authorised_words,
        translated,
        rule_words(tuple(shapes)) if shapes else None,
        {rule_id: tuple(items) for rule_id, items in suggestions.items()},
    )


def _words_pattern(text: str) -> str:
    return r"\s+".join(re.escape(word) for word in text.split())


def _wording_pattern(wording: str, nutrient: str) -> str:
    """A register wording as a regex; the nutrient that opens it may be followed by a
    relative pronoun ("pantothenic acid, which contributes to ..."), the same claim
    about the same nutrient."""
    folded, name = wording.casefold(), nutrient.casefold()
    if not name or not folded.startswith(name + " "):
        return _words_pattern(folded)
    rest = folded[len(name) :]
    # The amount may stand between them: "vitamin b12 (100% nrv), which ...".
    return (
        _words_pattern(name)
        + r"(?:\s*\([^()]{1,40}\))?(?:\s*,?\s+(?:which|that)\s+|\s+)"
        + _words_pattern(rest)
    )


def _required(matcher: _Matcher) -> frozenset[str]:
    """Every word the matcher's rules, lawful senses or register wordings need."""
    return frozenset().union(
        *(_all_words(scanner.words) for scanner in matcher.scanners),
        *(
            _all_words(exempt.words)
            for entry in matcher.entries.values()
            for exempt in entry.exempts
        ),
        _all_words(matcher.authorised_words),
        _all_words(matcher.translated_words),
    )


@lru_cache(maxsize=8)
def _vocabulary(rules: RuleSet) -> WordScan | None:
    """The words any regime and context needs, found in one pass per text.

    A text's words are looked for once, not once per regime: each regime's gates
    look only at the words they know, so the others change nothing for them."""
    required = frozenset().union(
        *(
            _required(_matcher(rules, regime, context))
            for regime in REGIMES
            for context in CONTEXTS
        )
    )
    # Every matcher is built by now: keep what their prefilters needed on disk.
    prefilter_store_save()
    return word_scan(required) if required else None


@dataclass(eq=False)
class _Text:
    """What a text yields whatever the regime: callers lint one text under several,
    and each regime shares most rules, their patterns and their lawful senses."""

    norm: Normalised
    padded: str
    present: frozenset[str]
    # Per rule pattern (shared by every regime with the rule), its matches. Keyed
    # by the pattern's text: a compiled pattern hashes its whole program, which for
    # the condition vocabulary is long.
    matches: dict[str, list[tuple[int, int]]]
    exempt_spans: dict[_Exempt, list[tuple[int, int]]]
    # Whether the text calls to buy (articles only ask); None until asked.
    advertises: bool | None = None


@lru_cache(maxsize=16)
def _text(rules: RuleSet, text: str) -> _Text:
    norm = normalise(text)
    folded = norm.text
    vocabulary = _vocabulary(rules)
    return _Text(
        norm,
        # The space gives the first word a character before it; offsets shift by one.
        " " + folded,
        vocabulary.present(folded) if vocabulary else frozenset(),
        {},
        {},
    )


def _matches(state: _Text, pattern: re.Pattern[str]) -> list[tuple[int, int]]:
    """Where a rule's pattern matches the text (folded offsets), found once per text."""
    found = state.matches.get(pattern.pattern)
    if found is None:
        found = [
            (match.start(1) - 1, match.end(1) - 1)
            for match in pattern.finditer(state.padded)
        ]
        state.matches[pattern.pattern] = found
    return found


@lru_cache(maxsize=8)
def _advertising(rules: RuleSet) -> tuple[re.Pattern[str] | None, _Conjunctions | None]:
    signal = rules.advertising
    if signal is None:
        return None, None
    body = "|".join(signal.patterns)
    return (
        re.compile(rf"(?<![^\W_])(?:{body})(?![^\W_])"),
        rule_words(signal.patterns),
    )


def _advertises(rules: RuleSet, folded: str) -> bool:
    """Whether editorial text calls to buy, points to the shop or quotes customers."""
    pattern, words = _advertising(rules)
    if pattern is None:
        return False
    if words is not None and not any(
        all(any(word in folded for word in w) for w in conjunction)
        for conjunction in words
    ):
        return False
    return pattern.search(folded) is not None


def _all_words(conjunctions: _Conjunctions | None) -> frozenset[str]:
    return frozenset(
        word
        for conjunction in conjunctions or ()
        for words in conjunction
        for word in words
    )


def _may_match(present: frozenset[str], words: _Conjunctions | None) -> bool:
    return words is None or text_may_match(present, words)


def _spans(pattern: re.Pattern[str], padded: str) -> list[tuple[int, int]]:
    """The stretches of text the pattern, anchored at word starts, covers.

    The lookahead reports a match at every word start. One that begins inside the
    previous stretch extends it rather than being dropped: a warning often runs into
    a second lawful sense ("do not combine with alcohol, and talk to your doctor
    if you have liver problems"), and the condition it names sits in the second."""
    spans: list[tuple[int, int]] = []
    for match in pattern.finditer(padded):
        start, end = match.start(1) - 1, match.end(1) - 1
        if spans and start < spans[-1][1]:
            if end > spans[-1][1]:
                spans[-1] = (spans[-1][0], end)
            continue
        spans.append((start, end))
    return spans


def _exempt_spans(
    exempt: _Exempt,
    padded: str,
    present: frozenset[str],
    found: dict[_Exempt, list[tuple[int, int]]],
) -> list[tuple[int, int]]:
    """The stretches one lawful sense covers in this text, found once per text."""
    spans = found.get(exempt)
    if spans is None:
        spans = []
        if _may_match(present, exempt.words):
            spans = _spans(exempt.pattern, padded)
        found[exempt] = spans
    return spans


def _suggest(matcher: _Matcher, rule: ClaimRule, folded: str) -> str | None:
    """The rewording that fits this finding in this regime, else the rule's own."""
    for when, wording in matcher.suggestions.get(rule.id, ()):
        if when.search(folded):
            return wording
    return rule.suggestion


def claims_linter_cache_clear() -> None:
    """Forget every built matcher and compiled pattern, as a fresh process would."""
    for cached in (_matcher, _vocabulary, _advertising, _text, _rule_compiled):
        cached.cache_clear()
    _exempt_compiled.cache_clear()
    re.purge()


def claims_linter_prepare(rules: RuleSet | None = None) -> None:
    """Build every regime's and context's matchers now rather than on first use.

    Building them reads and compiles the whole rule data (seconds of CPU); done
    inside a request, the first product page a fresh server process renders
    waits that long, long enough under load for the process to be timed out.
    """
    rules = rules or rules_load()
    for regime in REGIMES:
        for context in CONTEXTS:
            _matcher(rules, regime, context)
    _vocabulary(rules)
    _advertising(rules)
    prefilter_store_save()


def claims_lint(
    text: str,
    *,
    regime: str,
    context: str = "product",
    rules: RuleSet | None = None,
) -> ClaimsReport:
    """Check a text against the claims rules of one regime.

    Args:
        text: product or article copy; may contain HTML.
        regime: ``"us"``, ``"eu"`` or ``"uk"``.
        context: ``"product"`` for anything that sells (product copy, and articles
            that link to products: R2), ``"article"`` for editorial text with no
            product links, where naming a condition needs review instead of a block;
            ``"linked_article"`` for an article whose product embeds make it
            advertising: product severities, except where a rule keeps its
            editorial reading (``linked_article_severity``).
        rules: the rule set to use; defaults to :func:`rules_load`.

    Returns:
        The findings, ordered by position, with spans in the original ``text``.

    Raises:
        UnknownRegimeError: ``regime`` is not one of the three.
    """
    if regime not in REGIMES:
        raise UnknownRegimeError()
    if context not in CONTEXTS:
        raise ComplianceError(
            "Context must be 'product', 'article' or 'linked_article'.",
            field="context",
        )
    rules = rules or rules_load()
    if not text:
        return ClaimsReport(regime, (), rules.version)
    state = _text(rules, text)
    norm = state.norm
    folded = norm.text
    if context != "product":
        if state.advertises is None:
            state.advertises = _advertises(rules, folded)
        if state.advertises:
            context = "product"  # an article that sells is advertising (R2)
    matcher = _matcher(rules, regime, context)
    if not matcher.scanners:
        return ClaimsReport(regime, (), rules.version)

    # Each word start keeps the first rule, in priority order, that matches there.
    present = state.present
    at: dict[int, tuple[int, str]] = {}
    padded = state.padded
    scanners = matcher.scanners
    for number in matcher.gates.opened(present):
        scanner = scanners[number]
        for start, end in _matches(state, scanner.pattern):
            if start not in at:
                at[start] = (end, scanner.group)
    candidates = [(start, end, group) for start, (end, group) in sorted(at.items())]
    if not candidates:
        return ClaimsReport(regime, (), rules.version)

    authorised_spans: list[tuple[int, int, str]] = []
    if (
        matcher.authorised is not None
        and matcher.authorised_exact is not None
        and regime in ("eu", "uk")
        and _may_match(present, matcher.authorised_words)
    ):
        authorised_spans = [
            (
                *m.span(),
                "exact"
                if matcher.authorised_exact.fullmatch(m.group()) is not None
                else "reworded",
            )
            for m in matcher.authorised.finditer(folded)
        ]
    if matcher.translated is not None and _may_match(present, matcher.translated_words):
        authorised_spans += [
            (*m.span(), "translated") for m in matcher.translated.finditer(folded)
        ]
    exempt_spans = state.exempt_spans
    last_end: dict[str, int] = {}
    findings = []
    for start, end, group in candidates:
        entry = matcher.entries[group]
        rule = entry.rule
        if start < last_end.get(rule.id, -1):
            continue  # the same rule already covers this stretch of text
        if any(
            a <= start < b
            for exempt in entry.exempts
            for a, b in _exempt_spans(exempt, padded, present, exempt_spans)
        ):
            continue
        severity = entry.severity
        relief = _relieved(rule.authorised_relief, start, end, authorised_spans)
        if relief == "drop":
            continue
        if relief == "review" and severity == "block":
            severity = "warn"
        last_end[rule.id] = end
        o_start, o_end = norm.original_span(start, end)
        findings.append(
            ClaimFinding(
                rule=rule.id,
                category=rule.category,
                severity=severity,
                start=o_start,
                end=o_end,
                text=text[o_start:o_end],
                suggestion=_suggest(matcher, rule, folded[start:end]),
            )
        )
    given = (
        regime == "us"
        and any(f.severity == "disclaimer" for f in findings)
        and _DISCLAIMER_GIVEN.search(folded) is not None
    )
    if given:
        findings = [f for f in findings if f.severity != "disclaimer"]
    findings.sort(key=lambda f: (f.start, _SEVERITY_RANK[f.severity], f.rule))
    return ClaimsReport(regime, tuple(findings), rules.version, given)


def _relieved(
    relief: str, start: int, end: int, authorised: list[tuple[int, int, str]]
) -> str | None:
    """What a register wording does to the finding: ``"drop"`` it, make it one for
    an officer to ``"review"``, or nothing (None).

    ``inside``: the finding is part of the wording, in English as written or with
    the nutrient as a relative clause's antecedent: dropped. ``adjacent``: a general
    claim beside a wording exactly as written is dropped (Art. 10(3)); beside a
    reworded or translated one an officer checks that the meaning is unchanged.
    ``related``: a name or fancy name beside a related authorised claim, in any
    form, is reviewed: Art. 1(3) lets it stand only if the claim beside it is one
    the name may be construed as, which is an officer's judgement."""
    if not relief or not authorised:
        return None
    if relief == "inside":
        inside = any(
            a <= start and end <= b for a, b, kind in authorised if kind != "translated"
        )
        return "drop" if inside else None
    near = [
        kind
        for a, b, kind in authorised
        if a - end <= _ADJACENT_CHARS and start - b <= _ADJACENT_CHARS
    ]
    if not near:
        return None
    if relief == "adjacent" and "exact" in near:
        return "drop"
    return "review"
