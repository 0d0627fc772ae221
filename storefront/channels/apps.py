from django.apps import AppConfig


class ChannelsConfig(AppConfig):
    name = "storefront.channels"
    label = "channels"
