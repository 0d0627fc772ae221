from django.apps import AppConfig


class DiscountsConfig(AppConfig):
    name = "storefront.discounts"
    label = "discounts"
