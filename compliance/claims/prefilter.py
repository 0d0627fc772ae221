"""Literal words a rule's patterns cannot match without, worked out from the regex.

Trying every rule at every word start of a text costs the same for a rule that
cannot possibly match as for one that does, and most rules are absent from most
copy. If every match of a rule must contain one of a few literal strings ("cure",
"treat", ...), a text holding none of them can skip that rule entirely. The strings
are read from the parsed pattern, so they can never disagree with it. An alternation
of plain words (the disease vocabulary) requires its own words, however many: a
text's tokens are looked up in a set, so thousands of words cost what a few do. A
rule whose patterns have no such strings is simply always tried.
"""

import hashlib
import json
import os
import re
import sys
import tempfile
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from re import _constants as sre  # type: ignore[attr-defined]
from re import _parser as sre_parse  # type: ignore[attr-defined]
from typing import Any, overload

# Shorter strings occur in almost every text and would filter nothing.
_MIN_LENGTH = 3
# Word sets are tested by looking a text's words up in a set, so even the disease
# vocabulary (thousands of names) costs no more than a few; the bound only keeps a
# pathological pattern from expanding without end.
_MAX_WORDS = 50_000

_REPEATS = (sre.MAX_REPEAT, sre.MIN_REPEAT, getattr(sre, "POSSESSIVE_REPEAT", None))
# Zero-width items: the literals on either side stay adjacent in the text.
_ZERO_WIDTH = (sre.AT, sre.ASSERT, sre.ASSERT_NOT)

_Words = frozenset[str]
# Every set must be met: a text holds at least one word of each.
_Conjunction = tuple[_Words, ...]


def _usable(words: _Words) -> bool:
    return bool(words) and min(map(len, words)) >= _MIN_LENGTH


# Words in nearly every paragraph of copy: a set of them filters nothing, so any
# other set of the same pattern is preferred.
_COMMON = frozenset(
    ("the", "and", "for", "with", "you", "your", "from", "out", "all", "are", "not",
     "can", "our", "its", "this", "that")
)  # fmt: skip


def _best(sets: list[_Words]) -> _Words | None:
    """The most selective set: no common word, longest shortest word, fewest words."""
    if not sets:
        return None
    return max(sets, key=_selectivity)


def _selectivity(words: _Words) -> tuple[bool, int, int]:
    return (words.isdisjoint(_COMMON), min(map(len, words)), -len(words))


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
        if run and op is sre.BRANCH and run[-1].isalnum():
            # The parser factors a shared start out of an alternation ("flash|flush"
            # becomes "fl(?:ash|ush)"): put the words back together.
            ends = _language([(op, av)])
            if ends and "" not in ends:
                head = "".join(run)
                found.append(_minimal({head + end for end in ends}))
                run = []
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
            # An alternation of plain words (the disease vocabulary, factored by
            # prefix) is itself the most selective set: the match is one of them.
            union = _minimal(_language([(op, av)]))
            if union is None or not _usable(union):
                union = _union(_best(_required(branch)) for branch in av[1])
            if union is not None:
                found.append(union)
        elif op in _REPEATS and av[0] >= 1:
            found.extend(_required(av[2]))
    if run:
        found.append(frozenset({"".join(run)}))
    return [words for words in found if _usable(words)]


def _language(items: Any) -> set[str] | None:
    """Every string the parsed sequence can match, when that is a finite set of
    literals no larger than ``_MAX_WORDS``; None otherwise.

    Zero-width assertions are ignored: they only narrow what matches.
    """
    strings = {""}
    for op, av in items:
        options: set[str] | None
        if op is sre.LITERAL:
            options = {chr(av)}
        elif op in _ZERO_WIDTH:
            continue
        elif op is sre.IN:
            # A class of single characters, as "(?:e|a)" compiles to.
            if not all(kind is sre.LITERAL for kind, _ in av):
                return None
            options = {chr(code) for _, code in av}
        elif op is sre.SUBPATTERN:
            _group, add_flags, _del_flags, body = av
            options = None if add_flags & re.IGNORECASE else _language(body)
        elif op is sre.ATOMIC_GROUP:
            options = _language(av)
        elif op is sre.BRANCH:
            options = set()
            for branch in av[1]:
                strings_of_branch = _language(branch)
                if strings_of_branch is None:
                    return None
                options |= strings_of_branch
        elif op in _REPEATS and av[1] <= 3:
            options = _repeat_language(av[0], av[1], _language(av[2]))
        else:
            return None
        if options is None or len(strings) * len(options) > _MAX_WORDS:
            return None
        strings = {head + tail for head in strings for tail in options}
    return strings


