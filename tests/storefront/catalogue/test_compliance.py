from decimal import Decimal

import pytest
from django.contrib.auth.models import Permission

from compliance.claims.services import claims_override_grant
from compliance.models import AuditEntry
from storefront.accounts.models import User
from storefront.catalogue.availability import products_attach_region_decisions
from storefront.catalogue.compliance_sources import product_scan_items
from storefront.catalogue.errors import CatalogueErrorCode, ProductClaimsBlockedError
from storefront.catalogue.models import ProductChannelListing
from storefront.catalogue.publication import product_claims_text
from storefront.catalogue.services import product_publish
from tests.factories.catalogue import (
    CategoryFactory,
    ProductFactory,
    ProductVariantChannelListingFactory,
    listed_product,
)

pytestmark = pytest.mark.django_db


def _priced_product(channel, **fields):
    product = ProductFactory(**fields)
    ProductVariantChannelListingFactory(variant__product=product, channel=channel)
    return product


def test_publish_refuses_a_disease_claim(channel_us):
    # given
    product = _priced_product(
        channel_us, name="Calm Caps", description="<p>Cures anxiety fast.</p>"
    )

    # when
    with pytest.raises(ProductClaimsBlockedError) as caught:
        product_publish(product=product, channel=channel_us)

    # then
    error = caught.value
    assert error.code is CatalogueErrorCode.CLAIMS_BLOCKED
    assert error.field == "description"
    assert error.data["regime"] == "us"
    assert error.data["findings"] == [
        ("CLM.DISEASE_VERB", "disease_claim", "Cures anxiety"),
        ("CLM.NAMED_CONDITION", "named_condition", "anxiety"),
    ]
    assert '"Cures anxiety"' in error.message
    assert ProductChannelListing.objects.count() == 0
    assert AuditEntry.objects.filter(object_type="product").count() == 2


def test_officer_override_for_the_exact_text_lets_it_through(channel_us):
    # given
    product = _priced_product(
        channel_us, name="Calm Caps", description="<p>Cures anxiety fast.</p>"
    )
    officer = User.objects.create_user("officer@example.com", "pw-for-tests")
    officer.user_permissions.add(Permission.objects.get(codename="override_finding"))
    officer = User.objects.get(pk=officer.pk)
    claims_override_grant(
        actor=officer,
        obj_type="product",
        obj_id=product.pk,
        text=product_claims_text(product=product),
        reason="Quoted from a court filing in the product's history section.",
        regimes=("us",),
    )

    # when
    listing = product_publish(product=product, channel=channel_us)

    # then
    assert listing.is_published is True


def test_override_does_not_cover_edited_text(channel_us):
    # given
    product = _priced_product(channel_us, description="<p>Cures anxiety.</p>")
    officer = User.objects.create_user("officer@example.com", "pw-for-tests")
    officer.user_permissions.add(Permission.objects.get(codename="override_finding"))
    claims_override_grant(
        actor=User.objects.get(pk=officer.pk),
        obj_type="product",
        obj_id=product.pk,
        text=product_claims_text(product=product),
        reason="Reviewed.",
        regimes=("us",),
    )
    product.benefits = ["Treats depression"]
    product.save()

    # when / then
    with pytest.raises(ProductClaimsBlockedError):
        product_publish(product=product, channel=channel_us)
    assert ProductChannelListing.objects.count() == 0


def test_scan_items_cover_every_product_with_its_regimes(channel_us, channel_eu):
    # given
    listed = listed_product(channel=channel_eu, name="Listed")
    draft = ProductFactory(name="Draft", benefits=["One"])

    # when
    items = {item.label: item for item in product_scan_items()}

    # then
    assert set(items) == {"Listed", "Draft"}
    assert items["Listed"].kind == "product"
    assert items["Listed"].regimes == ("eu",)
    assert items["Listed"].published is True
    assert items["Listed"].admin_url == (
        f"/django-admin/catalogue/product/{listed.pk}/change/"
    )
    assert items["Draft"].regimes == ("us", "eu", "uk")
    assert items["Draft"].published is False
    # Every shopper-facing text is scanned, the category's included.
    assert items["Draft"].text == "\n".join(
        ["Draft", "<p>A plain description.</p>", "One", draft.category.name]
        + [draft.category.description] * bool(draft.category.description)
    )
    assert draft.pk == items["Draft"].object_id


def test_one_decision_per_class(channel_us):
    # given
    products = [
        ProductFactory.build(regulated_class="kratom"),
        ProductFactory.build(regulated_class="kratom"),
        ProductFactory.build(regulated_class="general"),
    ]

    # when
    decisions = products_attach_region_decisions(products=products, region="US-OR")

    # then
    assert sorted(decisions) == ["general", "kratom"]
    assert products[0].region_decision is products[1].region_decision
    assert products[0].region_decision.min_age == 21
    assert products[2].region_decision.decision == "allowed"


def _visit_from(client, region):
    session = client.session
    session.update({"shop_channel": "us", "shop_region": region})
    session.save()


def test_listing_shows_unavailable_and_age_badges(client, channel_us):
    # given
    category = CategoryFactory(slug="kratom")
    listed_product(
        channel=channel_us, category=category, name="Kratom", regulated_class="kratom"
    )

    # when
    _visit_from(client, "US-AL")
    alabama = client.get("/categories/kratom/").content.decode()
    _visit_from(client, "US-OR")
    # an adult passes the age gate first (kratom is 21+ in Oregon)
    client.post("/categories/kratom/", {"dob_day": 1, "dob_month": 1, "dob_year": 1980})
    oregon = client.get("/categories/kratom/").content.decode()

    # then
    assert "Not available in Alabama, United States of America" in alabama
    assert "21+" not in alabama
    assert '<li class="badge badge--age">21+</li>' in oregon
    assert "Not available in" not in oregon


def test_product_page_hides_add_to_cart_where_prohibited(client, channel_us):
    # given
    listed_product(
        channel=channel_us,
        slug="kratom-powder",
        regulated_class="kratom",
        prices=(Decimal("25"),),
    )

    # when
    _visit_from(client, "US-AL")
    response = client.get("/products/kratom-powder/")

    # then
    html = response.content.decode()
    assert response.status_code == 200
    assert "This product cannot be sold to Alabama" in html
    assert 'action="/cart/add/"' not in html


def test_product_page_refusal_gives_the_reason_source_and_date(client, channel_us):
    # given
    listed_product(channel=channel_us, slug="kratom-powder", regulated_class="kratom")

    # when
    _visit_from(client, "US-AL")
    html = client.get("/products/kratom-powder/").content.decode()

    # then
    assert (
        "This product cannot be sold to Alabama, United States of America. Why: "
        "Kratom&#x27;s alkaloids mitragynine and 7-hydroxymitragynine are Schedule I "
        "controlled substances in Alabama. Source: Alabama&#x27;s Schedule I of "
        "controlled substances, as amended in May 2016, in effect since 10 May 2016."
    ) in html


def test_product_page_of_a_restricted_product_says_why(client, channel_us):
    # given an adult visitor in Colorado (kratom 21+ with photo ID)
    listed_product(channel=channel_us, slug="kratom-powder", regulated_class="kratom")
    _visit_from(client, "US-CO")
    session = client.session
    session["age_gate_adult_for"] = 21
    session.save()

    # when
    html = client.get("/products/kratom-powder/").content.decode()

    # then
    assert (
        "Why: Colorado lets kratom be sold only to buyers aged 21 or over, and the "
        "seller must ask for government photo ID. In effect since 1 July 2024."
    ) in html
