from django.contrib import admin

from common.page_cache import PageCacheInvalidatingAdmin
from storefront.channels.cache import channels_cache_invalidate
from storefront.channels.models import Channel


@admin.register(Channel)
class ChannelAdmin(PageCacheInvalidatingAdmin, admin.ModelAdmin):
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

    def save_model(self, request, obj, form, change) -> None:  # type: ignore[no-untyped-def]
        super().save_model(request, obj, form, change)
        channels_cache_invalidate()

    def delete_model(self, request, obj) -> None:  # type: ignore[no-untyped-def]
        super().delete_model(request, obj)
        channels_cache_invalidate()

    def delete_queryset(self, request, queryset) -> None:  # type: ignore[no-untyped-def]
        super().delete_queryset(request, queryset)
        channels_cache_invalidate()
