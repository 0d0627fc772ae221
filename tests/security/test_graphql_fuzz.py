"""A bounded fuzz run against the live schema: generated queries and mutations,
valid and invalid, sent through the real endpoint and database.

No answer may be a 5xx or carry internal text (database, Python or framework
messages). ``bench/fuzz.py`` runs the same generation at scale under gunicorn.
"""

import json

import pytest
from hypothesis import HealthCheck, given, settings

from config.schema import schema
from tests.factories.catalogue import listed_product
from tests.security.fuzzing import documents, leaks

EXAMPLES = 300


@pytest.fixture
def shop(transactional_db, django_user_model):
    from tests.factories.catalogue import ChannelFactory

    channel = ChannelFactory()
    listed_product(channel=channel, name="Reishi", slug="reishi")
    return channel


@pytest.mark.slow
@settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(document=documents(schema.graphql_schema))
def test_no_document_gets_a_server_error_or_internal_text(client, shop, document):
    response = client.post(
        "/graphql/",
        data=json.dumps({"query": document}),
        content_type="application/json",
    )

    body = response.content.decode()
    assert response.status_code < 500, body
    assert leaks(body) == [], body
