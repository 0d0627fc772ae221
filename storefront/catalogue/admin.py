"""Staff catalogue in Django's admin: inline variants, listings, prices, media, stock.

Django's admin is used rather than Wagtail snippets because products edit best with
nested rows (variants, per-channel listings, media) on one page, which Django's
inlines give on plain ForeignKeys; Wagtail's menu links here (wagtail_hooks.py).
"""

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.forms.models import BaseInlineFormSet
from django.http import HttpRequest
from django.urls import path

from common.errors import DomainError
from common.page_cache import PageCacheInvalidatingAdmin
from storefront.catalogue.admin_compliance import compliance_overview_view
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
from storefront.catalogue.publication import (
    catalogue_text_check,
    category_claims_fields,
    collection_claims_fields,
    product_listing_legality_check,
    product_publication_check,
)
from storefront.catalogue.search import product_search_entries_refresh
from storefront.catalogue.services import (
    product_description_clean,
    product_media_thumbnail_refresh,
    product_search_document_refresh,
    product_unpublish,
    product_validate_benefits,
    product_variant_price_set,
)
from storefront.channels.models import Channel
from storefront.inventory.models import Stock, Warehouse
from storefront.inventory.services import stock_quantity_set

VARIANT_FIELDS = ("sku", "name", "weight_grams", "track_inventory", "sort_order")


def _price_field_name(channel: Channel) -> str:
    return f"price__{channel.slug}"


def _stock_field_name(warehouse: Warehouse) -> str:
    return f"stock__{warehouse.slug}"


class VariantInlineForm(forms.ModelForm):
    """A variant row with its price in every channel and stock in every warehouse.

    The price and stock columns are added per channel and warehouse by
    ``ProductVariantInline.get_formset``; saving them goes through the catalogue
    and inventory services (``ProductAdmin.save_formset``).
    """

    channels: tuple[Channel, ...] = ()
    warehouses: tuple[Warehouse, ...] = ()

    class Meta:
        model = ProductVariant
        fields = VARIANT_FIELDS

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk is None:
            return
        prices = {
            listing.channel_id: listing.price_amount
            for listing in self.instance.channel_listings.all()
        }
        self.allocated = {
            stock.warehouse_id: stock.quantity_allocated
            for stock in self.instance.stocks.all()
        }
        stocks = {
            stock.warehouse_id: stock.quantity for stock in self.instance.stocks.all()
        }
        for channel in self.channels:
            self.initial.setdefault(_price_field_name(channel), prices.get(channel.pk))
        for warehouse in self.warehouses:
            self.initial.setdefault(
                _stock_field_name(warehouse), stocks.get(warehouse.pk)
            )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if self.instance.pk is None:
            return cleaned
        for channel in self.channels:
            name = _price_field_name(channel)
            if self.initial.get(name) is not None and cleaned.get(name) is None:
                self.add_error(
                    name,
                    "A price cannot be removed here; unpublish the product in "
                    f"{channel.name} to stop selling it there.",
                )
        allocated = getattr(self, "allocated", {})
        for warehouse in self.warehouses:
            name = _stock_field_name(warehouse)
            quantity = cleaned.get(name)
            promised = allocated.get(warehouse.pk, 0)
            if quantity is not None and quantity < promised:
                self.add_error(
                    name,
                    f"{promised} units are already promised to orders; the stock "
                    "cannot go below that.",
                )
        return cleaned

    def prices_and_stock_save(self) -> None:
        """Write the row's channel prices and warehouse stock through the services."""
        variant = self.instance
        try:
            for channel in self.channels:
                amount = self.cleaned_data.get(_price_field_name(channel))
                if amount is not None:
                    product_variant_price_set(
                        variant=variant, channel=channel, amount=amount
                    )
            for warehouse in self.warehouses:
                quantity = self.cleaned_data.get(_stock_field_name(warehouse))
                if quantity is not None:
                    stock_quantity_set(
                        variant_id=variant.pk, warehouse=warehouse, quantity=quantity
                    )
        except ValidationError as error:
            raise ValidationError(
                f"{variant.sku}: {'; '.join(error.messages)}"
            ) from error


