"""The compliance overview page in the staff admin, and its CSV export."""

from django.contrib.admin import AdminSite
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse

from compliance.product_classes import ProductClass
from compliance.rules import DECISIONS
from storefront.catalogue.compliance_overview import (
    compliance_overview,
    compliance_overview_csv,
)
from storefront.channels.models import Channel

PAGE_SIZE = 500
VIEW_PERMISSIONS = ("catalogue.view_product", "compliance.override_finding")


def compliance_overview_view(
    request: HttpRequest, admin_site: AdminSite
) -> HttpResponse:
    """Every published product in every jurisdiction; filter by the query string, and
    ``?format=csv`` downloads the same rows."""
    if not any(request.user.has_perm(p) for p in VIEW_PERMISSIONS):
        raise PermissionDenied
    params = request.GET
    filters = {
        "channel": params.get("channel", "").strip(),
        "jurisdiction": params.get("jurisdiction", "").strip().upper(),
        "decision": params.get("decision", "")
        if params.get("decision") in DECISIONS
        else "",
        "product_class": params.get("product_class", "")
        if params.get("product_class") in ProductClass.values
        else "",
        "open_only": params.get("open") == "1",
        "search": params.get("q", "").strip()[:100],
    }
    rows = compliance_overview(
        channel=str(filters["channel"]),
        jurisdiction=str(filters["jurisdiction"]),
        decision=str(filters["decision"]),
        product_class=str(filters["product_class"]),
        open_only=bool(filters["open_only"]),
        search=str(filters["search"]),
    )
    if params.get("format") == "csv":
        response = HttpResponse(
            compliance_overview_csv(rows), content_type="text/csv; charset=utf-8"
        )
        response["Content-Disposition"] = (
            'attachment; filename="compliance-overview.csv"'
        )
        return response
    query = params.copy()
    query["format"] = "csv"
    context = {
        **admin_site.each_context(request),
        "title": "Compliance overview",
        "rows": rows[:PAGE_SIZE],
        "total": len(rows),
        "truncated": len(rows) > PAGE_SIZE,
        "filters": filters,
        "channels": Channel.objects.order_by("slug").values_list("slug", "name"),
        "decisions": DECISIONS,
        "classes": ProductClass.choices,
        "csv_query": query.urlencode(),
    }
    return TemplateResponse(
        request, "admin/catalogue/compliance_overview.html", context
    )
