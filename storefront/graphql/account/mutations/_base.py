"""What the account mutations share: the payload's errors and signed-in checks."""

from typing import Any, ClassVar

import graphene
from django.core.exceptions import ValidationError

from common.graphql.ids import pk_or_none
from common.graphql.mutations import BaseMutation
from storefront.accounts.models import Address as AddressModel
from storefront.graphql.core.errors import AccountError, AccountErrorCode


class AccountMutation(BaseMutation):
    """A mutation answering with ``errors: [AccountError!]!``."""

    errors = graphene.List(
        graphene.NonNull(AccountError), required=True, description="Errors."
    )

    error_code_enum = AccountErrorCode
    not_logged_in_code: ClassVar[str] = "invalid"

    class Meta:
        abstract = True


def own_address(info: Any, global_id: str) -> AddressModel:
    """The signed-in customer's address-book entry with this id.

    Raises:
        ValidationError: ``id`` NOT_FOUND for an unknown id or somebody else's.
    """
    pk = pk_or_none(global_id or "", expected="Address")
    address = (
        AddressModel.objects.filter(pk=pk, user=info.context.user).first()
        if pk and str(pk).isdigit()
        else None
    )
    if address is None:
        raise ValidationError(
            {
                "id": ValidationError(
                    f"Couldn't find an address with id {global_id!r}.",
                    code="not_found",
                )
            }
        )
    return address
