"""A bounded fuzz run against the live schema: generated queries and mutations,
valid and invalid, sent through the real endpoint and database.

No answer may be a 5xx or carry internal text (database, Python or framework
messages). ``bench/fuzz.py`` runs the same generation at scale under gunicorn.
"""

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from config.schema import schema
from tests.factories.catalogue import listed_product
from tests.security.fuzzing import documents, leaks, seeded_ids

EXAMPLES = 300
KNOWN_IDS: list[str] = []


@pytest.fixture
def shop(transactional_db, django_user_model):
    """A channel with a product, a shipping method and two carts (a guest's and a
    customer's), so generated mutations find real rows; returns a token."""
    from storefront.checkout.services.cart import checkout_create, checkout_line_add
    from storefront.graphql.account.jwt import ACCESS, token_issue
    from tests.factories.catalogue import ChannelFactory, CollectionFactory
    from tests.factories.checkout import shipping_method

    channel = ChannelFactory()
    product = listed_product(channel=channel, name="Reishi", slug="reishi")
    CollectionFactory().products.add(product)
    shipping_method(channel=channel, countries=["US"])
    customer = django_user_model.objects.create_user(
        email="ada@example.com", password="a long passphrase 42"
    )
    for user in (None, customer):
        checkout = checkout_create(channel=channel, region="US", user=user)
        checkout_line_add(
            checkout=checkout, variant_id=product.variants.first().pk, quantity=1
        )
    KNOWN_IDS[:] = seeded_ids()
    return token_issue(user=customer, kind=ACCESS)


@pytest.mark.slow
@settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(document=documents(schema.graphql_schema, KNOWN_IDS), signed_in=st.booleans())
def test_no_document_gets_a_server_error_or_internal_text(
    client, shop, document, signed_in
):
    headers = {"HTTP_AUTHORIZATION": f"Bearer {shop}"} if signed_in else {}
    response = client.post(
        "/graphql/",
        data=json.dumps({"query": document}),
        content_type="application/json",
        **headers,
    )

    body = response.content.decode()
    assert response.status_code < 500, body
    assert leaks(body) == [], body
