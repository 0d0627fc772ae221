"""The membership demo loader: idempotent, digital, one plan per interval."""

import io

from storefront.catalogue.models import Product
from storefront.subscriptions.demo import populate_membership
from storefront.subscriptions.models import SubscriptionPlan
from tests.factories.catalogue import ChannelFactory


def test_loader_creates_the_member_access_plans_once(db):
    # given
    ChannelFactory()
    out = io.StringIO()

    # when
    populate_membership(out)
    populate_membership(out)

    # then
    products = Product.objects.filter(product_type__slug="membership").order_by("slug")
    assert [p.slug for p in products] == [
        "member-access-monthly",
        "member-access-yearly",
    ]
    assert {p.product_type.is_shipping_required for p in products} == {False}
    plans = SubscriptionPlan.objects.filter(is_membership=True).order_by("intervals")
    assert [p.intervals for p in plans] == [["1m"], ["1y"]]
    assert out.getvalue().count("Subscriptions: 2 membership plans") == 2
