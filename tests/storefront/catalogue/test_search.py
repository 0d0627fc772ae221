"""Search forgives typing, on PostgreSQL and in the SQLite demo."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection

from storefront.catalogue.models import Product, SearchTerm
from storefront.catalogue.search import (
    products_matching,
    products_matching_page,
    search_normalise,
    trigram_similarity,
)
from storefront.catalogue.search_results import product_search, product_search_page
from storefront.catalogue.selectors import product_list_for_channel
from storefront.catalogue.services import (
    product_search_document_refresh,
    product_update,
)
from tests.factories.catalogue import CategoryFactory, listed_product

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[3]


@pytest.fixture
def shelf(channel_us):
    """A few demo products whose search text is built as the services build it."""
    mushrooms = CategoryFactory(name="Functional mushrooms", slug="mushrooms")
    teas = CategoryFactory(name="Herbal teas", slug="herbal-teas")
    tinctures = CategoryFactory(name="Tinctures", slug="tinctures")
    specs = [
        ("Lion's Mane Capsules", mushrooms, "<p>Fruiting bodies, dried.</p>"),
        ("Lion's Mane Tincture", tinctures, "<p>Double extract.</p>"),
        ("Ashwagandha Tincture", tinctures, "<p>Root extract in glycerin.</p>"),
        ("Mushroom Chai", teas, "<p>Black tea spices with reishi.</p>"),
        ("Peppermint Leaf Tea", teas, "<p>Whole leaves.</p>"),
        ("Reishi Powder", mushrooms, "<p>Bitter and earthy.</p>"),
        ("Açaí Crème Blend", mushrooms, "<p>Berry powder.</p>"),
    ]
    products = {}
    for name, category, description in specs:
        product = listed_product(
            channel=channel_us, name=name, category=category, description=description
        )
        product_search_document_refresh(product=product)
        products[name] = product
    return products


def _names(products) -> list[str]:
    return [p.name for p in products]


def test_lions_mane_without_the_apostrophe(shelf, channel_us):
    found = _names(product_search(channel=channel_us, query="lions mane"))
    assert sorted(found) == ["Lion's Mane Capsules", "Lion's Mane Tincture"]


def test_a_misspelt_word_is_corrected_and_offered(shelf, channel_us):
    page = product_search_page(channel=channel_us, query="ashwaganda")
    assert _names(page.page.object_list) == ["Ashwagandha Tincture"]
    assert page.suggestion == "ashwagandha"
    assert page.total == 1
    assert _names(product_search(channel=channel_us, query="ashwaganda")) == [
        "Ashwagandha Tincture"
    ]


def test_mushroom_tea_finds_the_mushroom_chai_among_the_teas(shelf, channel_us):
    found = _names(product_search(channel=channel_us, query="mushroom tea"))
    assert found == ["Mushroom Chai"]


def test_accents_do_not_matter_either_way(shelf, channel_us):
    assert _names(product_search(channel=channel_us, query="acai creme")) == [
        "Açaí Crème Blend"
    ]
    assert _names(product_search(channel=channel_us, query="Crème")) == [
        "Açaí Crème Blend"
    ]


def test_a_word_being_typed_matches_as_a_prefix(shelf, channel_us):
    assert _names(product_search(channel=channel_us, query="ashwag")) == [
        "Ashwagandha Tincture"
    ]


def test_name_matches_rank_above_description_matches(shelf, channel_us):
    found = _names(product_search(channel=channel_us, query="reishi"))
    assert found == ["Reishi Powder", "Mushroom Chai"]


def test_nonsense_finds_nothing_and_suggests_nothing(shelf, channel_us):
    page = product_search_page(channel=channel_us, query="xylophone")
    assert page.total == 0
    assert page.suggestion is None
    assert list(page.page.object_list) == []


def test_results_and_count_come_from_one_query(
    shelf, channel_us, django_assert_num_queries
):
    with django_assert_num_queries(1):
        page = product_search_page(channel=channel_us, query="tincture")
    assert page.total == 2
    assert page.page.paginator.count == 2
    assert page.suggestion is None


def test_a_correction_costs_one_query_per_word(
    shelf, channel_us, django_assert_num_queries
):
    # the miss, one lexicon lookup per word, the corrected search
    with django_assert_num_queries(4):
        page = product_search_page(channel=channel_us, query="lions maine")
    assert page.suggestion == "lions mane"
    assert page.total == 2


def test_a_page_past_the_end_shows_the_last_page(channel_us):
    for n in range(30):
        listed_product(channel=channel_us, name=f"Tulsi Tea {n:02d}")
    page = product_search_page(channel=channel_us, query="tulsi", page_number="9")
    assert page.total == 30
    assert page.page.number == 2
    assert len(page.page.object_list) == 6
    assert (
        product_search_page(
            channel=channel_us, query="tulsi", page_number="x"
        ).page.number
        == 1
    )


def test_renaming_a_product_updates_its_index(shelf, channel_us):
    product = shelf["Reishi Powder"]
    product_update(product=product, name="Ganoderma Powder")
    assert _names(product_search(channel=channel_us, query="ganoderma")) == [
        "Ganoderma Powder"
    ]
    assert SearchTerm.objects.filter(word="ganoderma").exists()


def test_the_gin_index_serves_the_match(shelf, channel_us):
    # The whole listing query is planned at 100,000 products by bench/scale.py.
    results = products_matching(
        products=Product.objects.all(), channel=channel_us, words=["lions"]
    )
    sql, params = results.query.sql_with_params()
    with connection.cursor() as cursor:
        # A handful of rows is cheaper to scan; forbid that to see the plan at size.
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute(f"EXPLAIN {sql}", params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "search_entry_vector_gin" in plan


def test_the_page_and_its_count_read_the_index_once(channel_us):
    """The candidates are matched once; the page and its total both come from them."""
    # given
    for n in range(30):
        listed_product(channel=channel_us, name=f"Tulsi Tea {n:02d}")
    products = product_list_for_channel(channel=channel_us)
    page = products_matching_page(
        products=products,
        channel=channel_us,
        words=["tulsi"],
        candidates=501,
        start=24,
        stop=48,
    )
    sql, params = page.query.sql_with_params()
    # when
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN {sql}", params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    rows = list(page)
    # then
    # A bitmap scan names the match twice (index and recheck): one scan.
    matched = [
        line
        for line in plan.splitlines()
        if "search_vector @@" in line and "Recheck Cond" not in line
    ]
    assert len(matched) == 1
    assert [p.name for p in rows] == [f"Tulsi Tea {n:02d}" for n in range(24, 30)]
    assert [p.search_total for p in rows] == [30] * 6


def test_search_page_says_did_you_mean(client, shelf):
    response = client.get("/search/?q=ashwaganda")
    body = response.content.decode()
    assert response.status_code == 200
    assert "Did you mean" in body
    assert 'href="/search/?q=ashwagandha"' in body
    assert "Ashwagandha Tincture" in body
    assert "1 result for “ashwagandha”" in body


def test_normalising_and_similarity_match_pg_trgm():
    assert (
        search_normalise("Lion\u2019s Mane — CRÈME brûlée!")
        == "lions mane creme brulee"
    )
    with connection.cursor() as cursor:
        cursor.execute("SELECT similarity('ashwaganda', 'ashwagandha')")
        expected = cursor.fetchone()[0]
    assert trigram_similarity("ashwaganda", "ashwagandha") == pytest.approx(expected)


SQLITE_SCRIPT = """
import json
from decimal import Decimal
from storefront.catalogue.models import (
    Category, ProductChannelListing, ProductType, ProductVariant,
    ProductVariantChannelListing)
