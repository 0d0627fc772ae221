"""The gateway's return pages, under the ``payments`` namespace the gateways reverse."""

from django.urls import path

from storefront.checkout import payment_views

app_name = "payments"
urlpatterns = [
    path("dummy/3ds/<str:token>/", payment_views.dummy_3ds, name="dummy_3ds"),
]
