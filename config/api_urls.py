"""Machine endpoints: health, the GraphQL API and payment webhooks."""

from django.conf import settings
from django.db import connection
from django.http import HttpRequest, JsonResponse
from django.urls import path
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt


@never_cache
def healthz(request: HttpRequest) -> JsonResponse:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})


urlpatterns: list = [path("healthz/", healthz, name="healthz")]

# The Saleor-compatible API (storefront/graphql/) with the content section's types:
# the project assembles the schema, so that storefront never reaches into content.
# CSRF-exempt; GraphiQL only when DEBUG is on.
from config.schema import VALIDATION_RULES, schema  # noqa: E402
from storefront.graphql.views import ShopGraphQLView  # noqa: E402

urlpatterns.append(
    path(
        "graphql/",
        csrf_exempt(
            ShopGraphQLView.as_view(
                schema=schema,
                graphiql=settings.DEBUG,
                validation_rules=VALIDATION_RULES,
            )
        ),
        name="graphql",
    )
)

# Stripe's signed webhooks, handled above payments and checkout.
from storefront.checkout.payment_views import stripe_webhook  # noqa: E402

urlpatterns.append(path("webhooks/stripe/", stripe_webhook, name="stripe_webhook"))
