"""Factories for subscription plans, and a builder that subscribes through checkout."""

from decimal import Decimal

import factory
from factory.django import DjangoModelFactory

from storefront.accounts.models import User
from storefront.catalogue.models import ProductVariant
from storefront.channels.models import Channel
from storefront.shipping.models import ShippingMethod
from storefront.subscriptions.models import Subscription, SubscriptionPlan
from tests.factories.catalogue import ChannelFactory, ProductFactory
from tests.factories.checkout import US_ADDRESS


class SubscriptionPlanFactory(DjangoModelFactory[SubscriptionPlan]):
    class Meta:
        model = SubscriptionPlan

    product = factory.SubFactory(ProductFactory)
    channel = factory.SubFactory(ChannelFactory)
    discount_percent = Decimal("10.00")
    intervals = factory.LazyFunction(lambda: ["2w", "4w", "8w", "1m"])


class UserFactory(DjangoModelFactory[User]):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"customer{n}@example.com")
    password = factory.PostGenerationMethodCall("set_password", "correct-horse-42")
    is_active = True

    @factory.post_generation
    def _save(obj, create, extracted, **kwargs):
        if create:
            obj.save()


def subscribe_via_checkout(
    *,
    user: User,
    channel: Channel,
    variant: ProductVariant,
    shipping: ShippingMethod,
    interval: str = "4w",
    quantity: int = 2,
    card_number: str = "4242424242424242",
    address: dict[str, str] | None = None,
    region: str = "US",
) -> Subscription:
    """Buy ``variant`` on subscription through the real cart and checkout services."""
    from storefront.checkout.services.cart import checkout_create, subscription_line_add
    from storefront.checkout.services.details import (
        checkout_email_set,
        checkout_shipping_address_set,
        checkout_shipping_method_set,
    )
    from storefront.checkout.services.payment import checkout_payment_start

    checkout = checkout_create(channel=channel, region=region, user=user)
    subscription_line_add(
        checkout=checkout,
        variant_id=variant.pk,
        quantity=quantity,
        purchase="subscribe",
        interval=interval,
    )
    checkout_email_set(checkout=checkout, email=user.email)
    checkout_shipping_address_set(checkout=checkout, data=address or US_ADDRESS)
    checkout_shipping_method_set(checkout=checkout, shipping_method_id=shipping.pk)
    outcome = checkout_payment_start(
        checkout=checkout, gateway="dummy", card_number=card_number
    )
    assert outcome.order_id is not None
    return Subscription.objects.get(subscription_orders__order_id=outcome.order_id)
