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


def _better(a: _Words | None, b: _Words | None) -> _Words | None:
    """The more selective of two requirements (longest shortest word, then fewest)."""
    if a is None:
        return b
    if b is None:
        return a
    key_a = (min(map(len, a)), -len(a))
    key_b = (min(map(len, b)), -len(b))
    return b if key_b > key_a else a


def _required(items: Any) -> _Words | None:
    """Strings of which every match of the parsed sequence ``items`` holds one."""
    best: _Words | None = None
    run: list[str] = []
    for op, av in items:
        if op is sre.LITERAL:
            run.append(chr(av))
            continue
        if op in _ZERO_WIDTH:
            continue
        if run:
            best = _better(best, frozenset({"".join(run)}))
            run = []
        found: _Words | None = None
        if op is sre.SUBPATTERN:
            _group, add_flags, _del_flags, body = av
            if add_flags & re.IGNORECASE:
                return None
            found = _required(body)
        elif op is sre.ATOMIC_GROUP:
            found = _required(av)
        elif op is sre.BRANCH:
            found = _union(_required(branch) for branch in av[1])
        elif op in _REPEATS and av[0] >= 1:
            found = _required(av[2])
        best = _better(best, found)
    if run:
        best = _better(best, frozenset({"".join(run)}))
    return best


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
def required_words(pattern: str) -> _Words | None:
    """Literal strings one of which every match of ``pattern`` contains.

    Returns None when there is no useful set: the rule must then be tried on every
    text. Patterns with case-insensitive flags get None too, since their literals
    may appear in another case.
    """
    parsed = sre_parse.parse(pattern)
    if parsed.state.flags & re.IGNORECASE:
        return None
    words = _required(parsed)
    if not words or min(map(len, words)) < _MIN_LENGTH:
        return None
    return words


def rule_words(patterns: tuple[str, ...]) -> _Words | None:
    """The union over a rule's patterns: a match of any of them holds one."""
    return _union((required_words(p) for p in patterns), limit=4 * _MAX_WORDS)
