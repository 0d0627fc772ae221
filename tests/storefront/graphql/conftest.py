import json
from collections.abc import Callable
from typing import Any

import pytest

from tests.factories.catalogue import ChannelFactory


@pytest.fixture
def channel(db):
    return ChannelFactory()


@pytest.fixture
def api(client) -> Callable[..., dict[str, Any]]:
    """POST a query to /graphql/ and return the whole JSON response."""

    def call(
        query: str, variables: dict | None = None, *, token: str | None = None
    ) -> dict[str, Any]:
        headers = {"HTTP_AUTHORIZATION": f"Bearer {token}"} if token else {}
        response = client.post(
            "/graphql/",
            data=json.dumps({"query": query, "variables": variables or {}}),
            content_type="application/json",
            **headers,
        )
        return response.json()

    return call


@pytest.fixture
def gql(api) -> Callable[..., dict[str, Any]]:
    """Like ``api`` but asserts there are no top-level errors; returns ``data``."""

    def call(
        query: str, variables: dict | None = None, **kwargs: Any
    ) -> dict[str, Any]:
        content = api(query, variables, **kwargs)
        assert "errors" not in content, content.get("errors")
        return content["data"]

    return call
