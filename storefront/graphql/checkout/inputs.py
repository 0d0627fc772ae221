"""Inputs of the checkout and payment mutations."""

import graphene

from common.graphql.scalars import JSON, PositiveDecimal
from storefront.graphql.account.types import AddressInput
from storefront.graphql.core.descriptions import deprecated
from storefront.graphql.core.enums import LanguageCodeEnum
from storefront.graphql.core.inputs import MetadataInput

MAX_LINES = 100


class CheckoutAddressValidationRules(graphene.InputObjectType):
    """How strictly to check an address (addresses are always fully checked)."""

    check_required_fields = graphene.Boolean(default_value=True, description="Ignored.")
    check_fields_format = graphene.Boolean(default_value=True, description="Ignored.")
    enable_fields_normalization = graphene.Boolean(
        default_value=True, description="Ignored."
    )


class CheckoutValidationRules(graphene.InputObjectType):
    """Address checking rules per address."""

    shipping_address = graphene.InputField(
        CheckoutAddressValidationRules, description="Shipping."
    )
    billing_address = graphene.InputField(
        CheckoutAddressValidationRules, description="Billing."
    )


class CheckoutLineInput(graphene.InputObjectType):
    """A variant and quantity to put in the cart."""

    quantity = graphene.Int(required=True, description="Units.")
    variant_id = graphene.ID(required=True, description="Variant's global id.")
    price = graphene.InputField(
        PositiveDecimal, description="Refused: prices come from the catalogue."
    )
    price_override_reason = graphene.String(description="Refused with `price`.")
    force_new_line = graphene.Boolean(
        default_value=False, description="Ignored: one line per variant."
    )
    metadata = graphene.List(graphene.NonNull(MetadataInput), description="Not kept.")


class CheckoutLineUpdateInput(graphene.InputObjectType):
    """A new quantity for a line (0 removes it)."""

    variant_id = graphene.ID(
        description=deprecated("Use `lineId` instead.", "Variant's global id.")
    )
    quantity = graphene.Int(description="Units; 0 removes the line.")
    price = graphene.InputField(
        PositiveDecimal, description="Refused: prices come from the catalogue."
    )
    price_override_reason = graphene.String(description="Refused with `price`.")
    line_id = graphene.ID(description="Line's global id.")
    metadata = graphene.List(graphene.NonNull(MetadataInput), description="Not kept.")


class CheckoutCreateInput(graphene.InputObjectType):
    """A new checkout."""

    channel = graphene.String(description="Channel slug (default: the shopper's).")
    lines = graphene.List(
        graphene.NonNull(CheckoutLineInput), description=f"Lines (at most {MAX_LINES})."
    )
    email = graphene.String(description="Email address.")
    save_shipping_address = graphene.Boolean(description="Ignored.")
    shipping_address = graphene.InputField(
        AddressInput, description="Shipping address."
    )
    save_billing_address = graphene.Boolean(description="Ignored.")
    billing_address = graphene.InputField(AddressInput, description="Billing address.")
    language_code = graphene.InputField(
        LanguageCodeEnum, description="Ignored: English only."
    )
    validation_rules = graphene.InputField(
        CheckoutValidationRules, description="Ignored."
    )
    metadata = graphene.List(graphene.NonNull(MetadataInput), description="Metadata.")
    private_metadata = graphene.List(
        graphene.NonNull(MetadataInput), description="Not kept."
    )


class PaymentGatewayToInitialize(graphene.InputObjectType):
    """A gateway to start a payment with, and the data it needs."""

    id = graphene.String(required=True, description="Gateway id.")
    data = graphene.InputField(JSON, description="Gateway-specific data.")
