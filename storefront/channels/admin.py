from django.contrib import admin

from storefront.channels.models import Channel


@admin.register(Channel)
class ChannelAdmin(admin.ModelAdmin):
    list_display = (
        "name",
        "slug",
        "currency_code",
        "default_country",
        "claims_regime",
        "is_active",
    )
    list_filter = ("is_active", "claims_regime")
    search_fields = ("name", "slug")
    prepopulated_fields = {"slug": ("name",)}
