"""``{% subscription_options product %}``: the subscribe-and-save choice."""

from typing import Any

from django import template

from storefront.subscriptions.pricing import interval_label, subscribe_and_save_amount
from storefront.subscriptions.selectors import plan_offer_for_product

register = template.Library()


@register.inclusion_tag("subscriptions/plan_options.html", takes_context=True)
def subscription_options(
    context: template.Context, product: Any, variant: Any = None
) -> dict[str, Any]:
    """The choice between buying once and subscribing; with ``variant`` (priced in
    the channel) it also shows both prices, so the saving is plain to see."""
    region = context.get("shopper_region")
    channel = getattr(region, "channel", None)
    offer = (
        plan_offer_for_product(product_id=product.pk, channel_id=channel.pk)
        if channel is not None and product is not None
        else None
    )
    once = subscribed = None
    if offer is not None and getattr(variant, "price_amount", None) is not None:
        once = variant.price_amount
        subscribed = subscribe_and_save_amount(
            once, discount_percent=offer.discount_percent, currency=variant.currency
        )
    return {
        "offer": offer,
        "user": context.get("user"),
        "price_once": once,
        "price_subscribed": subscribed,
        "saving": once - subscribed if once is not None else None,
        "currency": getattr(variant, "currency", None),
        "variant_name": getattr(variant, "name", "") or getattr(variant, "sku", ""),
    }


@register.filter
def subscription_interval(value: str | None) -> str:
    """``"every 4 weeks"`` for ``"4w"``."""
    return interval_label(value)
