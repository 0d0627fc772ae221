from django.urls import path

from storefront.checkout import age_views, views

app_name = "checkout"
urlpatterns = [
    path("", views.cart, name="cart"),
    path("add/", views.line_add, name="line_add"),
    path("lines/<int:line_id>/update/", views.line_update, name="line_update"),
    path("lines/<int:line_id>/remove/", views.line_delete, name="line_delete"),
    path("checkout/details/", views.details, name="details"),
    path(
        "checkout/details/remove-undeliverable/",
        views.undeliverable_remove,
        name="undeliverable_remove",
    ),
    path("checkout/shipping/", views.shipping, name="shipping"),
    path("checkout/billing/", views.billing, name="billing"),
    path("checkout/review/", views.review, name="review"),
    path("checkout/voucher/", views.voucher, name="voucher"),
    path("checkout/date-of-birth/", age_views.date_of_birth, name="date_of_birth"),
    path("checkout/verify-age/", age_views.age_verify, name="age_verify"),
    path("checkout/age-code/", age_views.age_code_send, name="age_code_send"),
    path("checkout/age-code/enter/", age_views.age_code_enter, name="age_code_enter"),
    path("checkout/pay/", views.pay, name="pay"),
    path("checkout/stripe/return/", views.stripe_return, name="stripe_return"),
]
