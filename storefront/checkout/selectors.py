"""Reads for the cart and checkout pages, loaded in a fixed number of queries."""

import uuid
from collections.abc import Collection, Iterator, Sequence
from dataclasses import dataclass, field, replace
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db.models import Min, QuerySet
from django.utils import timezone

from storefront.accounts.models import Address
from storefront.accounts.selectors import (
    address_for_checkout_prefill,
    address_get_for_user,
)
from storefront.catalogue import regulation
from storefront.catalogue.models import (
    Product,
    ProductChannelListing,
    ProductVariant,
    ProductVariantChannelListing,
)
from storefront.channels.models import Channel
from storefront.channels.selectors import channel_allowed_countries
from storefront.checkout.errors import CheckoutErrorCode
from storefront.checkout.models import Checkout, CheckoutLine
from storefront.discounts.models import VoucherChannelListing
from storefront.inventory.selectors import (
    UNTRACKED_AVAILABLE,
    stock_available_quantities,
)
from storefront.orders.selectors import order_billing_address_last_used
from storefront.shipping.models import ShippingMethod, ShippingMethodChannelListing


@dataclass(frozen=True)
class LineProblem:
    code: CheckoutErrorCode
    message: str


@dataclass(frozen=True)
class CheckoutLineInfo:
    line: CheckoutLine
    variant: ProductVariant
    product: Product
    listing: ProductVariantChannelListing | None
    product_listing: ProductChannelListing | None
    available_quantity: int
    decision: regulation.LineDecision
    problem: LineProblem | None

    @property
    def is_available(self) -> bool:
        return self.problem is None


@dataclass(frozen=True)
class CheckoutInfo:
    """Everything the checkout pages and totals need, loaded once (Saleor's)."""

    checkout: Checkout
    lines: tuple[CheckoutLineInfo, ...]
    shipping_listing: ShippingMethodChannelListing | None
    voucher_listing: VoucherChannelListing | None
    # The methods serving the address, read on first use: validation, the totals
    # and the API's fields all ask within one request.
    _offered: list = field(default_factory=list, repr=False, compare=False)

    @property
    def channel(self) -> Channel:
        return self.checkout.channel

    @property
    def shipping_required(self) -> bool:
        """Whether anything in the cart must be delivered (Saleor's rule).

        True as soon as ONE line's product type needs shipping; a cart of digital
        goods only (the membership) skips the address and delivery steps.
        """
        return any(
            info.product.product_type.is_shipping_required for info in self.lines
        )

    @property
    def region(self) -> str:
        """The law and tax that apply; see ``checkout_region``."""
        return checkout_region(
            checkout=self.checkout, shipping_required=self.shipping_required
        )

    @property
    def country(self) -> str:
        return self.region.split("-", 1)[0]

    @property
    def unavailable_lines(self) -> list[CheckoutLineInfo]:
        return [info for info in self.lines if info.problem is not None]

    @property
    def undeliverable_lines(self) -> list[CheckoutLineInfo]:
        """Lines the rules forbid shipping to the checkout's shipping address.

        Empty until a shipping address is given (the shopper's chosen region only
        badges products; the address decides) and for carts with nothing to ship.
        """
        if self.checkout.shipping_address_id is None or not self.shipping_required:
            return []
        return [
            info
            for info in self.lines
            if info.problem is not None
            and info.problem.code == CheckoutErrorCode.NOT_AVAILABLE_IN_REGION
        ]

    @property
    def quantity(self) -> int:
        return sum(info.line.quantity for info in self.lines)


def checkout_region(*, checkout: Checkout, shipping_required: bool) -> str:
    """The region whose rules and tax rate apply to a checkout.

    Goods that are delivered follow the shipping address once it is given; a cart
    with nothing to deliver follows the billing address (where the buyer is). Until
    the address that counts is known, the region the shopper chose applies.
    """
    address = (
        checkout.shipping_address if shipping_required else checkout.billing_address
    )
    return address.region if address is not None else checkout.region


def checkout_shipping_required(*, checkout: Checkout) -> bool:
    """Whether any line of the checkout needs delivery (one query).

    For pages that do not load the whole ``CheckoutInfo``; an empty cart needs none.
    """
    return CheckoutLine.objects.filter(
        checkout=checkout, variant__product__product_type__is_shipping_required=True
    ).exists()


