"""Read-only admin for the compliance log (at /django-admin/).

Entries are written only by the services; the admin lets officers read and filter.
"""

from django.contrib import admin
from django.http import HttpRequest

from compliance.models import AgeVerification, AuditEntry, ClaimsOverride


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


@admin.register(AuditEntry)
class AuditEntryAdmin(ReadOnlyAdmin):
    list_display = [
        "created_at",
        "action",
        "object_type",
        "object_id",
        "object_label",
        "rule_id",
        "rules_version",
        "actor_label",
    ]
    list_filter = ["action", "rule_id", "created_at", "object_type"]
    search_fields = ["object_label", "object_id", "rule_id", "reason", "actor_label"]
    date_hierarchy = "created_at"


@admin.register(ClaimsOverride)
class ClaimsOverrideAdmin(ReadOnlyAdmin):
    list_display = [
        "created_at",
        "kind",
        "object_type",
        "object_id",
        "object_label",
        "officer_label",
    ]
    list_filter = ["kind", "object_type", "created_at"]
    search_fields = ["object_label", "object_id", "reason", "officer_label"]


@admin.register(AgeVerification)
class AgeVerificationAdmin(ReadOnlyAdmin):
    list_display = [
        "created_at",
        "subject_ref",
        "result",
        "level",
        "method",
        "provider",
        "threshold",
    ]
    list_filter = ["result", "level", "method", "provider"]
    search_fields = ["subject_ref", "provider_reference"]
