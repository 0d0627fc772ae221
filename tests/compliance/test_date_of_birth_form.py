"""One date-of-birth form and one age calculation for the age gate and the checkout."""

from datetime import date, timedelta

from django.utils import timezone

from compliance.age.forms import DateOfBirthForm
from compliance.age.services import age_on
from storefront.checkout.forms import DateOfBirthForm as CheckoutDateOfBirthForm


def _data(born: date) -> dict[str, str]:
    return {
        "dob_day": str(born.day),
        "dob_month": str(born.month),
        "dob_year": str(born.year),
    }


def test_the_checkout_asks_with_the_same_form():
    assert CheckoutDateOfBirthForm is DateOfBirthForm


def test_a_future_date_of_birth_is_refused_naming_the_year():
    form = DateOfBirthForm(_data(timezone.localdate() + timedelta(days=1)))

    assert not form.is_valid()
    assert form.errors == {"dob_year": ["The date of birth is in the future."]}


def test_a_real_past_date_is_the_date_of_birth():
    form = DateOfBirthForm(_data(date(1990, 2, 28)))

    assert form.is_valid()
    assert form.cleaned_data["date_of_birth"] == date(1990, 2, 28)


def test_age_counts_completed_years():
    born = date(2008, 2, 29)

    assert age_on(born, date(2026, 2, 28)) == 17
    assert age_on(born, date(2026, 3, 1)) == 18
    assert age_on(date(2000, 6, 15), date(2026, 6, 15)) == 26