def _repeat_language(low: int, high: int, body: set[str] | None) -> set[str] | None:
    if body is None:
        return None
    options: set[str] = set()
    power = {""}
    for count in range(high + 1):
        if count >= low:
            options |= power
        power = {head + tail for head in power for tail in body}
        if len(power) > _MAX_WORDS:
            return None
    return options


@overload
def _minimal(words: set[str]) -> _Words: ...
@overload
def _minimal(words: None) -> None: ...
def _minimal(words: set[str] | None) -> _Words | None:
    """``words`` without those that contain a shorter one at their start: a text
    holding "cures" holds "cure", so requiring "cure" alone is the same test."""
    if words is None:
        return None
    kept: set[str] = set()
    for word in sorted(words, key=len):
        if not any(word[:end] in kept for end in range(1, len(word))):
            kept.add(word)
    return frozenset(kept)


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


# A pattern that is an alternation of up to this many branches is filtered branch by
# branch; a larger one (the condition vocabulary) keeps one union of words.
_MAX_ALTERNATIVES = 64


def _alternatives(items: Any) -> list[Any]:
    """The branches of a top-level alternation, each as a whole sequence.

    "a (?:x|y) b" has the branches "a x b" and "a y b". Each needs its own words,
    and a text may hold the words of one branch without those of another: one union
    per set would let the words of different branches meet (a "body" from one and
    an "experience" from another)."""
    items = list(items)
    while (
        len(items) == 1
        and items[0][0] is sre.SUBPATTERN
        and not items[0][1][1] & re.IGNORECASE
    ):
        items = list(items[0][1][3])
    for index, (op, av) in enumerate(items):
        if op is sre.BRANCH:
            branches = av[1]
            if len(branches) > _MAX_ALTERNATIVES:
                break
            head, tail = items[:index], items[index + 1 :]
            found: list[Any] = []
            for branch in branches:
                found.extend(_alternatives([*head, *branch, *tail]))
                if len(found) > _MAX_ALTERNATIVES:
                    return [items]
            return found
        if op is not sre.LITERAL and op not in _ZERO_WIDTH:
            break
    return [items]


class _Store:
    """The words and first letters of every pattern, kept on disk between processes.

    Working them out parses each pattern, and the patterns that hold the disease
    vocabulary are tens of thousands of alternatives: about two thirds of the CPU a
    process spends building its matchers (tens of seconds for every regime). What
    they are depends only on the pattern and on this module, so they are stored by
    the pattern's digest in a file named for this module's source and the Python
    version, and a process whose rule data has not changed reads them instead.
    A file that cannot be read or written is ignored: the values are computed.
    """

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self.entries: dict[str, Any] | None = None
        self.used: dict[str, Any] = {}
        self.missed = False

    @property
    def path(self) -> Path:
        code = hashlib.sha256(Path(__file__).read_bytes() + sys.version.encode())
        return self.directory / f"{code.hexdigest()[:16]}.json"

    def get(self, kind: str, pattern: str) -> Any:
        if self.entries is None:
            self.entries = self._read()
        key = kind + hashlib.sha256(pattern.encode()).hexdigest()
        # What this process worked out counts too: the caches in front of the
        # store hold fewer patterns than the rules have.
        value = self.used.get(key, self.entries.get(key, _MISSING))
        if value is not _MISSING:
            self.used[key] = value
        return key, value

    def put(self, key: str, value: Any) -> None:
        self.used[key] = value
        self.missed = True

    def _read(self) -> dict[str, Any]:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        return data if isinstance(data, dict) else {}

    def save(self) -> None:
        """Write what this process used, if it had to work any of it out."""
        if not self.missed:
            return
        try:
            self.directory.mkdir(parents=True, exist_ok=True)
            # Written aside and renamed: other processes may read it meanwhile.
            handle, temporary = tempfile.mkstemp(dir=self.directory, suffix=".tmp")
            with os.fdopen(handle, "w", encoding="utf-8") as out:
                json.dump(self.used, out)
            os.replace(temporary, self.path)
        except OSError:
            return
        self.missed = False


_MISSING = object()
_STORE = _Store(
    Path(
        os.environ.get("CLAIMS_PREFILTER_DIR")
        or Path(__file__).resolve().parents[2] / "var" / "claims-prefilter"
    )
)


def prefilter_store_save() -> None:
    """Keep the words and letters worked out so far for the next process."""
    _STORE.save()


def prefilter_store_directory() -> Path:
    return _STORE.directory


def prefilter_store_use(directory: Path) -> None:
    """Keep the words and letters in ``directory`` from now on (tests, benchmarks)."""
    global _STORE
    _STORE = _Store(directory)
    alternative_words.cache_clear()
    first_letters.cache_clear()


