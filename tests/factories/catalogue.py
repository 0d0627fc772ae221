"""Factories for channels, the catalogue, stock and shipping."""

from decimal import Decimal

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from compliance.product_classes import ProductClass
from storefront.catalogue.listing_counts import listing_counts_refresh
from storefront.catalogue.models import (
    Attribute,
    AttributeValue,
    Category,
    Collection,
    Product,
    ProductChannelListing,
    ProductMedia,
    ProductType,
    ProductVariant,
    ProductVariantChannelListing,
)
from storefront.catalogue.search import (
    product_search_entries_refresh,
    product_search_index_refresh,
)
from storefront.channels.models import Channel
from storefront.inventory.models import Stock, Warehouse
from storefront.shipping.models import (
    ShippingMethod,
    ShippingMethodChannelListing,
    ShippingZone,
)


class ChannelFactory(DjangoModelFactory[Channel]):
    """The US channel by default; pass slug/currency/countries for others."""

    class Meta:
        model = Channel
        django_get_or_create = ("slug",)

    name = "United States"
    slug = "us"
    currency_code = "USD"
    default_country = "US"
    countries = factory.LazyFunction(lambda: ["US"])
    prices_entered_with_tax = False
    claims_regime = "us"


def eu_channel() -> Channel:
    return ChannelFactory(
        name="Europe",
        slug="eu",
        currency_code="EUR",
        default_country="NL",
        countries=["NL", "DE", "FR"],
        prices_entered_with_tax=True,
        claims_regime="eu",
    )


def uk_channel() -> Channel:
    return ChannelFactory(
        name="United Kingdom",
        slug="uk",
        currency_code="GBP",
        default_country="GB",
        countries=["GB"],
        prices_entered_with_tax=True,
        claims_regime="uk",
    )


class CategoryFactory(DjangoModelFactory[Category]):
    class Meta:
        model = Category
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Category {n}")
    slug = factory.Sequence(lambda n: f"category-{n}")


class AttributeFactory(DjangoModelFactory[Attribute]):
    class Meta:
        model = Attribute
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Attribute {n}")
    slug = factory.Sequence(lambda n: f"attribute-{n}")


class AttributeValueFactory(DjangoModelFactory[AttributeValue]):
    class Meta:
        model = AttributeValue

    attribute = factory.SubFactory(AttributeFactory)
    name = factory.Sequence(lambda n: f"Value {n}")
    slug = factory.Sequence(lambda n: f"value-{n}")


class ProductTypeFactory(DjangoModelFactory[ProductType]):
    class Meta:
        model = ProductType
        django_get_or_create = ("slug",)

    name = "Supplement"
    slug = "supplement"


class ProductFactory(DjangoModelFactory[Product]):
    class Meta:
        model = Product
        skip_postgeneration_save = True

    product_type = factory.SubFactory(ProductTypeFactory)
    category = factory.SubFactory(CategoryFactory)
    name = factory.Sequence(lambda n: f"Product {n:03d}")
    slug = factory.Sequence(lambda n: f"product-{n:03d}")
    description = "<p>A plain description.</p>"
    benefits = factory.LazyFunction(lambda: ["Vegan capsules"])
    regulated_class = ProductClass.GENERAL
    search_document = factory.LazyAttribute(lambda o: f"{o.description} {o.benefits}")

    @factory.post_generation
    def search_index(self, create: bool, extracted: object, **kwargs: object) -> None:
        # As the catalogue services do after writing a product's text.
        if create:
            product_search_index_refresh(product_ids=[self.pk])


class ProductVariantFactory(DjangoModelFactory[ProductVariant]):
    class Meta:
        model = ProductVariant

    product = factory.SubFactory(ProductFactory)
    sku = factory.Sequence(lambda n: f"SKU-{n:05d}")
    name = factory.Sequence(lambda n: f"Option {n}")
    weight_grams = Decimal("100")


