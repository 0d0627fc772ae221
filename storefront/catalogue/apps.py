from django.apps import AppConfig


class CatalogueConfig(AppConfig):
    name = "storefront.catalogue"
    label = "catalogue"
