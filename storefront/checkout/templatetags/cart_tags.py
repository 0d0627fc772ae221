"""Cart pieces for templates: the header's count, lines with pictures, the free
shipping progress and the order summary beside the checkout steps."""

from decimal import Decimal
from typing import Any

from django import template
from django.core.exceptions import ObjectDoesNotExist

from storefront.catalogue.selectors import product_first_images
from storefront.checkout.calculations import checkout_totals_calculate
from storefront.checkout.selectors import (
    checkout_info_fetch,
    checkout_quantity_for_shopper,
    free_shipping_threshold,
)
from storefront.checkout.views import SESSION_KEY

register = template.Library()


@register.simple_tag(takes_context=True)
def cart_quantity(context: template.Context) -> int:
    request: Any = context.get("request")
    try:
        channel = request.shopper_region.channel
    except (AttributeError, ObjectDoesNotExist):
        # No request, or a shop without an active channel yet: nothing in a cart.
        return 0
    # A page that already loaded the cart counts its lines instead of asking again.
    info = context.get("info")
    if info is not None and hasattr(info, "lines"):
        return sum(line.line.quantity for line in info.lines)
    user = request.user
    return checkout_quantity_for_shopper(
        user_id=user.pk if user.is_authenticated else None,
        token=request.session.get(SESSION_KEY),
        channel_id=channel.pk,
    )


@register.simple_tag
def cart_rows(info: Any, totals: Any) -> list[dict[str, Any]]:
    """Each cart line with its prices and first picture, for the cart and the order
    summary (one query for every picture together)."""
    if info is None:
        return []
    by_line = {item.line_id: item for item in getattr(totals, "lines", ())}
    images = product_first_images(product_ids=[row.product.pk for row in info.lines])
    rows = []
    for row in info.lines:
        prices = by_line.get(row.line.pk)
        image, alt = images.get(row.product.pk, ("", ""))
        rows.append(
            {
                "info": row,
                "unit": prices.unit_price.gross if prices else None,
                "total": prices.total_price.gross if prices else None,
                "image": image,
                "alt": alt,
            }
        )
    return rows


@register.inclusion_tag("checkout/_free_shipping.html")
def free_shipping_progress(checkout: Any, totals: Any) -> dict[str, Any]:
    """How far the cart is from free delivery, against the same entered subtotal
    the free-shipping rule uses."""
    if checkout is None or totals is None:
        return {}
    threshold = free_shipping_threshold(channel_id=checkout.channel_id)
    if threshold is None or threshold <= 0:
        return {}
    # The subtotal as the channel enters prices: what shipping.pricing compares.
    entered = totals.subtotal_entered
    remaining = max(threshold - entered.amount, Decimal(0))
    return {
        "threshold": threshold,
        "remaining": remaining,
        "currency": entered.currency,
        "percent": min(100, int(entered.amount * 100 / threshold)),
    }


@register.inclusion_tag("checkout/_summary.html", takes_context=True)
def checkout_summary(context: template.Context) -> dict[str, Any]:
    """The order summary beside every checkout step: lines, pictures and totals."""
    checkout = context.get("checkout")
    info, totals = context.get("info"), context.get("totals")
    if checkout is not None and (info is None or totals is None):
        info = checkout_info_fetch(checkout=checkout)
        totals = checkout_totals_calculate(info=info)
    return {"checkout": checkout, "info": info, "totals": totals}
