from django.conf import settings
from django.contrib import admin
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.templatetags.static import static as static_url
from django.urls import include, path
from django.views.generic import TemplateView
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from config import api_urls


def _favicon(request: HttpRequest) -> HttpResponse:
    # Resolved per request: the hashed static name exists only after collectstatic.
    return redirect(static_url("favicon.ico"), permanent=True)


urlpatterns = [
    path(
        "robots.txt",
        TemplateView.as_view(template_name="robots.txt", content_type="text/plain"),
    ),
    path("favicon.ico", _favicon),
    path("admin/", include(wagtailadmin_urls)),
    path("django-admin/", admin.site.urls),
    path("documents/", include(wagtaildocs_urls)),
    path("", include(api_urls)),
    path("region/", include("storefront.channels.urls")),
    path("cart/", include("storefront.checkout.urls")),
    path("orders/", include("storefront.orders.urls")),
    path("account/", include("storefront.accounts.urls")),
    path("payments/", include("storefront.checkout.payment_urls")),
    path("subscriptions/", include("storefront.subscriptions.urls")),
    path("compliance/", include("compliance.urls")),
    path("", include("content.urls")),
    path("", include("storefront.catalogue.urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# Wagtail serves the article pages; its catch-all pattern must come last.
urlpatterns += [path("", include(wagtail_urls))]

handler404 = "storefront.catalogue.views.page_not_found"
handler500 = "storefront.catalogue.views.server_error"
