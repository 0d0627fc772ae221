import uuid
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from django.db.models import QuerySet, Sum

from storefront.payments.models import Payment, PaymentStatus

# A payment that took or reserved money.
MONEY_HELD = (PaymentStatus.AUTHORIZED, PaymentStatus.CHARGED)
# A payment still in progress with the customer or the provider.
IN_PROGRESS = (PaymentStatus.PENDING, PaymentStatus.ACTION_REQUIRED)


def payment_get_by_token(*, token: str | uuid.UUID) -> Payment | None:
    """The payment with this public token, or ``None`` for unknown or malformed."""
    try:
        parsed = uuid.UUID(str(token))
    except ValueError:
        return None
    return Payment.objects.filter(token=parsed).first()


def payment_get_by_psp_reference(*, gateway: str, psp_reference: str) -> Payment | None:
    """The payment a gateway knows by this reference, or ``None``."""
    return Payment.objects.filter(gateway=gateway, psp_reference=psp_reference).first()


def payment_list_open_for_checkout(*, checkout_token: uuid.UUID) -> QuerySet[Payment]:
    """A checkout's payments that hold money or are in progress, with no order yet.

    Oldest first; payments held for review (amounts that did not match) are
    left out: staff decide about those.
    """
    return (
        Payment.objects.filter(
            checkout_token=checkout_token,
            order__isnull=True,
            status__in=(*MONEY_HELD, *IN_PROGRESS),
        )
        .exclude(metadata__has_key="held_for_review")
        .order_by("created_at", "pk")
    )


def payment_list_stranded(*, updated_before: datetime) -> QuerySet[Payment]:
    """Checkout payments that hold money but no order, unchanged since a time.

    Renewal payments (no checkout) and payments held for review are left out.
    """
    return (
        Payment.objects.filter(
            checkout_token__isnull=False,
            order__isnull=True,
            status__in=MONEY_HELD,
            updated_at__lt=updated_before,
        )
        .exclude(metadata__has_key="held_for_review")
        .order_by("updated_at", "pk")
    )


# The API reports how much of a total is covered in Saleor's words; checkouts and orders
# share these so a checkout and the order placed from it describe the same money alike.
def payment_share_status(*, covered: Decimal, total: Decimal, overcharge: bool) -> str:
    """How much of ``total`` is covered: "none", "partial", "full" or "overcharged".

    Nothing owed counts as fully covered, so a free order reads as paid.
    """
    if covered <= 0:
        return "full" if total <= 0 else "none"
    if overcharge and covered > total:
        return "overcharged"
    return "full" if covered >= total else "partial"


def payment_charge_status(
    *, charged: Decimal, refunded: Decimal, total: Decimal
) -> str:
    """Saleor's payment charge status of a total, refunds included."""
    if refunded and refunded >= charged:
        return "fully_refunded"
    if refunded:
        return "partially_refunded"
    if charged and charged >= total:
        return "fully_charged"
    return "partially_charged" if charged else "not_charged"


@dataclass(frozen=True)
class PaymentShares:
    authorize_status: str
    charge_status: str


def payment_shares(
    *, authorized: Decimal, charged: Decimal, total: Decimal
) -> PaymentShares:
    """Authorised and charged shares of a total; charged money is authorised too."""
    return PaymentShares(
        authorize_status=payment_share_status(
            covered=authorized + charged, total=total, overcharge=False
        ),
        charge_status=payment_share_status(
            covered=charged, total=total, overcharge=True
        ),
    )


def checkout_payment_shares(
    *, checkout_token: str | uuid.UUID, total: Decimal
) -> PaymentShares:
    """Shares of a checkout's total covered by its payments not failed or voided."""
    live = Payment.objects.filter(checkout_token=checkout_token).exclude(
        status__in=[PaymentStatus.FAILED, PaymentStatus.CANCELED]
    )
    sums = live.aggregate(
        authorized=Sum("authorized_value", default=Decimal(0)),
        charged=Sum("charged_value", default=Decimal(0)),
    )
    return payment_shares(
        authorized=sums["authorized"], charged=sums["charged"], total=total
    )
