from decimal import Decimal

import pytest
from playwright.sync_api import expect

from tests.factories.catalogue import (
    CategoryFactory,
    ChannelFactory,
    CollectionFactory,
    listed_product,
)

# serialized_rollback restores what migrations created (groups, Wagtail's root
# page) after the flush that ends a transactional test.
pytestmark = [
    pytest.mark.e2e,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_home_to_category_to_product_and_variant_price(live_server, page):
    # given a featured product with two sizes at different prices
    channel = ChannelFactory()
    category = CategoryFactory(name="Functional mushrooms", slug="functional-mushrooms")
    product = listed_product(
        channel=channel,
        category=category,
        name="Lion's Mane Capsules",
        slug="lions-mane-capsules",
        prices=(Decimal("24.00"), Decimal("42.00")),
    )
    small, large = product.variants.order_by("sort_order")
    small.name, large.name = "60 capsules", "120 capsules"
    small.save()
    large.save()
    CollectionFactory().products.add(product)

    # when the shopper goes home, then to the category, then to the product
    page.goto(live_server.url + "/")
    expect(page.get_by_role("heading", name="Featured")).to_be_visible()
    page.get_by_role("link", name="Functional mushrooms").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Functional mushrooms")
    page.get_by_role("link", name="Lion's Mane Capsules").click()

    # then the first variant's price shows
    expect(page.get_by_role("heading", level=1)).to_have_text("Lion's Mane Capsules")
    price = page.get_by_test_id("price")
    expect(price).to_have_text("$24.00")

    # when another variant is chosen, the price shown changes
    page.get_by_label("120 capsules").check()
    expect(price).to_have_text("$42.00")
    page.get_by_label("60 capsules").check()
    expect(price).to_have_text("$24.00")
