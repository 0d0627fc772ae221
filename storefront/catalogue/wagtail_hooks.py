"""One entry point for staff: Wagtail's menu links to the catalogue admin."""

from django.http import HttpRequest
from wagtail import hooks
from wagtail.admin.menu import MenuItem


class CatalogueMenuItem(MenuItem):
    def is_shown(self, request: HttpRequest) -> bool:
        return request.user.has_module_perms("catalogue")


@hooks.register("register_admin_menu_item")
def register_catalogue_menu_item() -> MenuItem:
    return CatalogueMenuItem(
        "Catalogue", "/django-admin/catalogue/", icon_name="list-ul", order=250
    )


class ComplianceOverviewMenuItem(MenuItem):
    def is_shown(self, request: HttpRequest) -> bool:
        user = request.user
        return user.has_perm("catalogue.view_product") or user.has_perm(
            "compliance.override_finding"
        )


@hooks.register("register_admin_menu_item")
def register_compliance_overview_menu_item() -> MenuItem:
    return ComplianceOverviewMenuItem(
        "Compliance overview",
        "/django-admin/catalogue/product/compliance-overview/",
        icon_name="warning",
        order=260,
    )
