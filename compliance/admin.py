"""Read-only admin for the compliance log and impact reports (at /django-admin/).

Entries are written only by the services; the admin lets officers read and filter,
and apply an impact report through the same service the command line uses.
"""

from typing import Any

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils.html import format_html

from compliance.errors import ComplianceError
from compliance.impact_reports import impact_report_apply, impact_report_list
from compliance.models import (
    AgeVerification,
    AuditEntry,
    ClaimsOverride,
    ImpactReportRecord,
    ImpactReportRow,
)

APPLY_PERMISSION = "compliance.apply_impactreport"


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


class _AppliedFilter(admin.SimpleListFilter):
    title = "applied"
    parameter_name = "applied"

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, str]]:
        return [("yes", "Applied"), ("no", "Not applied")]

    def queryset(self, request: HttpRequest, queryset: QuerySet) -> QuerySet:
        if self.value() in ("yes", "no"):
            return queryset.filter(applied_at__isnull=self.value() == "no")
        return queryset


class _ActedFilter(admin.SimpleListFilter):
    title = "action taken"
    parameter_name = "acted"

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, str]]:
        return [("yes", "Action taken"), ("no", "No action")]

    def queryset(self, request: HttpRequest, queryset: QuerySet) -> QuerySet:
        if self.value() == "yes":
            return queryset.exclude(action="")
        if self.value() == "no":
            return queryset.filter(action="")
        return queryset


@admin.register(ImpactReportRecord)
class ImpactReportRecordAdmin(ReadOnlyAdmin):
    """Every computed impact of a rule change; officers apply one with a POST."""

    list_display = [
        "computed_at",
        "from_version",
        "to_version",
        "changes",
        "computed_by_label",
        "applied_at",
        "applied_by_label",
    ]
    list_filter = [_AppliedFilter, "to_version", "from_version", "computed_at"]
    search_fields = ["from_version", "to_version", "computed_by_label"]
    change_form_template = "admin/compliance/impactreportrecord/change_form.html"
    # The first rows are shown on the report; the rest are in the rows table.
    preview_rows = 50

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        return impact_report_list()

    @admin.display(description="changes", ordering="row_count")
    def changes(self, obj: ImpactReportRecord) -> str:
        return format_html(
            '<a href="{}">{}</a>',
            _rows_url(obj.pk),
            obj.row_count,  # type: ignore[attr-defined]
        )

    def get_urls(self) -> list:
        return [
            path(
                "<int:pk>/apply/",
                self.admin_site.admin_view(self.apply_view),
                name="compliance_impactreportrecord_apply",
            ),
            *super().get_urls(),
        ]

    def change_view(
        self,
        request: HttpRequest,
        object_id: str,
        form_url: str = "",
        extra_context: dict[str, Any] | None = None,
    ) -> HttpResponse:
        report = (
            impact_report_list().filter(pk=object_id).first()
            if str(object_id).isdigit()
            else None
        )
        extra = {
            "can_apply": request.user.has_perm(APPLY_PERMISSION),
            "rows": report.rows.all()[: self.preview_rows] if report else [],
            "row_count": report.row_count if report else 0,  # type: ignore[attr-defined]
            "rows_url": _rows_url(object_id),
        }
        return super().change_view(
            request, object_id, form_url, {**extra, **(extra_context or {})}
        )

    def apply_view(self, request: HttpRequest, pk: int) -> HttpResponse:
        """GET asks to confirm; POST (with the CSRF token) applies the report."""
        if not request.user.has_perm(APPLY_PERMISSION):
            raise PermissionDenied
        report = get_object_or_404(impact_report_list(), pk=pk)
        change_url = reverse("admin:compliance_impactreportrecord_change", args=[pk])
        if request.method == "POST":
            try:
                applied = impact_report_apply(
                    report_id=pk,
                    actor_id=request.user.pk,
                    actor_label=request.user.get_username(),
                )
            except ComplianceError as exc:
                self.message_user(request, exc.message, messages.ERROR)
            else:
                if applied.already_applied:
                    message = "This report was already applied; nothing changed."
                else:
                    message = f"Report applied: {len(applied.actions)} action(s) taken."
                self.message_user(request, message, messages.SUCCESS)
            return redirect(change_url)
        if request.method != "GET":
            return HttpResponseNotAllowed(["GET", "POST"])
        context = {
            **self.admin_site.each_context(request),
            "report": report,
            "change_url": change_url,
            "title": f"Apply {report}",
            "opts": self.model._meta,
        }
        return render(
            request, "admin/compliance/impactreportrecord/apply.html", context
        )


def _rows_url(report_id: object) -> str:
    changelist = reverse("admin:compliance_impactreportrow_changelist")
    return f"{changelist}?report__id__exact={report_id}"


@admin.register(ImpactReportRow)
class ImpactReportRowAdmin(ReadOnlyAdmin):
    """The rows of the impact reports: one changed decision each, filterable."""

    list_display = [
        "report",
        "object_type",
        "object_id",
        "object_label",
        "jurisdiction",
        "before",
        "after",
        "action",
        "reason",
    ]
    list_filter = [
        "object_type",
        "after",
        "before",
        _ActedFilter,
        "jurisdiction",
        "report",
    ]
    search_fields = ["object_label", "object_id", "jurisdiction", "reason", "action"]
    list_select_related = ["report"]