from storefront.catalogue.search_results import product_search_page
from storefront.catalogue.services import product_create
from storefront.channels.models import Channel

channel = Channel.objects.create(name="US", slug="us", currency_code="USD",
    default_country="US", countries=["US"], claims_regime="us")
kind = ProductType.objects.create(name="Supplement", slug="supplement")
categories = {slug: Category.objects.create(name=name, slug=slug) for slug, name in [
    ("mushrooms", "Functional mushrooms"), ("teas", "Herbal teas"),
    ("tinctures", "Tinctures")]}
for n, (name, slug) in enumerate([
        ("Lion's Mane Capsules", "mushrooms"), ("Lion's Mane Tincture", "tinctures"),
        ("Ashwagandha Tincture", "tinctures"), ("Mushroom Chai", "teas"),
        ("Peppermint Leaf Tea", "teas"), ("Reishi Powder", "mushrooms")]):
    product = product_create(product_type=kind, category=categories[slug], name=name,
        description="<p>Plain.</p>")
    ProductChannelListing.objects.create(product=product, channel=channel,
        is_published=True)
    variant = ProductVariant.objects.create(product=product, sku=f"S{n}")
    ProductVariantChannelListing.objects.create(variant=variant, channel=channel,
        currency="USD", price_amount=Decimal(10))
out = {}
for query in ("lions mane", "ashwaganda", "mushroom tea", "xylophone"):
    page = product_search_page(channel=channel, query=query)
    out[query] = {"names": sorted(p.name for p in page.page.object_list),
                  "total": page.total, "suggestion": page.suggestion}
print("RESULT" + json.dumps(out))
"""


@pytest.mark.slow
def test_the_sqlite_demo_forgives_the_same_way(tmp_path):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'demo.sqlite3'}",
    }

    def manage(*args: str) -> str:
        done = subprocess.run(
            [sys.executable, "manage.py", *args],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=300,
            check=True,
        )
        return done.stdout

    manage("migrate", "catalogue", "--noinput", "-v0")
    output = manage("shell", "-c", SQLITE_SCRIPT)
    result = json.loads(output.split("RESULT", 1)[1])
    assert result["lions mane"]["names"] == [
        "Lion's Mane Capsules",
        "Lion's Mane Tincture",
    ]
    assert result["ashwaganda"] == {
        "names": ["Ashwagandha Tincture"],
        "total": 1,
        "suggestion": "ashwagandha",
    }
    assert result["mushroom tea"]["names"] == ["Mushroom Chai"]
    assert result["xylophone"] == {"names": [], "total": 0, "suggestion": None}
