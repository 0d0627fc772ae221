"""Read and validate ``config/compliance/*.toml`` into a frozen :class:`RuleSet`.

Every check here runs once at load time so that a malformed rule fails loudly at
startup (and in the test suite) instead of deciding wrongly for a shopper.
"""

import re
import tomllib
from collections import defaultdict
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

from compliance.errors import RuleDataError
from compliance.iso3166 import region_normalise
from compliance.product_classes import ProductClass

from .misspellings import misspelling_pattern
from .types import (
    ARTICLE_SEVERITIES,
    ASSURANCE_LEVELS,
    DECISIONS,
    REGIMES,
    SEVERITIES,
    AdvertisingSignal,
    AuthorisedClaim,
    AuthorisedTranslation,
    ClaimRule,
    LegalityRule,
    RuleSet,
    Suggestion,
)
from .vocabulary import icd_condition_pattern

_ID_RE = re.compile(r"^[A-Z0-9][A-Z0-9_.\-]*$")
_RELIEF = ("", "inside", "adjacent", "related")


def _default_dir() -> Path:
    return Path(__file__).resolve().parents[2] / "config" / "compliance"


def rules_dir() -> Path:
    """Return the directory holding the rule data (``COMPLIANCE_RULES_DIR``)."""
    from django.conf import settings

    if not settings.configured:
        return _default_dir()
    return Path(getattr(settings, "COMPLIANCE_RULES_DIR", None) or _default_dir())


def rules_load(*, directory: Path | str | None = None) -> RuleSet:
    """Load the rule data, cached per directory for the life of the process.

    Args:
        directory: where the TOML files are; defaults to :func:`rules_dir`.

    Returns:
        The validated rule set with its version string.

    Raises:
        RuleDataError: a file is malformed or a rule breaks the schema.
    """
    if directory is None:
        from django.conf import settings

        # Called on every lint and decision: key the cache on the raw setting value
        # instead of resolving a path each time.
        configured = (
            getattr(settings, "COMPLIANCE_RULES_DIR", None)
            if settings.configured
            else None
        )
        return _load_cached(str(configured or _DEFAULT_KEY))
    return _load_cached(str(directory))


_DEFAULT_KEY = "<default>"


def rules_cache_clear() -> None:
    """Forget loaded rule sets, e.g. after editing the TOML in a running shell."""
    _load_cached.cache_clear()


@lru_cache(maxsize=8)
def _load_cached(key: str) -> RuleSet:
    directory = _default_dir() if key == _DEFAULT_KEY else Path(key).resolve()
    files = sorted(directory.glob("*.toml"))
    if not files:
        raise RuleDataError(f"No rule files in {directory}.")
    return rules_parse({path.name: path.read_text(encoding="utf-8") for path in files})


def rules_files(*, directory: Path | str | None = None) -> dict[str, str]:
    """The rule data as ``{file name: TOML text}``, e.g. to keep a snapshot of it."""
    path = Path(directory) if directory is not None else rules_dir()
    return {f.name: f.read_text(encoding="utf-8") for f in sorted(path.glob("*.toml"))}


