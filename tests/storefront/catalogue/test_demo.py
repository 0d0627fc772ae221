import socket
import subprocess
import sys
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer
from io import StringIO

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command

from storefront.accounts.models import User
from storefront.catalogue.demo import demo_load_if_empty
from storefront.catalogue.management.commands.rundemo import (
    server_wait_until_answering,
)
from storefront.catalogue.models import (
    Category,
    Product,
    ProductChannelListing,
    ProductMedia,
    ProductVariant,
    ProductVariantChannelListing,
)
from storefront.channels.models import Channel
from storefront.inventory.models import Stock, Warehouse
from storefront.shipping.models import ShippingMethodChannelListing, ShippingZone

pytestmark = pytest.mark.django_db

MODELS = (
    Channel,
    Category,
    Product,
    ProductVariant,
    ProductChannelListing,
    ProductVariantChannelListing,
    ProductMedia,
    Warehouse,
    Stock,
    ShippingZone,
    ShippingMethodChannelListing,
    User,
    Group,
)


def _snapshot() -> dict[str, object]:
    product = Product.objects.get(slug="lions-mane-capsules")
    return {
        "counts": {model.__name__: model.objects.count() for model in MODELS},
        "product": (product.name, product.description, product.updated_at),
        "prices": sorted(
            ProductVariantChannelListing.objects.values_list(
                "variant__sku", "currency", "price_amount"
            )
        ),
        "media": sorted(ProductMedia.objects.values_list("image", "thumbnail")),
        "stock": sorted(
            Stock.objects.values_list(
                "product_variant__sku", "warehouse__slug", "quantity"
            )
        ),
        "password": User.objects.get(email="admin@example.com").password,
    }


def test_populatedb_loads_the_demo_shop(settings):
    # given
    settings.DEMO_DATA_LOADERS = []
    out = StringIO()

    # when
    call_command("populatedb", stdout=out)

    # then
    assert list(
        Channel.objects.values_list("slug", "currency_code", "claims_regime")
    ) == [
        ("eu", "EUR", "eu"),
        ("uk", "GBP", "uk"),
        ("us", "USD", "us"),
    ]
    assert Product.objects.count() == 30
    assert Category.objects.count() == 9
    assert ProductMedia.objects.exclude(thumbnail="").count() == 30
    assert sorted(Warehouse.objects.values_list("slug", flat=True)) == [
        "portland",
        "rotterdam",
    ]
    truffles = Product.objects.get(slug="psilocybin-truffles")
    assert truffles.regulated_class == "psilocybin_truffle"
    assert list(truffles.channel_listings.values_list("channel__slug", flat=True)) == [
        "eu"
    ]
    admin = User.objects.get(email="admin@example.com")
    assert admin.is_superuser is True
    assert admin.check_password("verdant-demo-2024") is True
    manager = User.objects.get(email="catalogue@example.com")
    assert list(manager.groups.values_list("name", flat=True)) == ["Catalogue manager"]
    assert "Demo staff login: admin@example.com / verdant-demo-2024" in out.getvalue()


def test_populatedb_twice_changes_nothing(settings):
    # given
    settings.DEMO_DATA_LOADERS = []
    call_command("populatedb", stdout=StringIO())
    before = _snapshot()

    # when
    call_command("populatedb", stdout=StringIO())

    # then
    assert _snapshot() == before


def test_populatedb_runs_the_other_loaders(settings):
    # given
    calls = []
    settings.DEMO_DATA_LOADERS = ["tests.storefront.catalogue.test_demo.record_loader"]
    record_loader.calls = calls

    # when
    call_command("populatedb", stdout=StringIO())

    # then
    assert calls == ["called"]


def record_loader(stdout) -> None:
    record_loader.calls.append("called")


record_loader.calls = []


def test_load_if_empty_fills_a_fresh_shop(settings):
    # given
    settings.DEMO_DATA_LOADERS = []

    # when
    loaded = demo_load_if_empty(stdout=StringIO())

    # then
    assert loaded is True
    assert Product.objects.count() == 30


def test_load_if_empty_keeps_staff_edits(settings):
    # given a shop in use: staff renamed one demo product and unpublished another
    settings.DEMO_DATA_LOADERS = []
    call_command("populatedb", stdout=StringIO())
    Product.objects.filter(slug="reishi-powder").update(name="Reishi, renamed")
    ProductChannelListing.objects.filter(product__slug="peppermint-tea").update(
        is_published=False
    )
    before = _snapshot()

    # when the demo starts again
    loaded = demo_load_if_empty(stdout=StringIO())

    # then nothing was reloaded
    assert loaded is False
    assert _snapshot() == before
    assert Product.objects.get(slug="reishi-powder").name == "Reishi, renamed"
    assert (
        ProductChannelListing.objects.filter(
            product__slug="peppermint-tea", is_published=True
        ).exists()
        is False
    )


def test_populatedb_reloads_on_request(settings):
    # given
    settings.DEMO_DATA_LOADERS = []
    call_command("populatedb", stdout=StringIO())
    Product.objects.filter(slug="reishi-powder").update(name="Reishi, renamed")

    # when
    call_command("populatedb", stdout=StringIO())

    # then
    assert Product.objects.get(slug="reishi-powder").name == "Reishi Powder"


def test_wait_until_answering_sees_a_live_server():
    # given a server on a free loopback port
    server = HTTPServer(("127.0.0.1", 0), BaseHTTPRequestHandler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    url = f"http://127.0.0.1:{server.server_port}/"

    try:
        # when / then: a 501 (no handler) is still an answer
        assert server_wait_until_answering(url, timeout=5) is True
    finally:
        server.shutdown()
        server.server_close()


def test_wait_until_answering_gives_up():
    # given a port nobody listens on
    probe = socket.socket()
    probe.bind(("127.0.0.1", 0))
    port = probe.getsockname()[1]
    probe.close()

    # when / then
    assert (
        server_wait_until_answering(
            f"http://127.0.0.1:{port}/", timeout=0.5, interval=0.1
        )
        is False
    )


def test_wait_until_answering_stops_when_the_server_exits():
    # given a "server" that exits at once
    process = subprocess.Popen([sys.executable, "-c", "pass"])
    process.wait()

    # when / then
    assert (
        server_wait_until_answering(
            "http://127.0.0.1:9/", process=process, timeout=30, interval=0.1
        )
        is False
    )
