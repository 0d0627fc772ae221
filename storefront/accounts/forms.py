from typing import Any, cast

from django import forms
from django_countries import countries

from storefront.accounts.models import AddressType


class AddressForm(forms.Form):
    first_name = forms.CharField(label="First name", max_length=256)
    last_name = forms.CharField(label="Last name", max_length=256)
    company_name = forms.CharField(
        label="Company (optional)", max_length=256, required=False
    )
    street_address_1 = forms.CharField(label="Street address", max_length=256)
    street_address_2 = forms.CharField(
        label="Apartment, suite, etc. (optional)", max_length=256, required=False
    )
    city = forms.CharField(label="City", max_length=256)
    postal_code = forms.CharField(label="Postal code", max_length=20, required=False)
    country = forms.ChoiceField(label="Country", choices=list(countries))
    country_area = forms.CharField(
        label="State, province or region", max_length=128, required=False
    )
    phone = forms.CharField(label="Phone (optional)", max_length=32, required=False)

    def __init__(
        self,
        *args: Any,
        allowed_countries: list[str] | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        if allowed_countries:
            cast(forms.ChoiceField, self.fields["country"]).choices = [
                (code, name) for code, name in countries if code in allowed_countries
            ]


class RegisterForm(forms.Form):
    email = forms.EmailField(label="Email address")
    password = forms.CharField(
        label="Password",
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text="At least 10 characters, not only numbers, not a common password.",
    )


class SignInForm(forms.Form):
    email = forms.EmailField(label="Email address")
    password = forms.CharField(
        label="Password",
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )


class AddressBookForm(AddressForm):
    """A new address-book entry, optionally made a default at once."""

    default_shipping = forms.BooleanField(
        label="Use as my default shipping address", required=False
    )
    default_billing = forms.BooleanField(
        label="Use as my default billing address", required=False
    )

    def default_for(self) -> list[AddressType]:
        kinds = []
        if self.cleaned_data.get("default_shipping"):
            kinds.append(AddressType.SHIPPING)
        if self.cleaned_data.get("default_billing"):
            kinds.append(AddressType.BILLING)
        return kinds


class PasswordResetRequestForm(forms.Form):
    email = forms.EmailField(label="Email address")


class PasswordSetForm(forms.Form):
    """A new password chosen from a reset link (``email`` and ``token`` ride along)."""

    email = forms.CharField(widget=forms.HiddenInput)
    token = forms.CharField(widget=forms.HiddenInput)
    password = forms.CharField(
        label="New password",
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text="At least 10 characters, not only numbers, not a common password.",
    )
    password_again = forms.CharField(
        label="New password again",
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def clean(self) -> dict[str, object]:
        cleaned = super().clean() or {}
        first, again = cleaned.get("password"), cleaned.get("password_again")
        if first and again and first != again:
            self.add_error("password_again", "The two passwords are not the same.")
        return cleaned
