"""Legality of product classes by region (pure Python, no database)."""

from compliance.iso3166 import region_normalise

from .decide import (
    RegionDecision,
    availability_decide,
    buyer_under_age,
    decision_for_buyer,
    region_label,
)

__all__ = [
    "RegionDecision",
    "availability_decide",
    "buyer_under_age",
    "decision_for_buyer",
    "region_label",
    "region_normalise",
]
