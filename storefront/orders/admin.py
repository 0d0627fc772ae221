"""Staff order handling in the Django admin; every change goes through a service."""

from decimal import Decimal, InvalidOperation

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import F, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse

from common.errors import DomainError
from storefront.orders.legality import (
    order_line_decisions_today,
    order_shipping_region,
)
from storefront.orders.models import Order, OrderEvent, OrderLine
from storefront.orders.services import order_cancel, order_fulfil, order_refund
from storefront.payments.models import Payment


class PaidFilter(admin.SimpleListFilter):
    title = "paid"
    parameter_name = "paid"

    def lookups(
        self, request: HttpRequest, model_admin: admin.ModelAdmin
    ) -> list[tuple[str, str]]:
        return [("yes", "Paid in full"), ("no", "Not paid in full")]

    def queryset(
        self, request: HttpRequest, queryset: QuerySet[Order]
    ) -> QuerySet[Order]:
        if self.value() == "yes":
            return queryset.filter(total_charged_amount__gte=F("total_gross_amount"))
        if self.value() == "no":
            return queryset.filter(total_charged_amount__lt=F("total_gross_amount"))
        return queryset


class ReadOnlyInline(admin.TabularInline):
    extra = 0
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


class OrderLineInline(ReadOnlyInline):
    model = OrderLine
    fields = (
        "product_name",
        "variant_name",
        "product_sku",
        "quantity",
        "quantity_fulfilled",
        "unit_price_gross_amount",
        "total_price_gross_amount",
        "regulated_class",
        "min_age",
        "region_decision_today",
    )
    readonly_fields = fields

    def get_queryset(self, request: HttpRequest) -> QuerySet[OrderLine]:
        return super().get_queryset(request).select_related("order__shipping_address")

    @admin.display(description="Region decision today")
    def region_decision_today(self, obj: OrderLine) -> str:
        # Recomputed with today's rules; min_age above is what was recorded at sale.
        decision = order_line_decisions_today(order=obj.order, lines=[obj])[obj.pk]
        if decision is None:
            return "No shipping region recorded"
        age = ""
        if decision.min_age:
            age = f", {decision.min_age}+ ({decision.assurance})"
        return f"{decision.decision}{age}: {decision.explained}"


class PaymentInline(ReadOnlyInline):
    model = Payment
    fields = (
        "gateway",
        "psp_reference",
        "status",
        "amount_value",
        "charged_value",
        "refunded_value",
        "currency",
    )
    readonly_fields = fields


class OrderEventInline(ReadOnlyInline):
    model = OrderEvent
    fields = ("created_at", "type", "user", "parameters")
    readonly_fields = fields


class RefundForm(forms.Form):
    amount = forms.CharField(
        label="Amount",
        required=False,
        help_text="Leave empty to refund everything left.",
    )
    reason = forms.CharField(label="Reason", widget=forms.Textarea(attrs={"rows": 3}))


