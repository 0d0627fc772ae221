from django.db import models
from django.db.models import F, Q
from django_countries.fields import CountryField


class Warehouse(models.Model):
    name = models.CharField(max_length=250)
    slug = models.SlugField(max_length=255, unique=True)
    email = models.EmailField(blank=True)
    country = CountryField()
    city = models.CharField(max_length=100, blank=True)
    shipping_zones = models.ManyToManyField(
        "shipping.ShippingZone", blank=True, related_name="warehouses"
    )
    channels = models.ManyToManyField(
        "channels.Channel", blank=True, related_name="warehouses"
    )

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Stock(models.Model):
    """Units of one variant in one warehouse; allocated units are promised to orders."""

    warehouse = models.ForeignKey(
        Warehouse, related_name="stocks", on_delete=models.CASCADE
    )
    product_variant = models.ForeignKey(
        "catalogue.ProductVariant", related_name="stocks", on_delete=models.CASCADE
    )
    quantity = models.PositiveIntegerField(default=0)
    quantity_allocated = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["warehouse", "product_variant"], name="stock_unique_variant"
            ),
            models.CheckConstraint(
                condition=Q(quantity_allocated__lte=F("quantity")),
                name="stock_not_overallocated",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.product_variant} @ {self.warehouse}: {self.quantity}"

    @property
    def quantity_available(self) -> int:
        return max(self.quantity - self.quantity_allocated, 0)
