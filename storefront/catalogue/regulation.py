"""The single door to the compliance rules on where a product may ship.

``compliance.regions.availability_decide`` is the authority; this module only turns
its answer into what the cart needs (is the line blocked, why, what age it needs).
"""

from dataclasses import dataclass

from compliance.regions import availability_decide


@dataclass(frozen=True)
class LineDecision:
    prohibited: bool
    reason: str
    min_age: int | None = None
    assurance: str = "none"
    rules_version: str = ""


def line_decide(*, product_class: str, region: str) -> LineDecision:
    """Whether a product of this class may ship to the region, and at what age.

    Pure computation over the loaded rule data (no queries), so it is safe to call
    once per cart line and inside the order's transaction.
    """
    decision = availability_decide(
        product_class=product_class or "general", region=region
    )
    return LineDecision(
        prohibited=decision.decision == "prohibited",
        reason=decision.explained or "",
        min_age=decision.min_age,
        assurance=decision.assurance or "none",
        rules_version=decision.rules_version or "",
    )