class ProductVariantInline(admin.TabularInline):
    """Variants edited on the product's page, with prices and stock in the row."""

    model = ProductVariant
    form = VariantInlineForm
    extra = 0
    show_change_link = True

    def _columns(self) -> tuple[tuple[Channel, ...], tuple[Warehouse, ...]]:
        return (
            tuple(Channel.objects.order_by("name")),
            tuple(Warehouse.objects.order_by("name")),
        )

    def get_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        channels, warehouses = self._columns()
        return [
            *VARIANT_FIELDS,
            *(_price_field_name(c) for c in channels),
            *(_stock_field_name(w) for w in warehouses),
        ]

    def get_formset(self, request: HttpRequest, obj: Any = None, **kwargs: Any) -> Any:
        channels, warehouses = self._columns()
        declared: dict[str, Any] = {"channels": channels, "warehouses": warehouses}
        for channel in channels:
            declared[_price_field_name(channel)] = forms.DecimalField(
                label=f"Price, {channel.name} ({channel.currency_code})",
                required=False,
                min_value=0,
                max_digits=12,
                decimal_places=2,
            )
        for warehouse in warehouses:
            declared[_stock_field_name(warehouse)] = forms.IntegerField(
                label=f"Stock, {warehouse.name}", required=False, min_value=0
            )
        kwargs["form"] = type("VariantRowForm", (VariantInlineForm,), declared)
        return super().get_formset(request, obj, **kwargs)

    def get_queryset(self, request: HttpRequest) -> Any:
        return (
            super().get_queryset(request).prefetch_related("channel_listings", "stocks")
        )


class ChannelListingFormSet(BaseInlineFormSet):
    """Publishing through the admin passes the same claims check as the service."""

    def __init__(self, *args: Any, actor: Any = None, **kwargs: Any) -> None:
        self.actor = actor
        super().__init__(*args, **kwargs)

    def clean(self) -> None:
        super().clean()
        product = self.instance
        for form in self.forms:
            data = getattr(form, "cleaned_data", None) or {}
            if not data or data.get("DELETE") or not data.get("is_published"):
                continue
            try:
                product_listing_legality_check(product=product, channel=data["channel"])
                product_publication_check(
                    product=product, channel=data["channel"], actor=self.actor
                )
            except DomainError as error:
                raise ValidationError(error.message, code=error.code_value) from error


def _claims_form_clean(
    form: forms.ModelForm, obj_type: str, fields_of: Callable[[Any], list[Any]]
) -> None:
    """Run the claims check on a category or collection form; errors name the field."""
    if form.errors:
        return
    instance = form.instance
    for name, value in form.cleaned_data.items():
        if hasattr(instance, name) and isinstance(value, str):
            setattr(instance, name, value)
    try:
        catalogue_text_check(
            obj_type=obj_type,
            obj=instance,
            fields=fields_of(instance),
            actor=getattr(form, "actor", None),
        )
    except DomainError as error:
        field = (error.field or "").partition(".")[2] or None
        raise ValidationError(
            {field: error.message} if field in form.fields else error.message,
            code=error.code_value,
        ) from error


class CategoryAdminForm(forms.ModelForm):
    class Meta:
        model = Category
        fields = (
            "parent",
            "name",
            "slug",
            "description",
            "background_image",
            "seo_title",
            "seo_description",
            "sort_order",
        )

    def clean(self) -> dict[str, Any] | None:
        data = super().clean()
        _claims_form_clean(
            self, "category", lambda c: category_claims_fields(category=c)
        )
        return data


class CollectionAdminForm(forms.ModelForm):
    class Meta:
        model = Collection
        fields = (
            "name",
            "slug",
            "description",
            "is_published",
            "products",
            "sort_order",
        )

    def clean(self) -> dict[str, Any] | None:
        data = super().clean()
        _claims_form_clean(
            self, "collection", lambda c: collection_claims_fields(collection=c)
        )
        return data


