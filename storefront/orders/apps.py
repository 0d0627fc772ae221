from django.apps import AppConfig


class OrdersConfig(AppConfig):
    name = "storefront.orders"
    label = "orders"

    def ready(self) -> None:
        # Imported once the app registry is ready: the outbox is a model.
        from common.mail import email_sent_hook_register

        # Likewise: the order services import the order models.
        from storefront.orders.services import (
            ORDER_CONFIRMATION_EMAIL,
            order_confirmation_sent_record,
        )

        email_sent_hook_register(
            kind=ORDER_CONFIRMATION_EMAIL, hook=order_confirmation_sent_record
        )
