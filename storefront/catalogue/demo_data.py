"""The demo shop's reference data; the products themselves are in demo_products.toml."""

import tomllib
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from pathlib import Path

CHANNELS = (
    # slug, name, currency, default country, countries, prices include tax, regime
    ("us", "United States", "USD", "US", ("US",), False, "us"),
    (
        "eu",
        "Europe",
        "EUR",
        "NL",
        ("NL", "DE", "FR", "ES", "IT", "IE", "AT", "BE", "PT", "FI"),
        True,
        "eu",
    ),
    ("uk", "United Kingdom", "GBP", "GB", ("GB",), True, "uk"),
)

CATEGORIES = (
    # slug, name, description
    (
        "functional-mushrooms",
        "Functional mushrooms",
        "Fruiting-body extracts and powders.",
    ),
    ("herbal-teas", "Herbal teas", "Loose-leaf and bagged blends for every hour."),
    (
        "tinctures",
        "Tinctures",
        "Plant extracts in glycerine or alcohol, by the dropper.",
    ),
    (
        "microdosing-stacks",
        "Microdosing stacks",
        "Routines built from legal botanicals and vitamins: lion's mane, niacin, "
        "cacao. No controlled substances.",
    ),
    (
        "books-journals",
        "Books & journals",
        "Field guides, cookbooks and guided journals.",
    ),
    ("cbd", "CBD", "Hemp extracts with lab reports for every batch."),
    ("kratom", "Kratom", "Mitragyna speciosa leaf, sold only where the law allows."),
    ("kava", "Kava", "Noble kava root from Vanuatu and Fiji."),
    (
        "region-restricted",
        "Region-restricted",
        "Goods the law allows in only a few places; we show where they ship.",
    ),
)

ATTRIBUTES = (
    # slug, name, input type, unit, values
    (
        "form",
        "Form",
        "dropdown",
        "",
        (
            "Capsules",
            "Powder",
            "Loose leaf",
            "Tea bags",
            "Tincture",
            "Paperback",
            "Hardcover",
            "Fresh",
        ),
    ),
    (
        "main-ingredient",
        "Main ingredient",
        "dropdown",
        "",
        (
            "Lion's mane",
            "Reishi",
            "Cordyceps",
            "Chaga",
            "Turkey tail",
            "Chamomile",
            "Peppermint",
            "Rooibos",
            "Ashwagandha",
            "Lemon balm",
            "Hemp",
            "Kratom leaf",
            "Kava root",
            "Truffles",
            "Cacao",
            "Paper",
        ),
    ),
    ("strength", "Strength", "numeric", "mg", ()),
    ("serving-count", "Serving count", "numeric", "", ()),
)

PRODUCT_TYPES = (
    # slug, name, product attributes, variant attributes, shipping required
    (
        "supplement",
        "Supplement",
        ("form", "main-ingredient"),
        ("strength", "serving-count"),
        True,
    ),
    ("tea", "Tea", ("form", "main-ingredient"), ("serving-count",), True),
    ("book", "Book", ("form",), (), True),
)


@dataclass(frozen=True)
class DemoVariant:
    code: str
    name: str
    weight: Decimal
    usd: Decimal
    eur: Decimal
    gbp: Decimal
    strength: int | None = None
    servings: int | None = None


@dataclass(frozen=True)
class DemoProduct:
    slug: str
    name: str
    category: str
    product_type: str
    regulated_class: str
    form: str
    ingredient: str | None
    description: str
    benefits: tuple[str, ...]
    variants: tuple[DemoVariant, ...]
    channels: tuple[str, ...] = ("us", "eu", "uk")
    featured: bool = False


PRODUCTS_FILE = Path(__file__).with_name("demo_products.toml")


@cache
def demo_products() -> tuple[DemoProduct, ...]:
    """The demo products, read from ``demo_products.toml``."""
    with PRODUCTS_FILE.open("rb") as handle:
        raw = tomllib.load(handle)["product"]
    products = []
    for item in raw:
        variants = tuple(
            DemoVariant(
                code=v["code"],
                name=v["name"],
                weight=Decimal(v["weight"]),
                usd=Decimal(v["usd"]),
                eur=Decimal(v["eur"]),
                gbp=Decimal(v["gbp"]),
                strength=v.get("strength"),
                servings=v.get("servings"),
            )
            for v in item.pop("variants")
        )
        item["benefits"] = tuple(item["benefits"])
        item["channels"] = tuple(item.get("channels", ("us", "eu", "uk")))
        item.setdefault("ingredient", None)
        products.append(DemoProduct(variants=variants, **item))
    return tuple(products)
