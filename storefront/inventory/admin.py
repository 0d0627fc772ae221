from django.contrib import admin

from common.page_cache import PageCacheInvalidatingAdmin
from storefront.inventory.models import Stock, Warehouse


@admin.register(Warehouse)
class WarehouseAdmin(PageCacheInvalidatingAdmin, admin.ModelAdmin):
    list_display = ("name", "city", "country")
    search_fields = ("name", "city")
    list_filter = ("country", "channels")
    filter_horizontal = ("shipping_zones", "channels")
    prepopulated_fields = {"slug": ("name",)}


@admin.register(Stock)
class StockAdmin(PageCacheInvalidatingAdmin, admin.ModelAdmin):
    list_display = ("product_variant", "warehouse", "quantity", "quantity_allocated")
    list_filter = ("warehouse",)
    search_fields = ("product_variant__sku", "product_variant__product__name")
    autocomplete_fields = ("product_variant",)
    list_select_related = ("product_variant__product", "warehouse")
    # Allocations belong to orders; staff change only what is on the shelf.
    readonly_fields = ("quantity_allocated",)
