"""Loading the demo shop: idempotent, offline, through the services."""

from decimal import Decimal
from io import BytesIO
from typing import Any, TextIO, cast

from django.conf import settings
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.module_loading import import_string

from storefront.accounts.models import User
from storefront.catalogue import demo_data
from storefront.catalogue.demo_packshots import category_image, packshot_png
from storefront.catalogue.models import (
    Attribute,
    AttributeValue,
    Category,
    Collection,
    Product,
    ProductType,
    ProductVariant,
)
from storefront.catalogue.permissions import catalogue_manager_group_sync
from storefront.catalogue.renditions import renditions_for
from storefront.catalogue.selectors import FEATURED_COLLECTION_SLUG
from storefront.catalogue.services import (
    product_create,
    product_media_add,
    product_publish,
    product_update,
    product_variant_create,
    product_variant_price_set,
)
from storefront.channels.cache import channels_cache_invalidate
from storefront.channels.models import Channel
from storefront.inventory.models import Stock, Warehouse
from storefront.shipping.models import (
    ShippingMethod,
    ShippingMethodChannelListing,
    ShippingZone,
)

DEMO_PASSWORD = "verdant-demo-2024"  # noqa: S105 - printed on purpose: demo only
ADMIN_EMAIL = "admin@example.com"
MANAGER_EMAIL = "catalogue@example.com"
EU_COUNTRIES = (
    "NL", "DE", "FR", "ES", "IT", "IE", "AT", "BE", "PT", "FI",
)  # fmt: skip
SHIPPING = (
    # zone, countries, channel, (method, min days, max days, price, free above)
    ("United States", ("US",), "us", (
        ("Standard", 3, 6, "5.95", "60"), ("Express", 1, 2, "14.95", None))),
    ("Europe", EU_COUNTRIES, "eu", (
        ("Standard", 3, 7, "4.95", "50"), ("Express", 1, 3, "12.95", None))),
    ("United Kingdom", ("GB",), "uk", (
        ("Standard", 2, 4, "3.95", "40"), ("Express", 1, 1, "9.95", None))),
)  # fmt: skip


def demo_shop_is_empty() -> bool:
    """Whether the shop has neither channels nor products: a fresh database."""
    return not Channel.objects.exists() and not Product.objects.exists()


def demo_load_if_empty(*, stdout: TextIO) -> bool:
    """Load the demo shop into a fresh database; leave a used one as it is.

    Returns whether it loaded. A shop that has channels or products keeps them
    untouched, so staff edits and unpublished products survive every restart;
    ``populatedb`` reloads on request.
    """
    if not demo_shop_is_empty():
        return False
    demo_load(stdout=stdout)
    return True


def demo_logins() -> list[str]:
    """The demo's staff sign-ins, one line each, as printed for newcomers."""
    return [
        f"Demo staff login: {ADMIN_EMAIL} / {DEMO_PASSWORD}",
        f"Catalogue manager login: {MANAGER_EMAIL} / {DEMO_PASSWORD}",
    ]


def demo_load(*, stdout: TextIO) -> None:
    """Load (or refresh) the whole demo shop, then every loader in DEMO_DATA_LOADERS.

    Refreshing puts the demo products back as shipped: staff edits to them and
    unpublishing are reverted. Only an explicit reload should call this on a shop
    in use.
    """
    with transaction.atomic():
        channels = _channels()
        categories = _categories()
        values = _attributes()
        types = _product_types()
        products = [
            _product(spec, channels, categories, values, types)
            for spec in demo_data.demo_products()
        ]
        _featured(products)
        _category_images(categories)
        _warehouses(channels)
        _shipping(channels)
        _users()
    stdout.write(
        f"Catalogue: {len(products)} products in {len(categories)} categories.\n"
    )
    for dotted in settings.DEMO_DATA_LOADERS:
        import_string(dotted)(stdout)


def _channels() -> dict[str, Channel]:
    channels = {}
    for (
        slug,
        name,
        currency,
        default,
        countries,
        with_tax,
        regime,
    ) in demo_data.CHANNELS:
        # A multiple CountryField takes a list; django-stubs types it as text.
        channel, _ = Channel.objects.update_or_create(  # type: ignore[misc]
            slug=slug,
            defaults={
                "name": name,
                "currency_code": currency,
                "default_country": default,
                "countries": list(countries),
                "prices_entered_with_tax": with_tax,
                "claims_regime": regime,
                "is_active": True,
            },
        )
        channels[slug] = channel
    channels_cache_invalidate()
    return channels


