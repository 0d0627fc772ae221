"""Pages and API responses are compressed when the client accepts it."""

import gzip
import json

import brotli
import pytest

from common.compression import accepted_encodings
from tests.factories.catalogue import ChannelFactory, listed_product

pytestmark = pytest.mark.django_db


@pytest.fixture
def catalogue(db):
    channel = ChannelFactory()
    for n in range(6):
        listed_product(channel=channel, name=f"Reishi Powder {n}")


def test_brotli_when_accepted(client, catalogue):
    plain = client.get("/")
    packed = client.get("/", headers={"accept-encoding": "gzip, deflate, br"})
    assert "Content-Encoding" not in plain
    assert packed["Content-Encoding"] == "br"
    assert "Accept-Encoding" in packed["Vary"]
    assert b"Reishi Powder 5" in brotli.decompress(packed.content)
    assert len(packed.content) < len(plain.content) / 3


def test_gzip_for_clients_without_brotli(client, catalogue):
    response = client.get("/search/?q=reishi", headers={"accept-encoding": "gzip"})
    assert response["Content-Encoding"] == "gzip"
    assert b"Reishi Powder 5" in gzip.decompress(response.content)
    assert int(response["Content-Length"]) == len(response.content)


def test_api_json_is_compressed(client, catalogue):
    query = '{ products(first: 20, channel: "us") { edges { node { name slug } } } }'
    response = client.post(
        "/graphql/",
        data=json.dumps({"query": query}),
        content_type="application/json",
        headers={"accept-encoding": "br"},
    )
    assert response["Content-Encoding"] == "br"
    body = json.loads(brotli.decompress(response.content))
    assert len(body["data"]["products"]["edges"]) == 6


def test_refused_encodings_and_tiny_bodies_stay_plain(client, catalogue):
    refused = client.get("/", headers={"accept-encoding": "br;q=0, gzip;q=0"})
    assert "Content-Encoding" not in refused
    assert "Accept-Encoding" in refused["Vary"]
    tiny = client.get("/healthz/", headers={"accept-encoding": "br"})
    assert "Content-Encoding" not in tiny


def test_accept_encoding_parsing():
    assert accepted_encodings("gzip, deflate, br;q=1.0") == {"gzip", "deflate", "br"}
    assert accepted_encodings("br;q=0, gzip;q=0.5") == {"gzip"}
    assert accepted_encodings("") == set()
