"""ISO 3166 codes the engine accepts, and their human names.

Country names come from django-countries (a project dependency, ISO 3166-1 complete).
ISO 3166-2 has thousands of subdivisions; only the countries the rule data reaches into
are listed here, so a typo such as ``US-TZ`` is refused instead of silently falling
back to the national rule. Other countries accept any well-formed subdivision code.
"""

import re

from django_countries import countries
from django_countries.data import COUNTRIES

_SUBDIVISION_RE = re.compile(r"^[A-Z]{2}-[A-Z0-9]{1,3}$")
_COUNTRY_RE = re.compile(r"^[A-Z]{2}$")

SUBDIVISIONS: dict[str, dict[str, str]] = {
    "US": {
        "AL": "Alabama",
        "AK": "Alaska",
        "AZ": "Arizona",
        "AR": "Arkansas",
        "CA": "California",
        "CO": "Colorado",
        "CT": "Connecticut",
        "DE": "Delaware",
        "DC": "District of Columbia",
        "FL": "Florida",
        "GA": "Georgia",
        "HI": "Hawaii",
        "ID": "Idaho",
        "IL": "Illinois",
        "IN": "Indiana",
        "IA": "Iowa",
        "KS": "Kansas",
        "KY": "Kentucky",
        "LA": "Louisiana",
        "ME": "Maine",
        "MD": "Maryland",
        "MA": "Massachusetts",
        "MI": "Michigan",
        "MN": "Minnesota",
        "MS": "Mississippi",
        "MO": "Missouri",
        "MT": "Montana",
        "NE": "Nebraska",
        "NV": "Nevada",
        "NH": "New Hampshire",
        "NJ": "New Jersey",
        "NM": "New Mexico",
        "NY": "New York",
        "NC": "North Carolina",
        "ND": "North Dakota",
        "OH": "Ohio",
        "OK": "Oklahoma",
        "OR": "Oregon",
        "PA": "Pennsylvania",
        "RI": "Rhode Island",
        "SC": "South Carolina",
        "SD": "South Dakota",
        "TN": "Tennessee",
        "TX": "Texas",
        "UT": "Utah",
        "VT": "Vermont",
        "VA": "Virginia",
        "WA": "Washington",
        "WV": "West Virginia",
        "WI": "Wisconsin",
        "WY": "Wyoming",
        "AS": "American Samoa",
        "GU": "Guam",
        "MP": "Northern Mariana Islands",
        "PR": "Puerto Rico",
        "UM": "U.S. Minor Outlying Islands",
        "VI": "U.S. Virgin Islands",
    },
    "CA": {
        "AB": "Alberta",
        "BC": "British Columbia",
        "MB": "Manitoba",
        "NB": "New Brunswick",
        "NL": "Newfoundland and Labrador",
        "NS": "Nova Scotia",
        "NT": "Northwest Territories",
        "NU": "Nunavut",
        "ON": "Ontario",
        "PE": "Prince Edward Island",
        "QC": "Quebec",
        "SK": "Saskatchewan",
        "YT": "Yukon",
    },
    "GB": {
        "ENG": "England",
        "SCT": "Scotland",
        "WLS": "Wales",
        "NIR": "Northern Ireland",
    },
    "AU": {
        "ACT": "Australian Capital Territory",
        "NSW": "New South Wales",
        "NT": "Northern Territory",
        "QLD": "Queensland",
        "SA": "South Australia",
        "TAS": "Tasmania",
        "VIC": "Victoria",
        "WA": "Western Australia",
    },
}


def region_normalise(region: object) -> str | None:
    """Return the canonical upper-case code, or None when it is not a valid region."""
    if not isinstance(region, str):
        return None
    code = region.strip().upper().replace("_", "-")
    if _COUNTRY_RE.match(code):
        return code if code in COUNTRIES else None
    if not _SUBDIVISION_RE.match(code):
        return None
    country, sub = code.split("-", 1)
    if country not in COUNTRIES:
        return None
    known = SUBDIVISIONS.get(country)
    if known is not None and sub not in known:
        return None
    return code


# Shorter everyday names where django-countries' common name is still formal.
_SHORT_NAMES = {"US": "United States"}


def country_name(country: str) -> str:
    if country in _SHORT_NAMES:
        return _SHORT_NAMES[country]
    return str(countries.name(country)) or country


def subdivision_name(code: str) -> str:
    country, _, sub = code.partition("-")
    return SUBDIVISIONS.get(country, {}).get(sub, code)
