"""The date-of-birth form: the age gate and the checkout ask the same way."""

from datetime import date
from typing import Any

from django import forms
from django.utils import timezone

MONTHS = [
    (1, "January"),
    (2, "February"),
    (3, "March"),
    (4, "April"),
    (5, "May"),
    (6, "June"),
    (7, "July"),
    (8, "August"),
    (9, "September"),
    (10, "October"),
    (11, "November"),
    (12, "December"),
]


class DateOfBirthForm(forms.Form):
    """Day, month and year as three fields: works in every browser, no JavaScript.

    A valid form has ``cleaned_data["date_of_birth"]``, a real date not in the future.
    """

    dob_day = forms.IntegerField(
        label="Day of birth",
        min_value=1,
        max_value=31,
        widget=forms.NumberInput(attrs={"autocomplete": "bday-day"}),
    )
    dob_month = forms.TypedChoiceField(
        label="Month of birth",
        choices=[("", "Month"), *MONTHS],
        coerce=int,
        widget=forms.Select(attrs={"autocomplete": "bday-month"}),
    )
    dob_year = forms.IntegerField(
        label="Year of birth",
        min_value=1900,
        max_value=2100,
        widget=forms.NumberInput(attrs={"autocomplete": "bday-year"}),
    )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        day, month, year = (
            cleaned.get(k) for k in ("dob_day", "dob_month", "dob_year")
        )
        if not (day and month and year):
            return cleaned
        try:
            born = date(year, month, day)
        except ValueError:
            self.add_error("dob_day", "This day does not exist in that month.")
            return cleaned
        if born > timezone.localdate():
            self.add_error("dob_year", "The date of birth is in the future.")
        else:
            cleaned["date_of_birth"] = born
        return cleaned
