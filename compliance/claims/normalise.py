"""Fold claim text into a canonical form, remembering where each character came from.

Copywriters (and people gaming a filter) write "C.U.R.E.S", "cur3s", "cures" with a
Cyrillic "es", fullwidth letters, zero-width joiners or HTML tags inside a word. The
linter matches its patterns against the folded text and maps every match back to the
span of the ORIGINAL text, so staff see exactly what to fix.

Most product copy is plain ASCII; that path keeps an identity offset map and costs a
``lower()`` and one regex substitution. Everything else goes character by character.
"""

import html
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

# Cyrillic and Greek letters that render like Latin ones (after case folding),
# and typographic dashes and quotes. Escapes keep the source free of look-alikes.
_CONFUSABLES = str.maketrans(
    {
        **dict.fromkeys("\u0430\u0251\u03b1", "a"),
        **dict.fromkeys("\u0432\u03b2", "b"),
        **dict.fromkeys("\u0435\u0451\u03b5", "e"),
        **dict.fromkeys("\u043a\u03ba", "k"),
        **dict.fromkeys("\u043c", "m"),
        **dict.fromkeys("\u043d", "h"),
        **dict.fromkeys("\u043e\u03bf", "o"),
        **dict.fromkeys("\u0440\u03c1", "p"),
        **dict.fromkeys("\u0441", "c"),
        **dict.fromkeys("\u0442\u03c4", "t"),
        **dict.fromkeys("\u0443", "y"),
        **dict.fromkeys("\u0445\u03c7", "x"),
        **dict.fromkeys("\u0456\u0457\u0131\u03b9", "i"),
        **dict.fromkeys("\u0458", "j"),
        **dict.fromkeys("\u0455", "s"),
        **dict.fromkeys("\u0501", "d"),
        **dict.fromkeys("\u051b", "q"),
        **dict.fromkeys("\u051d\u03c9", "w"),
        **dict.fromkeys("\u0261", "g"),
        **dict.fromkeys("\u03b7", "n"),
        **dict.fromkeys("\u03bd", "v"),
        **dict.fromkeys("\u03c5", "u"),
        **dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2015", "-"),
        **dict.fromkeys("\u2018\u2019\u201a\u201b\u2032", "'"),
        **dict.fromkeys("\u201c\u201d\u201e\u2033", '"'),
    }
)
_DROP_CATEGORIES = frozenset({"Mn", "Me", "Cf"})
_FOLD_CACHE: dict[str, str] = {}

# Digit and symbol swaps inside words ("cur3s", "@nxiety", "5tre55").
_LEET = str.maketrans({"0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t",
                       "@": "a", "$": "s"})  # fmt: skip
_LEET_TOKEN = re.compile(r"(?<![\w@$])(?=[\w@$]*[a-z])(?=[\w@$]*[013457@$])[\w@$]+")
# Quantities (10mg, 2x, 1st) and nutrient names (b12, d3, k2) are not obfuscation.
_LEET_KEEP = re.compile(
    r"\d+(?:[a-z]{1,3}|st|nd|rd|th)|[abcdek]\d{1,2}|omega\d|(?:hb)?a1c|covid-?19"
)

# Three or more single letters joined by the same separator: "c.u.r.e", "c u r e".
# Requiring the same separator throughout keeps "c.u.r.e.s c.a.n.c.e.r" (or a double
# space between spaced-out words) as two words.
_SEP = r"[\s.\-_*\u00b7\u2022|+~]"
_SPACED = re.compile(
    rf"(?<![^\W_])[^\W_](?P<sep>{_SEP}{{1,3}})[^\W_](?![^\W_])"
    rf"(?:(?P=sep)[^\W_](?![^\W_]))+"
)
# A two-letter word spaced out ("m y", "m.y") is joined only where it cannot be an
# abbreviation or a pair of initials: with a space, when wider gaps stand on both
# sides (the same sign that marks the word breaks of a spaced phrase); with another
# separator, when none follows the second letter ("e.g.", "u.s." keep their dots).
# Letters only: "1-2 capsules" is a range.
_SPACED_PAIR = re.compile(
    r"(?:(?<=\s\s)|(?<=^\s)|^)[^\W\d_] [^\W\d_](?=\s\s|\s?$)"
    r"|(?<![^\W_])(?<![.\-_*\u00b7\u2022|+~])[^\W\d_](?:[.\-_*\u00b7\u2022|+~]|\. )"
    r"[^\W\d_](?![^\W_])(?![.\-_*\u00b7\u2022|+~])"
)
_SEP_CHAR = re.compile(_SEP)
_ASCII_RUN = re.compile(r"[\x00-\x7f]+|[^\x00-\x7f]")

