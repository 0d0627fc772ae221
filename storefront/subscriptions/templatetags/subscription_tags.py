"""``{% subscription_options product %}``: the subscribe-and-save choice."""

from typing import Any

from django import template

from storefront.subscriptions.pricing import interval_label
from storefront.subscriptions.selectors import plan_offer_for_product

register = template.Library()


@register.inclusion_tag("subscriptions/plan_options.html", takes_context=True)
def subscription_options(context: template.Context, product: Any) -> dict[str, Any]:
    region = context.get("shopper_region")
    channel = getattr(region, "channel", None)
    offer = (
        plan_offer_for_product(product_id=product.pk, channel_id=channel.pk)
        if channel is not None and product is not None
        else None
    )
    return {"offer": offer, "user": context.get("user")}


@register.filter
def subscription_interval(value: str | None) -> str:
    """``"every 4 weeks"`` for ``"4w"``."""
    return interval_label(value)
