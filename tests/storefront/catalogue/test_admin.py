import importlib
from decimal import Decimal

import pytest
from django.apps import apps as django_apps
from django.contrib.auth.models import Group, Permission

from storefront.accounts.models import User
from storefront.catalogue.models import Product, ProductVariantChannelListing
from storefront.catalogue.permissions import (
    CATALOGUE_MANAGER_GROUP,
    catalogue_manager_group_sync,
)
from storefront.inventory.models import Stock
from tests.factories.catalogue import (
    ChannelFactory,
    ProductFactory,
    WarehouseFactory,
    eu_channel,
    listed_product,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def manager(db):
    user = User.objects.create_user("cat@example.com", "pw-for-tests", is_staff=True)
    user.groups.add(catalogue_manager_group_sync())
    return User.objects.get(pk=user.pk)  # fresh permission cache


def test_migration_creates_the_group_with_catalogue_permissions_only():
    """The data migration's forward step builds the group from nothing."""
    # given
    Group.objects.filter(name=CATALOGUE_MANAGER_GROUP).delete()
    migration = importlib.import_module(
        "storefront.catalogue.migrations.0002_catalogue_manager_group"
    )

    # when
    migration.create_group(django_apps, None)

    # then
    group = Group.objects.get(name=CATALOGUE_MANAGER_GROUP)
    apps = set(group.permissions.values_list("content_type__app_label", flat=True))
    channel_perms = set(
        group.permissions.filter(content_type__app_label="channels").values_list(
            "codename", flat=True
        )
    )
    assert apps == {
        "catalogue",
        "inventory",
        "shipping",
        "channels",
        "wagtailadmin",
        "wagtailimages",
        "wagtaildocs",
    }
    assert channel_perms == {"view_channel"}
    assert group.permissions.filter(codename="change_product").exists() is True
    assert group.permissions.filter(codename="delete_stock").exists() is True
    assert group.permissions.filter(content_type__app_label="orders").exists() is False


def test_manager_has_no_order_payment_or_compliance_permissions(manager):
    assert manager.has_perm("catalogue.change_product") is True
    assert manager.has_perm("inventory.change_stock") is True
    assert manager.has_perm("channels.change_channel") is False
    for app in ("orders", "payments", "subscriptions", "compliance", "accounts"):
        assert manager.has_module_perms(app) is False
    assert manager.has_perm("orders.view_order") is False


def test_manager_can_open_and_edit_the_catalogue_admin(client, manager):
    # given
    product = ProductFactory(name="Reishi Powder")
    client.force_login(manager)

    # when
    listing = client.get("/django-admin/catalogue/product/")
    change = client.get(f"/django-admin/catalogue/product/{product.pk}/change/")
    stock = client.get("/django-admin/inventory/stock/")

    # then
    assert listing.status_code == 200
    assert "Reishi Powder" in listing.content.decode()
    assert change.status_code == 200
    assert stock.status_code == 200


def test_manager_cannot_reach_other_apps_admin(client, manager):
    # given
    client.force_login(manager)

    # when
    users = client.get("/django-admin/accounts/user/")
    groups = client.get("/django-admin/auth/group/")
    add_channel = client.get("/django-admin/channels/channel/add/")
    index = client.get("/django-admin/")

    # then
    assert users.status_code == 403
    assert groups.status_code == 403
    assert add_channel.status_code == 403
    apps = {app["app_label"] for app in index.context["app_list"]}
    assert apps == {"catalogue", "inventory", "shipping", "channels"}


def test_manager_cannot_delete_through_a_forbidden_app(client, manager):
    # given
    other = User.objects.create_user("shopper@example.com", "pw-for-tests")
    client.force_login(manager)

    # when
    response = client.post(
        f"/django-admin/accounts/user/{other.pk}/delete/", {"post": "yes"}
    )

    # then
    assert response.status_code == 403
    assert User.objects.filter(pk=other.pk).exists() is True


def test_shopper_is_sent_to_the_admin_login(client):
    # given
    client.force_login(User.objects.create_user("s@example.com", "pw-for-tests"))

    # when
    response = client.get("/django-admin/catalogue/product/")

    # then
    assert response.status_code == 302
    assert response["Location"].startswith("/django-admin/login/")
    assert Product.objects.count() == 0


def test_admin_form_sanitises_description_and_validates_benefits(client, manager):
    # given
    product = ProductFactory(name="Tea")
    client.force_login(manager)
    url = f"/django-admin/catalogue/product/{product.pk}/change/"
    data = {
        "product_type": product.product_type_id,
        "category": product.category_id,
        "name": "Tea",
        "slug": product.slug,
        "description": "<p>Nice<script>x()</script></p>",
        "benefits": "One\n\n  Two  \n",
        "regulated_class": "general",
        **{
            f"{prefix}-{key}": value
            for prefix in ("variants", "channel_listings", "media")
            for key, value in (
                ("TOTAL_FORMS", "0"),
                ("INITIAL_FORMS", "0"),
                ("MIN_NUM_FORMS", "0"),
                ("MAX_NUM_FORMS", "1000"),
            )
        },
    }

    # when
    saved = client.post(url, data)
    refused = client.post(url, {**data, "benefits": "x" * 201})

    # then
    assert saved.status_code == 302
    product.refresh_from_db()
    assert product.description == "<p>Nice</p>"
    assert product.benefits == ["One", "Two"]
    assert refused.status_code == 200
    assert refused.context["adminform"].form.errors["benefits"] == [
        "Keep each benefit under 200 characters."
    ]
    page = client.get(url).content.decode()
    assert "One\nTwo</textarea>" in page


def test_wagtail_admin_menu_links_to_the_catalogue(client, manager):
    # given
    client.force_login(manager)

    # when
    response = client.get("/admin/")

    # then
    assert response.status_code == 200
    assert "/django-admin/catalogue/" in response.content.decode()


def test_wagtail_menu_hides_the_catalogue_from_editors_without_it(client):
    # given
    editor = User.objects.create_user("ed@example.com", "pw-for-tests", is_staff=True)
    editor.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(editor)

    # when
    response = client.get("/admin/")

    # then
    assert response.status_code == 200
    assert "/django-admin/catalogue/" not in response.content.decode()


def _product_form(product, variant, **variant_fields):
    data = {
        "product_type": product.product_type_id,
        "category": product.category_id,
        "name": product.name,
        "slug": product.slug,
        "description": product.description,
        "benefits": "\n".join(product.benefits),
        "regulated_class": product.regulated_class,
        "variants-TOTAL_FORMS": "1",
        "variants-INITIAL_FORMS": "1",
        "variants-0-id": str(variant.pk),
        "variants-0-product": str(product.pk),
        "variants-0-sku": variant.sku,
        "variants-0-name": variant.name,
        "variants-0-weight_grams": "100",
        "variants-0-track_inventory": "on",
        "variants-0-sort_order": "0",
    }
    for prefix in ("channel_listings", "media"):
        data |= {f"{prefix}-TOTAL_FORMS": "0", f"{prefix}-INITIAL_FORMS": "0"}
    data |= {f"variants-0-{key}": value for key, value in variant_fields.items()}
    return data


def test_prices_and_stock_are_edited_on_the_product_page(client, manager):
    # given a product priced in the US, with stock in Portland
    us = ChannelFactory()
    eu = eu_channel()
    product = listed_product(channel=us, name="Tea", prices=(Decimal("9.00"),))
    variant = product.variants.get()
    WarehouseFactory(name="Rotterdam", slug="rotterdam", country="NL")
    client.force_login(manager)
    url = f"/django-admin/catalogue/product/{product.pk}/change/"

    # when the page is opened
    page = client.get(url).content.decode()

    # then the variant row has a price per channel and stock per warehouse
    assert 'name="variants-0-price__us" value="9.00"' in page
    assert 'name="variants-0-price__eu"' in page
    assert 'name="variants-0-stock__portland" value="50"' in page
    assert 'name="variants-0-stock__rotterdam"' in page

    # when staff set a euro price and Rotterdam stock, and lower Portland's
    saved = client.post(
        url,
        _product_form(
            product,
            variant,
            price__us="10.50",
            price__eu="8.00",
            stock__portland="40",
            stock__rotterdam="12",
        ),
    )

    # then all of it is stored, in the channels' currencies
    assert saved.status_code == 302
    prices = dict(
        ProductVariantChannelListing.objects.filter(variant=variant).values_list(
            "channel__slug", "price_amount"
        )
    )
    assert prices == {"us": Decimal("10.50"), "eu": Decimal("8.00")}
    assert (
        ProductVariantChannelListing.objects.get(variant=variant, channel=eu).currency
        == "EUR"
    )
    stock = dict(
        Stock.objects.filter(product_variant=variant).values_list(
            "warehouse__slug", "quantity"
        )
    )
    assert stock == {"portland": 40, "rotterdam": 12}


def test_stock_below_what_orders_hold_is_refused_naming_the_field(client, manager):
    # given 5 of the 50 units promised to orders
    us = ChannelFactory()
    product = listed_product(channel=us, name="Tea")
    variant = product.variants.get()
    Stock.objects.filter(product_variant=variant).update(quantity_allocated=5)
    client.force_login(manager)
    url = f"/django-admin/catalogue/product/{product.pk}/change/"

    # when
    refused = client.post(
        url, _product_form(product, variant, price__us="20.00", stock__portland="3")
    )

    # then
    assert refused.status_code == 200
    formset = refused.context["inline_admin_formsets"][0].formset
    assert formset.forms[0].errors["stock__portland"] == [
        "5 units are already promised to orders; the stock cannot go below that."
    ]
    assert Stock.objects.get(product_variant=variant).quantity == 50