class _ActorFormMixin(admin.ModelAdmin):
    """Hands the staff member to the form, so a refusal's audit entry names them."""

    def get_form(
        self, request: HttpRequest, obj: Any = None, change: bool = False, **kwargs: Any
    ) -> Any:
        form_class = super().get_form(request, obj, change=change, **kwargs)
        return type(form_class.__name__, (form_class,), {"actor": request.user})


class ProductChannelListingInline(admin.TabularInline):
    model = ProductChannelListing
    formset = ChannelListingFormSet
    extra = 0
    fields = (
        "channel",
        "is_published",
        "published_at",
        "visible_in_listings",
        "available_for_purchase_at",
    )


class ProductMediaInline(admin.TabularInline):
    model = ProductMedia
    extra = 0
    fields = ("image", "thumbnail", "alt", "sort_order")
    readonly_fields = ("thumbnail",)


class ProductAdminForm(forms.ModelForm):
    class Meta:
        model = Product
        fields = (
            "product_type",
            "category",
            "name",
            "slug",
            "description",
            "benefits",
            "seo_title",
            "seo_description",
            "regulated_class",
            "attribute_values",
            "rating",
        )

    def clean_description(self) -> str:
        return product_description_clean(description=self.cleaned_data["description"])

    benefits = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="One benefit per line, as shoppers read them.",
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.initial["benefits"] = "\n".join(self.instance.benefits or [])

    def clean_benefits(self) -> list[str]:
        lines = self.cleaned_data["benefits"].splitlines()
        try:
            return product_validate_benefits(benefits=lines)
        except ValidationError as error:
            raise ValidationError(error.message_dict["benefits"]) from error


@admin.register(Product)
class ProductAdmin(PageCacheInvalidatingAdmin, admin.ModelAdmin):
    form = ProductAdminForm
    list_display = ("name", "category", "product_type", "regulated_class", "updated_at")
    list_filter = (
        "category",
        "product_type",
        "regulated_class",
        "channel_listings__channel",
    )
    search_fields = ("name", "slug", "variants__sku")
    prepopulated_fields = {"slug": ("name",)}
    autocomplete_fields = ("attribute_values",)
    inlines = (ProductVariantInline, ProductChannelListingInline, ProductMediaInline)
    readonly_fields = ("created_at", "updated_at")

    def get_urls(self) -> list[Any]:
        view = self.admin_site.admin_view(
            lambda request: compliance_overview_view(request, self.admin_site)
        )
        return [
            path(
                "compliance-overview/",
                view,
                name="catalogue_product_compliance_overview",
            ),
            *super().get_urls(),
        ]

    def get_formset_kwargs(
        self, request: HttpRequest, obj: Any, inline: Any, prefix: str
    ) -> dict[str, Any]:
        kwargs = super().get_formset_kwargs(request, obj, inline, prefix)
        if isinstance(inline, ProductChannelListingInline):
            kwargs["actor"] = request.user
        return kwargs

    def save_related(
        self, request: HttpRequest, form: Any, formsets: Any, change: bool
    ) -> None:
        super().save_related(request, form, formsets, change)
        product = form.instance
        product_search_document_refresh(product=product)
        # Listings, prices and the category may all have been edited inline.
        listing_counts_refresh(
            category_ids=[product.category_id, form.initial.get("category")]
        )
        # Variant names, attribute values and alt texts typed in this same form
        # are only in the database now: check the published listings again and
        # take back any the saved text no longer allows.
        for listing in product.channel_listings.filter(is_published=True):
            try:
                product_publication_check(
                    product=product, channel=listing.channel, actor=request.user
                )
            except DomainError as error:
                product_unpublish(product=product, channel=listing.channel)
                self.message_user(request, error.message, level=messages.ERROR)

    def delete_model(self, request: HttpRequest, obj: Any) -> None:
        super().delete_model(request, obj)
        listing_counts_refresh(category_ids=[obj.category_id])

    def delete_queryset(self, request: HttpRequest, queryset: Any) -> None:
        categories = list(queryset.values_list("category_id", flat=True).distinct())
        super().delete_queryset(request, queryset)
        listing_counts_refresh(category_ids=categories)

    def save_formset(
        self, request: HttpRequest, form: Any, formset: Any, change: bool
    ) -> None:
        super().save_formset(request, form, formset, change)
        if formset.model is ProductVariant:
            for row in formset.forms:
                if row.instance.pk and not formset._should_delete_form(row):
                    row.prices_and_stock_save()
        if formset.model is ProductMedia:
            for media in formset.new_objects + [o for o, _ in formset.changed_objects]:
                product_media_thumbnail_refresh(media=media)


