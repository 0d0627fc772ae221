from storefront.accounts.models import Address


def test_us_address_reads_city_state_zip():
    address = Address(
        first_name="Ada",
        last_name="Lovelace",
        street_address_1="1 SW Main St",
        city="PORTLAND",
        postal_code="97201",
        country="US",
        country_area="OR",
    )

    assert address.formatted_lines == [
        "Ada Lovelace",
        "1 SW Main St",
        "PORTLAND, OR 97201",
        "United States of America",
    ]


def test_german_address_puts_the_postcode_first():
    address = Address(
        first_name="Ada",
        last_name="Lovelace",
        company_name="Verdant GmbH",
        street_address_1="Unter den Linden 1",
        street_address_2="Hinterhaus",
        city="Berlin",
        postal_code="10115",
        country="DE",
    )

    assert address.formatted_lines == [
        "Ada Lovelace",
        "Verdant GmbH",
        "Unter den Linden 1",
        "Hinterhaus",
        "10115 BERLIN",
        "Germany",
    ]
