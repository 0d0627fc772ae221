from django.apps import AppConfig


class SubscriptionsConfig(AppConfig):
    name = "storefront.subscriptions"
    label = "subscriptions"
