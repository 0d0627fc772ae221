import shutil
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from compliance.rules import rules_load
from tests.factories.catalogue import ChannelFactory, WarehouseFactory
from tests.factories.checkout import US_ADDRESS, sellable_variant, shipping_method
from tests.factories.subscriptions import (
    SubscriptionPlanFactory,
    UserFactory,
    subscribe_via_checkout,
)

OFFICER_GROUP = "Compliance officer"


@pytest.fixture
def staff_user(db):
    return get_user_model().objects.create_user(
        email="editor@example.com", password="pw", is_staff=True
    )


@pytest.fixture
def officer(db):
    user = get_user_model().objects.create_user(
        email="officer@example.com", password="pw", is_staff=True
    )
    user.groups.add(Group.objects.get(name=OFFICER_GROUP))
    # Permissions are cached per instance; fetch a fresh one as a request would.
    return get_user_model().objects.get(pk=user.pk)


RULES = Path(__file__).resolve().parents[2] / "config" / "compliance"
NEW_BAN = """
[[legality]]
id = "LEG.HERBAL.US-CA.TEST_BAN"
class = "herbal"
jurisdiction = "US-CA"
decision = "prohibited"
source = ["Test fixture: a new state ban"]
reviewed = 2026-12-01
"""


@pytest.fixture
def banned_rules(tmp_path):
    """The rule data in force plus a new ban on herbal food in California."""
    directory = tmp_path / "rules"
    shutil.copytree(RULES, directory)
    (directory / "legality_us.toml").write_text(
        (directory / "legality_us.toml").read_text() + NEW_BAN
    )
    ruleset = directory / "ruleset.toml"
    ruleset.write_text(
        ruleset.read_text().replace(
            f'version = "{rules_load().version}"', 'version = "test.ban"'
        )
    )
    return directory


def _subscribe(channel, warehouse, method, product_class, address):
    variant = sellable_variant(
        channel=channel,
        warehouse=warehouse,
        price="20.00",
        stock=50,
        product_fields={"regulated_class": product_class},
    )
    SubscriptionPlanFactory(product=variant.product, channel=channel)
    return subscribe_via_checkout(
        user=UserFactory(),
        channel=channel,
        variant=variant,
        shipping=method,
        address=address,
    )


@pytest.fixture
def shop_with_subscriptions(db):
    channel = ChannelFactory()
    warehouse = WarehouseFactory()
    warehouse.channels.add(channel)
    method = shipping_method(channel=channel, countries=["US"], price="5.00")
    ny = {
        **US_ADDRESS,
        "city": "New York",
        "postal_code": "10001",
        "country_area": "NY",
    }
    return {
        "herbal_ca": _subscribe(channel, warehouse, method, "herbal", US_ADDRESS),
        "herbal_ny": _subscribe(channel, warehouse, method, "herbal", ny),
        "general_ca": _subscribe(channel, warehouse, method, "general", US_ADDRESS),
    }
