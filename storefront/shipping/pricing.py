"""What a shipping method costs a cart: the one free-shipping rule.

The threshold is compared with the subtotal as the channel enters prices (net in
a net-priced channel, gross in a gross-priced one), after no discount; checkout,
renewals, the pages and the API all ask here.
"""

from decimal import Decimal

from storefront.shipping.models import ShippingMethodChannelListing


def shipping_is_free(
    *, listing: ShippingMethodChannelListing, subtotal_entered: Decimal
) -> bool:
    """Whether the cart's entered subtotal reaches the method's free threshold."""
    threshold = listing.free_above_amount
    return threshold is not None and subtotal_entered >= threshold


def shipping_price_entered(
    *, listing: ShippingMethodChannelListing, subtotal_entered: Decimal
) -> Decimal:
    """The method's price as entered in its channel, or 0 when shipping is free."""
    if shipping_is_free(listing=listing, subtotal_entered=subtotal_entered):
        return Decimal(0)
    return listing.price_amount