def checkout_get_by_token(*, token: str | uuid.UUID | None) -> Checkout | None:
    """The checkout with this token, or ``None`` for a missing or malformed token."""
    if not token:
        return None
    try:
        parsed = uuid.UUID(str(token))
    except ValueError:
        return None
    return _checkout_queryset().filter(token=parsed).first()


def checkout_get_for_user(*, user_id: int, channel_id: int) -> Checkout | None:
    """The signed-in customer's open checkout in a channel, the newest if several."""
    return (
        _checkout_queryset()
        .filter(user_id=user_id, channel_id=channel_id)
        .order_by("-last_change")
        .first()
    )


def checkout_get_for_shopper(
    *,
    user_id: int | None,
    token: str | None,
    channel_id: int,
    region: str | None = None,
) -> Checkout | None:
    """The shopper's open checkout in their channel, read only: a signed-in
    customer's newest there, else the session's guest cart.

    A guest token that names an account's checkout or another channel's counts as
    no cart. Given the shopper's ``region``, the checkout comes with it applied in
    memory where ``checkout_region_follows_shopper`` says it follows it, so what a
    page shows of it (availability, tax) is what the cart page shows once
    ``checkout_region_sync`` has saved that region.
    Runs one query, none without a user or a usable token.
    """
    if user_id is not None:
        checkout = checkout_get_for_user(user_id=user_id, channel_id=channel_id)
    else:
        checkout = checkout_get_by_token(token=token)
        if checkout is not None and (
            checkout.user_id is not None or checkout.channel_id != channel_id
        ):
            checkout = None
    if (
        checkout is not None
        and region is not None
        and checkout_region_follows_shopper(checkout=checkout, region=region)
    ):
        checkout.region = region
    return checkout


def checkout_region_follows_shopper(*, checkout: Checkout, region: str) -> bool:
    """Whether the checkout should take the shopper's newly chosen region: only
    while no shipping address decides where the goods go."""
    return (
        checkout.shipping_address_id is None
        and bool(region)
        and checkout.region != region
    )


def _checkout_queryset() -> QuerySet[Checkout]:
    return Checkout.objects.select_related(
        "channel", "shipping_address", "billing_address", "shipping_method", "voucher"
    )


def checkout_info_fetch(*, checkout: Checkout) -> CheckoutInfo:
    """Load lines, prices, stock, shipping and voucher for a checkout.

    Runs a fixed number of queries whatever the number of lines (at most six).
    When no line needs delivery, a shipping method left over from an earlier cart
    is ignored (no shipping price) and the billing address decides the region.
    """
    channel = checkout.channel
    lines = list(
        CheckoutLine.objects.filter(checkout=checkout)
        .select_related("variant__product__product_type")
        .order_by("created_at", "pk")
    )
    variant_ids = [line.variant_id for line in lines]
    listings: dict[int, ProductVariantChannelListing] = {}
    product_listings: dict[int, ProductChannelListing] = {}
    available: dict[int, int] = {}
    if lines:
        listings = variant_listings_for_channel(
            channel_id=channel.pk, variant_ids=variant_ids
        )
        product_listings = product_listings_for_channel(
            channel_id=channel.pk,
            product_ids={line.variant.product_id for line in lines},
        )
        available = stock_available_quantities(
            channel_id=channel.pk, variant_ids=variant_ids
        )
    return checkout_info_build(
        checkout=checkout,
        lines=lines,
        listings=listings,
        product_listings=product_listings,
        available=available,
    )


def variant_listings_for_channel(
    *, channel_id: int, variant_ids: Collection[int]
) -> dict[int, ProductVariantChannelListing]:
    """The variants' price listings in a channel, by variant id (one query)."""
    return {
        listing.variant_id: listing
        for listing in ProductVariantChannelListing.objects.filter(
            variant_id__in=variant_ids, channel_id=channel_id
        )
    }


def product_listings_for_channel(
    *, channel_id: int, product_ids: Collection[int]
) -> dict[int, ProductChannelListing]:
    """The products' listings in a channel, by product id (one query)."""
    return {
        listing.product_id: listing
        for listing in ProductChannelListing.objects.filter(
            product_id__in=product_ids, channel_id=channel_id
        )
    }


