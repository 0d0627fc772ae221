from django.apps import AppConfig


class ShippingConfig(AppConfig):
    name = "storefront.shipping"
    label = "shipping"
