"""The self-declared age gate before age-restricted categories and product pages."""

from datetime import date

import pytest
from django.utils import timezone

from compliance.models import AgeLevel, AgeVerification
from storefront.accounts.models import User
from storefront.catalogue.views import AGE_GATE_ADULT_KEY, AGE_GATE_REFUSED_KEY
from tests.common.shopper import shopper_in_region
from tests.factories.catalogue import CategoryFactory, listed_product

pytestmark = pytest.mark.django_db


def _born(years: int) -> dict[str, int]:
    today = timezone.localdate()
    born = date(today.year - years, 1, 1)
    return {"dob_day": born.day, "dob_month": born.month, "dob_year": born.year}


@pytest.fixture
def botanicals(channel_us):
    category = CategoryFactory(name="Botanicals", slug="botanicals")
    listed_product(
        channel=channel_us,
        category=category,
        name="Green Vein Kratom",
        slug="green-kratom",
        regulated_class="kratom",
    )
    listed_product(
        channel=channel_us,
        category=category,
        name="Chamomile Tea",
        slug="chamomile",
        regulated_class="herbal",
    )
    return category


@pytest.fixture
def teas(channel_us):
    category = CategoryFactory(name="Teas", slug="teas")
    listed_product(
        channel=channel_us,
        category=category,
        name="Nettle Tea",
        slug="nettle",
        regulated_class="herbal",
    )
    return category


def test_category_with_a_21_plus_product_asks_for_the_date_of_birth(client, botanicals):
    # given a visitor in Colorado (kratom: 21+)
    shopper_in_region(client, "US-CO")

    # when
    response = client.get("/categories/botanicals/")

    # then the gate, not the listing
    page = response.content.decode()
    assert response.status_code == 200
    assert "Botanicals is only for visitors aged 21 or over in Colorado" in page
    assert '<label for="id_dob_day">Day of birth</label>' in page
    assert 'name="dob_month"' in page
    assert 'name="dob_year"' in page
    assert "Green Vein Kratom" not in page
    assert "Chamomile Tea" not in page


def test_adult_is_remembered_for_the_visit_without_the_date(client, botanicals):
    # given
    shopper_in_region(client, "US-CO")

    # when
    response = client.post("/categories/botanicals/", _born(30))

    # then: redirect back, the listing shows, only the threshold is in the session
    assert response.status_code == 302
    assert response.url == "/categories/botanicals/"
    listing = client.get("/categories/botanicals/").content.decode()
    assert "Green Vein Kratom" in listing
    assert "Chamomile Tea" in listing
    session = client.session
    assert session[AGE_GATE_ADULT_KEY] == 25
    assert not any(
        str(v).startswith(str(timezone.localdate().year - 30)) for v in session.values()
    )
    assert AgeVerification.objects.count() == 0  # anonymous: session only
    product = client.get("/products/green-kratom/")
    assert product.status_code == 200
    assert "Green Vein Kratom" in product.content.decode()


def test_under_age_gets_a_refusal_and_no_listing(client, botanicals):
    # given
    shopper_in_region(client, "US-CO")

    # when
    response = client.post("/categories/botanicals/", _born(19))

    # then
    page = response.content.decode()
    assert response.status_code == 403
    assert "Sorry, you cannot view this page" in page
    assert (
        "Botanicals is only for visitors aged 21 or over in Colorado, so we cannot "
        "show it to you." in page
    )
    assert "Green Vein Kratom" not in page
    assert client.session[AGE_GATE_REFUSED_KEY] == 21
    again = client.get("/categories/botanicals/")
    assert again.status_code == 403
    assert 'name="dob_day"' not in again.content.decode()
    assert client.get("/products/green-kratom/").status_code == 403


def test_product_page_of_an_age_restricted_product_is_gated(client, botanicals):
    shopper_in_region(client, "US-TX")
    page = client.get("/products/green-kratom/").content.decode()
    assert "Green Vein Kratom is only for visitors aged 21 or over in Texas" in page
    assert "Add to cart" not in page