@lru_cache(maxsize=512)
def alternative_words(pattern: str) -> tuple[_Conjunction, ...]:
    """One conjunction per top-level branch of ``pattern`` (see :func:`required_words`).

    Empty when some branch has no useful set: the pattern must then be tried on
    every text.
    """
    key, stored = _STORE.get("w", pattern)
    if stored is not _MISSING:
        return tuple(tuple(frozenset(words) for words in c) for c in stored)
    found = _alternative_words(pattern)
    _STORE.put(key, [[sorted(words) for words in c] for c in found])
    return found


def _alternative_words(pattern: str) -> tuple[_Conjunction, ...]:
    parsed = sre_parse.parse(pattern)
    if parsed.state.flags & re.IGNORECASE:
        return ()
    conjunctions = []
    for branch in _alternatives(parsed):
        conjunction = tuple(dict.fromkeys(_required(branch)))
        if not conjunction:
            return ()
        conjunctions.append(conjunction)
    return tuple(dict.fromkeys(conjunctions))


def rule_words(patterns: tuple[str, ...]) -> tuple[_Conjunction, ...] | None:
    """Conjunctions of which a text must meet one to match the rule: one per pattern,
    or per branch of a pattern that is an alternation.

    None when some pattern has no requirement: the rule is then always tried.
    """
    per_pattern = [alternative_words(pattern) for pattern in patterns]
    if not all(per_pattern):
        return None
    # The likeliest set to be missing first, so that a text that fails is told so
    # at the first test (see ``first_words``).
    return tuple(
        dict.fromkeys(
            tuple(sorted(conjunction, key=_selectivity, reverse=True))
            for conjunctions in per_pattern
            for conjunction in conjunctions
        )
    )


def first_words(conjunctions: tuple[_Conjunction, ...]) -> _Words:
    """Words of which a text meeting any of the conjunctions holds at least one."""
    return frozenset().union(*(conjunction[0] for conjunction in conjunctions))


def text_may_match(present: _Words, conjunctions: tuple[_Conjunction, ...]) -> bool:
    """Whether a text holding the words ``present`` meets one of the conjunctions."""
    return any(
        all(not words.isdisjoint(present) for words in conjunction)
        for conjunction in conjunctions
    )


# The characters a word of copy is made of, as the rules spell words: a required
# word made only of these occurs in a text exactly when it occurs inside one of the
# text's tokens. Words holding anything else are looked for in the whole text.
_TOKEN = re.compile(r"[\w'\-/]+")
_TOKEN_CHARS = re.compile(r"[\w'\-/]+\Z")
# Tokens already looked at, per scan; copy repeats its words, so most are hits.
_SEEN_LIMIT = 100_000


@dataclass(frozen=True)
class WordScan:
    """Finds which of many words occur in a text: each distinct token of the text is
    looked up once (and remembered), not every word searched for."""

    words: _Words
    # Words holding a character no token has (a space, a dot): searched for as is.
    loose: tuple[str, ...]
    shortest: int
    longest: int
    seen: dict[str, _Words] = field(default_factory=dict, compare=False, repr=False)

    def present(self, text: str) -> _Words:
        found: set[str] = set()
        seen = self.seen
        for token in set(_TOKEN.findall(text)):
            inside = seen.get(token)
            if inside is None:
                inside = self._inside(token)
                if len(seen) >= _SEEN_LIMIT:
                    seen.clear()
                seen[token] = inside
            if inside:
                found |= inside
        found.update(word for word in self.loose if word in text)
        return frozenset(found)

    def _inside(self, token: str) -> _Words:
        words, size = self.words, len(token)
        return frozenset(
            token[start:end]
            for start in range(size - self.shortest + 1)
            for end in range(start + self.shortest, min(size, start + self.longest) + 1)
            if token[start:end] in words
        )


def word_scan(words: _Words) -> WordScan:
    """A :class:`WordScan` for ``words`` (the union of the rules' required words)."""
    inside = frozenset(word for word in words if _TOKEN_CHARS.match(word))
    return WordScan(
        words=inside,
        loose=tuple(sorted(words - inside)),
        shortest=min(map(len, inside), default=1),
        longest=max(map(len, inside), default=0),
    )


def _class_chars(items: Any) -> set[str] | None:
    """The characters a positive class of literals and ranges holds; None otherwise."""
    chars: set[str] = set()
    for kind, value in items:
        if kind is sre.LITERAL:
            chars.add(chr(value))
        elif kind is sre.RANGE and value[1] - value[0] <= 128:
            chars.update(chr(code) for code in range(value[0], value[1] + 1))
        else:
            return None
    return chars