def checkout_info_build(
    *,
    checkout: Checkout,
    lines: Sequence[CheckoutLine],
    listings: dict[int, ProductVariantChannelListing],
    product_listings: dict[int, ProductChannelListing],
    available: dict[int, int],
) -> CheckoutInfo:
    """``checkout_info_fetch`` from lines (with their variant, product and product
    type), listings and stock already read: decides each line for the checkout's
    region as it stands, and reads only the shipping and voucher listings."""
    shipping_required = any(
        line.variant.product.product_type.is_shipping_required for line in lines
    )
    region = checkout_region(checkout=checkout, shipping_required=shipping_required)
    infos = []
    for line in lines:
        variant = line.variant
        decision = regulation.line_decide(
            product_class=variant.product.regulated_class, region=region
        )
        info_available = (
            available.get(variant.pk, 0)
            if variant.track_inventory
            else UNTRACKED_AVAILABLE
        )
        infos.append(
            CheckoutLineInfo(
                line=line,
                variant=variant,
                product=variant.product,
                listing=listings.get(variant.pk),
                product_listing=product_listings.get(variant.product_id),
                available_quantity=info_available,
                decision=decision,
                problem=_line_problem(
                    line=line,
                    listing=listings.get(variant.pk),
                    product_listing=product_listings.get(variant.product_id),
                    available=info_available,
                    decision=decision,
                ),
            )
        )
    channel = checkout.channel
    voucher_listing = None
    if checkout.voucher_id:
        voucher_listing = VoucherChannelListing.objects.filter(
            voucher_id=checkout.voucher_id, channel=channel
        ).first()
    info = CheckoutInfo(
        checkout=checkout,
        lines=tuple(infos),
        shipping_listing=None,
        voucher_listing=voucher_listing,
    )
    if not (checkout.shipping_method_id and shipping_required):
        return info
    # The chosen method's price comes with the methods serving the address, which
    # validation and the answer ask for next; one still chosen but no longer
    # serving the address keeps its price until the shopper chooses again.
    shipping_listing = next(
        (
            listing
            for method, listing in shipping_methods_for_checkout(info=info)
            if method.pk == checkout.shipping_method_id
        ),
        None,
    ) or (
        ShippingMethodChannelListing.objects.filter(
            shipping_method_id=checkout.shipping_method_id, channel=channel
        ).first()
    )
    return replace(info, shipping_listing=shipping_listing)


def checkout_info_refresh(*, info: CheckoutInfo) -> CheckoutInfo:
    """The info of ``info.checkout`` after its addresses, shipping method or
    voucher changed, from the lines, listings and stock ``info`` holds: the
    lines are decided again for the region that now applies."""
    return checkout_info_build(
        checkout=info.checkout,
        lines=[line.line for line in info.lines],
        listings={
            line.variant.pk: line.listing
            for line in info.lines
            if line.listing is not None
        },
        product_listings={
            line.product.pk: line.product_listing
            for line in info.lines
            if line.product_listing is not None
        },
        available={line.variant.pk: line.available_quantity for line in info.lines},
    )


def _line_problem(
    *,
    line: CheckoutLine,
    listing: ProductVariantChannelListing | None,
    product_listing: ProductChannelListing | None,
    available: int,
    decision: regulation.LineDecision,
) -> LineProblem | None:
    now = timezone.now()
    if listing is None or product_listing is None:
        return LineProblem(
            CheckoutErrorCode.UNAVAILABLE_VARIANT_IN_CHANNEL,
            "No longer sold in this shop's channel.",
        )
    if not product_listing.is_published or (
        product_listing.published_at and product_listing.published_at > now
    ):
        return LineProblem(
            CheckoutErrorCode.PRODUCT_NOT_PUBLISHED, "No longer on sale."
        )
    if (
        product_listing.available_for_purchase_at is not None
        and product_listing.available_for_purchase_at > now
    ):
        return LineProblem(
            CheckoutErrorCode.PRODUCT_UNAVAILABLE_FOR_PURCHASE,
            "Not available to buy yet.",
        )
    if decision.prohibited:
        return LineProblem(CheckoutErrorCode.NOT_AVAILABLE_IN_REGION, decision.reason)
    if available <= 0:
        return LineProblem(CheckoutErrorCode.INSUFFICIENT_STOCK, "Out of stock.")
    if line.quantity > available:
        return LineProblem(
            CheckoutErrorCode.INSUFFICIENT_STOCK,
            f"Only {available} left; lower the quantity.",
        )
    return None


