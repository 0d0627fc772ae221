"""`accountRegister`: Open an account."""

from typing import Any

import graphene
from django.core.exceptions import ValidationError
from django.db import transaction

from storefront.accounts.models import User as UserModel
from storefront.accounts.services import (
    password_validate,
    user_names_update,
    user_register,
)
from storefront.graphql.account.mutations._base import AccountMutation
from storefront.graphql.account.types import AccountRegisterInput, User


class AccountRegister(AccountMutation):
    """Open an account. A confirmation link is emailed: `redirectUrl` (a page of
    an allowed client host) with `email` and `token` added, or the shop's own
    page without one; confirm it with `confirmAccount`."""

    class Arguments:
        input = graphene.Argument(AccountRegisterInput, required=True)

    user = graphene.Field(
        User,
        description="The new account.",
        deprecation_reason=(
            "The field always returns a `User` object constructed from the input "
            "data. The `user.id` is always empty. To determine whether the user "
            "exists in Saleor, query via an external app with the required "
            "permissions."
        ),
    )
    requires_confirmation = graphene.Boolean(
        description="Whether the email address must be confirmed."
    )

    @classmethod
    def perform_mutation(cls, root: Any, info: Any, **data: Any) -> Any:
        payload = data["input"]
        email = payload["email"]
        password = payload["password"]
        try:
            with transaction.atomic():
                user = user_register(
                    email=email,
                    password=password,
                    redirect_url=payload.get("redirect_url") or None,
                )
                if payload.get("first_name") or payload.get("last_name"):
                    user_names_update(
                        user=user,
                        first_name=payload.get("first_name"),
                        last_name=payload.get("last_name"),
                    )
        except ValidationError as exc:
            # The accounts service joins the validators' messages under one code;
            # Saleor's clients expect one coded error per failed rule.
            if "password" in getattr(exc, "error_dict", {}):
                try:
                    password_validate(
                        password=password, user=UserModel(email=email.lower())
                    )
                except ValidationError as coded:
                    exc.error_dict["password"] = coded.error_dict["password"]
            raise exc from None
        return cls(user=user, requires_confirmation=True, errors=[])
