from django import forms

from storefront.subscriptions.models import Interval


class PauseForm(forms.Form):
    until = forms.DateField(
        label="Pause until", widget=forms.DateInput(attrs={"type": "date"})
    )


class CancelForm(forms.Form):
    reason = forms.CharField(
        label="Why are you cancelling?",
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class CardForm(forms.Form):
    card_number = forms.CharField(
        label="New card number",
        max_length=23,
        help_text="Test cards: 4242424242424242 works; 4000000000000341 is saved "
        "but refused when charged.",
        widget=forms.TextInput(
            attrs={"autocomplete": "cc-number", "inputmode": "numeric"}
        ),
    )


INTERVAL_CHOICES = [(i.value, i.label) for i in Interval]
