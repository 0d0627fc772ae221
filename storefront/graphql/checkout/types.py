"""The checkout (cart) and what it offers: lines, delivery, totals, gateways."""

from typing import Any

import graphene
from django.db.models import prefetch_related_objects
from prices import Money as PricesMoney

from common.graphql.ids import to_global_id
from common.graphql.scalars import Metadata
from storefront.checkout.calculations import checkout_totals_calculate
from storefront.checkout.errors import CheckoutErrorCode
from storefront.checkout.metadata import checkout_metadata_public
from storefront.checkout.selectors import (
    checkout_info_fetch,
    shipping_methods_for_checkout,
)
from storefront.graphql.account.types import Address, User
from storefront.graphql.channel.types import Channel
from storefront.graphql.compliance.types import CheckoutLineIssue, checkout_compliance
from storefront.graphql.core.context import current_user, with_channel
from storefront.graphql.core.enums import (
    CheckoutAuthorizeStatusEnum,
    CheckoutChargeStatusEnum,
)
from storefront.graphql.core.types import Money, TaxedMoney
from storefront.graphql.payment.types import PaymentGateway, available_gateways
from storefront.graphql.product.types import ProductVariant
from storefront.payments.selectors import PaymentShares, checkout_payment_shares
from storefront.shipping.pricing import shipping_price_entered


class ObjectWithMetadata(graphene.Interface):
    """An object that carries metadata (key-value pairs)."""

    metafields = graphene.Field(Metadata, description="All metadata as one object.")

    @classmethod
    def resolve_type(cls, instance: Any, info: Any) -> Any:
        return Checkout


class ShippingMethod(graphene.ObjectType):
    """A way to ship the order, with its price in the channel."""

    id = graphene.ID(required=True, description="Global id.")
    name = graphene.String(required=True, description="Name.")
    description = graphene.String(description="Description.")
    maximum_delivery_days = graphene.Int(description="Most days to deliver.")
    minimum_delivery_days = graphene.Int(description="Fewest days to deliver.")
    price = graphene.Field(Money, required=True, description="Price for this checkout.")
    active = graphene.Boolean(required=True, description="Whether it can be chosen.")
    message = graphene.String(description="Why it cannot be chosen, if so.")

    @staticmethod
    def resolve_id(root: Any, info: Any) -> str:
        return to_global_id("ShippingMethod", root["method"].pk)

    @staticmethod
    def resolve_name(root: Any, info: Any) -> str:
        return root["method"].name

    @staticmethod
    def resolve_description(root: Any, info: Any) -> str | None:
        return root["method"].description or None

    @staticmethod
    def resolve_maximum_delivery_days(root: Any, info: Any) -> int | None:
        return root["method"].maximum_delivery_days

    @staticmethod
    def resolve_minimum_delivery_days(root: Any, info: Any) -> int | None:
        return root["method"].minimum_delivery_days


def shipping_method_data(
    method: Any, price: PricesMoney, *, active: bool = True
) -> dict:
    return {"method": method, "price": price, "active": active, "message": None}


class Delivery(graphene.ObjectType):
    """A delivery option of the checkout."""

    id = graphene.ID(required=True, description="Id of the option.")
    shipping_method = graphene.Field(ShippingMethod, description="The shipping method.")

    @staticmethod
    def resolve_id(root: Any, info: Any) -> str:
        return to_global_id("Delivery", root["method"].pk)

    @staticmethod
    def resolve_shipping_method(root: Any, info: Any) -> Any:
        return root


class DeliveryMethod(graphene.Union):
    """How the order reaches the customer (shipping only; no pick-up points)."""

    class Meta:
        types = (ShippingMethod,)

    @classmethod
    def resolve_type(cls, instance: Any, info: Any) -> Any:
        return ShippingMethod


class CheckoutProblemDeliveryMethodStale(graphene.ObjectType):
    """The delivery method's price must be recalculated (never reported: prices are
    always current)."""

    delivery = graphene.Field(Delivery, required=True, description="The delivery.")


class CheckoutProblemDeliveryMethodInvalid(graphene.ObjectType):
    """The chosen delivery method no longer serves the shipping address."""

    delivery = graphene.Field(Delivery, required=True, description="The delivery.")


class GiftCard(graphene.ObjectType):
    """A gift card (the shop sells none, so lists of these are empty)."""

    id = graphene.ID(required=True, description="Global id.")
    display_code = graphene.String(
        required=True, description="Last characters of the code."
    )
    current_balance = graphene.Field(Money, required=True, description="Balance left.")


