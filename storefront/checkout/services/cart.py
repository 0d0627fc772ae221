"""The cart: creating it, adding, changing and removing lines, merging at sign-in."""

from collections.abc import Mapping, Sequence

from django.db import transaction
from django.utils import timezone

from storefront.accounts.models import User
from storefront.catalogue import regulation
from storefront.catalogue.models import (
    ProductChannelListing,
    ProductVariant,
    ProductVariantChannelListing,
)
from storefront.channels.models import Channel
from storefront.checkout.errors import ProductNotAvailableInRegionError
from storefront.checkout.models import (
    Checkout,
    CheckoutLine,
)
from storefront.checkout.selectors import (
    CheckoutInfo,
    checkout_info_build,
    checkout_info_fetch,
    checkout_max_quantity_per_line,
    checkout_region_follows_shopper,
    product_listings_for_channel,
    variant_listings_for_channel,
)
from storefront.checkout.services.base import Code, _invalid, email_clean
from storefront.inventory.errors import InsufficientStockError
from storefront.inventory.selectors import stock_available_quantities
from storefront.subscriptions.errors import SubscriptionErrorCode
from storefront.subscriptions.models import SubscriptionPlan
from storefront.subscriptions.services.cart import plan_get


def checkout_create(
    *,
    channel: Channel,
    region: str,
    user: User | None = None,
    email: str = "",
) -> Checkout:
    """Open an empty checkout in a channel for a guest or a customer.

    Raises:
        ValidationError: ``email`` given but not an email address.
    """
    checkout = _checkout_new(channel=channel, region=region, user=user, email=email)
    checkout.save(force_insert=True)
    return checkout


def _checkout_new(
    *, channel: Channel, region: str, user: User | None, email: str
) -> Checkout:
    if email:
        email = email_clean(email)
    elif user is not None:
        email = getattr(user, "email", "")
    return Checkout(
        channel=channel,
        currency=channel.currency_code,
        region=region,
        user=user if user is not None and user.is_authenticated else None,
        email=email,
    )


def checkout_create_with_lines(
    *,
    channel: Channel,
    region: str,
    lines: Sequence[tuple[object, object]],
    user: User | None = None,
    email: str = "",
) -> CheckoutInfo:
    """Open a checkout holding ``lines`` ((variant id, quantity) pairs, in order).

    Each line is checked as ``checkout_line_add`` checks it, and a variant given
    twice gets one line with the quantities summed; the variants, their listings
    and stock are read once for all lines, and the checkout's info is built from
    those reads. Runs in one transaction.

    Raises:
        ValidationError, ProductNotAvailableInRegionError, InsufficientStockError:
            as ``checkout_create`` and ``checkout_line_add`` do, for the first
            line at fault; nothing is written then.
    """
    checkout = _checkout_new(channel=channel, region=region, user=user, email=email)
    pks = set()
    for variant_id, _quantity in lines:
        try:
            pks.add(int(str(variant_id)))
        except ValueError:
            continue
    variants = ProductVariant.objects.select_related("product__product_type").in_bulk(
        pks
    )
    listings = variant_listings_for_channel(channel_id=channel.pk, variant_ids=pks)
    product_listings = product_listings_for_channel(
        channel_id=channel.pk,
        product_ids={variant.product_id for variant in variants.values()},
    )
    tracked = [pk for pk, variant in variants.items() if variant.track_inventory]
    available = (
        stock_available_quantities(channel_id=channel.pk, variant_ids=tracked)
        if tracked
        else {}
    )
    by_variant: dict[int, CheckoutLine] = {}
    for variant_id, quantity in lines:
        amount = _parse_quantity(quantity, allow_zero=False)
        try:
            variant = variants[int(str(variant_id))]
        except (ValueError, KeyError):
            raise _invalid(
                "variant", "Choose a product option.", Code.NOT_FOUND
            ) from None
        _membership_check_not_one_off(checkout=checkout, variant=variant)
        _variant_check_listed(
            checkout=checkout,
            variant=variant,
            listing=listings.get(variant.pk),
            product_listing=product_listings.get(variant.product_id),
        )
        line = by_variant.get(variant.pk)
        new_quantity = amount + (line.quantity if line else 0)
        _quantity_check(
            checkout=checkout,
            variant=variant,
            quantity=new_quantity,
            available=available,
        )
        if line is None:
            by_variant[variant.pk] = CheckoutLine(
                checkout=checkout, variant=variant, quantity=new_quantity
            )
        else:
            line.quantity = new_quantity
    with transaction.atomic(savepoint=False):
        checkout.save(force_insert=True)
        created = CheckoutLine.objects.bulk_create(by_variant.values())
    return checkout_info_build(
        checkout=checkout,
        lines=created,
        listings=listings,
        product_listings=product_listings,
        available=available,
    )