def rules_parse(files: dict[str, str]) -> RuleSet:
    """Validate rule data given as ``{file name: TOML text}`` (a directory's files,
    or a stored snapshot of an earlier version).

    Raises:
        RuleDataError: a file is malformed or a rule breaks the schema.
    """
    if not files:
        raise RuleDataError("No rule files.")
    versions: list[str] = []
    legality: list[LegalityRule] = []
    authorised: list[AuthorisedClaim] = []
    translations: list[AuthorisedTranslation] = []
    terms: dict[str, str] = {}
    raw_claims: list[tuple[dict[str, Any], str]] = []
    raw_suggestions: list[tuple[dict[str, Any], str]] = []
    raw_advertising: list[tuple[dict[str, Any], str]] = []
    misspelt: list[str] = []
    for name, content in sorted(files.items()):
        try:
            data = tomllib.loads(content)
        except tomllib.TOMLDecodeError as exc:
            raise RuleDataError(f"{name}: {exc}") from exc
        if "version" in data:
            versions.append(str(data["version"]))
        for raw in data.get("legality", []):
            legality.append(_legality(raw, name))
        terms.update(data.get("terms", {}))
        raw_claims.extend((raw, name) for raw in data.get("claims", []))
        raw_suggestions.extend((raw, name) for raw in data.get("suggestions", []))
        misspelt.extend(data.get("misspellings", {}).get("condition", []))
        if "advertising" in data:
            raw_advertising.append((data["advertising"], name))
        for raw in data.get("authorised", []):
            authorised.append(_authorised(raw, name))
        for raw in data.get("translated", []):
            translations.append(_translation(raw, name))
    if any("@icd_condition@" in str(raw) for raw, _ in raw_claims) or any(
        "@icd_condition@" in term for term in terms.values()
    ):
        # Built from the disease classification, not typed: see rules.vocabulary.
        terms.setdefault("icd_condition", icd_condition_pattern())
    if misspelt:
        if not all(isinstance(name, str) and name.islower() for name in misspelt):
            raise RuleDataError("[misspellings] condition: lower-case names only.")
        # Generated, like the disease names: see rules.misspellings.
        terms.setdefault("misspelt_condition", misspelling_pattern(tuple(misspelt)))
    claims = [_claim(raw, where, terms) for raw, where in raw_claims]
    suggestions = [
        _suggestion(raw, where, {c.id for c in claims})
        for raw, where in raw_suggestions
    ]
    if len(versions) != 1:
        raise RuleDataError("Exactly one rule file must set the top-level 'version'.")
    if len(raw_advertising) > 1:
        raise RuleDataError("At most one rule file may hold [advertising].")
    advertising = _advertising(*raw_advertising[0], terms) if raw_advertising else None
    ids = [
        *(r.id for r in legality),
        *(r.id for r in claims),
        *(r.id for r in authorised),
        *(r.id for r in translations),
    ]
    duplicates = sorted({i for i in ids if ids.count(i) > 1})
    if duplicates:
        raise RuleDataError(f"Duplicate rule ids: {', '.join(duplicates)}.")
    by_class: dict[str, list[LegalityRule]] = defaultdict(list)
    for rule in legality:
        by_class[rule.product_class].append(rule)
    return RuleSet(
        version=versions[0],
        legality=tuple(legality),
        claims=tuple(claims),
        authorised=tuple(authorised),
        suggestions=tuple(suggestions),
        _by_class={k: tuple(v) for k, v in by_class.items()},
        advertising=advertising,
        translations=tuple(translations),
    )


def _fail(where: str, rule: Any, problem: str) -> RuleDataError:
    ident = rule.get("id", "?") if isinstance(rule, dict) else "?"
    return RuleDataError(f"{where}: rule {ident}: {problem}")


def _common(raw: dict[str, Any], where: str) -> tuple[str, tuple[str, ...], date]:
    rule_id = raw.get("id")
    if not isinstance(rule_id, str) or not _ID_RE.match(rule_id):
        raise _fail(where, raw, "id must be upper-case letters, digits, '.', '-'")
    source = raw.get("source")
    if isinstance(source, str):
        source = [source]
    if not source or not all(isinstance(s, str) and s.strip() for s in source):
        raise _fail(where, raw, "every rule needs a source")
    reviewed = raw.get("reviewed")
    if not isinstance(reviewed, date):
        raise _fail(where, raw, "'reviewed' must be a TOML date")
    return rule_id, tuple(source), reviewed


def _optional_date(raw: dict[str, Any], key: str, where: str) -> date | None:
    value = raw.get(key)
    if value is not None and not isinstance(value, date):
        raise _fail(where, raw, f"'{key}' must be a TOML date")
    return value


