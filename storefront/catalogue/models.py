"""The catalogue, after Saleor: types with attributes, products, variants, listings."""

from typing import Any

from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.search import SearchVectorField
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django_prices.models import MoneyField

from common.models import TimeStampedModel
from compliance.product_classes import ProductClass


class Category(models.Model):
    parent = models.ForeignKey(
        "self", null=True, blank=True, related_name="children", on_delete=models.CASCADE
    )
    name = models.CharField(max_length=250)
    slug = models.SlugField(max_length=255, unique=True)
    description = models.TextField(blank=True)
    background_image = models.ImageField(upload_to="category-backgrounds", blank=True)
    seo_title = models.CharField(max_length=70, blank=True)
    seo_description = models.CharField(max_length=300, blank=True)
    sort_order = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name_plural = "categories"

    def __str__(self) -> str:
        return self.name


class Collection(models.Model):
    name = models.CharField(max_length=250)
    slug = models.SlugField(max_length=255, unique=True)
    description = models.TextField(blank=True)
    is_published = models.BooleanField(default=False)
    products: "models.ManyToManyField[Product, Any]" = models.ManyToManyField(
        "Product", blank=True, related_name="collections"
    )
    sort_order = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["sort_order", "name"]

    def __str__(self) -> str:
        return self.name


class Attribute(models.Model):
    class InputType(models.TextChoices):
        DROPDOWN = "dropdown", "Choice from a list"
        NUMERIC = "numeric", "Number"
        TEXT = "text", "Free text"

    name = models.CharField(max_length=100)
    slug = models.SlugField(max_length=100, unique=True)
    input_type = models.CharField(
        max_length=20, choices=InputType.choices, default=InputType.DROPDOWN
    )
    unit = models.CharField(
        max_length=20, blank=True, help_text="For numbers: g, mg, ml"
    )
    filterable_in_storefront = models.BooleanField(default=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class AttributeValue(models.Model):
    attribute = models.ForeignKey(
        Attribute, related_name="values", on_delete=models.CASCADE
    )
    name = models.CharField(max_length=250)
    slug = models.SlugField(max_length=255)
    numeric_value = models.DecimalField(
        max_digits=12, decimal_places=3, null=True, blank=True
    )
    sort_order = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["attribute", "sort_order", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["attribute", "slug"], name="attribute_value_unique_slug"
            )
        ]

    def __str__(self) -> str:
        return f"{self.attribute.name}: {self.name}"


class ProductType(models.Model):
    name = models.CharField(max_length=250)
    slug = models.SlugField(max_length=255, unique=True)
    has_variants = models.BooleanField(default=True)
    is_shipping_required = models.BooleanField(default=True)
    is_digital = models.BooleanField(default=False)
    product_attributes = models.ManyToManyField(
        Attribute, blank=True, related_name="product_types"
    )
    variant_attributes = models.ManyToManyField(
        Attribute, blank=True, related_name="variant_product_types"
    )

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Product(TimeStampedModel):
    product_type = models.ForeignKey(
        ProductType, related_name="products", on_delete=models.PROTECT
    )
    category = models.ForeignKey(
        Category, related_name="products", on_delete=models.PROTECT
    )
    name = models.CharField(max_length=250)
    slug = models.SlugField(max_length=255, unique=True)
    description = models.TextField(
        blank=True, help_text="Rich text; sanitised when saved through the services."
    )
    benefits = models.JSONField(
        default=list,
        blank=True,
        help_text="Benefit bullets, one claim each, checked like the description.",
    )
    seo_title = models.CharField(max_length=70, blank=True)
    seo_description = models.CharField(max_length=300, blank=True)
    regulated_class = models.CharField(
        max_length=32, choices=ProductClass.choices, default=ProductClass.GENERAL
    )
    attribute_values = models.ManyToManyField(
        AttributeValue, blank=True, related_name="products"
    )
    search_document = models.TextField(blank=True, editable=False)
    # Name (weight A) and search document (weight B), kept by catalogue.search.
    # PostgreSQL only: its GIN index is made by the migration, not declared in Meta,
    # because SQLite (the demo) cannot build it and rebuilds tables from Meta.
    search_vector = SearchVectorField(null=True, editable=False)
    rating = models.DecimalField(max_digits=3, decimal_places=2, null=True, blank=True)

    class Meta:
        ordering = ["name"]
        indexes = [
            models.Index(fields=["regulated_class"]),
            # Listings sort by name with the id as tie-break, in a category or not.
            models.Index(fields=["name", "id"], name="product_name_id_idx"),
            models.Index(
                fields=["category", "name", "id"], name="product_category_name_idx"
            ),
            models.Index(fields=["-created_at", "id"], name="product_newest_idx"),
        ]

    def __str__(self) -> str:
        return self.name


class ProductMedia(models.Model):
    product = models.ForeignKey(Product, related_name="media", on_delete=models.CASCADE)
    image = models.ImageField(upload_to="products")
    thumbnail = models.ImageField(upload_to="products/thumbnails", blank=True)
    alt = models.CharField(max_length=250, blank=True)
    sort_order = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["sort_order", "pk"]
        verbose_name_plural = "product media"

    def __str__(self) -> str:
        return self.alt or self.image.name or ""