def _first(items: Any) -> tuple[set[str] | None, bool]:
    """The characters a match of ``items`` can start with (None: any), and whether it
    can be empty, in which case what follows may supply the first character."""
    chars: set[str] = set()
    for op, av in items:
        head: set[str] | None
        empty = False
        if op is sre.LITERAL:
            head = {chr(av)}
        elif op in _ZERO_WIDTH:
            continue
        elif op is sre.IN:
            head = _class_chars(av)
        elif op is sre.SUBPATTERN:
            _group, add_flags, _del_flags, body = av
            if add_flags & re.IGNORECASE:
                return None, False
            head, empty = _first(body)
        elif op is sre.ATOMIC_GROUP:
            head, empty = _first(av)
        elif op is sre.BRANCH:
            head = set()
            for branch in av[1]:
                branch_head, branch_empty = _first(branch)
                if branch_head is None:
                    return None, False
                head |= branch_head
                empty = empty or branch_empty
        elif op in _REPEATS:
            head, empty = _first(av[2])
            empty = empty or av[0] == 0
        else:
            return None, False
        if head is None:
            return None, False
        chars |= head
        if not empty:
            return chars, False
    return chars, True


@lru_cache(maxsize=512)
def first_letters(pattern: str) -> frozenset[str] | None:
    """The letters and digits a match of ``pattern`` can start with, or None when
    that is not known (a class such as ``\\w``, a pattern that may match nothing).

    A scanner tried at every word start can reject most of them on this one
    character before its alternation is entered.
    """
    key, stored = _STORE.get("l", pattern)
    if stored is not _MISSING:
        return None if stored is None else frozenset(stored)
    found = _first_letters(pattern)
    _STORE.put(key, None if found is None else sorted(found))
    return found


def _first_letters(pattern: str) -> frozenset[str] | None:
    parsed = sre_parse.parse(pattern)
    if parsed.state.flags & re.IGNORECASE:
        return None
    chars, empty = _first(parsed)
    if chars is None or empty:
        return None
    return frozenset(c for c in chars if c.isalnum())


@dataclass(frozen=True)
class WordGates:
    """Many rules' conjunctions, tested against one text's words together.

    Each distinct set of words gets a number; a text's words are turned into the
    numbers of the sets they meet once, and a conjunction is then one subset test
    instead of a test per set (the rules share many sets: "pain", the conditions).
    """

    # word -> numbers of the sets holding it
    index: dict[str, tuple[int, ...]]
    # Per gate, the conjunctions as sets of numbers; None: the gate is always open.
    needs: tuple[tuple[frozenset[int], ...] | None, ...]
    # set number -> (gate, conjunction) for each conjunction holding that set
    # first: a conjunction none of whose sets is met cannot be, so only those
    # named by a set the text meets are tested (the condition rule has hundreds).
    keyed: dict[int, tuple[tuple[int, frozenset[int]], ...]] = field(
        default_factory=dict
    )
    always: tuple[int, ...] = ()

    def met(self, present: _Words) -> set[int]:
        """The numbers of the sets that a text holding ``present`` meets."""
        met: set[int] = set()
        index = self.index
        for word in present:
            numbers = index.get(word)
            if numbers:
                met.update(numbers)
        return met

    def is_open(self, gate: int, met: set[int]) -> bool:
        needs = self.needs[gate]
        return needs is None or any(need <= met for need in needs)

    def opened(self, present: _Words) -> list[int]:
        """The gates open for a text holding ``present``, in order."""
        met = self.met(present)
        opened = set(self.always)
        keyed = self.keyed
        for number in met:
            for gate, need in keyed.get(number, ()):
                if gate not in opened and need <= met:
                    opened.add(gate)
        return sorted(opened)


def word_gates(gates: list[tuple[_Conjunction, ...] | None]) -> WordGates:
    """A :class:`WordGates` for ``gates``, each as :func:`rule_words` returns it."""
    numbers: dict[_Words, int] = {}
    needs: list[tuple[frozenset[int], ...] | None] = []
    keyed: dict[int, list[tuple[int, frozenset[int]]]] = {}
    for gate, conjunctions in enumerate(gates):
        if conjunctions is None:
            needs.append(None)
            continue
        gate_needs = []
        for conjunction in conjunctions:
            need = [numbers.setdefault(words, len(numbers)) for words in conjunction]
            gate_needs.append(frozenset(need))
            keyed.setdefault(need[0], []).append((gate, frozenset(need)))
        needs.append(tuple(gate_needs))
    index: dict[str, list[int]] = {}
    for words, number in numbers.items():
        for word in words:
            index.setdefault(word, []).append(number)
    return WordGates(
        {w: tuple(n) for w, n in index.items()},
        tuple(needs),
        {number: tuple(items) for number, items in keyed.items()},
        tuple(gate for gate, conjunctions in enumerate(gates) if conjunctions is None),
    )
