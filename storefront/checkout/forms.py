from typing import Any

from django import forms

from compliance.age.forms import DateOfBirthForm
from storefront.accounts.forms import AddressForm
from storefront.payments.gateways.dummy import CARD_SUCCESS


class DetailsForm(AddressForm):
    email = forms.EmailField(label="Email address")
    save_address = forms.BooleanField(
        label="Save this address in my address book", required=False
    )

    field_order = ["email"]

    def __init__(self, *args: Any, can_save: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not can_save:
            # Only a signed-in customer has an address book to save to.
            del self.fields["save_address"]


class EmailForm(forms.Form):
    """The details step of a cart with nothing to deliver: no shipping address."""

    email = forms.EmailField(label="Email address")


class ShippingMethodForm(forms.Form):
    shipping_method = forms.ChoiceField(
        label="Delivery option", widget=forms.RadioSelect
    )


class BillingForm(AddressForm):
    same_as_shipping = forms.BooleanField(
        label="Billing address is the same as the shipping address", required=False
    )
    # The tick box comes first: most shoppers bill where they ship and need not
    # read an address form at all.
    field_order = ["same_as_shipping"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
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


__all__ = [
    "BillingForm",
    "DateOfBirthForm",
    "DetailsForm",
    "DummyPaymentForm",
    "EmailForm",
    "ShippingMethodForm",
    "VoucherForm",
]
