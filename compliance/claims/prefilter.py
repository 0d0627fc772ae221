"""Literal words a rule's patterns cannot match without, worked out from the regex.

Trying every rule at every word start of a text costs the same for a rule that
cannot possibly match as for one that does, and most rules are absent from most
copy. If every match of a rule must contain one of a few literal strings ("cure",
"treat", ...), a text holding none of them can skip that rule entirely. The strings
are read from the parsed pattern, so they can never disagree with it: a rule whose
patterns have no such strings (a bare condition name can start with any letter) is
simply always tried.
"""

import re
from dataclasses import dataclass
from functools import lru_cache
from re import _constants as sre  # type: ignore[attr-defined]
from re import _parser as sre_parse  # type: ignore[attr-defined]
from typing import Any

# Shorter strings occur in almost every text and would filter nothing.
_MIN_LENGTH = 3
# A union larger than this costs more to test than the regex it guards.
_MAX_WORDS = 48

_REPEATS = (sre.MAX_REPEAT, sre.MIN_REPEAT, getattr(sre, "POSSESSIVE_REPEAT", None))
# Zero-width items: the literals on either side stay adjacent in the text.
_ZERO_WIDTH = (sre.AT, sre.ASSERT, sre.ASSERT_NOT)

_Words = frozenset[str]
# Every set must be met: a text holds at least one word of each.
_Conjunction = tuple[_Words, ...]


def _usable(words: _Words) -> bool:
    return bool(words) and min(map(len, words)) >= _MIN_LENGTH


def _best(sets: list[_Words]) -> _Words | None:
    """The most selective set (longest shortest word, then fewest words)."""
    if not sets:
        return None
    return max(sets, key=lambda words: (min(map(len, words)), -len(words)))


def _required(items: Any) -> list[_Words]:
    """Word sets that every match of the parsed sequence ``items`` meets, each one."""
    found: list[_Words] = []
    run: list[str] = []
    for op, av in items:
        if op is sre.LITERAL:
            run.append(chr(av))
            continue
        if op in _ZERO_WIDTH:
            continue
        if run:
            found.append(frozenset({"".join(run)}))
            run = []
        if op is sre.SUBPATTERN:
            _group, add_flags, _del_flags, body = av
            # Its literals may appear in another case; the rest still count.
            if not add_flags & re.IGNORECASE:
                found.extend(_required(body))
        elif op is sre.ATOMIC_GROUP:
            found.extend(_required(av))
        elif op is sre.BRANCH:
            union = _union(_best(_required(branch)) for branch in av[1])
            if union is not None:
                found.append(union)
        elif op in _REPEATS and av[0] >= 1:
            found.extend(_required(av[2]))
    if run:
        found.append(frozenset({"".join(run)}))
    return [words for words in found if _usable(words)]


def _union(parts: Any, limit: int = _MAX_WORDS) -> _Words | None:
    words: set[str] = set()
    for part in parts:
        if part is None:
            return None
        words |= part
        if len(words) > limit:
            return None
    return frozenset(words)


@lru_cache(maxsize=512)
def required_words(pattern: str) -> _Conjunction:
    """Word sets every match of ``pattern`` meets: it holds one word of each.

    Empty when there is no useful set, so the rule must be tried on every text;
    also for case-insensitive patterns, whose literals may appear in another case.
    """
    parsed = sre_parse.parse(pattern)
    if parsed.state.flags & re.IGNORECASE:
        return ()
    return tuple(dict.fromkeys(_required(parsed)))


def rule_words(patterns: tuple[str, ...]) -> tuple[_Conjunction, ...] | None:
    """One conjunction per pattern: a text can match the rule only if it meets one.

    None when some pattern has no requirement: the rule is then always tried.
    """
    conjunctions = tuple(required_words(pattern) for pattern in patterns)
    if not all(conjunctions):
        return None
    return conjunctions


def text_may_match(present: _Words, conjunctions: tuple[_Conjunction, ...]) -> bool:
    """Whether a text holding the words ``present`` meets one of the conjunctions."""
    return any(
        all(not words.isdisjoint(present) for words in conjunction)
        for conjunction in conjunctions
    )


@dataclass(frozen=True)
class WordScan:
    """Finds which of many words occur in a text in one pass, not one per word."""

    pattern: re.Pattern[str]
    # The longest word found at a position, and every word that is a prefix of it
    # (those occur there too).
    prefixes: dict[str, _Words]

    def present(self, text: str) -> _Words:
        found: set[str] = set()
        for match in self.pattern.finditer(text):
            found |= self.prefixes[match.group(1)]
        return frozenset(found)


def word_scan(words: _Words) -> WordScan:
    """A :class:`WordScan` for ``words`` (the union of the rules' required words)."""
    # Imported here: the vocabulary module pulls in the disease classification.
    from compliance.rules.vocabulary import trie_pattern

    prefixes = {
        word: frozenset(other for other in words if word.startswith(other))
        for word in words
    }
    # A prefix-factored alternation returns the longest word starting at each
    # position; the lookahead lets words overlap.
    return WordScan(re.compile("(?=(" + trie_pattern(words) + "))"), prefixes)
