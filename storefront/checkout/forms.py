from django import forms
from django_countries import countries

from storefront.payments.gateways.dummy import CARD_SUCCESS


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
        *args: object,
        allowed_countries: list[str] | None = None,
        **kwargs: object,
    ) -> None:
        super().__init__(*args, **kwargs)
        if allowed_countries:
            self.fields["country"].choices = [
                (code, name) for code, name in countries if code in allowed_countries
            ]


class DetailsForm(AddressForm):
    email = forms.EmailField(label="Email address")

    field_order = ["email"]


class ShippingMethodForm(forms.Form):
    shipping_method = forms.ChoiceField(
        label="Delivery option", widget=forms.RadioSelect
    )


class BillingForm(AddressForm):
    same_as_shipping = forms.BooleanField(
        label="Billing address is the same as the shipping address", required=False
    )

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            if name != "same_as_shipping":
                field.required = False


class VoucherForm(forms.Form):
    voucher_code = forms.CharField(label="Voucher code", max_length=40)


class DummyPaymentForm(forms.Form):
    card_number = forms.CharField(
        label="Card number",
        max_length=23,
        help_text=f"Test cards: {CARD_SUCCESS} succeeds, 4000000000000002 is declined, "
        "4000002500003155 asks for 3-D Secure.",
        widget=forms.TextInput(
            attrs={"autocomplete": "cc-number", "inputmode": "numeric"}
        ),
    )


class DateOfBirthForm(forms.Form):
    date_of_birth = forms.DateField(
        label="Date of birth", widget=forms.DateInput(attrs={"type": "date"})
    )
