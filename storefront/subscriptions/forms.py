from django import forms

from storefront.subscriptions.models import Interval


class PauseForm(forms.Form):
    until = forms.DateField(
        label="Pause until", widget=forms.DateInput(attrs={"type": "date"})
    )


CANCEL_REASONS = (
    ("", "I would rather not say"),
    ("too_expensive", "It costs too much"),
    ("too_much", "I have more than I can use"),
    ("not_needed", "I no longer need it"),
    ("order_when_needed", "I prefer to order when I need it"),
    ("not_working", "It did not do what I hoped"),
    ("other", "Something else"),
)


class CancelForm(forms.Form):
    """Why the customer leaves: optional, a choice and, if they like, a few words."""

    choice = forms.ChoiceField(
        label="Why are you cancelling? (optional)",
        choices=CANCEL_REASONS,
        required=False,
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label="Anything you would like to add? (optional)",
        max_length=400,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def cleaned_reason(self) -> str:
        """The choice's words and the note, as one text for the subscription."""
        label = dict(CANCEL_REASONS).get(self.cleaned_data.get("choice") or "", "")
        note = (self.cleaned_data.get("reason") or "").strip()
        if not self.cleaned_data.get("choice"):
            return note
        return f"{label}: {note}" if note else label


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
