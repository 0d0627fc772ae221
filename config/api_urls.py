"""Machine endpoints: health, the GraphQL API and payment webhooks."""

from django.conf import settings
from django.urls import path
from django.views.decorators.csrf import csrf_exempt

from config.health import livez, readyz

# /healthz/ is the liveness check the compose file has always used.
urlpatterns: list = [
    path("healthz/", livez, name="healthz"),
    path("livez/", livez, name="livez"),
    path("readyz/", readyz, name="readyz"),
]

# The Saleor-compatible API (storefront/graphql/), over the schema assembled in
# config.schema; CSRF-exempt because it authenticates by bearer token, GraphiQL
# only when DEBUG is on.
from config.schema import schema  # noqa: E402
from storefront.graphql.views import ShopGraphQLView  # noqa: E402

urlpatterns.append(
    path(
        "graphql/",
        csrf_exempt(ShopGraphQLView.as_view(schema=schema, graphiql=settings.DEBUG)),
        name="graphql",
    )
)

# Stripe's signed webhooks, handled above payments and checkout.
from storefront.checkout.payment_views import stripe_webhook  # noqa: E402

urlpatterns.append(path("webhooks/stripe/", stripe_webhook, name="stripe_webhook"))
