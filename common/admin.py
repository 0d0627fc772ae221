"""Staff can see the email outbox: what is waiting, what was given up and why."""

from django.contrib import admin
from django.http import HttpRequest

from common.models import OutboundEmail


@admin.register(OutboundEmail)
class OutboundEmailAdmin(admin.ModelAdmin):
    list_display = ("subject", "status", "attempts", "next_attempt_at", "created_at")
    list_filter = ("status", "kind")
    search_fields = ("subject",)
    readonly_fields = [field.name for field in OutboundEmail._meta.fields]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(
        self, request: HttpRequest, obj: OutboundEmail | None = None
    ) -> bool:
        return False
