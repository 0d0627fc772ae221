from django.db import models
from django_countries.fields import CountryField


class Channel(models.Model):
    """A sales channel: one currency, the countries it sells to, its tax convention."""

    name = models.CharField(max_length=100)
    slug = models.SlugField(max_length=50, unique=True)
    currency_code = models.CharField(max_length=3)
    default_country = CountryField()
    countries = CountryField(multiple=True, blank=True)
    is_active = models.BooleanField(default=True)
    prices_entered_with_tax = models.BooleanField(
        default=False,
        help_text="Whether catalogue prices in this channel already include tax.",
    )
    claims_regime = models.CharField(
        max_length=2,
        choices=[("us", "United States (FDA/FTC)"), ("eu", "EU"), ("uk", "UK")],
        help_text="Which claims rules apply to product copy shown in this channel.",
    )

    class Meta:
        ordering = ["slug"]

    def __str__(self) -> str:
        return self.name