def _categories() -> dict[str, Category]:
    categories = {}
    for order, (slug, name, description) in enumerate(demo_data.CATEGORIES):
        category, _ = Category.objects.update_or_create(
            slug=slug,
            defaults={"name": name, "description": description, "sort_order": order},
        )
        categories[slug] = category
    return categories


def _attributes() -> dict[tuple[str, str], AttributeValue]:
    values = {}
    for slug, name, input_type, unit, names in demo_data.ATTRIBUTES:
        attribute, _ = Attribute.objects.update_or_create(
            slug=slug, defaults={"name": name, "input_type": input_type, "unit": unit}
        )
        for order, value_name in enumerate(names):
            values[(slug, value_name)] = _value(attribute, value_name, order)
    return values


def _value(attribute: Attribute, name: str, order: int = 0) -> AttributeValue:
    numeric = Decimal(name) if attribute.input_type == "numeric" else None
    value, _ = AttributeValue.objects.update_or_create(
        attribute=attribute,
        slug=name.lower().replace(" ", "-").replace("'", ""),
        defaults={"name": name, "numeric_value": numeric, "sort_order": order},
    )
    return value


def _product_types() -> dict[str, ProductType]:
    types = {}
    for slug, name, product_attrs, variant_attrs, shipping in demo_data.PRODUCT_TYPES:
        product_type, _ = ProductType.objects.update_or_create(
            slug=slug, defaults={"name": name, "is_shipping_required": shipping}
        )
        product_type.product_attributes.set(
            Attribute.objects.filter(slug__in=product_attrs)
        )
        product_type.variant_attributes.set(
            Attribute.objects.filter(slug__in=variant_attrs)
        )
        types[slug] = product_type
    return types


def _product(
    spec: demo_data.DemoProduct,
    channels: dict[str, Channel],
    categories: dict[str, Category],
    values: dict[tuple[str, str], AttributeValue],
    types: dict[str, ProductType],
) -> Product:
    attribute_values = [values[("form", spec.form)]]
    if spec.ingredient:
        attribute_values.append(values[("main-ingredient", spec.ingredient)])
    fields: dict[str, Any] = {
        "name": spec.name,
        "description": spec.description,
        "benefits": list(spec.benefits),
        "regulated_class": spec.regulated_class,
        "category": categories[spec.category],
        "product_type": types[spec.product_type],
        "seo_description": spec.benefits[0],
    }
    product = Product.objects.filter(slug=spec.slug).first()
    if product is None:
        product = product_create(
            slug=spec.slug, attribute_values=attribute_values, **fields
        )
    else:
        product_update(product=product, attribute_values=attribute_values, **fields)
    for order, variant_spec in enumerate(spec.variants):
        _variant(product, variant_spec, order, spec.channels, channels)
    _packshot(product, spec)
    for slug in spec.channels:
        product_publish(product=product, channel=channels[slug])
    return product


def _variant(
    product: Product,
    spec: demo_data.DemoVariant,
    order: int,
    channel_slugs: tuple[str, ...],
    channels: dict[str, Channel],
) -> ProductVariant:
    attrs = Attribute.objects.in_bulk(["strength", "serving-count"], field_name="slug")
    values = []
    if spec.strength is not None:
        values.append(_value(attrs["strength"], str(spec.strength)))
    if spec.servings is not None:
        values.append(_value(attrs["serving-count"], str(spec.servings)))
    variant = ProductVariant.objects.filter(sku=spec.code).first()
    if variant is None:
        variant = product_variant_create(
            product=product,
            sku=spec.code,
            name=spec.name,
            weight_grams=spec.weight,
            attribute_values=values,
            sort_order=order,
        )
    prices = {"us": spec.usd, "eu": spec.eur, "uk": spec.gbp}
    for slug in channel_slugs:
        product_variant_price_set(
            variant=variant, channel=channels[slug], amount=prices[slug]
        )
    return variant


