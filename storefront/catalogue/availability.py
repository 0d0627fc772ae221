"""What the shopper's region allows, decided once per product class per request."""

from collections.abc import Iterable

from compliance.regions import RegionDecision, availability_decide
from storefront.catalogue.models import Product


def products_attach_region_decisions(
    *, products: Iterable[Product], region: str
) -> dict[str, RegionDecision]:
    """Set ``product.region_decision`` on each product; return the decisions by class.

    ``availability_decide`` runs once per distinct regulated class, however many
    products share it.
    """
    products = list(products)
    decisions: dict[str, RegionDecision] = {}
    for product in products:
        product_class = product.regulated_class
        if product_class not in decisions:
            decisions[product_class] = availability_decide(
                product_class=product_class, region=region
            )
        product.region_decision = decisions[product_class]  # type: ignore[attr-defined]
    return decisions


def product_classes_sellable(
    *, product_classes: Iterable[str], region: str
) -> set[str]:
    """The classes among ``product_classes`` the region does not prohibit."""
    return {
        product_class
        for product_class in set(product_classes)
        if availability_decide(product_class=product_class, region=region).decision
        != "prohibited"
    }
