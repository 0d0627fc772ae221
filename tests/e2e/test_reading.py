import pytest

from tests.factories.content import article_create, channel_create, rich

SENTINEL = "The final paragraph is for members who signed up."


@pytest.mark.e2e
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_reader_meets_panel_registers_and_reads_whole_article(
    live_server, page, settings
):
    # given
    settings.STOREFRONT_DEFAULT_CHANNEL = "us"
    channel_create(slug="us", country="US", regime="us")
    article = article_create(
        title="Members piece",
        slug="members-piece",
        access_level="members",
        body=[rich("Free opening."), rich("Free second."), rich(SENTINEL)],
    )
    url = live_server.url + article.url
    # when: an anonymous reader opens the article
    page.goto(url)
    # then: the panel, and not the rest of the body
    assert page.get_by_role("heading", name="Subscribe to keep reading").is_visible()
    assert SENTINEL not in page.content()
    # when: they create an account from the panel
    page.get_by_role("link", name="Create a free account").click()
    page.get_by_label("Email address").fill("new.reader@example.com")
    page.get_by_label("Password", exact=True).fill("a-long-password-42")
    page.get_by_role("button", name="Create account").click()
    page.wait_for_load_state()
    page.goto(url)
    # then: the whole article
    assert page.get_by_text(SENTINEL).is_visible()
    assert page.get_by_role("heading", name="Subscribe to keep reading").count() == 0
