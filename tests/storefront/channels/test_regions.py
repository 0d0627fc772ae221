import pytest

from storefront.channels.regions import region_is_valid, subdivisions_of


@pytest.mark.parametrize("code", ["US-MH", "US-FM", "US-PW", "US-AA", "US-AE"])
def test_sovereign_states_and_mail_codes_are_not_us_regions(code):
    assert code not in dict(subdivisions_of("US"))
    assert region_is_valid(code) is False


def test_us_regions_are_states_dc_and_territories():
    # given
    us = dict(subdivisions_of("US"))

    # then
    assert len(us) == 56
    assert us["US-AL"] == "Alabama"
    assert us["US-DC"] == "District of Columbia"
    assert {"US-PR", "US-GU", "US-VI", "US-AS", "US-MP"} <= set(us)


def test_uk_nations_come_from_the_iso_list():
    assert subdivisions_of("GB") == (
        ("GB-ENG", "England"),
        ("GB-NIR", "Northern Ireland"),
        ("GB-SCT", "Scotland"),
        ("GB-WLS", "Wales"),
    )


def test_country_without_listed_subdivisions_offers_none():
    assert subdivisions_of("DE") == ()
