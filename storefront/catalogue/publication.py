"""The claims check that guards publishing or listing a product in a channel."""

from compliance.claims.services import claims_publish_check
from storefront.catalogue.errors import ProductClaimsBlockedError
from storefront.catalogue.models import Product
from storefront.channels.models import Channel


def product_claims_text(*, product: Product) -> str:
    """The text the claims rules read: name, description and benefit bullets.

    Officers' overrides are bound to this exact text, so the compliance scan
    (``compliance_sources``) and publishing build it the same way.
    """
    return "\n".join([product.name, product.description, *(product.benefits or [])])


def product_publication_check(*, product: Product, channel: Channel) -> None:
    """Refuse publication when the product's text breaks the channel's claims rules.

    A compliance officer's override for this exact text lets it through. A refusal
    is recorded in the compliance audit log by ``claims_publish_check``.

    Raises:
        ProductClaimsBlockedError: a blocking finding without an override;
            ``error.data["findings"]`` lists ``(rule, category, text)`` tuples.
    """
    decision = claims_publish_check(
        obj_type="product",
        obj_id=product.pk,
        text=product_claims_text(product=product),
        regimes=(channel.claims_regime,),
        obj_label=product.name,
        context="product",
    )
    if decision.allowed:
        return
    findings = [(f.rule, f.category, f.text) for f in decision.blocking]
    quoted = ", ".join(sorted({f'"{text}"' for _, _, text in findings}))
    raise ProductClaimsBlockedError(
        f"The product's text cannot be published in {channel.name}: {quoted} "
        "breaks the claims rules. Reword it, or ask a compliance officer to review it.",
        field="description",
        findings=findings,
        regime=channel.claims_regime,
    )
