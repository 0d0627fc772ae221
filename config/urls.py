from django.conf import settings
from django.contrib import admin
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.templatetags.static import static as static_url
from django.urls import include, path, re_path
from django.views.generic import TemplateView
from wagtail import urls as wagtail_urls
from wagtail import views as wagtail_views
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from config import api_urls
from storefront.catalogue.page_cache import anonymous_page_cache


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
# Anonymous readers get them from the page cache, keyed as the catalogue pages
# (the pages show products, priced and badged for the channel and region);
# members-only articles say "private" and are never stored.
urlpatterns += [
    *(p for p in wagtail_urls.urlpatterns if p.name != "wagtail_serve"),
    re_path(
        wagtail_urls.serve_pattern,
        anonymous_page_cache(wagtail_views.serve),
        name="wagtail_serve",
    ),
]

handler404 = "storefront.catalogue.views.page_not_found"
handler500 = "storefront.catalogue.views.server_error"
