"""Anonymous readers get article pages from the page cache; publishing or
unpublishing in Wagtail drops them, and nothing personal is ever shared."""

import pytest
from wagtail.models import PageViewRestriction

from common.page_cache import HEADER
from tests.factories.accounts import UserFactory
from tests.factories.content import article_create, rich

pytestmark = pytest.mark.django_db


def test_an_article_is_served_from_the_cache_the_second_time(client, us_channel):
    article = article_create(slug="cached", body=[rich("Chaga grows on birch.")])

    first = client.get(article.url)
    second = client.get(article.url)

    assert first[HEADER] == "miss"
    assert second[HEADER] == "hit"
    assert "Chaga grows on birch." in second.content.decode()


def test_publishing_a_new_revision_shows_on_the_next_request(client, us_channel):
    # given the article's page cached
    article = article_create(slug="edited", body=[rich("The old paragraph.")])
    client.get(article.url)

    # when an editor publishes a new revision
    article.body = [rich("The corrected paragraph.")]
    article.save_revision().publish()

    # then the next reader gets the new text
    response = client.get(article.url)
    html = response.content.decode()
    assert response[HEADER] == "miss"
    assert "The corrected paragraph." in html
    assert "The old paragraph." not in html


def test_an_unpublished_article_is_gone_at_once(client, us_channel):
    article = article_create(slug="withdrawn")
    url = article.url
    client.get(url)

    article.unpublish()

    assert client.get(url).status_code == 404


def test_a_members_article_is_never_stored(client, us_channel):
    article = article_create(slug="members-only", access_level="members")

    client.get(article.url)
    again = client.get(article.url)

    assert HEADER not in again
    assert again["Cache-Control"] == "private, no-store"


def test_a_signed_in_reader_never_gets_the_shared_page(client, us_channel):
    article = article_create(slug="shared")
    client.get(article.url)

    client.force_login(UserFactory())
    response = client.get(article.url)

    assert HEADER not in response


def test_a_privacy_restriction_takes_the_article_off_shared_lists_at_once(
    client, us_channel
):
    # given the articles index cached with the article on it
    article = article_create(slug="soon-private", title="Birch Polypore Notes")
    assert "Birch Polypore Notes" in client.get("/articles/").text

    # when an editor restricts it to signed-in readers, without publishing again
    restriction = PageViewRestriction.objects.create(
        page=article, restriction_type=PageViewRestriction.LOGIN
    )

    # then the shared list drops it on the next request, and brings it back when
    # the restriction is lifted
    assert "Birch Polypore Notes" not in client.get("/articles/").text
    restriction.delete()
    assert "Birch Polypore Notes" in client.get("/articles/").text
