"""The staff compliance overview: every published product in every jurisdiction of
its channels, with the decision, the minimum age, open claims findings and the
officers' overrides behind them.

It reads the shop's data and asks the compliance package with primitives (a class,
a region code, texts), so the rules stay in one place.
"""

import csv
import io
from collections.abc import Iterable
from dataclasses import dataclass

from compliance.claims import claims_lint
from compliance.claims.services import claims_overrides_list, text_fingerprint
from compliance.regions import RegionDecision, availability_decide
from compliance.rules import rules_load
from storefront.catalogue.models import Product, ProductChannelListing
from storefront.catalogue.publication import product_claims_fields

CSV_COLUMNS = (
    "product",
    "product_id",
    "class",
    "channel",
    "jurisdiction",
    "decision",
    "min_age",
    "assurance",
    "rules",
    "open_findings",
    "overrides",
    "rules_version",
)


@dataclass(frozen=True)
class OverviewRow:
    product_id: int
    product: str
    product_class: str
    channel: str
    jurisdiction: str
    decision: str
    min_age: int | None
    assurance: str
    rules: tuple[str, ...]
    reason: str
    open_findings: tuple[str, ...]
    overrides: tuple[str, ...]
    rules_version: str

    def csv_values(self) -> list[str]:
        return [
            self.product,
            str(self.product_id),
            self.product_class,
            self.channel,
            self.jurisdiction,
            self.decision,
            "" if self.min_age is None else str(self.min_age),
            self.assurance,
            " ".join(self.rules),
            "; ".join(self.open_findings),
            "; ".join(self.overrides),
            self.rules_version,
        ]


def _jurisdictions(countries: Iterable[str]) -> list[str]:
    """The channel's countries, and their subdivisions that the rule data names."""
    countries = sorted({str(c) for c in countries})
    named = {rule.jurisdiction for rule in rules_load().legality}
    out: list[str] = []
    for country in countries:
        out.append(country)
        out.extend(sorted(j for j in named if j.startswith(f"{country}-")))
    return out


def compliance_overview(
    *,
    channel: str = "",
    jurisdiction: str = "",
    decision: str = "",
    product_class: str = "",
    open_only: bool = False,
    search: str = "",
) -> list[OverviewRow]:
    """Rows for every published listing in each jurisdiction, filtered as asked.

    Queries are fixed whatever the number of products: listings with their
    products, channels and related texts, and the overrides, each read once.
    Decisions are made once per (class, jurisdiction) and the claims lint once
    per (product, regime).
    """
    queryset = (
        ProductChannelListing.objects.filter(is_published=True)
        .select_related("channel", "product__category")
        .prefetch_related(
            "product__variants__attribute_values",
            "product__attribute_values",
            "product__media",
            "product__collections",
        )
        .order_by("product__name", "channel__slug")
    )
    if channel:
        queryset = queryset.filter(channel__slug=channel)
    if product_class:
        queryset = queryset.filter(product__regulated_class=product_class)
    if search:
        queryset = queryset.filter(product__name__icontains=search)
    listings = list(queryset)
    products: dict[int, Product] = {row.product_id: row.product for row in listings}
    overrides = claims_overrides_list(obj_type="product", obj_ids=products)
    texts = {
        pk: product_claims_fields(product=product) for pk, product in products.items()
    }
    decisions: dict[tuple[str, str], RegionDecision] = {}
    findings: dict[tuple[int, str], tuple[str, ...]] = {}
    version = rules_load().version
    rows: list[OverviewRow] = []
    for listing in listings:
        product = listing.product
        regime = listing.channel.claims_regime
        fingerprint = text_fingerprint("\n".join(v for _, v in texts[product.pk]))
        decided = [
            o
            for o in overrides.get(str(product.pk), ())
            if o.text_fingerprint == fingerprint
        ]
        key = (product.pk, regime)
        if key not in findings:
            open_: list[str] = []
            if not decided:
                for field, value in texts[product.pk]:
                    report = claims_lint(value, regime=regime, context="product")
                    open_.extend(
                        f'{f.rule} "{f.text}" ({field})'
                        for f in report.findings
                        if f.severity in {"block", "warn"}
                    )
            findings[key] = tuple(dict.fromkeys(open_))
        override_notes = tuple(
            f"{o.kind} by {o.officer_label} ({o.created_at:%Y-%m-%d}): {o.reason}"
            for o in overrides.get(str(product.pk), ())
        )
        for code in _jurisdictions(listing.channel.countries):
            if jurisdiction and code != jurisdiction.upper():
                continue
            cache_key = (product.regulated_class, code)
            if cache_key not in decisions:
                decisions[cache_key] = availability_decide(
                    product_class=product.regulated_class, region=code
                )
            result = decisions[cache_key]
            if decision and result.decision != decision:
                continue
            if open_only and not findings[key]:
                continue
            rows.append(
                OverviewRow(
                    product_id=product.pk,
                    product=product.name,
                    product_class=product.regulated_class,
                    channel=listing.channel.slug,
                    jurisdiction=code,
                    decision=result.decision,
                    min_age=result.min_age,
                    assurance=result.assurance,
                    rules=result.rules,
                    reason=result.explained,
                    open_findings=findings[key],
                    overrides=override_notes,
                    rules_version=version,
                )
            )
    return rows


def compliance_overview_csv(rows: Iterable[OverviewRow]) -> str:
    """The rows as CSV, with a header; cells that a spreadsheet would run as a
    formula are quoted with a leading apostrophe."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(CSV_COLUMNS)
    for row in rows:
        writer.writerow(
            [f"'{v}" if v[:1] in ("=", "+", "-", "@") else v for v in row.csv_values()]
        )
    return buffer.getvalue()
