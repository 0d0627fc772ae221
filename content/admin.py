"""Staff grants of paid-member access and newsletter consent, in the Django admin."""

from django.contrib import admin
from django.http import HttpRequest

from content.models import MemberAccessGrant, NewsletterSubscriber
from content.services import member_access_grant


@admin.register(MemberAccessGrant)
class MemberAccessGrantAdmin(admin.ModelAdmin):
    list_display = ("user", "valid_until", "granted_by", "reason", "created_at")
    list_filter = ("valid_until", "created_at")
    search_fields = ("user__email", "reason")
    autocomplete_fields = ("user",)
    readonly_fields = ("granted_by", "created_at")
    fields = ("user", "reason", "valid_until", "granted_by", "created_at")

    def save_model(
        self, request: HttpRequest, obj: MemberAccessGrant, form, change: bool
    ) -> None:
        if change:
            super().save_model(request, obj, form, change)
            return
        # New grants go through the service, which records who granted them.
        grant = member_access_grant(
            user=obj.user,
            granted_by=request.user,
            reason=obj.reason,
            valid_until=obj.valid_until,
        )
        obj.pk = grant.pk
        obj.granted_by = grant.granted_by


@admin.register(NewsletterSubscriber)
class NewsletterSubscriberAdmin(admin.ModelAdmin):
    list_display = ("email", "status", "consent_source", "consent_at", "confirmed_at")
    list_filter = ("status", "consent_source")
    search_fields = ("email",)

    def get_readonly_fields(self, request: HttpRequest, obj=None) -> list[str]:
        # Consent records are evidence: staff read them, they do not rewrite them.
        return [f.name for f in NewsletterSubscriber._meta.fields]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False