def _parse_quantity(raw: object, *, allow_zero: bool) -> int:
    try:
        quantity = int(str(raw).strip())
    except (TypeError, ValueError):
        raise _invalid("quantity", "Enter a whole number.", Code.INVALID) from None
    if quantity < 0 or (quantity == 0 and not allow_zero):
        raise _invalid(
            "quantity", "The quantity must be at least 1.", Code.ZERO_QUANTITY
        )
    return quantity


def _quantity_limit(variant: ProductVariant) -> int:
    limit = checkout_max_quantity_per_line()
    if variant.quantity_limit_per_customer:
        limit = min(limit, variant.quantity_limit_per_customer)
    return limit


def _variant_check_sellable(*, checkout: Checkout, variant: ProductVariant) -> None:
    channel = checkout.channel
    _variant_check_listed(
        checkout=checkout,
        variant=variant,
        listing=ProductVariantChannelListing.objects.filter(
            variant=variant, channel=channel
        ).first(),
        product_listing=ProductChannelListing.objects.filter(
            product_id=variant.product_id, channel=channel
        ).first(),
    )


def _variant_check_listed(
    *,
    checkout: Checkout,
    variant: ProductVariant,
    listing: ProductVariantChannelListing | None,
    product_listing: ProductChannelListing | None,
) -> None:
    """``_variant_check_sellable`` with the variant's listings already read."""
    channel = checkout.channel
    now = timezone.now()
    if listing is None or product_listing is None:
        raise _invalid(
            "variant",
            "This product is not sold in the %(channel)s shop.",
            Code.UNAVAILABLE_VARIANT_IN_CHANNEL,
            channel=channel.name,
        )
    if not product_listing.is_published or (
        product_listing.published_at and product_listing.published_at > now
    ):
        raise _invalid(
            "variant", "This product is not on sale.", Code.PRODUCT_NOT_PUBLISHED
        )
    if (
        product_listing.available_for_purchase_at is not None
        and product_listing.available_for_purchase_at > now
    ):
        raise _invalid(
            "variant",
            "This product cannot be bought yet.",
            Code.PRODUCT_UNAVAILABLE_FOR_PURCHASE,
        )
    region = (
        checkout.shipping_address.region
        if checkout.shipping_address
        else (checkout.region)
    )
    decision = regulation.line_decide(
        product_class=variant.product.regulated_class, region=region
    )
    if decision.prohibited:
        raise ProductNotAvailableInRegionError(
            f"{variant.product.name} cannot be sold to your region: {decision.reason}",
            field="variant",
        )


def _quantity_check(
    *,
    checkout: Checkout,
    variant: ProductVariant,
    quantity: int,
    available: Mapping[int, int] | None = None,
) -> None:
    """``available``: the stock left by variant, when already read."""
    limit = _quantity_limit(variant)
    if quantity > limit:
        raise _invalid(
            "quantity",
            "You can buy at most %(limit)d of this item at a time.",
            Code.QUANTITY_GREATER_THAN_LIMIT,
            limit=limit,
        )
    if not variant.track_inventory:
        return
    if available is None:
        available = stock_available_quantities(
            channel_id=checkout.channel_id, variant_ids=[variant.pk]
        )
    left = available.get(variant.pk, 0)
    if quantity > left:
        if left <= 0:
            raise InsufficientStockError(items=[variant.sku])
        raise _invalid(
            "quantity",
            "Only %(available)d left in stock.",
            Code.INSUFFICIENT_STOCK,
            available=left,
        )


def checkout_line_add(
    *,
    checkout: Checkout,
    variant_id: object,
    quantity: object,
    is_subscription: bool = False,
    subscription_interval: str | None = None,
) -> CheckoutLine:
    """Add units of a variant, or more units to its existing line.

    Raises:
        ValidationError: ``variant`` unknown or not for sale in the channel;
            ``quantity`` not a whole number, below 1, over the per-line maximum
            (CHECKOUT_MAX_QUANTITY_PER_LINE or the variant's own limit) or over the
            stock left.
        ProductNotAvailableInRegionError: the product may not be sold to the
            shopper's region (field ``variant``), with the rule's reason.
        InsufficientStockError: nothing left at all.
        ValidationError: ``purchase`` when a membership is added as a one-off
            line (membership is granted by a subscription only).
    """
    amount = _parse_quantity(quantity, allow_zero=False)
    try:
        variant = ProductVariant.objects.select_related("product__product_type").get(
            pk=int(str(variant_id))
        )
    except (ValueError, ProductVariant.DoesNotExist):
        raise _invalid("variant", "Choose a product option.", Code.NOT_FOUND) from None
    if not is_subscription:
        _membership_check_not_one_off(checkout=checkout, variant=variant)
    with transaction.atomic():
        locked = (
            Checkout.objects.select_for_update(of=("self",))
            .select_related("channel", "shipping_address")
            .get(pk=checkout.pk)
        )
        _variant_check_sellable(checkout=locked, variant=variant)
        line = CheckoutLine.objects.filter(
            checkout=locked, variant=variant, is_subscription=is_subscription
        ).first()
        new_quantity = amount + (line.quantity if line else 0)
        _quantity_check(checkout=locked, variant=variant, quantity=new_quantity)
        if line is None:
            line = CheckoutLine.objects.create(
                checkout=locked,
                variant=variant,
                quantity=new_quantity,
                is_subscription=is_subscription,
                subscription_interval=subscription_interval,
            )
        else:
            line.quantity = new_quantity
            line.save(update_fields=["quantity"])
        locked.save(update_fields=["last_change"])
    return line


