"""The staff compliance overview: product x jurisdiction, filters, CSV, queries."""

import csv
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from compliance.claims.services import claims_override_grant
from storefront.catalogue.compliance_overview import compliance_overview
from storefront.catalogue.publication import product_claims_text
from tests.factories.catalogue import (
    ChannelFactory,
    ProductChannelListingFactory,
    ProductFactory,
    eu_channel,
)

pytestmark = pytest.mark.django_db
URL = "/django-admin/catalogue/product/compliance-overview/"


def _listed(channel, **fields):
    product = ProductFactory(**fields)
    ProductChannelListingFactory(product=product, channel=channel)
    return product


def test_every_published_product_in_every_jurisdiction_of_its_channels():
    # given
    eu = eu_channel()
    _listed(eu, name="Kratom Leaf", regulated_class="kratom")
    ProductFactory(name="Draft")  # not published: not in the overview

    # when
    rows = compliance_overview()

    # then
    assert {r.product for r in rows} == {"Kratom Leaf"}
    assert {r.jurisdiction for r in rows} >= {str(c) for c in eu.countries}
    france = next(r for r in rows if r.jurisdiction == "FR")
    assert france.decision == "prohibited"
    assert france.rules


def test_open_findings_and_overrides_with_their_reasons(officer):
    # given
    us = ChannelFactory()
    blocked = _listed(us, name="Calm Caps", description="<p>Cures anxiety.</p>")
    overridden = _listed(us, name="Proof Caps", description="<p>Cures insomnia.</p>")
    claims_override_grant(
        actor=officer,
        obj_type="product",
        obj_id=overridden.pk,
        text=product_claims_text(product=overridden),
        reason="Quoted from a court record.",
        regimes=("us",),
    )

    # when
    rows = {r.product: r for r in compliance_overview(open_only=False)}
    open_rows = compliance_overview(open_only=True)

    # then
    assert any("CLM.DISEASE_VERB" in f for f in rows["Calm Caps"].open_findings)
    assert rows["Proof Caps"].open_findings == ()
    assert "Quoted from a court record." in rows["Proof Caps"].overrides[0]
    assert {r.product for r in open_rows} == {blocked.name}


def test_filters_by_decision_and_jurisdiction():
    eu = eu_channel()
    _listed(eu, name="Chamomile", regulated_class="herbal")
    _listed(eu, name="Kratom", regulated_class="kratom")

    prohibited = compliance_overview(decision="prohibited")
    in_nl = compliance_overview(jurisdiction="nl")

    assert {r.product for r in prohibited} == {"Kratom"}
    assert {r.jurisdiction for r in in_nl} == {"NL"}
    assert {r.product: r.decision for r in in_nl} == {
        "Chamomile": "allowed",
        "Kratom": "prohibited",
    }


def test_query_count_does_not_grow_with_products():
    eu = eu_channel()
    _listed(eu)
    with CaptureQueriesContext(connection) as one:
        compliance_overview()
    for _ in range(5):
        _listed(eu)
    with CaptureQueriesContext(connection) as six:
        compliance_overview()

    assert len(six) == len(one)


def test_admin_page_and_csv_export(client, officer):
    # given
    eu = eu_channel()
    _listed(eu, name="=Kratom", regulated_class="kratom")
    client.force_login(officer)

    # when
    page = client.get(URL, {"decision": "prohibited"})
    export = client.get(URL, {"decision": "prohibited", "format": "csv"})

    # then
    assert page.status_code == 200
    assert b"Compliance overview" in page.content
    assert export["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(export.content.decode())))
    assert rows[0][:6] == [
        "product",
        "product_id",
        "class",
        "channel",
        "jurisdiction",
        "decision",
    ]
    assert len(rows) == 1 + len(eu.countries)
    # A cell a spreadsheet would run as a formula is defused.
    assert all(r[0] == "'=Kratom" for r in rows[1:])


def test_staff_without_permission_is_refused(client, staff_user):
    client.force_login(staff_user)

    response = client.get(URL)

    assert response.status_code == 403
