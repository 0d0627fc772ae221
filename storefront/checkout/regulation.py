"""The checkout's single door to the compliance rules on where a product may ship.

``compliance.regions.availability_decide`` is the authority; this module only turns
its answer into what the cart needs (is the line blocked, why, what age it needs).
"""

from dataclasses import dataclass
from functools import lru_cache

from compliance.product_classes import ProductClass


@dataclass(frozen=True)
class LineDecision:
    prohibited: bool
    reason: str
    min_age: int | None = None
    assurance: str = "none"
    rules_version: str = ""


_ALLOWED = LineDecision(prohibited=False, reason="")


def line_decide(*, product_class: str, region: str) -> LineDecision:
    """Whether a product of this class may ship to the region, and at what age."""
    if not product_class or product_class == ProductClass.GENERAL:
        return _ALLOWED
    return _decide(product_class, region)


@lru_cache(maxsize=1024)
def _decide(product_class: str, region: str) -> LineDecision:
    from compliance.regions import availability_decide

    decision = availability_decide(product_class=product_class, region=region)
    kind = str(getattr(decision.decision, "value", decision.decision))
    return LineDecision(
        prohibited=kind == "prohibited",
        reason=decision.reason or "",
        min_age=decision.min_age,
        assurance=str(
            getattr(decision.assurance, "value", decision.assurance) or "none"
        ),
        rules_version=str(decision.rules_version or ""),
    )


def line_decide_cache_clear() -> None:
    _decide.cache_clear()
