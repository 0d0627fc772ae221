from django.contrib import admin

from storefront.shipping.models import (
    ShippingMethod,
    ShippingMethodChannelListing,
    ShippingZone,
)


class ShippingMethodInline(admin.TabularInline):
    model = ShippingMethod
    extra = 0
    fields = (
        "name",
        "minimum_delivery_days",
        "maximum_delivery_days",
        "maximum_weight_grams",
    )
    show_change_link = True


@admin.register(ShippingZone)
class ShippingZoneAdmin(admin.ModelAdmin):
    list_display = ("name",)
    search_fields = ("name",)
    filter_horizontal = ("channels",)
    inlines = (ShippingMethodInline,)


class ShippingMethodChannelListingInline(admin.TabularInline):
    model = ShippingMethodChannelListing
    extra = 0
    fields = ("channel", "currency", "price_amount", "free_above_amount")


@admin.register(ShippingMethod)
class ShippingMethodAdmin(admin.ModelAdmin):
    list_display = ("name", "zone", "minimum_delivery_days", "maximum_delivery_days")
    list_filter = ("zone",)
    search_fields = ("name", "zone__name")
    inlines = (ShippingMethodChannelListingInline,)
