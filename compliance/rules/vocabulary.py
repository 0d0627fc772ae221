"""The names of diseases, built from ICD-10-CM at load time.

The lay names and mental-health terms the classification lacks are kept by hand in
the rule data (``[terms] condition`` in ``claims.toml``).

A hand-typed list of conditions always misses the long tail (lupus, gingivitis,
cataracts, ...) and the derived forms copy actually uses: plurals, British spellings,
adjectives and person nouns ("coeliacs", "haemophiliacs", "diabetics"). The
classification is maintained by others and ships in the ``simple-icd-10-cm`` package;
here it is read once, the disease names are picked out of it, their inflections
generated, and the whole vocabulary compiled into one prefix-factored regular
expression so that thousands of names cost about as much to match as one.

Only the disease chapters are read (A00-Q99). Signs and symptoms (R), injuries (S-T),
external causes (V-Y) and social factors (Z) hold words that ordinary copy uses in
other senses ("fall", "fatigue", "cough", "flood").
"""

import hashlib
import re
from functools import lru_cache
from importlib.metadata import version
from pathlib import Path

import simple_icd_10_cm as icd

# The generated names, written by ``make vocabulary``. Reading
# them takes milliseconds; building them from the classification takes seconds on
# every process start. The stamp on the first line ties the file to the package
# version and to this module's source, so a stale file is never used.
_SHIPPED = Path(__file__).with_name("icd_conditions.txt")

# Word endings that, in the disease chapters, only ever name a condition.
_DISEASE_ENDINGS = re.compile(
    r"(?:itis|osis|oma|[ae]?emia|pathy|algia|plegia|penia|rrhea|iasis|ectasia|phobia"
    r"|trophy|uria|virus)$"
)
# Heads of two-word names ("gastric ulcer", "angina pectoris") that name a disease
# on their own; used only where the classification has them as a head.
_HEADS = frozenset(
    (
        "angina",
        "arrhythmia",
        "arrhythmias",
        "ataxia",
        "bradycardia",
        "catalepsy",
        "catatonia",
        "cretinism",
        "delirium",
        "dysentery",
        "dyskinesia",
        "dyslexia",
        "dysphoria",
        "dyspraxia",
        "encopresis",
        "enuresis",
        "fibrillation",
        "goiter",
        "hemorrhage",
        "hernia",
        "hysteria",
        "impotence",
        "incontinence",
        "infarction",
        "infertility",
        "jaundice",
        "malabsorption",
        "malnutrition",
        "menorrhagia",
        "palsy",
        "paralysis",
        "paresis",
        "pleurisy",
        "ringworm",
        "sprue",
        "stupor",
        "syncope",
        "tachycardia",
        "tetany",
        "typhus",
        "ulcer",
        "varices",
        "vertigo",
        "warts",
        "zoster",
    )
)
_QUALIFIERS = re.compile(
    r"^(?:(?:other|unspecified|acute|chronic|age-related|senile|primary|secondary"
    r"|essential|congenital|systemic|juvenile|recurrent|malignant|benign)\s+)+"
)
# Words that the classification uses as a whole description but that shop copy uses
# in an everyday, culinary or technical sense, or that are not diseases at all.
_NOT_CONDITIONS = frozenset(
    (
        "absence",
        "absent",
        "anastomosis",
        "apathy",
        "atrophy",
        "atypism",
        "blood",
        "calculus",
        "callus",
        "calme",
        "canities",
        "capitis",
        "cardiac",
        "coma",
        "crossbite",
        "dehydration",
        "diagnosis",
        "diploma",
        "dislocation",
        "effusion",
        "endocrine",
        "excessive",
        "exhibitionism",
        "felon",
        "fetishism",
        "form",
        "fracture",
        "freckles",
        "frotteurism",
        "ganglion",
        "greyness",
        "hand",
        "infant",
        "infestation",
        "infestations",
        "injury",
        "instability",
        "irregular",
        "laceration",
        "lalling",
        "lentigo",
        "lisping",
        "malformation",
        "malleus",
        "malposition",
        "nail-biting",
        "nevus",
        "nose-picking",
        "obliteration",
        "omental",
        "overweight",
        "pannus",
        "pin",
        "pinta",
        "plague",
        "prognosis",
        "rectal",
        "sedative",
        "sinus",
        "stricture",
        "taco",
        "thoracic",
        "thumb-sucking",
        "tokelau",
        "transgender",
        "transvestism",
        "trophy",
    )
)
_SHORT_OK = frozenset({"gout", "acne", "cjd", "mpox", "stye", "kuru", "yaws"})
_WORD = re.compile(r"[a-z][a-z\x27-]+")


