"""Cart and checkout: lines, addresses, shipping, vouchers, payment and completion."""

import logging
import uuid
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from common.errors import DomainError
from storefront.accounts.addresses import address_validate
from storefront.accounts.models import Address
from storefront.catalogue.models import (
    ProductChannelListing,
    ProductVariant,
    ProductVariantChannelListing,
)
from storefront.channels.models import Channel
from storefront.checkout import regulation
from storefront.checkout.calculations import CheckoutTotals, checkout_totals_calculate
from storefront.checkout.errors import (
    CheckoutError,
    CheckoutErrorCode,
    CheckoutNotReadyError,
    InsufficientStockError,
    ProductNotAvailableInRegionError,
    TotalChangedError,
    UnavailableLinesError,
)
from storefront.checkout.models import (
    Checkout,
    CheckoutLine,
    Voucher,
    VoucherChannelListing,
    VoucherCustomer,
)
from storefront.checkout.selectors import (
    CheckoutInfo,
    checkout_info_fetch,
    checkout_max_quantity_per_line,
    checkout_shipping_required,
    shipping_methods_for_checkout,
)
from storefront.inventory.allocation import stock_available_quantities

logger = logging.getLogger(__name__)

Code = CheckoutErrorCode


def _invalid(
    field: str, message: str, code: CheckoutErrorCode, **params: Any
) -> ValidationError:
    return ValidationError(
        {field: ValidationError(message, code=code.value, params=params or None)}
    )


# --- the cart ------------------------------------------------------------------------