class CheckoutLine(graphene.ObjectType):
    """A line of the checkout: a variant and a quantity."""

    id = graphene.ID(required=True, description="Global id.")
    variant = graphene.Field(ProductVariant, required=True, description="The variant.")
    quantity = graphene.Int(required=True, description="Units.")
    unit_price = graphene.Field(
        TaxedMoney, required=True, description="Price of one unit."
    )
    undiscounted_unit_price = graphene.Field(
        Money, required=True, description="Price of one unit before discounts."
    )
    total_price = graphene.Field(
        TaxedMoney, required=True, description="Price of the line."
    )
    problem = graphene.Field(
        CheckoutLineIssue,
        description="Why the line cannot be bought (region, stock, …), or null.",
    )
    problems = graphene.List(
        graphene.NonNull(lambda: CheckoutLineProblem),
        description="What stops this line, in Saleor's types: too little stock, "
        "or not sold here (channel, publication, region).",
    )

    @staticmethod
    def resolve_id(root: Any, info: Any) -> str:
        return to_global_id("CheckoutLine", root["info"].line.pk)

    @staticmethod
    def resolve_variant(root: Any, info: Any) -> Any:
        line_info = root["info"]
        variant = line_info.variant
        listing = line_info.listing
        variant.price_amount = listing.price_amount if listing else None
        variant.currency = listing.currency if listing else None
        variant.stock_available = line_info.available_quantity
        variant.product = line_info.product
        return with_channel(variant, root["channel"])

    @staticmethod
    def resolve_quantity(root: Any, info: Any) -> int:
        return root["info"].line.quantity

    @staticmethod
    def resolve_unit_price(root: Any, info: Any) -> Any:
        return root["totals"].unit_price if root["totals"] else _zero_taxed(root)

    @staticmethod
    def resolve_undiscounted_unit_price(root: Any, info: Any) -> Any:
        return (
            root["totals"].unit_price if root["totals"] else _zero_taxed(root)
        ).gross

    @staticmethod
    def resolve_total_price(root: Any, info: Any) -> Any:
        return root["totals"].total_price if root["totals"] else _zero_taxed(root)

    @staticmethod
    def resolve_problem(root: Any, info: Any) -> Any:
        problem = root["info"].problem
        if problem is None:
            return None
        return {"code": problem.code.value.upper(), "message": problem.message}

    @staticmethod
    def resolve_problems(root: Any, info: Any) -> list:
        problem = line_problem_data(root)
        return [] if problem is None else [problem]


class CheckoutLineProblemInsufficientStock(graphene.ObjectType):
    """The line asks for more than is in stock."""

    available_quantity = graphene.Int(description="Units that can be bought.")
    line = graphene.Field(CheckoutLine, required=True, description="The line.")
    variant = graphene.Field(
        ProductVariant, required=True, description="The line's variant."
    )

    @staticmethod
    def resolve_variant(root: Any, info: Any) -> Any:
        return CheckoutLine.resolve_variant(root["line"], info)


class CheckoutLineProblemVariantNotAvailable(graphene.ObjectType):
    """The line's variant cannot be bought here: not sold in the channel, not
    published or not yet purchasable, or prohibited in the checkout's region."""

    line = graphene.Field(CheckoutLine, required=True, description="The line.")


class CheckoutLineProblem(graphene.Union):
    """Why a line stops the checkout."""

    class Meta:
        types = (
            CheckoutLineProblemInsufficientStock,
            CheckoutLineProblemVariantNotAvailable,
        )

    @classmethod
    def resolve_type(cls, instance: Any, info: Any) -> Any:
        return instance["type"]


class CheckoutProblem(graphene.Union):
    """Something that stops the checkout from being completed."""

    class Meta:
        types = (
            CheckoutLineProblemInsufficientStock,
            CheckoutLineProblemVariantNotAvailable,
            CheckoutProblemDeliveryMethodStale,
            CheckoutProblemDeliveryMethodInvalid,
        )

    @classmethod
    def resolve_type(cls, instance: Any, info: Any) -> Any:
        return instance["type"]


def line_problem_data(line: dict) -> dict | None:
    """The checkout selector's line problem in the shape of Saleor's union."""
    problem = line["info"].problem
    if problem is None:
        return None
    if problem.code == CheckoutErrorCode.INSUFFICIENT_STOCK:
        return {
            "type": CheckoutLineProblemInsufficientStock,
            "line": line,
            "available_quantity": max(line["info"].available_quantity, 0),
        }
    return {"type": CheckoutLineProblemVariantNotAvailable, "line": line}


