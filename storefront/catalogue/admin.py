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
from storefront.catalogue.services import (
    product_description_clean,
    product_media_thumbnail_refresh,
    product_search_document_refresh,
    product_unpublish,
    product_validate_benefits,
)
from storefront.inventory.models import Stock


class ProductVariantInline(admin.TabularInline):
    model = ProductVariant
    extra = 0
    fields = ("sku", "name", "weight_grams", "track_inventory", "sort_order")
    show_change_link = True


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

    def clean_benefits(self) -> list[str]:
        try:
            return product_validate_benefits(benefits=self.cleaned_data["benefits"])
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

    def save_formset(
        self, request: HttpRequest, form: Any, formset: Any, change: bool
    ) -> None:
        super().save_formset(request, form, formset, change)
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