def checkout_create(
    *,
    channel: Channel,
    region: str,
    user: AbstractBaseUser | None = None,
    email: str = "",
) -> Checkout:
    """Open an empty checkout in a channel for a guest or a customer."""
    return Checkout.objects.create(
        channel=channel,
        currency=channel.currency_code,
        region=region,
        user=user if user is not None and user.is_authenticated else None,
        email=email or (getattr(user, "email", "") if user is not None else ""),
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
    listing = ProductVariantChannelListing.objects.filter(
        variant=variant, channel=channel
    ).first()
    product_listing = ProductChannelListing.objects.filter(
        product_id=variant.product_id, channel=channel
    ).first()
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
    *, checkout: Checkout, variant: ProductVariant, quantity: int
) -> None:
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
    available = stock_available_quantities(
        channel_id=checkout.channel_id, variant_ids=[variant.pk]
    ).get(variant.pk, 0)
    if quantity > available:
        if available <= 0:
            raise InsufficientStockError(items=[variant.sku])
        raise _invalid(
            "quantity",
            "Only %(available)d left in stock.",
            Code.INSUFFICIENT_STOCK,
            available=available,
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
    from storefront.subscriptions.models import SubscriptionPlan

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


def _line_get(checkout: Checkout, line_id: object) -> CheckoutLine:
    try:
        return CheckoutLine.objects.select_related("variant").get(
            checkout=checkout, pk=int(str(line_id))
        )
    except (ValueError, CheckoutLine.DoesNotExist):
        raise _invalid(
            "line", "This item is no longer in your cart.", Code.NOT_FOUND
        ) from None


def checkout_merge(
    *, guest_checkout: Checkout | None, user: AbstractBaseUser
) -> Checkout | None:
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
    if checkout.shipping_address_id is None and region and checkout.region != region:
        Checkout.objects.filter(pk=checkout.pk).update(
            region=region, last_change=timezone.now()
        )
        checkout.region = region
    return checkout


# --- checkout steps ------------------------------------------------------------------


def checkout_email_set(*, checkout: Checkout, email: object) -> Checkout:
    """Set the email the confirmation goes to.

    Raises:
        ValidationError: ``email`` empty or not an email address.
    """
    value = str(email or "").strip().lower()
    if not value:
        raise _invalid("email", "Enter your email address.", Code.REQUIRED)
    try:
        validate_email(value)
    except ValidationError:
        raise _invalid("email", "Enter a valid email address.", Code.INVALID) from None
    checkout.email = value
    checkout.save(update_fields=["email", "last_change"])
    return checkout


def checkout_shipping_address_set(
    *, checkout: Checkout, data: dict[str, Any]
) -> CheckoutInfo:
    """Validate and store the shipping address; the region's rules are decided again.

    A shipping method that does not serve the new country is cleared. Returns the
    refreshed checkout info, whose lines show any that may not ship there.

    Raises:
        ValidationError: per field, from the country's address rules, or
            ``country`` when the channel does not ship there.
    """
    cleaned = address_validate(data=data)
    _country_check_sold_to(checkout=checkout, country=cleaned["country"], ship=True)
    with transaction.atomic():
        old = checkout.shipping_address
        address = Address.objects.create(user=None, **cleaned)
        checkout.shipping_address = address
        checkout.region = address.region
        if checkout.billing_address_id is None or (
            old is not None and checkout.billing_address_id == old.pk
        ):
            checkout.billing_address = address
        checkout.save()
        info = checkout_info_fetch(checkout=checkout)
        if (
            checkout.shipping_method_id is not None
            and checkout.shipping_method_id
            not in {method.pk for method, _ in shipping_methods_for_checkout(info=info)}
        ):
            checkout.shipping_method = None
            checkout.save(update_fields=["shipping_method", "last_change"])
            info = checkout_info_fetch(checkout=checkout)
        if old is not None and old.pk not in {checkout.billing_address_id}:
            old.delete()
    return info


def _country_check_sold_to(
    *, checkout: Checkout, country: str, ship: bool = False
) -> None:
    allowed = {c.code for c in checkout.channel.countries} or {
        checkout.channel.default_country.code
    }
    if country not in allowed:
        message = (
            "The %(channel)s shop does not ship to this country."
            if ship
            else "The %(channel)s shop does not sell to this country."
        )
        raise _invalid("country", message, Code.INVALID, channel=checkout.channel.name)


def checkout_billing_address_set(
    *, checkout: Checkout, same_as_shipping: bool, data: dict[str, Any] | None = None
) -> Checkout:
    """Use the shipping address for billing, or a separate validated one.

    When nothing in the cart needs delivery, the billing address takes the
    shipping address's part: it decides the region's rules and the tax rate, so
    its country must be one the channel sells to.

    Raises:
        ValidationError: ``shipping_address`` not yet given when asked to reuse
            it (``billing_address`` when the cart needs no delivery); per-field
            address errors; ``country`` when the cart needs no delivery and the
            channel does not sell to the billing country.
    """
    shipping_required = checkout_shipping_required(checkout=checkout)
    if same_as_shipping:
        if checkout.shipping_address_id is None and not shipping_required:
            raise _invalid(
                "billing_address",
                "Enter your billing address; nothing in your cart is delivered.",
                Code.BILLING_ADDRESS_NOT_SET,
            )
        if checkout.shipping_address_id is None:
            raise _invalid(
                "shipping_address",
                "Enter the shipping address first.",
                Code.SHIPPING_ADDRESS_NOT_SET,
            )
        checkout.billing_address_id = checkout.shipping_address_id
        checkout.save(update_fields=["billing_address", "last_change"])
        return checkout
    cleaned = address_validate(data=data or {})
    if not shipping_required:
        _country_check_sold_to(checkout=checkout, country=cleaned["country"])
    with transaction.atomic():
        old_id = checkout.billing_address_id
        checkout.billing_address = Address.objects.create(user=None, **cleaned)
        checkout.save(update_fields=["billing_address", "last_change"])
        if old_id and old_id != checkout.shipping_address_id:
            Address.objects.filter(pk=old_id).delete()
    return checkout


def checkout_shipping_method_set(
    *, checkout: Checkout, shipping_method_id: object
) -> Checkout:
    """Choose one of the methods serving the shipping address in the channel.

    Raises:
        ValidationError: ``shipping_address`` missing, or ``shipping_method`` not
            one of the methods offered.
    """
    if checkout.shipping_address_id is None:
        raise _invalid(
            "shipping_address",
            "Enter the shipping address first.",
            Code.SHIPPING_ADDRESS_NOT_SET,
        )
    info = checkout_info_fetch(checkout=checkout)
    offered = {
        method.pk: method for method, _ in shipping_methods_for_checkout(info=info)
    }
    try:
        method = offered[int(str(shipping_method_id))]
    except (KeyError, ValueError):
        raise _invalid(
            "shipping_method",
            "Choose one of the delivery options shown.",
            Code.SHIPPING_METHOD_NOT_APPLICABLE,
        ) from None
    checkout.shipping_method = method
    checkout.save(update_fields=["shipping_method", "last_change"])
    return checkout


def checkout_date_of_birth_set(
    *, checkout: Checkout, date_of_birth: object
) -> Checkout:
    """Record the shopper's self-declared date of birth, the first age-check step.

    compliance.age keeps only the result (the age thresholds met, level and
    date); the date of birth itself is not stored anywhere. The declaration is
    recorded even when it is under age (the audit log shows the refusal), and
    then refused against the strictest minimum age of the checkout's lines.

    Raises:
        ValidationError: ``date_of_birth`` missing, malformed, in the future,
            implausible, or under a line's minimum age in the shipping region
            ("You must be 21 or older to buy Kratom in Colorado."); ``email``
            when a guest has not given one yet.
    """
    from compliance.age.services import age_self_declare
    from compliance.errors import InvalidDateOfBirthError
    from storefront.checkout.age import checkout_age_requirements, checkout_age_subject

    if isinstance(date_of_birth, date):
        value = date_of_birth
    else:
        try:
            value = date.fromisoformat(str(date_of_birth or "").strip())
        except ValueError:
            raise _invalid(
                "date_of_birth", "Enter your date of birth as YYYY-MM-DD.", Code.INVALID
            ) from None
    today = timezone.localdate()
    if value > today:
        raise _invalid(
            "date_of_birth", "The date of birth is in the future.", Code.INVALID
        )
    subject = checkout_age_subject(checkout)
    if not subject:
        raise _invalid("email", "Enter your email address first.", Code.EMAIL_NOT_SET)
    try:
        age_self_declare(subject_ref=subject, date_of_birth=value, on_date=today)
    except InvalidDateOfBirthError as exc:
        raise _invalid("date_of_birth", exc.message, Code.INVALID) from None
    age = (
        today.year
        - value.year
        - int((today.month, today.day) < (value.month, value.day))
    )
    info = checkout_info_fetch(checkout=checkout)
    for requirement in checkout_age_requirements(info=info):
        if age < requirement.min_age:
            raise _invalid(
                "date_of_birth",
                requirement.under_age_message,
                Code.AGE_VERIFICATION_REQUIRED,
                min_age=requirement.min_age,
            )
    checkout.save(update_fields=["last_change"])
    return checkout


@dataclass(frozen=True)
class AgeVerificationStart:
    """Where to send the shopper to prove their age, and the session opened."""

    verification_id: int
    provider: str
    redirect_url: str
    threshold: int


def checkout_age_verification_start(
    *, checkout: Checkout, return_url: str, provider: str | None = None
) -> AgeVerificationStart:
    """Open an age-verification session with the provider ("Verify your age").

    Only when a line's rules need assurance ``verified`` and the shopper has
    already declared a date of birth meeting the minimum age (the ladder's first
    step). The session proves the strictest minimum age of the checkout's lines,
    for the same subject the payment check uses.

    Raises:
        ValidationError: ``age_verification`` when no line needs a verified age
            or it is already verified; ``date_of_birth`` when the date of birth
            has not been declared or is under age; ``email`` when a guest has
            not given one yet.
        UnknownAgeProviderError: the provider is not configured.
    """
    from compliance.age.services import age_verification_start
    from storefront.checkout.age import (
        age_provider_default,
        checkout_age_status,
        checkout_age_subject,
    )

    subject = checkout_age_subject(checkout)
    if not subject:
        raise _invalid("email", "Enter your email address first.", Code.EMAIL_NOT_SET)
    info = checkout_info_fetch(checkout=checkout)
    status = checkout_age_status(info=info)
    if status.under_age:
        raise _invalid(
            "date_of_birth",
            status.unmet.under_age_message,
            Code.AGE_VERIFICATION_REQUIRED,
        )
    if status.unmet is None or not status.unmet.needs_verification:
        raise _invalid(
            "age_verification",
            "No item in your cart needs a verified age right now.",
            Code.INVALID,
        )
    if not status.declared:
        raise _invalid(
            "date_of_birth",
            "Enter your date of birth before verifying your age.",
            Code.AGE_VERIFICATION_REQUIRED,
        )
    threshold = max(
        r.min_age
        for r in (status.requirement, status.unmet)
        if r is not None and r.needs_verification
    )
    session = age_verification_start(
        provider=provider or age_provider_default(),
        subject_ref=subject,
        threshold=threshold,
        return_url=return_url,
    )
    return AgeVerificationStart(
        verification_id=session.verification_id,
        provider=session.provider,
        redirect_url=session.redirect_url,
        threshold=threshold,
    )


def _voucher_invalid(message: str, **params: Any) -> ValidationError:
    return _invalid("voucher_code", message, Code.VOUCHER_NOT_APPLICABLE, **params)


def checkout_voucher_apply(*, checkout: Checkout, code: object) -> Checkout:
    """Apply a voucher code after checking dates, channel, minimum spend and usage.

    Raises:
        ValidationError: ``voucher_code`` empty, unknown, expired, not valid in the
            channel, below its minimum spend, used up, or already used by this
            customer.
    """
    value = str(code or "").strip().upper()
    if not value:
        raise _invalid("voucher_code", "Enter a voucher code.", Code.REQUIRED)
    voucher = Voucher.objects.filter(code__iexact=value, is_active=True).first()
    now = timezone.now()
    if voucher is None:
        raise _voucher_invalid("This voucher code is not valid.")
    if (voucher.starts_at and voucher.starts_at > now) or (
        voucher.ends_at and voucher.ends_at < now
    ):
        raise _voucher_invalid("This voucher code has expired.")
    listing = VoucherChannelListing.objects.filter(
        voucher=voucher, channel_id=checkout.channel_id
    ).first()
    if listing is None:
        raise _voucher_invalid("This voucher code cannot be used in this shop.")
    if voucher.usage_limit is not None and voucher.used >= voucher.usage_limit:
        raise _voucher_invalid("This voucher code has been used up.")
    if (
        voucher.apply_once_per_customer
        and checkout.email
        and VoucherCustomer.objects.filter(
            voucher=voucher, customer_email=checkout.email.lower()
        ).exists()
    ):
        raise _voucher_invalid("You have already used this voucher code.")
    checkout.voucher = voucher
    info = checkout_info_fetch(checkout=checkout)
    totals = checkout_totals_calculate(info=info)
    subtotal = (
        totals.subtotal.gross
        if checkout.channel.prices_entered_with_tax
        else totals.subtotal.net
    ).amount
    if listing.min_spent_amount is not None and subtotal < listing.min_spent_amount:
        raise _voucher_invalid(
            "Spend at least %(amount)s %(currency)s to use this voucher code.",
            amount=listing.min_spent_amount,
            currency=listing.currency,
        )
    checkout.save(update_fields=["voucher", "last_change"])
    return checkout


def checkout_voucher_remove(*, checkout: Checkout) -> Checkout:
    """Take the voucher off the checkout."""
    checkout.voucher = None
    checkout.save(update_fields=["voucher", "last_change"])
    return checkout


def voucher_usage_lock_and_count(*, voucher_id: int, customer_email: str) -> None:
    """Count one use of a voucher; must run inside the order's transaction.

    Locks the voucher row, so concurrent orders cannot exceed the usage limit.

    Raises:
        ValidationError: ``voucher_code`` used up or already used by the customer.
    """
    voucher = Voucher.objects.select_for_update().get(pk=voucher_id)
    if voucher.usage_limit is not None and voucher.used >= voucher.usage_limit:
        raise _voucher_invalid("This voucher code has been used up.")
    if voucher.apply_once_per_customer:
        email = customer_email.lower()
        if VoucherCustomer.objects.filter(
            voucher=voucher, customer_email=email
        ).exists():
            raise _voucher_invalid("You have already used this voucher code.")
        VoucherCustomer.objects.create(voucher=voucher, customer_email=email)
    Voucher.objects.filter(pk=voucher.pk).update(used=F("used") + 1)


# --- validation before payment -------------------------------------------------


def _age_problems(info: CheckoutInfo) -> None:
    needed = [
        line for line in info.lines if line.decision.min_age and line.problem is None
    ]
    if not needed:
        return
    from storefront.checkout.age import checkout_age_check

    checkout_age_check(info=info, lines=needed)


def checkout_validate_for_payment(*, info: CheckoutInfo) -> None:
    """Check that a checkout can be paid for and turned into an order.

    A cart that needs no delivery (digital goods only, such as the membership)
    needs no shipping address or method, only the billing address.

    Raises:
        CheckoutNotReadyError: a step is missing (field names the step), or a
            subscription line is in a guest's cart (field ``user``).
        UnavailableLinesError: some lines cannot be bought; they must be removed.
        AgeVerificationRequiredError: an age-restricted line needs the shopper's
            date of birth or a provider check that meets the minimum age.
    """
    checkout = info.checkout
    if not info.lines:
        raise CheckoutNotReadyError("Your cart is empty.", field="lines")
    short = [
        line.variant.sku
        for line in info.unavailable_lines
        if line.problem.code == Code.INSUFFICIENT_STOCK
    ]
    if short:
        raise InsufficientStockError(items=short, field="lines")
    if info.unavailable_lines:
        raise UnavailableLinesError(field="lines")
    if checkout.user_id is None and any(
        line.line.is_subscription for line in info.lines
    ):
        raise CheckoutNotReadyError(
            "Sign in or create an account to subscribe; you manage it from there.",
            field="user",
        )
    if not checkout.email:
        raise CheckoutNotReadyError("Enter your email address.", field="email")
    if not info.shipping_required:
        if checkout.billing_address_id is None:
            raise CheckoutNotReadyError(
                "Enter a billing address.", field="billing_address"
            )
        _age_problems(info)
        return
    if checkout.shipping_address_id is None:
        raise CheckoutNotReadyError(
            "Enter a shipping address.", field="shipping_address"
        )
    if checkout.billing_address_id is None:
        raise CheckoutNotReadyError("Enter a billing address.", field="billing_address")
    if checkout.shipping_method_id is None or info.shipping_listing is None:
        raise CheckoutNotReadyError(
            "Choose a delivery option.", field="shipping_method"
        )
    offered = {m.pk for m, _ in shipping_methods_for_checkout(info=info)}
    if checkout.shipping_method_id not in offered:
        raise CheckoutNotReadyError(
            "The delivery option chosen does not serve this address; choose again.",
            field="shipping_method",
        )
    _age_problems(info)


# --- payment and completion ----------------------------------------------------------


@dataclass(frozen=True)
class PaymentOutcome:
    """What the page should do next: show the order, or send the shopper elsewhere."""

    payment_id: int
    order_id: int | None = None
    action_url: str = ""
    client_secret: str = ""


def checkout_payment_start(
    *,
    checkout: Checkout,
    gateway: str,
    card_number: str = "",
    payment_method_id: str = "",
    return_url: str = "",
) -> PaymentOutcome:
    """Validate the checkout, take the payment and, when it succeeds, complete it.

    Everything is checked BEFORE any money moves. For the dummy gateway the card
    is authorised, then captured inside the order's transaction; a card that needs
    3-D Secure returns ``action_url``. For Stripe without a payment method the
    intent is created and its ``client_secret`` returned for the Payment Element.

    Raises:
        CheckoutNotReadyError, UnavailableLinesError, AgeVerificationRequiredError:
            see ``checkout_validate_for_payment``; no payment is created.
        PaymentDeclinedError: the card was refused; the cart is unchanged.
        PaymentGatewayError: the provider failed; the cart is unchanged.
        InsufficientStockError, ProductNotAvailableInRegionError: found under
            lock while creating the order; the payment is released.
    """
    from storefront.payments.models import PaymentStatus
    from storefront.payments.services import payment_authorize, payment_create

    info = checkout_info_fetch(checkout=checkout)
    checkout_validate_for_payment(info=info)
    totals = checkout_totals_calculate(info=info)
    payment = payment_create(
        gateway=gateway,
        amount=totals.total.gross,
        customer_email=checkout.email,
        checkout_token=checkout.token,
        metadata={"checkout_last_change": checkout.last_change.isoformat()},
    )
    from storefront.subscriptions.services import subscription_payment_options

    payment = payment_authorize(
        payment=payment,
        card_number=card_number,
        payment_method_id=payment_method_id,
        return_url=return_url,
        # A checkout that starts a subscription saves the card (Stripe).
        **subscription_payment_options(checkout=checkout, gateway=gateway),
    )
    if payment.status in {PaymentStatus.ACTION_REQUIRED, PaymentStatus.PENDING}:
        return PaymentOutcome(
            payment_id=payment.pk,
            action_url=payment.metadata.get("action_url", ""),
            client_secret=payment.client_secret,
        )
    order = checkout_complete(checkout_token=checkout.token, payment=payment)
    return PaymentOutcome(payment_id=payment.pk, order_id=order.pk)


def checkout_complete(*, checkout_token: uuid.UUID, payment: Any) -> Any:
    """Turn a checkout whose payment succeeded into its order, exactly once.

    Idempotent per checkout and payment: the browser's return and Stripe's webhook
    may both call it, in any order or at the same time. The checkout row is locked
    first; a second caller finds the order already made and gets it back. The
    checkout is deleted in the order's transaction. An authorised payment is
    captured inside that transaction after the stock is allocated, so a failure
    takes no money; on any failure the payment is voided or refunded.

    Returns the ``orders.Order``.

    Raises:
        CheckoutError: the checkout is gone and never became an order, its total
            changed after paying, or it cannot be bought (stock, region, age).
        InsufficientStockError: the last units went to someone else.
        PaymentError: capturing failed.
    """
    from storefront.orders.models import Order
    from storefront.orders.services import order_payment_attach
    from storefront.payments.models import Payment, PaymentStatus
    from storefront.payments.services import (
        payment_capture,
        payment_release,
    )

    try:
        with transaction.atomic():
            checkout = (
                Checkout.objects.select_for_update(of=("self",))
                .select_related(
                    "channel",
                    "shipping_address",
                    "billing_address",
                    "shipping_method",
                    "voucher",
                )
                .filter(pk=checkout_token)
                .first()
            )
            existing = Order.objects.filter(checkout_token=checkout_token).first()
            locked_payment = Payment.objects.select_for_update().get(pk=payment.pk)
            if existing is not None:
                if locked_payment.order_id == existing.pk:
                    return existing
                # A second payment for a checkout already paid: give it back.
                raise CheckoutError("This cart has already been paid for.")
            if checkout is None:
                raise CheckoutError("This cart no longer exists.", field="checkout")
            if locked_payment.status not in {
                PaymentStatus.AUTHORIZED,
                PaymentStatus.CHARGED,
            }:
                raise CheckoutError("The payment has not succeeded.", field="payment")
            info = checkout_info_fetch(checkout=checkout)
            checkout_validate_for_payment(info=info)
            totals = checkout_totals_calculate(info=info)
            if totals.total.gross != locked_payment.amount:
                raise TotalChangedError()
            order = order_create_from_checkout(info=info, totals=totals)
            order_payment_attach(order_id=order.pk, payment=locked_payment)
            if locked_payment.status == PaymentStatus.AUTHORIZED:
                payment_capture(payment=locked_payment)
                order_payment_attach(order_id=order.pk, payment=locked_payment)
            from storefront.subscriptions.services import (
                subscription_create_from_order,
            )

            subscription_create_from_order(order=order, payment=locked_payment)
            checkout.delete()
    except DomainError as exc:
        payment_release(payment=payment, reason=exc.message)
        raise
    except ValidationError as exc:
        payment_release(payment=payment, reason="; ".join(exc.messages))
        raise
    order.refresh_from_db()
    return order


def order_create_from_checkout(*, info: CheckoutInfo, totals: CheckoutTotals) -> Any:
    """Build the order inputs from a locked, validated checkout and create it.

    Precondition: the caller holds the checkout's row lock in a transaction.
    Returns the ``orders.Order`` (see ``orders.services.order_create``).
    """
    from storefront.orders.services import (
        OrderCreateOptions,
        OrderLineInput,
        OrderTotalsInput,
        VoucherUse,
        order_create,
    )

    checkout = info.checkout
    # Nothing to deliver: the order keeps no shipping address or method.
    shipping_required = info.shipping_required
    unit_prices = {line.line_id: line.unit_price for line in totals.lines}
    lines = [
        OrderLineInput(
            variant=line.variant,
            quantity=line.line.quantity,
            unit_price=unit_prices[line.line.pk],
            tax_rate=totals.tax_rate,
            product_name=line.product.name,
            variant_name=line.variant.name,
            sku=line.variant.sku,
            regulated_class=line.product.regulated_class,
            is_subscription=line.line.is_subscription,
            subscription_interval=line.line.subscription_interval,
        )
        for line in info.lines
    ]
    voucher_use = None
    if checkout.voucher is not None and totals.discount.amount > 0:
        voucher_use = VoucherUse(
            voucher=checkout.voucher, customer_email=checkout.email
        )
    return order_create(
        channel=checkout.channel,
        user=checkout.user,
        email=checkout.email,
        lines=lines,
        shipping_address=checkout.shipping_address if shipping_required else None,
        billing_address=checkout.billing_address,
        shipping_method=checkout.shipping_method if shipping_required else None,
        totals=OrderTotalsInput(
            subtotal=totals.subtotal,
            shipping=totals.shipping,
            discount=totals.discount,
            total=totals.total,
        ),
        region=info.region,
        options=OrderCreateOptions(
            checkout_token=checkout.token,
            voucher_use=voucher_use,
            metadata=_age_metadata(info),
        ),
    )


def _age_metadata(info: CheckoutInfo) -> dict[str, Any]:
    """What the order keeps about the age check: the level on file, never a date."""
    from storefront.checkout.age import checkout_age_requirements, checkout_age_subject

    if not checkout_age_requirements(info=info):
        return {}
    from compliance.age.selectors import age_assurance_for

    assurance = age_assurance_for(checkout_age_subject(info.checkout))
    return {"age_assurance": assurance.level}


def checkout_payment_return(*, payment_token: object, data: dict[str, str]) -> Any:
    """The shopper is back from 3-D Secure or Stripe: confirm and complete.

    Returns the order.

    Raises:
        CheckoutError: unknown payment (field ``payment``).
        PaymentDeclinedError: the check failed; the cart is unchanged.
        and the errors of ``checkout_complete``.
    """
    from storefront.payments.models import Payment, PaymentStatus
    from storefront.payments.services import payment_action_confirm

    try:
        payment = Payment.objects.get(token=uuid.UUID(str(payment_token)))
    except (ValueError, Payment.DoesNotExist):
        raise CheckoutError("This payment does not exist.", field="payment") from None
    if payment.order_id:
        return payment.order
    payment = payment_action_confirm(payment=payment, data=data)
    if payment.status not in {PaymentStatus.AUTHORIZED, PaymentStatus.CHARGED}:
        raise CheckoutError(
            "The payment has not gone through yet. Try again in a moment.",
            field="payment",
        )
    return checkout_complete(checkout_token=payment.checkout_token, payment=payment)
