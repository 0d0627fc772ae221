"""Cart pieces for templates: the header's cart, lines with pictures, the free
shipping progress and the order summary beside the checkout steps."""

from decimal import Decimal
from typing import Any

from django import template
from django.core.exceptions import ObjectDoesNotExist

from storefront.catalogue.selectors import product_first_images
from storefront.checkout.calculations import CheckoutTotals, checkout_totals_calculate
from storefront.checkout.selectors import (
    CheckoutInfo,
    checkout_get_for_shopper,
    checkout_info_fetch,
    free_shipping_threshold,
)
from storefront.checkout.views import SESSION_KEY

register = template.Library()


@register.inclusion_tag("checkout/_mini_cart.html", takes_context=True)
def mini_cart(context: template.Context) -> dict[str, Any]:
    """The header's cart: its count and a drop-down of the lines and subtotal.

    A page that already loaded the cart (the cart and checkout pages) lends its
    ``info`` and ``totals``, so both show the very same figures; elsewhere the
    shopper's cart is read without saving anything, which keeps pages for visitors
    with no cart shareable through the page cache.
    """
    request: Any = context.get("request")
    try:
        region = request.shopper_region
        channel = region.channel
    except (AttributeError, ObjectDoesNotExist):
        # No request, or a shop without an active channel yet: nothing in a cart.
        return {"info": None, "totals": None, "quantity": 0}
    info, totals = context.get("info"), context.get("totals")
    if not (isinstance(info, CheckoutInfo) and isinstance(totals, CheckoutTotals)):
        user = request.user
        checkout = checkout_get_for_shopper(
            user_id=user.pk if user.is_authenticated else None,
            token=request.session.get(SESSION_KEY),
            channel_id=channel.pk,
            region=region.region,
        )
        info, totals = _loaded(context, checkout) if checkout else (None, None)
    return {
        "request": request,
        "checkout": info.checkout if info else None,
        "info": info,
        "totals": totals,
        "quantity": info.quantity if info else 0,
    }


def _loaded(context: template.Context, checkout: Any) -> tuple[Any, Any]:
    def load() -> tuple[Any, Any]:
        info = checkout_info_fetch(checkout=checkout)
        return info, checkout_totals_calculate(info=info)

    return _per_request(context, ("cart", checkout.pk), load)


def _per_request(context: template.Context, key: object, load: Any) -> Any:
    """``load()``, once per request: the header's cart and the page's own cart or
    summary ask for the same pictures and threshold."""
    request = context.get("request")
    if request is None:
        return load()
    memo = request.__dict__.setdefault("_cart_tags_memo", {})
    if key not in memo:
        memo[key] = load()
    return memo[key]


@register.simple_tag(takes_context=True)
def cart_rows(
    context: template.Context, info: Any, totals: Any
) -> list[dict[str, Any]]:
    """Each cart line with its prices and first picture, for the cart, the header's
    cart and the order summary (one query for every picture together)."""
    if info is None:
        return []
    by_line = {item.line_id: item for item in getattr(totals, "lines", ())}
    product_ids = tuple(sorted({row.product.pk for row in info.lines}))
    images = _per_request(
        context,
        ("images", product_ids),
        lambda: product_first_images(product_ids=list(product_ids)),
    )
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


@register.inclusion_tag("checkout/_free_shipping.html", takes_context=True)
def free_shipping_progress(
    context: template.Context, checkout: Any, totals: Any
) -> dict[str, Any]:
    """How far the cart is from free delivery, against the same entered subtotal
    the free-shipping rule uses."""
    if checkout is None or totals is None:
        return {}
    channel_id = checkout.channel_id
    threshold = _per_request(
        context,
        ("free-shipping", channel_id),
        lambda: free_shipping_threshold(channel_id=channel_id),
    )
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
        info, totals = _loaded(context, checkout)
    return {"checkout": checkout, "info": info, "totals": totals}
