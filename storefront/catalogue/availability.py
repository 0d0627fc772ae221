"""What the shopper's region allows, decided once per product class per request."""

from collections.abc import Iterable

from storefront.catalogue.models import Product


def products_attach_region_decisions(
    *, products: Iterable[Product], region: str
) -> dict[str, object]:
    """Set ``product.region_decision`` on each product; return the decisions by class.

    Wired to compliance.regions.availability_decide once that module exists; until
    then every product carries ``None`` (no badge, nothing hidden).
    """
    products = list(products)
    decisions: dict[str, object] = {}
    for product in products:
        product.region_decision = decisions.get(product.regulated_class)  # type: ignore[attr-defined]
    return decisions