def _legality(raw: dict[str, Any], where: str) -> LegalityRule:
    rule_id, source, reviewed = _common(raw, where)
    product_class = raw.get("class")
    if product_class not in ProductClass.values:
        raise _fail(where, raw, f"unknown class {product_class!r}")
    jurisdiction = region_normalise(raw.get("jurisdiction"))
    if jurisdiction is None or jurisdiction != raw.get("jurisdiction"):
        raise _fail(where, raw, "jurisdiction must be an upper-case ISO 3166 code")
    decision = raw.get("decision")
    if decision not in DECISIONS:
        raise _fail(where, raw, f"decision must be one of {DECISIONS}")
    conditions = raw.get("conditions", {})
    min_age = conditions.get("min_age")
    if min_age is not None and (not isinstance(min_age, int) or min_age < 0):
        raise _fail(where, raw, "min_age must be a whole number")
    assurance = conditions.get("assurance", "none")
    if assurance not in ASSURANCE_LEVELS:
        raise _fail(where, raw, f"assurance must be one of {ASSURANCE_LEVELS}")
    limits = conditions.get("limits", {})
    # Limits are strings so that quantities such as "0.3" stay exact (no floats).
    if not all(isinstance(v, str) for v in limits.values()):
        raise _fail(where, raw, "limits must be strings, e.g. '0.3'")
    if decision == "prohibited" and (min_age or assurance != "none"):
        raise _fail(where, raw, "a prohibition carries no age conditions")
    start = _optional_date(raw, "effective_from", where)
    until = _optional_date(raw, "effective_until", where)
    if start and until and until < start:
        raise _fail(where, raw, "effective_until is before effective_from")
    return LegalityRule(
        id=rule_id,
        product_class=product_class,
        jurisdiction=jurisdiction,
        decision=decision,
        min_age=min_age,
        assurance=assurance,
        limits=tuple(sorted(limits.items())),
        binding=bool(raw.get("binding", False)),
        effective_from=start,
        effective_until=until,
        source=source,
        reviewed=reviewed,
        confirmed=bool(raw.get("confirmed", True)),
        note=str(raw.get("note", "")),
        reason=_optional_text(raw, "reason", where),
        authority=_optional_text(raw, "authority", where),
    )


def _optional_text(raw: dict[str, Any], key: str, where: str) -> str:
    value = raw.get(key, "")
    if not isinstance(value, str):
        raise _fail(where, raw, f"{key} must be text")
    return " ".join(value.split())


def _severity_map(
    raw: dict[str, Any], key: str, where: str
) -> tuple[tuple[str, str], ...]:
    value = raw.get(key, {})
    if not isinstance(value, dict):
        raise _fail(where, raw, f"'{key}' must be a table of regime = severity")
    for regime, severity in value.items():
        allowed = SEVERITIES if key == "severity" else ARTICLE_SEVERITIES
        if regime not in REGIMES or severity not in allowed:
            raise _fail(where, raw, f"bad {key} entry {regime} = {severity!r}")
    return tuple(sorted(value.items()))


_TERM_RE = re.compile(r"@([a-z_]+)@")


def _expand(pattern: str, terms: dict[str, str], where: str, raw: Any) -> str:
    """Substitute @term@ references, then turn the space conventions into regex."""
    for _ in range(5):  # terms may refer to terms; five levels is plenty
        if not _TERM_RE.search(pattern):
            break
        try:
            pattern = _TERM_RE.sub(lambda m: terms[m.group(1)], pattern)
        except KeyError as exc:
            raise _fail(where, raw, f"unknown term {exc}") from exc
    else:
        raise _fail(where, raw, "terms nest too deeply")
    if re.search(r"\[[^\]]* [^\]]*\]", pattern):
        # The space convention would corrupt a character class; use (?:-| ) instead.
        raise _fail(where, raw, "no literal spaces inside [...] in patterns")
    return pattern.replace(" ?", r"\s*").replace(" ", r"\s+")


def _patterns(
    raw: dict[str, Any], key: str, where: str, terms: dict[str, str]
) -> tuple[str, ...]:
    patterns = [_expand(p, terms, where, raw) for p in raw.get(key, [])]
    for pattern in patterns:
        try:
            compiled = re.compile(pattern)
        except re.error as exc:
            raise _fail(where, raw, f"{key} {pattern!r}: {exc}") from exc
        # The matcher tells rules apart by their named group; inner groups would
        # confuse that, so the data must use (?:...) only.
        if compiled.groups:
            raise _fail(where, raw, f"{key} {pattern!r} must not capture; use (?:...)")
    return tuple(patterns)