def shipping_methods_for_checkout(
    *, info: CheckoutInfo
) -> list[tuple[ShippingMethod, ShippingMethodChannelListing]]:
    """Methods of the zones covering the shipping country in the checkout's channel.

    One query per ``info`` (kept with it); each method comes with its price
    listing in the channel.
    """
    address = info.checkout.shipping_address
    if address is None:
        return []
    key = (address.pk, str(address.country))
    if info._offered and info._offered[0][0] == key:
        return list(info._offered[0][1])
    country = key[1]
    listings = (
        ShippingMethodChannelListing.objects.filter(
            channel=info.checkout.channel,
            shipping_method__zone__channels=info.checkout.channel,
            shipping_method__zone__countries__contains=country,
        )
        .select_related("shipping_method__zone")
        .order_by("price_amount", "shipping_method__name")
        .distinct()
    )
    offered = [(listing.shipping_method, listing) for listing in listings]
    info._offered[:] = [(key, offered)]
    return list(offered)


def checkout_max_quantity_per_line() -> int:
    return int(getattr(settings, "CHECKOUT_MAX_QUANTITY_PER_LINE", 50))


def free_shipping_threshold(*, channel_id: int) -> Decimal | None:
    """The lowest order value above which some delivery option in the channel is free
    (the cart's "free shipping" progress bar), or None when none is. One query."""
    return ShippingMethodChannelListing.objects.filter(
        channel_id=channel_id, free_above_amount__isnull=False
    ).aggregate(lowest=Min("free_above_amount"))["lowest"]


def checkout_email_prefill(*, checkout: Checkout, user: Any) -> str:
    """The email a checkout's details step starts with: the checkout's, else the
    signed-in account's, else none."""
    if checkout.email:
        return checkout.email
    return user.email if user is not None and user.is_authenticated else ""


def checkout_address_prefill(
    *, checkout: Checkout, user: Any, billing: bool
) -> dict[str, str]:
    """What the email and address form of a checkout step starts with.

    The address is the checkout's own one when it has it (the shipping address,
    or with ``billing`` the billing address). Otherwise a signed-in customer's
    saved one: for shipping their default shipping address, else their newest
    address-book entry; for billing their default billing address, else the
    billing address of their latest order, else the shipping choice. An address
    in a country the channel does not sell to is never offered.

    Without an address, only what the shopper told the shop: the country of the
    region they chose and, for a subdivision such as "US-CA", its area, so the
    address they type keeps that region. The country is never simply the first
    of the channel's list: it is the region's country when the channel sells
    there, else the channel's own country. The email is the checkout's, else the
    signed-in account's.
    """
    allowed = channel_allowed_countries(channel=checkout.channel)
    signed_in = user is not None and user.is_authenticated
    email = checkout_email_prefill(checkout=checkout, user=user)
    for address in _prefill_candidates(
        checkout=checkout, user=user if signed_in else None, billing=billing
    ):
        if address is not None and str(address.country) in allowed:
            return {**address.as_data(), "email": email}
    country, _, area = checkout.region.partition("-")
    if country not in allowed:
        default = str(checkout.channel.default_country)
        country, area = (default if default in allowed else allowed[0]), ""
    return {"email": email, "country": country, "country_area": area}


def _prefill_candidates(
    *, checkout: Checkout, user: Any, billing: bool
) -> Iterator[Address | None]:
    # A generator, so that the first usable address stops the look-ups.
    yield checkout.billing_address if billing else checkout.shipping_address
    if user is None:
        return
    if billing:
        if user.default_billing_address_id is not None:
            yield address_get_for_user(user=user, pk=user.default_billing_address_id)
        yield order_billing_address_last_used(user_id=user.pk)
    yield address_for_checkout_prefill(user=user)