def _membership_check_not_one_off(
    *, checkout: Checkout, variant: ProductVariant
) -> None:
    """Refuse a membership bought as a one-off line: nothing would grant access.

    Memberships are digital, so physical products cost no query here.
    """
    if variant.product.product_type.is_shipping_required:
        return

    if SubscriptionPlan.objects.filter(
        product_id=variant.product_id,
        channel_id=checkout.channel_id,
        is_active=True,
        is_membership=True,
    ).exists():
        raise _invalid(
            "purchase",
            "%(product)s is a membership that renews until you cancel it; add it "
            "from its page and choose how often it renews.",
            Code.INVALID,
            product=variant.product.name,
        )


def checkout_line_update(
    *, checkout: Checkout, line_id: object, quantity: object
) -> None:
    """Set a line's quantity; 0 removes the line.

    Raises:
        ValidationError: ``line`` not in this checkout; ``quantity`` invalid, over
            the limit or over the stock left.
    """
    amount = _parse_quantity(quantity, allow_zero=True)
    with transaction.atomic():
        locked = Checkout.objects.select_for_update().get(pk=checkout.pk)
        line = _line_get(locked, line_id)
        if amount == 0:
            line.delete()
        else:
            if amount > line.quantity or amount > _quantity_limit(line.variant):
                _quantity_check(checkout=locked, variant=line.variant, quantity=amount)
            line.quantity = amount
            line.save(update_fields=["quantity"])
        locked.save(update_fields=["last_change"])


def checkout_line_delete(*, checkout: Checkout, line_id: object) -> None:
    """Remove a line.

    Raises:
        ValidationError: ``line`` is not in this checkout.
    """
    with transaction.atomic():
        locked = Checkout.objects.select_for_update().get(pk=checkout.pk)
        _line_get(locked, line_id).delete()
        locked.save(update_fields=["last_change"])


def checkout_lines_remove_undeliverable(*, checkout: Checkout) -> list[str]:
    """Remove every line the rules forbid shipping to the checkout's address.

    What the shopper chooses when the address step stops on such lines. Locks the
    checkout; returns the names of the products removed (empty when none).
    """
    with transaction.atomic():
        locked = Checkout.objects.select_for_update().get(pk=checkout.pk)
        info = checkout_info_fetch(checkout=locked)
        undeliverable = info.undeliverable_lines
        if not undeliverable:
            return []
        CheckoutLine.objects.filter(
            pk__in=[line.line.pk for line in undeliverable]
        ).delete()
        locked.save(update_fields=["last_change"])
    return [line.product.name for line in undeliverable]


def _line_get(checkout: Checkout, line_id: object) -> CheckoutLine:
    try:
        return CheckoutLine.objects.select_related("variant").get(
            checkout=checkout, pk=int(str(line_id))
        )
    except (ValueError, CheckoutLine.DoesNotExist):
        raise _invalid(
            "line", "This item is no longer in your cart.", Code.NOT_FOUND
        ) from None