def _claim(raw: dict[str, Any], where: str, terms: dict[str, str]) -> ClaimRule:
    rule_id, source, reviewed = _common(raw, where)
    severity = _severity_map(raw, "severity", where)
    if not severity:
        raise _fail(
            where, raw, "a claims rule needs a severity for at least one regime"
        )
    patterns = _patterns(raw, "patterns", where, terms)
    if not patterns:
        raise _fail(where, raw, "a claims rule needs patterns")
    examples = raw.get("examples", {})
    positive = tuple(examples.get("positive", ()))
    negative = tuple(examples.get("negative", ()))
    if not positive or not negative:
        raise _fail(where, raw, "a claims rule needs positive and negative examples")
    relief = raw.get("authorised_relief", "")
    if relief not in _RELIEF:
        raise _fail(where, raw, f"authorised_relief must be one of {_RELIEF}")
    return ClaimRule(
        id=rule_id,
        category=str(raw.get("category", "")) or rule_id,
        description=str(raw.get("description", "")),
        severity=severity,
        article_severity=_severity_map(raw, "article_severity", where),
        linked_article_severity=_severity_map(raw, "linked_article_severity", where),
        patterns=patterns,
        exempt=_patterns(raw, "exempt", where, terms),
        exempt_in=_exempt_in(raw, where, terms),
        authorised_relief=relief,
        suggestion=raw.get("suggestion"),
        positive=positive,
        negative=negative,
        source=source,
        reviewed=reviewed,
    )


def _advertising(
    raw: dict[str, Any], where: str, terms: dict[str, str]
) -> AdvertisingSignal:
    rule_id, source, reviewed = _common(raw, where)
    patterns = _patterns(raw, "patterns", where, terms)
    examples = raw.get("examples", {})
    positive = tuple(examples.get("positive", ()))
    negative = tuple(examples.get("negative", ()))
    if not patterns or not positive or not negative:
        raise _fail(where, raw, "[advertising] needs patterns and examples")
    return AdvertisingSignal(rule_id, patterns, positive, negative, source, reviewed)


def _authorised(raw: dict[str, Any], where: str) -> AuthorisedClaim:
    rule_id, source, reviewed = _common(raw, where)
    wording = raw.get("wording")
    if not isinstance(wording, str) or not wording.strip():
        raise _fail(where, raw, "an authorised claim needs its wording")
    regimes = tuple(raw.get("regimes", ("eu", "uk")))
    if not set(regimes) <= set(REGIMES):
        raise _fail(where, raw, "unknown regime in 'regimes'")
    return AuthorisedClaim(
        id=rule_id,
        nutrient=str(raw.get("nutrient", "")),
        wording=wording,
        regimes=regimes,
        source=source,
        reviewed=reviewed,
    )


def _translation(raw: dict[str, Any], where: str) -> AuthorisedTranslation:
    rule_id, source, reviewed = _common(raw, where)
    language = raw.get("language")
    if not isinstance(language, str) or not language:
        raise _fail(where, raw, "a translated wording needs its language")
    (pattern,) = _patterns({"pattern": [raw.get("pattern", "")]}, "pattern", where, {})
    examples = raw.get("examples", {})
    positive = tuple(examples.get("positive", ()))
    negative = tuple(examples.get("negative", ()))
    if not positive or not negative:
        raise _fail(
            where, raw, "a translated wording needs positive and negative examples"
        )
    return AuthorisedTranslation(
        id=rule_id,
        language=language,
        pattern=pattern,
        positive=positive,
        negative=negative,
        source=source,
        reviewed=reviewed,
    )


def _exempt_in(
    raw: dict[str, Any], where: str, terms: dict[str, str]
) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """Lawful senses that only one regime recognises (e.g. US natural states)."""
    value = raw.get("exempt_in", {})
    if not isinstance(value, dict) or not set(value) <= set(REGIMES):
        raise _fail(where, raw, "'exempt_in' must be a table of regime = [patterns]")
    return tuple(
        sorted(
            (regime, _patterns({**raw, "p": patterns}, "p", where, terms))
            for regime, patterns in value.items()
        )
    )


def _suggestion(raw: dict[str, Any], where: str, claim_ids: set[str]) -> Suggestion:
    """A lawful rewording offered when a finding of the listed rules matches."""
    rule_id, source, reviewed = _common(raw, where)
    rules = tuple(raw.get("rules", ()))
    if not rules or not set(rules) <= claim_ids:
        raise _fail(where, raw, "a suggestion must name the claims rules it serves")
    when = raw.get("when", "")
    try:
        re.compile(when)
    except re.error as exc:
        raise _fail(where, raw, f"'when' {when!r}: {exc}") from exc
    texts = raw.get("text", {})
    if not isinstance(texts, dict) or not texts or not set(texts) <= set(REGIMES):
        raise _fail(where, raw, "'text' must be a table of regime = suggestion")
    return Suggestion(
        id=rule_id,
        rules=rules,
        when=when,
        text=tuple(sorted(texts.items())),
        source=source,
        reviewed=reviewed,
    )
