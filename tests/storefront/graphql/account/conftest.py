import pytest

from storefront.graphql.account.jwt import ACCESS, token_issue
from tests.factories.accounts import UserFactory


@pytest.fixture
def ada(db):
    return UserFactory(email="ada@example.com", first_name="Ada", last_name="")


@pytest.fixture
def ada_token(ada):
    return token_issue(user=ada, kind=ACCESS)