def checkout_merge(*, guest_checkout: Checkout | None, user: User) -> Checkout | None:
    """On sign-in, move a guest's lines into the customer's open checkout.

    Quantities of the same variant are summed and capped at the per-line limit and
    the stock left; the guest checkout is then deleted. Without a customer
    checkout, the guest checkout simply becomes the customer's.
    """
    if guest_checkout is None:
        return None
    with transaction.atomic():
        guest = (
            Checkout.objects.select_for_update().filter(pk=guest_checkout.pk).first()
        )
        if guest is None:
            return None
        if guest.user_id == user.pk:
            return guest
        own = (
            Checkout.objects.select_for_update()
            .filter(user=user, channel_id=guest.channel_id)
            .exclude(pk=guest.pk)
            .order_by("-last_change")
            .first()
        )
        if own is None:
            guest.user = user
            guest.email = guest.email or user.email
            guest.save(update_fields=["user", "email", "last_change"])
            return guest
        existing = {
            (line.variant_id, line.is_subscription): line for line in own.lines.all()
        }
        guest_lines = list(guest.lines.select_related("variant"))
        available = stock_available_quantities(
            channel_id=own.channel_id,
            variant_ids=[line.variant_id for line in guest_lines],
        )
        for line in guest_lines:
            variant = line.variant
            cap = _quantity_limit(variant)
            if variant.track_inventory:
                cap = min(cap, max(available.get(variant.pk, 0), 0))
            target = existing.get((line.variant_id, line.is_subscription))
            if target is None:
                quantity = min(line.quantity, cap) if cap > 0 else line.quantity
                CheckoutLine.objects.create(
                    checkout=own,
                    variant=variant,
                    quantity=quantity,
                    is_subscription=line.is_subscription,
                    subscription_interval=line.subscription_interval,
                )
            else:
                summed = target.quantity + line.quantity
                target.quantity = (
                    max(min(summed, cap), target.quantity) if cap else summed
                )
                target.save(update_fields=["quantity"])
        guest.delete()
        own.save(update_fields=["last_change"])
    return own


def checkout_region_sync(*, checkout: Checkout, region: str) -> Checkout:
    """Follow the shopper's chosen region while no shipping address decides it.

    Lines that the new region's rules forbid stay in the cart, marked unavailable
    with the reason (see ``CheckoutLineInfo.problem``); nothing is dropped.
    """
    if checkout_region_follows_shopper(checkout=checkout, region=region):
        Checkout.objects.filter(pk=checkout.pk).update(
            region=region, last_change=timezone.now()
        )
        checkout.region = region
    return checkout


def subscription_line_add(
    *,
    checkout: Checkout,
    variant_id: object,
    quantity: object,
    purchase: str,
    interval: str | None,
) -> CheckoutLine:
    """Add a variant to the cart once (``purchase="once"``) or on subscription.

    A subscription line is a checkout line with ``is_subscription`` and the interval
    set; the checkout's totals give it the plan's discount. Subscribing needs a
    signed-in customer, since the subscription is managed from the account.

    Raises:
        ValidationError: ``purchase`` is neither "once" nor "subscribe"; the product
            has no plan in the channel (``purchase``); ``interval`` missing or not
            offered; the customer is not signed in (``purchase``); and the errors
            of ``checkout.services.checkout_line_add``.
        ProductNotAvailableInRegionError, InsufficientStockError: from
            ``checkout_line_add``.
    """
    if purchase in ("", "once", None):
        return checkout_line_add(
            checkout=checkout, variant_id=variant_id, quantity=quantity
        )
    if purchase != "subscribe":
        raise _invalid(
            "purchase", "Choose one-time or subscribe.", SubscriptionErrorCode.INVALID
        )
    try:
        variant = ProductVariant.objects.get(pk=int(str(variant_id)))
    except (ValueError, ProductVariant.DoesNotExist):
        raise _invalid(
            "variant", "Choose a product option.", SubscriptionErrorCode.NOT_FOUND
        ) from None
    plan = plan_get(product_id=variant.product_id, channel_id=checkout.channel_id)
    if plan is None:
        raise _invalid(
            "purchase",
            "This product cannot be bought on subscription.",
            SubscriptionErrorCode.NO_PLAN,
        )
    if not interval:
        raise _invalid(
            "interval",
            "Choose how often to receive it.",
            SubscriptionErrorCode.REQUIRED,
        )
    if interval not in plan.intervals:
        raise _invalid(
            "interval",
            "Choose one of the delivery frequencies offered.",
            SubscriptionErrorCode.INTERVAL_NOT_OFFERED,
        )
    if checkout.user_id is None:
        if plan.is_membership:
            # A membership is granted to an account: there must be one to grant.
            raise _invalid(
                "purchase",
                "Sign in or create an account to become a member; your membership "
                "belongs to your account.",
                SubscriptionErrorCode.REQUIRED,
            )
        raise _invalid(
            "purchase",
            "Sign in or create an account to subscribe; you manage it from there.",
            SubscriptionErrorCode.REQUIRED,
        )
    with transaction.atomic():
        line = checkout_line_add(
            checkout=checkout,
            variant_id=variant.pk,
            quantity=quantity,
            is_subscription=True,
            subscription_interval=interval,
        )
        if line.subscription_interval != interval:
            line.subscription_interval = interval
            line.save(update_fields=["subscription_interval"])
    return line
