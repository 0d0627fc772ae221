"""Legality of product classes by region (pure Python, no database)."""

from compliance.iso3166 import region_normalise

from .decide import RegionDecision, availability_decide, region_label

__all__ = ["RegionDecision", "availability_decide", "region_label", "region_normalise"]
