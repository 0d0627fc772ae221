from django.db import models
from django.db.models import Q
from django_countries.fields import CountryField


class ShippingZone(models.Model):
    name = models.CharField(max_length=100)
    countries = CountryField(multiple=True)
    channels = models.ManyToManyField(
        "channels.Channel", blank=True, related_name="shipping_zones"
    )

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class ShippingMethod(models.Model):
    zone = models.ForeignKey(
        ShippingZone, related_name="shipping_methods", on_delete=models.CASCADE
    )
    name = models.CharField(max_length=100)
    description = models.CharField(max_length=250, blank=True)
    minimum_delivery_days = models.PositiveIntegerField(null=True, blank=True)
    maximum_delivery_days = models.PositiveIntegerField(null=True, blank=True)
    maximum_weight_grams = models.DecimalField(
        max_digits=10, decimal_places=2, null=True, blank=True
    )

    class Meta:
        ordering = ["zone", "name"]

    def __str__(self) -> str:
        return f"{self.zone}: {self.name}"


class ShippingMethodChannelListing(models.Model):
    """Price of a method in one channel, and the order value above which it is free."""

    shipping_method = models.ForeignKey(
        ShippingMethod, related_name="channel_listings", on_delete=models.CASCADE
    )
    channel = models.ForeignKey(
        "channels.Channel", related_name="shipping_listings", on_delete=models.CASCADE
    )
    currency = models.CharField(max_length=3)
    price_amount = models.DecimalField(max_digits=12, decimal_places=2)
    free_above_amount = models.DecimalField(
        max_digits=12, decimal_places=2, null=True, blank=True
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["shipping_method", "channel"],
                name="shipping_listing_unique_channel",
            ),
            models.CheckConstraint(
                condition=Q(price_amount__gte=0), name="shipping_price_not_negative"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.shipping_method} {self.price_amount} {self.currency}"