def _british(word: str) -> set[str]:
    """US spellings in the classification, and their British forms."""
    forms = {word}
    for us, gb in (
        ("emia", "aemia"),
        ("rrhea", "rrhoea"),
        ("edema", "oedema"),
        ("esophag", "oesophag"),
        ("celiac", "coeliac"),
        ("tumor", "tumour"),
        ("estrogen", "oestrogen"),
        ("goiter", "goitre"),
    ):
        if us in word and gb not in word:
            forms.add(word.replace(us, gb))
    for form in list(forms):
        if form.startswith("hem") or "hem" in form[1:5]:
            forms.add(re.sub(r"(^|[^a])hem", r"\1haem", form, count=1))
    return forms


def _inflections(word: str) -> set[str]:
    """Plural, adjective and person-noun forms of one disease name."""
    forms = {word}
    if word.endswith("iasis"):
        forms |= {word[:-5] + "iases", word[:-5] + "iatic"}
    elif word.endswith("osis"):
        forms |= {word[:-4] + "oses", word[:-4] + "otic", word[:-4] + "otics"}
    elif word.endswith("itis"):
        forms |= {word[:-4] + "itic", word[:-4] + "itides"}
    elif word.endswith("ia"):
        stem = word[:-2]
        forms |= {stem + "ic", stem + "ics", word + "c", word + "cs", word + "s"}
    elif word.endswith("sy"):
        forms |= {word[:-2] + "tic", word[:-2] + "tics", word[:-1] + "ies"}
    elif word.endswith("ma"):
        forms |= {word + "s", word + "tic", word + "tics", word + "ta"}
    elif not word.endswith("s"):
        forms.add(word + "s")
    return forms


def _stamp() -> str:
    source = hashlib.sha256(Path(__file__).read_bytes()).hexdigest()
    return f"# simple-icd-10-cm {version('simple-icd-10-cm')} vocabulary {source}"


@lru_cache(maxsize=1)
def icd_condition_names() -> frozenset[str]:
    """Every disease name picked from ICD-10-CM, with its generated forms."""
    try:
        stamp, *names = _SHIPPED.read_text(encoding="utf-8").splitlines()
    except (OSError, ValueError):
        return icd_condition_names_build()
    if stamp != _stamp():
        return icd_condition_names_build()
    return frozenset(names)


def icd_condition_names_write() -> Path:
    """Regenerate the shipped file from the classification (after editing here)."""
    names = sorted(icd_condition_names_build())
    _SHIPPED.write_text("\n".join([_stamp(), *names]) + "\n", encoding="utf-8")
    return _SHIPPED


def icd_condition_names_build() -> frozenset[str]:
    """The names read from the classification itself (see the module docstring)."""
    names: set[str] = set()
    for code in icd.get_all_codes(False):
        if code[0] not in "ABCDEFGHIJKLMNOPQ" or icd.is_chapter_or_block(code):
            continue
        for text in (icd.get_description(code), *icd.get_inclusion_term(code)):
            text = text.lower()
            for token in _WORD.findall(text):
                if _DISEASE_ENDINGS.search(token) and "-" not in token:
                    names.add(token)
            head = re.sub(r"\s*\(.*?\)", "", text)
            head = _QUALIFIERS.sub("", head.split(",")[0].strip())
            if _WORD.fullmatch(head) and (len(head) > 4 or head in _SHORT_OK):
                names.add(head)
            words = head.split()
            if len(words) == 2 and words[1] in _HEADS:
                names.add(words[1])
            if len(words) == 2 and words[0] in _HEADS:
                names.add(words[0])
            eponym = re.fullmatch(r"([a-z]+)\x27s (?:disease|syndrome)", head)
            if eponym:
                names.add(eponym.group(1) + "\x27s")
    names -= _NOT_CONDITIONS
    forms: set[str] = set()
    for name in names:
        for spelling in _british(name):
            forms |= _inflections(spelling)
    return frozenset(forms - _NOT_CONDITIONS)


def trie_pattern(words: frozenset[str] | set[str]) -> str:
    """A regular expression matching exactly ``words``, factored by prefix.

    Python's ``re`` tries an alternation's branches one by one; sharing prefixes
    means a text position is rejected after a character or two, not thousands of
    comparisons. Longer words come first at each branch, so a match is the longest.
    """
    trie: dict[str, dict] = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict[str, dict]) -> str:
        ends = "" in node
        branches = [re.escape(ch) + emit(child) for ch, child in node.items() if ch]
        if not branches:
            return ""
        branches.sort(key=lambda b: (-len(b), b))
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if ends:
            return f"(?:{body})?"
        return body

    return emit(trie).replace(r"\ ", " ")


@lru_cache(maxsize=1)
def icd_condition_pattern() -> str:
    """The ICD vocabulary as one regex (no capturing groups), for the rule data."""
    return trie_pattern(icd_condition_names())
