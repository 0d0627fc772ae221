"""`confirmAccount`: Confirm the email address with the token from the email."""

from typing import Any

import graphene
from django.core import signing
from django.core.exceptions import ValidationError

from storefront.accounts.errors import InvalidConfirmationLinkError
from storefront.accounts.services import CONFIRM_SALT, user_email_confirm
from storefront.graphql.account.mutations._base import AccountMutation
from storefront.graphql.account.types import User


class ConfirmAccount(AccountMutation):
    """Confirm the email address with the token from the confirmation email."""

    class Arguments:
        email = graphene.String(required=True)
        token = graphene.String(required=True)

    user = graphene.Field(User, description="The customer.")

    @classmethod
    def perform_mutation(cls, root: Any, info: Any, **data: Any) -> Any:
        invalid = ValidationError(
            {
                "token": ValidationError(
                    InvalidConfirmationLinkError.message, code="invalid"
                )
            }
        )
        # The token names the address it was sent to; refuse a mismatch before
        # confirming anything.
        if _token_email(data["token"]) != data["email"].strip().lower():
            raise invalid
        try:
            user = user_email_confirm(token=data["token"])
        except InvalidConfirmationLinkError:
            raise invalid from None
        return cls(user=user, errors=[])


def _token_email(token: str) -> str | None:
    try:
        payload = signing.loads(token, salt=CONFIRM_SALT)
    except signing.BadSignature:
        return None
    return str(payload.get("e") or "").lower() or None
