"""A staff edit of a subscribe-and-save plan shows on the product page at once,
although anonymous product pages are served from the page cache."""

import pytest
from django.test import Client

from common.page_cache import HEADER

pytestmark = pytest.mark.django_db


def _staff(django_user_model) -> Client:
    staff = django_user_model.objects.create_user(
        email="plans@example.com", password="pw", is_staff=True, is_superuser=True
    )
    client = Client()
    client.force_login(staff)
    return client


def _plan_form(plan, **changes) -> dict:
    form = {
        "product": plan.product_id,
        "channel": plan.channel_id,
        "discount_percent": str(plan.discount_percent),
        "intervals": '["2w", "4w", "8w", "1m"]',
        "is_active": "on",
    }
    form.update(changes)
    return {key: value for key, value in form.items() if value is not None}


def test_a_new_discount_shows_on_the_next_request(sub_shop, django_user_model):
    # given the product page cached with the 10 % plan
    path = f"/products/{sub_shop.variant.product.slug}/"
    shopper = Client()
    assert "Subscribe &amp; save 10%" in shopper.get(path).text
    assert shopper.get(path)[HEADER] == "hit"

    # when staff raise the discount in the admin
    response = _staff(django_user_model).post(
        f"/django-admin/subscriptions/subscriptionplan/{sub_shop.plan.pk}/change/",
        _plan_form(sub_shop.plan, discount_percent="15.00"),
    )
    assert response.status_code == 302

    # then the next visit renders the page again, with the new discount
    page = shopper.get(path)
    assert page[HEADER] == "miss"
    assert "Subscribe &amp; save 15%" in page.text


def test_switching_a_plan_off_takes_the_offer_off_the_page(sub_shop, django_user_model):
    path = f"/products/{sub_shop.variant.product.slug}/"
    shopper = Client()
    assert 'name="purchase" value="subscribe"' in shopper.get(path).text

    _staff(django_user_model).post(
        f"/django-admin/subscriptions/subscriptionplan/{sub_shop.plan.pk}/change/",
        _plan_form(sub_shop.plan, is_active=None),
    )

    assert 'name="purchase" value="subscribe"' not in shopper.get(path).text
