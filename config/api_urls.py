"""Machine endpoints: health, the GraphQL API and payment webhooks."""

from django.db import connection
from django.http import HttpRequest, JsonResponse
from django.urls import path
from django.views.decorators.cache import never_cache


@never_cache
def healthz(request: HttpRequest) -> JsonResponse:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})


urlpatterns: list = [path("healthz/", healthz, name="healthz")]

# The Saleor-compatible API (storefront/graphql/).
from storefront.graphql.views import graphql_view  # noqa: E402

urlpatterns.append(path("graphql/", graphql_view(), name="graphql"))

# Stripe's signed webhooks, handled above payments and checkout.
from storefront.checkout.payment_views import stripe_webhook  # noqa: E402

urlpatterns.append(path("webhooks/stripe/", stripe_webhook, name="stripe_webhook"))