@admin.register(Order)
class OrderAdmin(admin.ModelAdmin):
    list_display = (
        "number",
        "created_at",
        "user_email",
        "channel",
        "status",
        "total_gross_amount",
        "currency",
        "is_paid",
        "requires_adult_signature",
    )
    list_filter = (
        "status",
        "channel",
        "created_at",
        PaidFilter,
        "requires_adult_signature",
    )
    search_fields = ("number", "user_email", "lines__product_sku")
    date_hierarchy = "created_at"
    list_select_related = ("channel",)
    inlines = (OrderLineInline, PaymentInline, OrderEventInline)
    actions = ("cancel_orders",)
    readonly_fields = (*(f.name for f in Order._meta.fields), "staff_actions")
    change_form_template = "admin/orders/order/change_form.html"

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    @admin.display(boolean=True, description="Paid")
    def is_paid(self, obj: Order) -> bool:
        return obj.is_paid

    @admin.display(description="Actions")
    def staff_actions(self, obj: Order) -> str:
        return ""

    def change_view(
        self,
        request: HttpRequest,
        object_id: str,
        form_url: str = "",
        extra_context: dict | None = None,
    ) -> HttpResponse:
        # Each line's regulated class, the age recorded at sale, and the region
        # decision recomputed today for the shipping region (shown above the form).
        order = (
            Order.objects.select_related("shipping_address")
            .filter(pk=object_id)
            .first()
        )
        if order is not None:
            lines = list(order.lines.order_by("pk"))
            decisions = order_line_decisions_today(order=order, lines=lines)
            extra_context = {
                **(extra_context or {}),
                "compliance_lines": [(line, decisions[line.pk]) for line in lines],
                "shipping_region": order_shipping_region(order),
            }
        return super().change_view(request, object_id, form_url, extra_context)

    def get_urls(self) -> list:
        urls = super().get_urls()
        own = [
            path(
                "<int:pk>/fulfil/",
                self.admin_site.admin_view(self.fulfil_view),
                name="orders_order_fulfil",
            ),
            path(
                "<int:pk>/refund/",
                self.admin_site.admin_view(self.refund_view),
                name="orders_order_refund",
            ),
        ]
        return own + urls

    @admin.action(description="Cancel the selected orders (gives stock back)")
    def cancel_orders(self, request: HttpRequest, queryset: QuerySet[Order]) -> None:
        for order in queryset.order_by("pk"):
            try:
                order_cancel(order=order, user=request.user)
            except PermissionDenied as exc:
                self.message_user(request, str(exc), messages.ERROR)
                return
            except DomainError as exc:
                self.message_user(request, f"{order}: {exc.message}", messages.ERROR)
            else:
                self.message_user(request, f"{order} cancelled.", messages.SUCCESS)

    def fulfil_view(self, request: HttpRequest, pk: int) -> HttpResponse:
        order = get_object_or_404(
            Order.objects.select_related("shipping_address"), pk=pk
        )
        lines = list(order.lines.order_by("pk"))
        decisions = order_line_decisions_today(order=order, lines=lines)
        for line in lines:
            # Shown beside each line by the template.
            line.decision_today = decisions[line.pk]  # type: ignore[attr-defined]
        prohibited = {
            line.pk
            for line in lines
            if (decision := decisions[line.pk]) is not None
            and decision.decision == "prohibited"
            and line.quantity_unfulfilled > 0
        }
        errors: list[str] = []
        if request.method == "POST":
            quantities: dict[int, int] = {}
            for line in lines:
                raw = request.POST.get(f"line-{line.pk}", "0").strip() or "0"
                try:
                    quantities[line.pk] = int(raw)
                except ValueError:
                    errors.append(
                        f"Quantity of {line.product_name}: enter a whole number."
                    )
            if not errors:
                try:
                    order_fulfil(
                        order=order,
                        quantities=quantities,
                        tracking_number=request.POST.get("tracking_number", ""),
                        user=request.user,
                    )
                except PermissionDenied:
                    raise
                except ValidationError as exc:
                    errors.extend(
                        f"{field.replace('_', ' ').capitalize()}: {message}"
                        for field, messages_ in exc.message_dict.items()
                        for message in messages_
                    )
                except DomainError as exc:
                    errors.append(exc.message)
                else:
                    self.message_user(request, f"{order} fulfilled.", messages.SUCCESS)
                    return redirect(
                        reverse("admin:orders_order_change", args=[order.pk])
                    )
        elif not request.user.has_perm("orders.manage_orders"):
            raise PermissionDenied
        context = {
            **self.admin_site.each_context(request),
            "order": order,
            "lines": lines,
            "errors": errors,
            "prohibited": prohibited,
            "shipping_region": order_shipping_region(order),
            "title": f"Fulfil {order}",
            "opts": self.model._meta,
        }
        return render(request, "admin/orders/order/fulfil.html", context)

    def refund_view(self, request: HttpRequest, pk: int) -> HttpResponse:
        order = get_object_or_404(Order, pk=pk)
        form = RefundForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            raw = form.cleaned_data["amount"].strip()
            amount = None
            try:
                amount = Decimal(raw) if raw else None
            except InvalidOperation:
                form.add_error("amount", "Enter an amount such as 12.50.")
            if not form.errors:
                try:
                    order_refund(
                        order=order,
                        amount=amount,
                        reason=form.cleaned_data["reason"],
                        user=request.user,
                    )
                except PermissionDenied:
                    raise
                except ValidationError as exc:
                    form.add_error(None, exc)
                except DomainError as exc:
                    form.add_error(
                        exc.field if exc.field in form.fields else None, exc.message
                    )
                else:
                    self.message_user(request, f"{order} refunded.", messages.SUCCESS)
                    return redirect(
                        reverse("admin:orders_order_change", args=[order.pk])
                    )
        elif request.method != "POST" and not request.user.has_perm(
            "orders.refund_order"
        ):
            raise PermissionDenied
        context = {
            **self.admin_site.each_context(request),
            "order": order,
            "form": form,
            "title": f"Refund {order}",
            "opts": self.model._meta,
        }
        return render(request, "admin/orders/order/refund.html", context)
