"""The checkout's age steps over the API (our addition; Saleor has none).

`checkout.compliance.ageRequirement.step` says what is missing; these two
mutations let a client do it, through the same services the checkout pages use:
declare a date of birth, then, where a line needs a verified age, open a
provider's session and send the shopper to its `redirectUrl`. The provider's
signed webhook records the result; `checkoutComplete` then accepts the payment.
"""

from typing import Any

import graphene

from common.graphql.mutations import BaseMutation
from storefront.accounts.services import client_url_check
from storefront.checkout.services.customer_age import (
    checkout_age_verification_start,
    checkout_date_of_birth_set,
)
from storefront.graphql.checkout.types import Checkout
from storefront.graphql.checkout.utils import checkout_for_mutation, reload
from storefront.graphql.core.errors import CheckoutError, CheckoutErrorCode


class CheckoutDateOfBirthUpdate(BaseMutation):
    """Declare the shopper's date of birth, the first step of the checkout's age
    check. Only the ages it proves are kept, never the date itself (our
    addition)."""

    class Arguments:
        id = graphene.ID(description="The checkout's ID.")
        date_of_birth = graphene.String(
            required=True, description="The date of birth, as YYYY-MM-DD."
        )

    checkout = graphene.Field(Checkout, description="The checkout.")
    errors = graphene.List(
        graphene.NonNull(CheckoutError), required=True, description="Errors."
    )

    error_code_enum = CheckoutErrorCode

    @classmethod
    def perform_mutation(cls, root: Any, info: Any, **data: Any) -> Any:
        checkout = checkout_for_mutation(info, data.get("id"))
        checkout_date_of_birth_set(
            checkout=checkout, date_of_birth=data["date_of_birth"]
        )
        return cls(checkout=reload(checkout), errors=[])


class CheckoutAgeVerificationStart(BaseMutation):
    """Open an age-verification session with the shop's provider, after an adult
    date of birth, for a checkout whose lines need a verified age. Send the
    shopper to `redirectUrl`; the provider brings them back to `returnUrl`
    (our addition)."""

    class Arguments:
        id = graphene.ID(description="The checkout's ID.")
        return_url = graphene.String(
            required=True,
            description="A page of one of the shop's storefronts to come back to.",
        )

    checkout = graphene.Field(Checkout, description="The checkout.")
    redirect_url = graphene.String(
        description="The provider's page where the shopper proves their age."
    )
    minimum_age = graphene.Int(description="The age the session proves.")
    errors = graphene.List(
        graphene.NonNull(CheckoutError), required=True, description="Errors."
    )

    error_code_enum = CheckoutErrorCode

    @classmethod
    def perform_mutation(cls, root: Any, info: Any, **data: Any) -> Any:
        checkout = checkout_for_mutation(info, data.get("id"))
        # The provider will send the shopper there: only to the shop's own sites.
        return_url = client_url_check(url=data["return_url"], field="return_url")
        started = checkout_age_verification_start(
            checkout=checkout, return_url=return_url
        )
        return cls(
            checkout=reload(checkout),
            # A provider may answer with a path on this shop (the test provider).
            redirect_url=info.context.build_absolute_uri(started.redirect_url),
            minimum_age=started.threshold,
            errors=[],
        )
