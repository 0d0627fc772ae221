"""Customers and their addresses."""

from typing import Any

import graphene

from common.graphql.connection import connection_type, paginate
from common.graphql.ids import to_global_id
from storefront.accounts.selectors import address_list_for_user
from storefront.graphql.core.enums import AddressTypeEnum, CountryCode, LanguageCodeEnum
from storefront.graphql.core.inputs import MetadataInput
from storefront.graphql.core.types import CountryDisplay, Image, country_display


class Address(graphene.ObjectType):
    """A postal address."""

    id = graphene.ID(required=True, description="Global id.")
    first_name = graphene.String(required=True, description="First name.")
    last_name = graphene.String(required=True, description="Last name.")
    company_name = graphene.String(required=True, description="Company.")
    street_address_1 = graphene.String(required=True, description="Street, first line.")
    street_address_2 = graphene.String(
        required=True, description="Street, second line."
    )
    city = graphene.String(required=True, description="City.")
    city_area = graphene.String(
        required=True, description="District; not kept by the shop, always empty."
    )
    postal_code = graphene.String(required=True, description="Postal code.")
    country = graphene.Field(CountryDisplay, required=True, description="Country.")
    country_area = graphene.String(required=True, description="State or province code.")
    phone = graphene.String(description="Phone number.")
    is_default_shipping_address = graphene.Boolean(
        description="Whether it is the customer's default shipping address."
    )
    is_default_billing_address = graphene.Boolean(
        description="Whether it is the customer's default billing address."
    )

    @staticmethod
    def resolve_id(root: Any, info: Any) -> str:
        return to_global_id("Address", root.pk)

    @staticmethod
    def resolve_city_area(root: Any, info: Any) -> str:
        return getattr(root, "city_area", "") or ""

    @staticmethod
    def resolve_country(root: Any, info: Any) -> Any:
        return country_display(root.country)

    @staticmethod
    def resolve_phone(root: Any, info: Any) -> str | None:
        return root.phone or None

    @staticmethod
    def resolve_is_default_shipping_address(root: Any, info: Any) -> bool | None:
        user = getattr(root, "user", None)
        if user is None:
            return None
        return getattr(user, "default_shipping_address_id", None) == root.pk

    @staticmethod
    def resolve_is_default_billing_address(root: Any, info: Any) -> bool | None:
        user = getattr(root, "user", None)
        if user is None:
            return None
        return getattr(user, "default_billing_address_id", None) == root.pk


class User(graphene.ObjectType):
    """A customer account."""

    id = graphene.ID(required=True, description="Global id.")
    email = graphene.String(required=True, description="Email address (the login).")
    first_name = graphene.String(required=True, description="First name.")
    last_name = graphene.String(required=True, description="Last name.")
    is_active = graphene.Boolean(required=True, description="Whether it can sign in.")
    is_confirmed = graphene.Boolean(
        required=True, description="Whether the email address was confirmed."
    )
    addresses = graphene.List(
        graphene.NonNull(Address), required=True, description="The address book."
    )
    orders = graphene.Field(
        "storefront.graphql.order.types.OrderCountableConnection",
        after=graphene.String(),
        first=graphene.Int(),
        description="The customer's orders, newest first (at most 100 a page).",
    )
    avatar = graphene.Field(
        Image, description="Always null: the shop keeps no avatars."
    )
    default_shipping_address = graphene.Field(
        Address, description="Default for shipping."
    )
    default_billing_address = graphene.Field(
        Address, description="Default for billing."
    )
    date_joined = graphene.DateTime(
        required=True, description="When the account was made."
    )

    @staticmethod
    def resolve_id(root: Any, info: Any) -> str:
        return to_global_id("User", root.pk)

    @staticmethod
    def resolve_is_confirmed(root: Any, info: Any) -> bool:
        try:
            return root.email_confirmation is not None
        except Exception:  # noqa: BLE001 - RelatedObjectDoesNotExist
            return False

    @staticmethod
    def resolve_addresses(root: Any, info: Any) -> list:
        return address_list_for_user(user=root) if root.pk else []

    @staticmethod
    def resolve_orders(
        root: Any, info: Any, after: str | None = None, first: int | None = None
    ) -> Any:
        # Late: the order types import this module for their Address field.
        from storefront.graphql.order.types import orders_of_user

        return paginate(
            orders_of_user(root), connection_name="orders", first=first, after=after
        )

    @staticmethod
    def resolve_avatar(root: Any, info: Any) -> None:
        return None

    @staticmethod
    def resolve_default_shipping_address(root: Any, info: Any) -> Any:
        return getattr(root, "default_shipping_address", None)

    @staticmethod
    def resolve_default_billing_address(root: Any, info: Any) -> Any:
        return getattr(root, "default_billing_address", None)


class AddressInput(graphene.InputObjectType):
    """A postal address to save."""

    first_name = graphene.String(description="First name.")
    last_name = graphene.String(description="Last name.")
    company_name = graphene.String(description="Company.")
    street_address_1 = graphene.String(description="Street, first line.")
    street_address_2 = graphene.String(description="Street, second line.")
    city = graphene.String(description="City.")
    city_area = graphene.String(description="District (not kept).")
    postal_code = graphene.String(description="Postal code.")
    country = graphene.InputField(CountryCode, description="Country.")
    country_area = graphene.String(description="State or province code.")
    phone = graphene.String(description="Phone number.")
    metadata = graphene.List(graphene.NonNull(MetadataInput), description="Not kept.")
    skip_validation = graphene.Boolean(
        default_value=False, description="Ignored: addresses are always validated."
    )


def address_data(value: dict | None) -> dict[str, str]:
    """An ``AddressInput`` as the plain field dict the accounts services take."""
    if not value:
        return {}
    fields = (
        "first_name",
        "last_name",
        "company_name",
        "street_address_1",
        "street_address_2",
        "city",
        "postal_code",
        "country_area",
        "phone",
    )
    data = {field: (value.get(field) or "").strip() for field in fields}
    country = value.get("country")
    data["country"] = str(getattr(country, "value", country) or "")
    return data


class AccountRegisterInput(graphene.InputObjectType):
    """What a new customer gives to open an account."""

    first_name = graphene.String(description="First name.")
    last_name = graphene.String(description="Last name.")
    language_code = graphene.InputField(
        LanguageCodeEnum, description="Ignored: English only."
    )
    email = graphene.String(required=True, description="Email address.")
    password = graphene.String(required=True, description="Password.")
    redirect_url = graphene.String(
        description="Storefront URL the confirmation email links to."
    )
    metadata = graphene.List(graphene.NonNull(MetadataInput), description="Not kept.")
    channel = graphene.String(description="Channel slug.")


class AccountInput(graphene.InputObjectType):
    """Changes to the signed-in customer's account."""

    first_name = graphene.String(description="First name.")
    last_name = graphene.String(description="Last name.")
    language_code = graphene.InputField(
        LanguageCodeEnum, description="Ignored: English only."
    )
    default_billing_address = graphene.InputField(
        AddressInput, description="Default billing."
    )
    default_shipping_address = graphene.InputField(
        AddressInput, description="Default shipping."
    )
    metadata = graphene.List(graphene.NonNull(MetadataInput), description="Not kept.")


__all__ = [
    "AccountInput",
    "AccountRegisterInput",
    "Address",
    "AddressInput",
    "AddressTypeEnum",
    "User",
    "address_data",
    "connection_type",
]