class ProductChannelListingFactory(DjangoModelFactory[ProductChannelListing]):
    class Meta:
        model = ProductChannelListing
        skip_postgeneration_save = True

    product = factory.SubFactory(ProductFactory)
    channel = factory.SubFactory(ChannelFactory)
    is_published = True
    published_at = factory.LazyFunction(timezone.now)
    visible_in_listings = True

    @factory.post_generation
    def listing_counts(self, create: bool, extracted: object, **kwargs: object) -> None:
        # As the publishing services do after writing a listing.
        if create:
            listing_counts_refresh(category_ids=[self.product.category_id])
            product_search_entries_refresh(product_ids=[self.product_id])


class ProductVariantChannelListingFactory(
    DjangoModelFactory[ProductVariantChannelListing]
):
    class Meta:
        model = ProductVariantChannelListing
        skip_postgeneration_save = True

    variant = factory.SubFactory(ProductVariantFactory)
    channel = factory.SubFactory(ChannelFactory)
    currency = factory.LazyAttribute(lambda o: o.channel.currency_code)
    price_amount = Decimal("20.00")

    @factory.post_generation
    def listing_counts(self, create: bool, extracted: object, **kwargs: object) -> None:
        # As the pricing service does after a variant's first price in a channel.
        if create:
            listing_counts_refresh(category_ids=[self.variant.product.category_id])
            product_search_entries_refresh(product_ids=[self.variant.product_id])


class ProductMediaFactory(DjangoModelFactory[ProductMedia]):
    class Meta:
        model = ProductMedia

    product = factory.SubFactory(ProductFactory)
    image = factory.django.ImageField(color="green", width=40, height=40)
    thumbnail = factory.django.ImageField(color="green", width=20, height=20)
    alt = "A green square"


class CollectionFactory(DjangoModelFactory[Collection]):
    class Meta:
        model = Collection
        django_get_or_create = ("slug",)

    name = "Featured Products"
    slug = "featured-products"
    is_published = True


class WarehouseFactory(DjangoModelFactory[Warehouse]):
    class Meta:
        model = Warehouse
        django_get_or_create = ("slug",)
        skip_postgeneration_save = True

    name = "Portland"
    slug = "portland"
    country = "US"
    city = "Portland"

    @factory.post_generation
    def channels(self, create: bool, extracted: list[Channel] | None) -> None:
        if create and extracted:
            self.channels.set(extracted)


class StockFactory(DjangoModelFactory[Stock]):
    class Meta:
        model = Stock

    warehouse = factory.SubFactory(WarehouseFactory)
    product_variant = factory.SubFactory(ProductVariantFactory)
    quantity = 50
    quantity_allocated = 0


class ShippingZoneFactory(DjangoModelFactory[ShippingZone]):
    class Meta:
        model = ShippingZone

    name = "United States"
    countries = factory.LazyFunction(lambda: ["US"])


class ShippingMethodFactory(DjangoModelFactory[ShippingMethod]):
    class Meta:
        model = ShippingMethod

    zone = factory.SubFactory(ShippingZoneFactory)
    name = "Standard"


class ShippingMethodChannelListingFactory(
    DjangoModelFactory[ShippingMethodChannelListing]
):
    class Meta:
        model = ShippingMethodChannelListing

    shipping_method = factory.SubFactory(ShippingMethodFactory)
    channel = factory.SubFactory(ChannelFactory)
    currency = factory.LazyAttribute(lambda o: o.channel.currency_code)
    price_amount = Decimal("5.95")


def listed_product(
    *,
    channel: Channel,
    prices: tuple[Decimal, ...] = (Decimal("20.00"),),
    stock: int = 50,
    warehouse: Warehouse | None = None,
    **product_fields: object,
) -> Product:
    """A product published in the channel, one variant per price, each with stock.

    The warehouse (by default "Portland") is made to serve the channel.
    """
    product = ProductFactory(**product_fields)
    ProductChannelListingFactory(product=product, channel=channel)
    if warehouse is None:
        warehouse = WarehouseFactory()
    warehouse.channels.add(channel)
    for order, price in enumerate(prices):
        variant = ProductVariantFactory(product=product, sort_order=order)
        ProductVariantChannelListingFactory(
            variant=variant, channel=channel, price_amount=price
        )
        StockFactory(warehouse=warehouse, product_variant=variant, quantity=stock)
    return product
