"""The claims check that guards publishing a product in a channel."""

from storefront.catalogue.models import Product
from storefront.channels.models import Channel


def product_claims_text(*, product: Product) -> str:
    """The text the claims rules read: name, description and benefit bullets."""
    return "\n".join([product.name, product.description, *(product.benefits or [])])


def product_publication_check(*, product: Product, channel: Channel) -> None:
    """Refuse publication when the product's text breaks the channel's claims rules.

    Raises:
        ProductClaimsBlockedError: a blocking finding without an officer's override.
    """
    # Wired to compliance.claims once that package exists (see report).
    return