def _zero_taxed(root: Any) -> Any:
    from prices import TaxedMoney as PricesTaxedMoney

    zero = PricesMoney(0, root["channel"].currency_code)
    return PricesTaxedMoney(net=zero, gross=zero)


def checkout_bundle(checkout: Any) -> tuple[Any, Any]:
    """The checkout's loaded info and totals, computed once per request."""
    cached = getattr(checkout, "_gql_bundle", None)
    if cached is None:
        info = checkout_info_fetch(checkout=checkout)
        cached = (info, checkout_totals_calculate(info=info))
        checkout._gql_bundle = cached
    return cached


def checkout_with_info(info: Any) -> Any:
    """The checkout a mutation answers with, from the info its service loaded.

    The service's checkout carries its related rows already, so the answer needs
    neither a second load of the checkout nor of its lines and prices.
    """
    checkout = info.checkout
    checkout._gql_bundle = (info, checkout_totals_calculate(info=info))
    return checkout


def checkout_refresh(checkout: Any) -> Any:
    """Drop the cached totals after a change."""
    if hasattr(checkout, "_gql_bundle"):
        del checkout._gql_bundle
    return checkout


class Checkout(graphene.ObjectType):
    """A shopper's cart and the choices made on the way to an order."""

    class Meta:
        interfaces = (ObjectWithMetadata,)

    id = graphene.ID(required=True, description="Global id (of the checkout's token).")
    token = graphene.UUID(required=True, description="The checkout's token.")
    user = graphene.Field(
        User, description="The customer; shown only to that customer."
    )
    channel = graphene.Field(Channel, required=True, description="The channel.")
    billing_address = graphene.Field(Address, description="Billing address.")
    shipping_address = graphene.Field(Address, description="Shipping address.")
    discount = graphene.Field(Money, description="Discount from the voucher.")
    discount_name = graphene.String(description="Name of the voucher.")
    translated_discount_name = graphene.String(description="Same as `discountName`.")
    voucher_code = graphene.String(description="Code of the applied voucher.")
    available_payment_gateways = graphene.List(
        graphene.NonNull(PaymentGateway),
        required=True,
        description="Payment gateways the checkout can be paid with.",
        deprecation_reason=(
            "The legacy Payments API is deprecated and will be removed. Use the "
            "Transactions API instead."
        ),
    )
    email = graphene.String(description="Email address for the order.")
    gift_cards = graphene.List(
        graphene.NonNull(GiftCard),
        required=True,
        description="Always empty: no gift cards.",
    )
    is_shipping_required = graphene.Boolean(
        required=True, description="Whether any line must be shipped."
    )
    quantity = graphene.Int(required=True, description="Units in the cart.")
    lines = graphene.List(
        graphene.NonNull(CheckoutLine), required=True, description="Lines."
    )
    shipping_price = graphene.Field(
        TaxedMoney, required=True, description="Shipping price."
    )
    delivery = graphene.Field(Delivery, description="The chosen delivery.")
    delivery_method = graphene.Field(DeliveryMethod, description="The chosen method.")
    shipping_methods = graphene.List(
        graphene.NonNull(ShippingMethod),
        required=True,
        description="Methods that ship to the shipping address.",
    )
    subtotal_price = graphene.Field(
        TaxedMoney, required=True, description="Lines' total."
    )
    total_price = graphene.Field(
        TaxedMoney, required=True, description="Amount to pay."
    )
    authorize_status = graphene.Field(
        CheckoutAuthorizeStatusEnum,
        required=True,
        description="Authorised share of total.",
    )
    charge_status = graphene.Field(
        CheckoutChargeStatusEnum, required=True, description="Charged share of total."
    )
    problems = graphene.List(
        graphene.NonNull(CheckoutProblem), description="What stops completion."
    )
    region = graphene.String(
        required=True,
        description='The jurisdiction whose law applies ("US-TX", "DE"): the shipping '
        "address's once given, else the shopper's chosen region.",
    )

    compliance = graphene.Field(
        "storefront.graphql.compliance.types.CheckoutCompliance",
        required=True,
        description="The region's rules for each line and what stops any line "
        "(our addition).",
    )

    @staticmethod
    def resolve_id(root: Any, info: Any) -> str:
        return to_global_id("Checkout", root.token)

    @staticmethod
    def resolve_compliance(root: Any, info: Any) -> Any:
        return checkout_compliance(info, checkout_bundle(root)[0])

    @staticmethod
    def resolve_metafields(root: Any, info: Any) -> dict:
        return checkout_metadata_public(checkout=root)

    @staticmethod
    def resolve_user(root: Any, info: Any) -> Any:
        # Anyone holding the id may read the checkout; its customer is theirs.
        user = current_user(info)
        if root.user_id is None or user is None or user.pk != root.user_id:
            return None
        return root.user

    @staticmethod
    def resolve_discount(root: Any, info: Any) -> Any:
        return checkout_bundle(root)[1].discount

    @staticmethod
    def resolve_discount_name(root: Any, info: Any) -> str | None:
        return (root.voucher.name or root.voucher.code) if root.voucher else None

    @staticmethod
    def resolve_translated_discount_name(root: Any, info: Any) -> str | None:
        return Checkout.resolve_discount_name(root, info)

    @staticmethod
    def resolve_voucher_code(root: Any, info: Any) -> str | None:
        return root.voucher.code if root.voucher else None

    @staticmethod
    def resolve_available_payment_gateways(root: Any, info: Any) -> list:
        return available_gateways(currency=root.currency)

    @staticmethod
    def resolve_email(root: Any, info: Any) -> str | None:
        return root.email or None

    @staticmethod
    def resolve_gift_cards(root: Any, info: Any) -> list:
        return []

    @staticmethod
    def resolve_is_shipping_required(root: Any, info: Any) -> bool:
        lines = checkout_bundle(root)[0].lines
        products = [line.product for line in lines]
        prefetch_related_objects(products, "product_type")
        return any(p.product_type.is_shipping_required for p in products)

    @staticmethod
    def resolve_quantity(root: Any, info: Any) -> int:
        return checkout_bundle(root)[0].quantity

    @staticmethod
    def resolve_lines(root: Any, info: Any) -> list:
        checkout_info, totals = checkout_bundle(root)
        by_line = {t.line_id: t for t in totals.lines}
        products = [line.product for line in checkout_info.lines]
        prefetch_related_objects(products, "media")
        return [
            {"info": line, "totals": by_line.get(line.line.pk), "channel": root.channel}
            for line in checkout_info.lines
        ]

    @staticmethod
    def resolve_shipping_price(root: Any, info: Any) -> Any:
        return checkout_bundle(root)[1].shipping

    @staticmethod
    def resolve_delivery(root: Any, info: Any) -> Any:
        return _delivery(root)

    @staticmethod
    def resolve_delivery_method(root: Any, info: Any) -> Any:
        return _delivery(root)

    @staticmethod
    def resolve_shipping_methods(root: Any, info: Any) -> list:
        checkout_info, totals = checkout_bundle(root)
        return [
            shipping_method_data(method, listing_price(listing, totals))
            for method, listing in shipping_methods_for_checkout(info=checkout_info)
        ]

    @staticmethod
    def resolve_subtotal_price(root: Any, info: Any) -> Any:
        return checkout_bundle(root)[1].subtotal

    @staticmethod
    def resolve_total_price(root: Any, info: Any) -> Any:
        return checkout_bundle(root)[1].total

    @staticmethod
    def resolve_authorize_status(root: Any, info: Any) -> str:
        return _payment_shares(root).authorize_status

    @staticmethod
    def resolve_charge_status(root: Any, info: Any) -> str:
        return _payment_shares(root).charge_status

    @staticmethod
    def resolve_problems(root: Any, info: Any) -> list:
        problems = [
            problem
            for line in Checkout.resolve_lines(root, info)
            if (problem := line_problem_data(line)) is not None
        ]
        if root.shipping_method_id is None or root.shipping_address_id is None:
            return problems
        checkout_info, _totals = checkout_bundle(root)
        offered = {m.pk for m, _l in shipping_methods_for_checkout(info=checkout_info)}
        if root.shipping_method_id in offered:
            return problems
        delivery = _delivery(root)
        return [
            *problems,
            {"type": CheckoutProblemDeliveryMethodInvalid, "delivery": delivery},
        ]

    @staticmethod
    def resolve_region(root: Any, info: Any) -> str:
        return checkout_bundle(root)[0].region


def listing_price(listing: Any, totals: Any) -> PricesMoney:
    """Price of a method for this checkout: free above the listing's threshold."""
    price = shipping_price_entered(
        listing=listing, subtotal_entered=totals.subtotal_entered.amount
    )
    return PricesMoney(price, listing.currency)


def _delivery(checkout: Any) -> dict | None:
    if checkout.shipping_method_id is None:
        return None
    _info, totals = checkout_bundle(checkout)
    return shipping_method_data(checkout.shipping_method, totals.shipping.gross)


def _payment_shares(checkout: Any) -> PaymentShares:
    return checkout_payment_shares(
        checkout_token=checkout.token,
        total=checkout_bundle(checkout)[1].total.gross.amount,
    )
