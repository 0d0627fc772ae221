"""`checkoutCreate`: Create a checkout."""

from typing import Any

import graphene
from django.core.exceptions import ValidationError
from django.db import transaction

from common.graphql.mutations import BaseMutation
from storefront.checkout.metadata import checkout_metadata_update
from storefront.checkout.services.cart import checkout_create_with_lines
from storefront.checkout.services.details import (
    checkout_billing_address_set,
    checkout_shipping_address_set,
)
from storefront.graphql.account.types import address_data
from storefront.graphql.checkout.inputs import CheckoutCreateInput
from storefront.graphql.checkout.types import Checkout, checkout_with_info
from storefront.graphql.checkout.utils import (
    list_cap,
    pk_of,
    refuse_price_override,
)
from storefront.graphql.checkout.utils import reload as services_checkout
from storefront.graphql.core.context import current_user, resolve_channel
from storefront.graphql.core.errors import CheckoutError, CheckoutErrorCode


class CheckoutCreate(BaseMutation):
    """Create a checkout."""

    class Arguments:
        input = graphene.Argument(CheckoutCreateInput, required=True)

    checkout = graphene.Field(Checkout, description="The checkout.")
    errors = graphene.List(
        graphene.NonNull(CheckoutError), required=True, description="Errors."
    )

    error_code_enum = CheckoutErrorCode

    @classmethod
    def perform_mutation(cls, root: Any, info: Any, **data: Any) -> Any:
        payload = data["input"]
        lines = list_cap(payload.get("lines"), field="lines")
        refuse_price_override(lines)
        channel = resolve_channel(info, payload.get("channel"))
        region = getattr(getattr(info.context, "shopper_region", None), "region", "")
        with transaction.atomic():
            variants: list[tuple[object, object]] = []
            unresolved = None
            for line in lines:
                try:
                    pk = pk_of(
                        line["variant_id"], expected="ProductVariant", field="variantId"
                    )
                except ValidationError as exc:
                    # Reported once the lines before it are checked, so that the
                    # error is the first line's at fault.
                    unresolved = exc
                    break
                variants.append((pk, line["quantity"]))
            loaded = checkout_create_with_lines(
                channel=channel,
                region=region or channel.default_country.code,
                user=current_user(info),
                email=payload.get("email") or "",
                lines=variants,
            )
            if unresolved is not None:
                raise unresolved
            checkout = loaded.checkout
            changed = False
            for key, private in (("metadata", False), ("private_metadata", True)):
                if payload.get(key):
                    checkout_metadata_update(
                        checkout=checkout,
                        items={i["key"]: i["value"] for i in payload[key]},
                        private=private,
                    )
                    changed = True
            if payload.get("shipping_address"):
                loaded = checkout_shipping_address_set(
                    checkout=checkout,
                    data=address_data(payload["shipping_address"]),
                    info=loaded,
                )
            if payload.get("billing_address"):
                checkout_billing_address_set(
                    checkout=checkout,
                    same_as_shipping=False,
                    data=address_data(payload["billing_address"]),
                )
                if not loaded.shipping_required:
                    # The billing address decides the law for such a cart.
                    changed = True
        if changed:
            return cls(checkout=services_checkout(checkout), errors=[])
        return cls(checkout=checkout_with_info(loaded), errors=[])
