"""Staff screens: plans, subscriptions with their lines, events and orders, figures.

Actions call the same services as the customer's pages; the service checks the
``subscriptions.manage_subscriptions`` permission again on the server.
"""

from datetime import timedelta

from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import path
from django.utils import timezone

from common.errors import DomainError
from common.page_cache import PageCacheInvalidatingAdmin
from storefront.subscriptions.models import (
    Subscription,
    SubscriptionEvent,
    SubscriptionLine,
    SubscriptionOrder,
    SubscriptionPlan,
    SubscriptionRenewal,
)
from storefront.subscriptions.selectors import subscription_figures
from storefront.subscriptions.services.self_service import (
    subscription_cancel,
    subscription_pause,
    subscription_resume,
    subscription_skip,
)

PAUSE_DAYS = 28


@admin.register(SubscriptionPlan)
class SubscriptionPlanAdmin(PageCacheInvalidatingAdmin, admin.ModelAdmin):
    list_display = ("product", "channel", "discount_percent", "intervals", "is_active")
    list_filter = ("channel", "is_active", "is_membership")
    search_fields = ("product__name",)
    autocomplete_fields = ("product",)


class _ReadOnlyInline(admin.TabularInline):
    extra = 0
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


class LineInline(_ReadOnlyInline):
    model = SubscriptionLine
    fields = ("variant", "quantity")
    readonly_fields = fields


class EventInline(_ReadOnlyInline):
    model = SubscriptionEvent
    fields = ("created_at", "type", "user", "parameters")
    readonly_fields = fields


class OrderInline(_ReadOnlyInline):
    model = SubscriptionOrder
    fields = ("order", "period_start", "is_first", "created_at")
    readonly_fields = fields


class RenewalInline(_ReadOnlyInline):
    model = SubscriptionRenewal
    fields = ("period_start", "status", "attempts", "failures", "order", "last_error")
    readonly_fields = fields


@admin.register(Subscription)
class SubscriptionAdmin(admin.ModelAdmin):
    list_display = (
        "pk",
        "email",
        "channel",
        "status",
        "interval",
        "is_membership",
        "next_renewal_date",
        "retry_on",
    )
    list_filter = ("status", "channel", "interval", "is_membership")
    search_fields = ("email", "user__email")
    date_hierarchy = "created_at"
    list_select_related = ("channel",)
    inlines = (LineInline, RenewalInline, OrderInline, EventInline)
    readonly_fields = tuple(f.name for f in Subscription._meta.fields)
    actions = ("pause_action", "resume_action", "skip_action", "cancel_action")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_manage_permission(self, request: HttpRequest) -> bool:
        return request.user.has_perm("subscriptions.manage_subscriptions")

    def get_urls(self) -> list:
        return [
            path(
                "figures/",
                self.admin_site.admin_view(self.figures_view),
                name="subscriptions_subscription_figures",
            ),
            *super().get_urls(),
        ]

    def figures_view(self, request: HttpRequest) -> HttpResponse:
        if not self.has_view_permission(request):
            raise PermissionDenied
        return render(
            request,
            "admin/subscriptions/subscription/figures.html",
            {
                **self.admin_site.each_context(request),
                "title": "Subscription figures",
                "figures": subscription_figures(),
                "opts": self.model._meta,
            },
        )

    def _each(
        self,
        request: HttpRequest,
        queryset: QuerySet[Subscription],
        call: object,
        done: str,
    ) -> None:
        changed = 0
        for subscription in queryset.order_by("pk"):
            try:
                call(subscription)  # type: ignore[operator]
            except (ValidationError, DomainError) as exc:
                # One refusal (wrong status, say) must not stop the others.
                text = exc.message if isinstance(exc, DomainError) else exc.messages[0]
                self.message_user(
                    request, f"#{subscription.pk}: {text}", level=messages.WARNING
                )
            else:
                changed += 1
        if changed:
            self.message_user(request, f"{done}: {changed}.")

    @admin.action(description=f"Pause for {PAUSE_DAYS} days", permissions=["manage"])
    def pause_action(self, request: HttpRequest, queryset: QuerySet) -> None:
        until = timezone.localdate() + timedelta(days=PAUSE_DAYS)
        self._each(
            request,
            queryset,
            lambda s: subscription_pause(
                subscription=s, user=request.user, until=until
            ),
            "Paused",
        )

    @admin.action(description="Resume", permissions=["manage"])
    def resume_action(self, request: HttpRequest, queryset: QuerySet) -> None:
        self._each(
            request,
            queryset,
            lambda s: subscription_resume(subscription=s, user=request.user),
            "Resumed",
        )

    @admin.action(description="Skip the next delivery", permissions=["manage"])
    def skip_action(self, request: HttpRequest, queryset: QuerySet) -> None:
        self._each(
            request,
            queryset,
            lambda s: subscription_skip(subscription=s, user=request.user),
            "Skipped",
        )

    @admin.action(description="Cancel with a reason…", permissions=["manage"])
    def cancel_action(
        self, request: HttpRequest, queryset: QuerySet
    ) -> HttpResponse | None:
        reason = (request.POST.get("reason") or "").strip()
        if request.POST.get("confirm") and reason:
            self._each(
                request,
                queryset,
                lambda s: subscription_cancel(
                    subscription=s, user=request.user, reason=reason
                ),
                "Cancelled",
            )
            return None
        if request.POST.get("confirm"):
            self.message_user(
                request, "Reason: say why they are cancelled.", level=messages.ERROR
            )
        return render(
            request,
            "admin/subscriptions/subscription/cancel.html",
            {
                **self.admin_site.each_context(request),
                "title": "Cancel subscriptions",
                "subscriptions": queryset,
                "opts": self.model._meta,
                "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
            },
        )