class VariantChannelListingInline(admin.TabularInline):
    model = ProductVariantChannelListing
    extra = 0
    fields = ("channel", "currency", "price_amount", "cost_price_amount")


class StockInline(admin.TabularInline):
    model = Stock
    extra = 0
    fields = ("warehouse", "quantity", "quantity_allocated")
    readonly_fields = ("quantity_allocated",)


@admin.register(ProductVariant)
class ProductVariantAdmin(PageCacheInvalidatingAdmin, admin.ModelAdmin):
    list_display = ("sku", "product", "name", "weight_grams")
    search_fields = ("sku", "name", "product__name")
    list_filter = ("product__category",)
    autocomplete_fields = ("product", "attribute_values")
    inlines = (VariantChannelListingInline, StockInline)

    # Prices edited here, or a variant deleted, can change what a channel lists.
    def save_related(
        self, request: HttpRequest, form: Any, formsets: Any, change: bool
    ) -> None:
        super().save_related(request, form, formsets, change)
        listing_counts_refresh(category_ids=[form.instance.product.category_id])
        product_search_entries_refresh(product_ids=[form.instance.product_id])

    def delete_model(self, request: HttpRequest, obj: Any) -> None:
        super().delete_model(request, obj)
        listing_counts_refresh(category_ids=[obj.product.category_id])
        product_search_entries_refresh(product_ids=[obj.product_id])

    def delete_queryset(self, request: HttpRequest, queryset: Any) -> None:
        categories = list(
            queryset.values_list("product__category_id", flat=True).distinct()
        )
        products = list(queryset.values_list("product_id", flat=True).distinct())
        super().delete_queryset(request, queryset)
        listing_counts_refresh(category_ids=categories)
        product_search_entries_refresh(product_ids=products)


@admin.register(Category)
class CategoryAdmin(PageCacheInvalidatingAdmin, _ActorFormMixin):
    form = CategoryAdminForm
    list_display = ("name", "parent", "sort_order")
    search_fields = ("name", "slug")
    prepopulated_fields = {"slug": ("name",)}


@admin.register(Collection)
class CollectionAdmin(PageCacheInvalidatingAdmin, _ActorFormMixin):
    form = CollectionAdminForm
    list_display = ("name", "is_published", "sort_order")
    list_filter = ("is_published",)
    search_fields = ("name",)
    filter_horizontal = ("products",)
    prepopulated_fields = {"slug": ("name",)}


class AttributeValueInline(admin.TabularInline):
    model = AttributeValue
    extra = 0
    fields = ("name", "slug", "numeric_value", "sort_order")


@admin.register(Attribute)
class AttributeAdmin(PageCacheInvalidatingAdmin, admin.ModelAdmin):
    list_display = ("name", "input_type", "unit", "filterable_in_storefront")
    search_fields = ("name", "slug")
    inlines = (AttributeValueInline,)


@admin.register(AttributeValue)
class AttributeValueAdmin(PageCacheInvalidatingAdmin, admin.ModelAdmin):
    list_display = ("name", "attribute")
    list_filter = ("attribute",)
    search_fields = ("name", "attribute__name")


@admin.register(ProductType)
class ProductTypeAdmin(PageCacheInvalidatingAdmin, admin.ModelAdmin):
    list_display = ("name", "has_variants", "is_shipping_required")
    search_fields = ("name",)
    filter_horizontal = ("product_attributes", "variant_attributes")
