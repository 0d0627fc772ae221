"""The self-service mutation documents and helpers the mutation tests share."""

from storefront.subscriptions.models import (
    Subscription,
)

PAYLOAD = """
subscription { id status interval nextRenewalDate pausedUntil cancelReason
  lines { id quantity variant { sku } }
  shippingAddress { city countryArea postalCode country { code } }
  events { type } orders { number lines { quantity } } }
errors { field code message }
"""


def _mutation(head: str, call: str, extra: str = "") -> str:
    """A mutation document selecting ``extra`` and the common payload."""
    return "mutation(" + head + ") { " + call + " { " + extra + PAYLOAD + " } }"


SKIP = _mutation("$id: ID!", "subscriptionSkip(id: $id)")
PAUSE = _mutation(
    "$id: ID!, $until: Date!", "subscriptionPause(id: $id, until: $until)"
)
RESUME = _mutation("$id: ID!", "subscriptionResume(id: $id)")
FREQUENCY = _mutation(
    "$id: ID!, $interval: SubscriptionIntervalEnum!",
    "subscriptionFrequencyUpdate(id: $id, interval: $interval)",
)
LINE = _mutation(
    "$lineId: ID!, $quantity: Int, $variantId: ID",
    "subscriptionLineUpdate(lineId: $lineId, quantity: $quantity, "
    "variantId: $variantId)",
    "subscriptionLine { id quantity variant { sku } } ",
)
ADDRESS = _mutation(
    "$id: ID!, $address: AddressInput!",
    "subscriptionAddressUpdate(id: $id, address: $address)",
)
ORDER_NOW = _mutation(
    "$id: ID!",
    "subscriptionOrderNow(id: $id)",
    "order { number total { gross { amount } } } ",
)
CANCEL = _mutation(
    "$id: ID!, $reason: String!", "subscriptionCancel(id: $id, reason: $reason)"
)

NY_ADDRESS = {
    "firstName": "Ada",
    "lastName": "Lovelace",
    "streetAddress1": "350 Fifth Avenue",
    "city": "New York",
    "postalCode": "10118",
    "country": "US",
    "countryArea": "NY",
}


def snapshot(subscription: Subscription) -> tuple:
    """Everything a mutation could change, to show that nothing did."""
    fresh = Subscription.objects.get(pk=subscription.pk)
    return (
        fresh.status,
        fresh.interval,
        fresh.next_renewal_date,
        fresh.paused_until,
        fresh.cancel_reason,
        fresh.shipping_address_id,
        list(fresh.lines.values_list("variant_id", "quantity")),
        fresh.events.count(),
        fresh.subscription_orders.count(),
    )


def errors_of(data: dict, name: str) -> list[dict]:
    return data[name]["errors"]