_TAG = re.compile(
    r"<!--.*?-->|</?[a-zA-Z][^<>]*>|&(?:#\d+|#x[0-9a-fA-F]+|[a-zA-Z]+);", re.S
)
_BLOCK_TAG = re.compile(
    r"</?(?:p|div|br|li|ul|ol|h[1-6]|tr|td|th|table|section|article|blockquote|hr)\b",
    re.I,
)


@dataclass(frozen=True)
class Normalised:
    """Folded text plus, per folded character, the original span it came from."""

    text: str
    starts: list[int] | None = None
    ends: list[int] | None = None

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        if self.starts is None or self.ends is None:
            return start, end
        return self.starts[start], self.ends[end - 1]


def _fold_char(ch: str) -> str:
    folded = _FOLD_CACHE.get(ch)
    if folded is None:
        out = []
        for c in unicodedata.normalize("NFKC", ch).casefold():
            for d in unicodedata.normalize("NFD", c):
                if unicodedata.category(d) not in _DROP_CATEGORIES:
                    out.append(d)
        folded = "".join(out).translate(_CONFUSABLES)
        _FOLD_CACHE[ch] = folded
    return folded


_LEET_HINT = re.compile(r"[a-z][013457@$]|[013457@$][a-z]")


def _leet_fold(text: str) -> str:
    if not _LEET_HINT.search(text):
        return text  # the common case: no digit or symbol touches a letter

    def swap(match: re.Match[str]) -> str:
        token = match.group(0)
        if _LEET_KEEP.fullmatch(token):
            return token
        return token.translate(_LEET)

    return _LEET_TOKEN.sub(swap, text)


@lru_cache(maxsize=16)
def normalise(text: str) -> Normalised:
    """Fold ``text`` for matching; see the module docstring for what is folded.

    Cached for a few texts because callers lint one text under several regimes.
    """
    if text.isascii() and "<" not in text and "&" not in text:
        lowered = text.lower()
        if not _SPACED.search(lowered) and not _SPACED_PAIR.search(lowered):
            # Leet folding swaps one character for one, so offsets stay identical.
            return Normalised(_leet_fold(lowered))
    pieces: list[str] = []
    starts: list[int] = []
    ends: list[int] = []

    def emit_text(a: int, b: int) -> None:
        # ASCII runs are folded in one call; only other characters go one by one.
        for run in _ASCII_RUN.finditer(text, a, b):
            ra, rb = run.span()
            if rb - ra > 1 or text[ra].isascii():
                pieces.append(text[ra:rb].lower())
                starts.extend(range(ra, rb))
                ends.extend(range(ra + 1, rb + 1))
            else:
                emit(_fold_char(text[ra]), ra, rb)

    def emit(folded: str, a: int, b: int) -> None:
        pieces.append(folded)
        starts.extend([a] * len(folded))
        ends.extend([b] * len(folded))

    pos = 0
    for match in _TAG.finditer(text):
        emit_text(pos, match.start())
        token = match.group(0)
        if token.startswith("&"):
            folded = "".join(_fold_char(c) for c in html.unescape(token))
            emit(folded, match.start(), match.end())
        elif _BLOCK_TAG.match(token):
            # Block boundaries separate words; inline tags (<b>, <span>) do not.
            emit(" ", match.start(), match.end())
        pos = match.end()
    emit_text(pos, len(text))

    folded = "".join(pieces)
    if _SPACED.search(folded) or _SPACED_PAIR.search(folded):
        folded, starts, ends = _join_spaced(folded, starts, ends)
    return Normalised(_leet_fold(folded), starts, ends)


def _join_spaced(
    folded: str, starts: list[int], ends: list[int]
) -> tuple[str, list[int], list[int]]:
    """Drop the separators of spaced-out words ("c.u.r.e"), keeping the offsets.

    The text between separators is copied in slices: an article is thousands of
    characters long and holds only a few such words.
    """
    runs = [run.span() for run in _SPACED.finditer(folded)]
    runs += [
        run.span()
        for run in _SPACED_PAIR.finditer(folded)
        if not any(a <= run.start() < b for a, b in runs)
    ]
    dropped = sorted(
        i for a, b in runs for i in range(a, b) if _SEP_CHAR.match(folded[i])
    )
    text: list[str] = []
    kept_starts: list[int] = []
    kept_ends: list[int] = []
    begin = 0
    for i in [*dropped, len(folded)]:
        text.append(folded[begin:i])
        kept_starts.extend(starts[begin:i])
        kept_ends.extend(ends[begin:i])
        begin = i + 1
    return "".join(text), kept_starts, kept_ends
