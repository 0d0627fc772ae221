"""Common misspellings of condition names, generated from the names themselves.

Customer reviews and testimonials are claims too (CAP 3.47, 15.6.2), and they are
typed in haste: "anxeity", "panic atacks", "insomina". A hand-kept list of typos is
never complete, so every name listed under ``[misspellings] condition`` in the rule
data gets its one-slip variants: two neighbouring letters swapped, one letter left
out, one letter doubled. Only words long enough that a slip cannot turn them into
another everyday word are varied.
"""

from .vocabulary import trie_pattern

# Shorter words are too close to ordinary ones ("cancer" -> "canter" is one slip).
_MIN_LENGTH = 7


def _slips(word: str) -> set[str]:
    variants: set[str] = set()
    for i in range(len(word) - 1):
        if word[i] != word[i + 1]:
            variants.add(word[:i] + word[i + 1] + word[i] + word[i + 2 :])
    for i in range(1, len(word)):
        variants.add(word[:i] + word[i + 1 :])
        variants.add(word[:i] + word[i] + word[i:])
    return {v for v in variants if v.isalpha()}


def misspellings(names: tuple[str, ...]) -> frozenset[str]:
    """The one-slip variants of each word (of a name of several words, each long
    word in turn), without the names themselves or any other listed name."""
    correct = {word for name in names for word in name.split()}
    found: set[str] = set()
    for name in names:
        words = name.split()
        for index, word in enumerate(words):
            if len(word) < _MIN_LENGTH or not word.isalpha():
                continue
            for slip in _slips(word) - correct:
                found.add(" ".join([*words[:index], slip, *words[index + 1 :]]))
    return frozenset(found - set(names))


def misspelling_pattern(names: tuple[str, ...]) -> str:
    """The misspellings as one regex (no capturing groups), for the rule data."""
    return trie_pattern(misspellings(names))