def test_unrestricted_pages_have_no_gate(client, botanicals, teas):
    shopper_in_region(client, "US-CO")
    assert "Nettle Tea" in client.get("/categories/teas/").content.decode()
    assert "Chamomile Tea" in client.get("/products/chamomile/").content.decode()


def test_no_gate_where_the_class_is_prohibited(client, botanicals):
    # given Alabama, where kratom cannot be sold at all: nothing to gate; the
    # listing says it is not available instead
    shopper_in_region(client, "US-AL")
    page = client.get("/categories/botanicals/").content.decode()
    assert "Chamomile Tea" in page
    assert 'name="dob_day"' not in page


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (
            {"dob_day": "31", "dob_month": "2", "dob_year": "1990"},
            "Day of birth: This day does not exist in that month.",
        ),
        (
            {"dob_day": "", "dob_month": "2", "dob_year": "1990"},
            "Day of birth: This field is required.",
        ),
        (
            {"dob_day": "1", "dob_month": "13", "dob_year": "1990"},
            "Month of birth: Select a valid choice. "
            "13 is not one of the available choices.",
        ),
        (
            {
                "dob_day": "1",
                "dob_month": "1",
                "dob_year": str(timezone.localdate().year + 1),
            },
            "Year of birth: The date of birth is in the future.",
        ),
    ],
)
def test_bad_dates_are_named(client, botanicals, data, message):
    shopper_in_region(client, "US-CO")
    response = client.post("/categories/botanicals/", data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert AGE_GATE_ADULT_KEY not in client.session
    assert AGE_GATE_REFUSED_KEY not in client.session


def test_signed_in_declaration_is_recorded_as_a_result_only(client, botanicals):
    # given
    user = User.objects.create_user("gate@example.com", "pw-for-tests")
    client.force_login(user)
    shopper_in_region(client, "US-CO")

    # when
    client.post("/categories/botanicals/", _born(22))

    # then compliance keeps the result and threshold, not the date
    check = AgeVerification.objects.get()
    assert (check.subject_ref, check.level, check.result, check.threshold) == (
        f"user:{user.pk}",
        AgeLevel.SELF_DECLARED,
        "approved",
        21,
    )


def test_a_signed_in_adult_on_file_is_not_asked_again(client, botanicals):
    from compliance.age.services import age_self_declare

    user = User.objects.create_user("known@example.com", "pw-for-tests")
    age_self_declare(subject_ref=user.pk, date_of_birth=date(1980, 1, 1))
    client.force_login(user)
    shopper_in_region(client, "US-CO")
    assert "Green Vein Kratom" in client.get("/categories/botanicals/").content.decode()


def test_the_gate_works_without_javascript_and_keeps_csrf(botanicals):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    shopper_in_region(strict, "US-CO")
    page = strict.get("/categories/botanicals/").content.decode()
    assert 'name="csrfmiddlewaretoken"' in page
    assert "<script" not in page.split("<main", 1)[-1].split("</main>", 1)[0]
    refused = strict.post("/categories/botanicals/", _born(30))
    assert refused.status_code == 403
    assert "CSRF verification failed" in refused.content.decode()


def test_a_signed_in_customers_latest_declaration_is_the_one_the_gate_reads(
    client, botanicals
):
    from compliance.age.services import age_self_declare

    # given a customer who declared an adult birth date, then a 19-year-old's
    user = User.objects.create_user("again@example.com", "pw-for-tests")
    age_self_declare(subject_ref=user.pk, date_of_birth=date(1980, 1, 1))
    today = timezone.localdate()
    age_self_declare(
        subject_ref=user.pk, date_of_birth=date(today.year - 20, today.month, 1)
    )
    client.force_login(user)
    shopper_in_region(client, "US-CO")

    # when they open the kratom category (21 or over in Colorado)
    page = client.get("/categories/botanicals/").content.decode()

    # then the gate asks again, as the checkout would refuse the earlier answer
    assert "Green Vein Kratom" not in page
    assert 'name="dob_year"' in page