def _featured(products: list[Product]) -> None:
    collection, _ = Collection.objects.update_or_create(
        slug=FEATURED_COLLECTION_SLUG,
        defaults={"name": "Featured Products", "is_published": True},
    )
    slugs = {spec.slug for spec in demo_data.demo_products() if spec.featured}
    collection.products.set([p for p in products if p.slug in slugs])


def _warehouses(channels: dict[str, Channel]) -> None:
    us, _ = Warehouse.objects.update_or_create(
        slug="portland",
        defaults={"name": "Portland", "country": "US", "city": "Portland"},
    )
    eu, _ = Warehouse.objects.update_or_create(
        slug="rotterdam",
        defaults={"name": "Rotterdam", "country": "NL", "city": "Rotterdam"},
    )
    us.channels.set([channels["us"]])
    eu.channels.set([channels["eu"], channels["uk"]])
    for index, variant in enumerate(ProductVariant.objects.order_by("sku")):
        # A deterministic spread: most in stock, some low, a few sold out.
        quantity = (0, 3, 40, 120, 75)[index % 5]
        for warehouse in (us, eu):
            Stock.objects.get_or_create(
                warehouse=warehouse,
                product_variant=variant,
                defaults={"quantity": quantity},
            )


def _shipping(channels: dict[str, Channel]) -> None:
    for zone_name, countries, channel_slug, methods in SHIPPING:
        # A multiple CountryField takes a list; django-stubs types it as text.
        zone, _ = ShippingZone.objects.update_or_create(  # type: ignore[misc]
            name=zone_name,
            defaults={"countries": list(countries)},
        )
        channel = channels[channel_slug]
        zone.channels.set([channel])
        for name, low, high, price, free_above in methods:
            method, _ = ShippingMethod.objects.update_or_create(
                zone=zone,
                name=name,
                defaults={"minimum_delivery_days": low, "maximum_delivery_days": high},
            )
            ShippingMethodChannelListing.objects.update_or_create(
                shipping_method=method,
                channel=channel,
                defaults={
                    "currency": channel.currency_code,
                    "price_amount": Decimal(price),
                    "free_above_amount": Decimal(free_above) if free_above else None,
                },
            )
        for warehouse in Warehouse.objects.filter(channels=channel):
            warehouse.shipping_zones.add(zone)


def _users() -> None:
    group = catalogue_manager_group_sync()
    if not User.objects.filter(email=ADMIN_EMAIL).exists():
        User.objects.create_superuser(ADMIN_EMAIL, DEMO_PASSWORD, first_name="Admin")
    manager = User.objects.filter(email=MANAGER_EMAIL).first()
    if manager is None:
        manager = User.objects.create_user(
            MANAGER_EMAIL, DEMO_PASSWORD, is_staff=True, first_name="Cata"
        )
    manager.groups.add(cast(Group, group))


def _packshot(product: Product, spec: demo_data.DemoProduct) -> None:
    """Give the product its packshot, replacing the flat squares of older demos."""
    media = list(product.media.all())
    if any("packshot" in (item.image.name or "") for item in media):
        return
    for item in media:
        if item.alt == f"Package of {spec.name}":
            item.delete()
    if product.media.exists():
        return
    picture = packshot_png(name=spec.name, form=spec.form, category=spec.category)
    added = product_media_add(
        product=product,
        image=ContentFile(picture, name=f"{spec.slug}-packshot.png"),
        alt=f"{spec.name}, {spec.form.lower()}",
    )
    renditions_for(added.image.name or "")


def _category_images(categories: dict[str, Category]) -> None:
    """A scene of a few of each category's packages, as its picture."""
    forms: dict[str, list[tuple[str, str]]] = {}
    for spec in demo_data.demo_products():
        forms.setdefault(spec.category, []).append((spec.name, spec.form))
    for slug, category in categories.items():
        if "scene" in (category.background_image.name or ""):
            continue
        picked = forms.get(slug, [])[:3]
        scene = category_image(name=category.name, items=picked, category=slug)
        buffer = BytesIO()
        scene.save(buffer, format="PNG", optimize=True)
        category.background_image.save(
            f"{slug}-scene.png", ContentFile(buffer.getvalue()), save=True
        )
        renditions_for(category.background_image.name or "")