class ProductVariant(models.Model):
    product = models.ForeignKey(
        Product, related_name="variants", on_delete=models.CASCADE
    )
    sku = models.CharField(max_length=64, unique=True)
    name = models.CharField(max_length=255, blank=True)
    attribute_values = models.ManyToManyField(
        AttributeValue, blank=True, related_name="variants"
    )
    weight_grams = models.DecimalField(
        max_digits=10, decimal_places=2, default=0, validators=[MinValueValidator(0)]
    )
    track_inventory = models.BooleanField(default=True)
    quantity_limit_per_customer = models.PositiveIntegerField(null=True, blank=True)
    sort_order = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["sort_order", "sku"]
        indexes = [
            # Listings join prices to products through the variant: with both
            # columns in one index the join never reads the table.
            models.Index(fields=["id", "product"], name="variant_id_product_idx"),
            # Listings ask whether a product has a variant that never runs out;
            # without it PostgreSQL reads every variant to find the few untracked.
            models.Index(
                fields=["product"],
                condition=Q(track_inventory=False),
                name="variant_untracked_idx",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.product.name} — {self.name}" if self.name else self.product.name


class ProductChannelListing(models.Model):
    """Whether and from when a product is shown and sold in a channel."""

    product = models.ForeignKey(
        Product, related_name="channel_listings", on_delete=models.CASCADE
    )
    channel = models.ForeignKey(
        "channels.Channel", related_name="product_listings", on_delete=models.CASCADE
    )
    is_published = models.BooleanField(default=False)
    published_at = models.DateTimeField(null=True, blank=True)
    visible_in_listings = models.BooleanField(default=True)
    available_for_purchase_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["channel__slug"]
        constraints = [
            models.UniqueConstraint(
                fields=["product", "channel"], name="product_listing_unique_channel"
            )
        ]
        indexes = [
            # The listing filter: what a channel shows, found from the channel side.
            models.Index(
                fields=["channel", "product"],
                condition=Q(is_published=True),
                name="listing_published_in_channel",
            ),
            # What listings and their counts filter on, the publication date
            # included, so that counting a large channel reads only this index.
            models.Index(
                fields=["channel", "product"],
                include=["published_at"],
                condition=Q(is_published=True, visible_in_listings=True),
                name="listing_visible_in_channel",
            ),
            # Listed products whose publication date is still ahead: the few that
            # a stored listing count holds but shoppers cannot see yet.
            models.Index(
                fields=["channel", "published_at"],
                condition=Q(is_published=True, visible_in_listings=True),
                name="listing_scheduled_in_channel",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.product} in {self.channel}"


class ProductVariantChannelListing(models.Model):
    """A variant's price in one channel, in that channel's currency."""

    variant = models.ForeignKey(
        ProductVariant, related_name="channel_listings", on_delete=models.CASCADE
    )
    channel = models.ForeignKey(
        "channels.Channel", related_name="variant_listings", on_delete=models.CASCADE
    )
    currency = models.CharField(max_length=3)
    price_amount = models.DecimalField(max_digits=12, decimal_places=2)
    price = MoneyField(amount_field="price_amount", currency_field="currency")
    cost_price_amount = models.DecimalField(
        max_digits=12, decimal_places=2, null=True, blank=True
    )

    class Meta:
        ordering = ["channel__slug"]
        constraints = [
            models.UniqueConstraint(
                fields=["variant", "channel"], name="variant_listing_unique_channel"
            ),
            models.CheckConstraint(
                condition=Q(price_amount__gte=0), name="variant_price_not_negative"
            ),
        ]
        indexes = [
            # Price ranges per product are aggregated from the channel side.
            models.Index(
                fields=["channel", "variant", "price_amount"],
                name="variant_listing_channel_price",
            )
        ]

    def __str__(self) -> str:
        return f"{self.variant} {self.price_amount} {self.currency}"


class ListingCount(models.Model):
    """How many products a channel lists in one category (not those below it).

    A read model, so that a listing's total costs a lookup rather than a count of
    every product in it. It holds the products published and shown in listings
    with a variant priced in the channel, including those whose publication date
    is still ahead (subtracted when read). Kept by
    ``storefront.catalogue.listing_counts``, called by the services that change
    what a channel lists.
    """

    channel = models.ForeignKey(
        "channels.Channel", related_name="+", on_delete=models.CASCADE
    )
    category = models.ForeignKey(Category, related_name="+", on_delete=models.CASCADE)
    listed = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["channel", "category"], name="listing_count_unique_category"
            )
        ]

    def __str__(self) -> str:
        return f"{self.listed} in {self.category_id} of {self.channel_id}"


class ProductSearchEntry(models.Model):
    """A product as search finds it: its vector, and the channels that list it
    (published, shown in listings, a variant priced there); held only while one
    channel at least lists it.

    A read model, so that search filters the channel, the listing and the class in
    the small rows its GIN index finds, rather than checking each match's listing
    and prices one by one. One row per product, not per channel, so that the index
    holds each product once. ``listed_in`` holds the channels whose publication
    date had come when the entry was written; ``scheduled`` says that a channel
    lists it from a date still ahead then, whose listing search checks when it
    reads, so that the date shows when it comes without any write. Kept by
    ``storefront.catalogue.search.product_search_entries_refresh``, which the
    services that change a product's text, listing or prices call. PostgreSQL
    only; its GIN index is made by the migration, as ``Product.search_vector``'s.
    """

    product = models.OneToOneField(Product, related_name="+", on_delete=models.CASCADE)
    search_vector = SearchVectorField()
    listed_in = ArrayField(models.BigIntegerField(), default=list)
    scheduled = models.BooleanField(default=False)
    # Copies of the product's, for the order and the age gate's exclusions.
    name = models.CharField(max_length=250)
    regulated_class = models.CharField(max_length=32)

    def __str__(self) -> str:
        return f"{self.product_id} in {self.listed_in}"


class SearchTerm(models.Model):
    """A word that occurs in the catalogue's searchable text, for "did you mean".

    Words are added as products are indexed and never removed: a suggestion is only
    offered when searching for it finds something, so a stale word costs nothing.
    """

    word = models.CharField(max_length=64, unique=True)

    def __str__(self) -> str:
        return self.word
