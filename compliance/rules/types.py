"""Frozen value types for the loaded rule data."""

from dataclasses import dataclass, field
from datetime import date

REGIMES = ("us", "eu", "uk")
SEVERITIES = ("block", "warn", "disclaimer")
# In editorial text a rule may not apply at all: "none" switches it off there.
ARTICLE_SEVERITIES = (*SEVERITIES, "none")
# Ordered weakest to strongest: comparisons use the index.
DECISIONS = ("allowed", "restricted", "prohibited")
ASSURANCE_LEVELS = ("none", "self_declared", "verified")


@dataclass(frozen=True)
class LegalityRule:
    """What the law says about one product class in one jurisdiction."""

    id: str
    product_class: str
    jurisdiction: str
    decision: str
    min_age: int | None
    assurance: str
    limits: tuple[tuple[str, str], ...]
    binding: bool
    effective_from: date | None
    effective_until: date | None
    source: tuple[str, ...]
    reviewed: date
    confirmed: bool
    note: str
    # What a shopper reads when the rule refuses a sale: the reason in plain words
    # and the law or regulator it rests on (``source`` is the research trail).
    reason: str = ""
    authority: str = ""

    def in_effect(self, on_date: date) -> bool:
        if self.effective_from is not None and on_date < self.effective_from:
            return False
        return not (self.effective_until is not None and on_date > self.effective_until)


@dataclass(frozen=True)
class ClaimRule:
    """A family of claim phrasings and how each regime treats them."""

    id: str
    category: str
    description: str
    severity: tuple[tuple[str, str], ...]
    article_severity: tuple[tuple[str, str], ...]
    # How an article that embeds products treats the phrasing: as product copy
    # (R2) unless the rule says the editorial reading stands there too.
    linked_article_severity: tuple[tuple[str, str], ...]
    patterns: tuple[str, ...]
    exempt: tuple[str, ...]
    exempt_in: tuple[tuple[str, tuple[str, ...]], ...]
    authorised_relief: str
    suggestion: str | None
    positive: tuple[str, ...]
    negative: tuple[str, ...]
    source: tuple[str, ...]
    reviewed: date

    def severity_for(self, regime: str, *, context: str = "product") -> str | None:
        overrides = {
            "article": self.article_severity,
            "linked_article": self.linked_article_severity,
        }.get(context, ())
        chosen = dict(overrides)
        if regime in chosen:
            return None if chosen[regime] == "none" else chosen[regime]
        return dict(self.severity).get(regime)


@dataclass(frozen=True)
class AuthorisedClaim:
    """A wording from the EU/GB register of authorised health claims."""

    id: str
    nutrient: str
    wording: str
    regimes: tuple[str, ...]
    source: tuple[str, ...]
    reviewed: date


@dataclass(frozen=True)
class AuthorisedTranslation:
    """The shape of a register wording in another EU language ("Vitamin C, das zu
    einer normalen Funktion des Immunsystems beitraegt"). The register is kept in
    English here, so a translation is never "exactly as written": beside a general
    claim it makes the claim one for an officer, not a lawful one (Art. 10(3))."""

    id: str
    language: str
    pattern: str
    positive: tuple[str, ...]
    negative: tuple[str, ...]
    source: tuple[str, ...]
    reviewed: date


@dataclass(frozen=True)
class Suggestion:
    """A rewording that fits a kind of finding, per regime.

    ``when`` is a regular expression searched in the folded text of the finding;
    the first suggestion whose rules and ``when`` match replaces the rule's own.
    """

    id: str
    rules: tuple[str, ...]
    when: str
    text: tuple[tuple[str, str], ...]
    source: tuple[str, ...]
    reviewed: date

    def text_for(self, regime: str) -> str | None:
        return dict(self.text).get(regime)


@dataclass(frozen=True)
class AdvertisingSignal:
    """Wording that makes editorial text advertising (a call to buy, a shop link, a
    customer testimonial): such an article is checked as product copy (R2)."""

    id: str
    patterns: tuple[str, ...]
    positive: tuple[str, ...]
    negative: tuple[str, ...]
    source: tuple[str, ...]
    reviewed: date


# eq=False gives identity hashing, so caches can key on a loaded rule set.
@dataclass(frozen=True, eq=False)
class RuleSet:
    version: str
    legality: tuple[LegalityRule, ...]
    claims: tuple[ClaimRule, ...]
    authorised: tuple[AuthorisedClaim, ...]
    suggestions: tuple[Suggestion, ...]
    _by_class: dict[str, tuple[LegalityRule, ...]] = field(repr=False)
    advertising: AdvertisingSignal | None = None
    translations: tuple[AuthorisedTranslation, ...] = ()

    def legality_for(self, product_class: str) -> tuple[LegalityRule, ...]:
        return self._by_class.get(product_class, ())
