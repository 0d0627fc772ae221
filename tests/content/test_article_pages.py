import json
import re

import pytest

from common.page_cache import page_cache_invalidate
from content.models import AccessLevel
from tests.factories.content import (
    TopicFactory,
    article_create,
    articles_index,
    product_block,
    product_create,
    rich,
)

pytestmark = pytest.mark.django_db

SENTINEL = "The lighthouse keeper counted nineteen gulls at dawn."


def _protected_body():
    return [
        rich("Opening paragraph anyone may read."),
        rich("Second paragraph anyone may read."),
        {"type": "heading", "value": {"text": "Later section", "level": "h2"}},
        rich(SENTINEL),
    ]


def test_public_article_renders_whole_body_with_sources(client, us_channel):
    # given
    article = article_create(title="Open article", slug="open", body=_protected_body())
    # when
    response = client.get(article.url)
    # then
    html = response.content.decode()
    assert response.status_code == 200
    assert SENTINEL in html
    assert 'id="source-1"' in html
    assert "doi:10.1000/test.0" in html
    assert "Subscribe to keep reading" not in html


@pytest.mark.parametrize("level", [AccessLevel.MEMBERS, AccessLevel.PAID])
def test_anonymous_reader_gets_preview_and_panel_only(client, us_channel, level):
    # given
    article = article_create(
        title="Locked", slug="locked", body=_protected_body(), access_level=level
    )
    # when
    response = client.get(article.url)
    # then
    html = response.content.decode()
    assert response.status_code == 200
    assert "Opening paragraph anyone may read." in html
    assert "Second paragraph anyone may read." in html
    assert "Later section" not in html
    assert SENTINEL not in html
    assert "Subscribe to keep reading" in html
    assert response["Cache-Control"] == "private, no-store"


def test_members_article_links_to_register_and_sign_in(client, us_channel):
    # given
    article = article_create(slug="m", body=_protected_body(), access_level="members")
    # when
    html = client.get(article.url).content.decode()
    # then
    assert "/account/register/?next=/articles/m/" in html
    assert "/account/login/?next=/articles/m/" in html


def test_preview_count_is_per_article(client, us_channel):
    # given
    article = article_create(
        slug="one-block",
        body=_protected_body(),
        access_level="members",
        preview_block_count=1,
    )
    # when
    html = client.get(article.url).content.decode()
    # then
    assert "Opening paragraph anyone may read." in html
    assert "Second paragraph anyone may read." not in html


def test_signed_in_member_reads_members_article(client, us_channel, django_user_model):
    # given
    user = django_user_model.objects.create_user(
        email="m@example.com", password="pw-123456789"
    )
    article = article_create(slug="mem", body=_protected_body(), access_level="members")
    client.force_login(user)
    # when
    html = client.get(article.url).content.decode()
    # then
    assert SENTINEL in html
    assert "Subscribe to keep reading" not in html


def test_free_member_does_not_read_paid_article(client, us_channel, django_user_model):
    # given
    user = django_user_model.objects.create_user(
        email="f@example.com", password="pw-123456789"
    )
    article = article_create(slug="paid", body=_protected_body(), access_level="paid")
    client.force_login(user)
    # when
    html = client.get(article.url).content.decode()
    # then
    assert SENTINEL not in html
    assert "Become a member" in html


def test_granted_reader_reads_paid_article(client, us_channel, django_user_model):
    # given
    from content.services import member_access_grant

    staff = django_user_model.objects.create_user(
        email="s@example.com", password="pw-123456789", is_staff=True
    )
    user = django_user_model.objects.create_user(
        email="p@example.com", password="pw-123456789"
    )
    member_access_grant(user=user, granted_by=staff, reason="Press review copy")
    article = article_create(slug="paid2", body=_protected_body(), access_level="paid")
    client.force_login(user)
    # when
    html = client.get(article.url).content.decode()
    # then
    assert SENTINEL in html


def test_index_lists_and_filters_by_topic(client, us_channel):
    # given
    stress = TopicFactory(name="Stress", slug="stress")
    focus = TopicFactory(name="Focus", slug="focus")
    article_create(title="About stress", slug="a-stress", topics=[stress])
    article_create(title="About focus", slug="a-focus", topics=[focus])
    # when
    all_html = client.get("/articles/").content.decode()
    stress_html = client.get("/articles/?topic=stress").content.decode()
    topic_page = client.get("/articles/topics/focus/")
    # then
    assert "About stress" in all_html
    assert "About focus" in all_html
    assert "About stress" in stress_html
    assert "About focus" not in stress_html
    assert topic_page.status_code == 200
    assert "About focus" in topic_page.content.decode()
    assert "About stress" not in topic_page.content.decode()


def test_index_paginates_ten_per_page(client, us_channel):
    # given
    for i in range(11):
        article_create(title=f"Numbered {i:02d}", slug=f"n-{i}")
    # when
    first = client.get("/articles/").content.decode()
    second = client.get("/articles/?page=2").content.decode()
    # then
    assert first.count("<h2><a href=") == 10
    assert second.count("<h2><a href=") == 1
    assert "Page 2 of 2" in second


def test_unknown_topic_is_404(client, us_channel):
    articles_index()
    assert client.get("/articles/topics/nope/").status_code == 404


def test_json_ld_has_article_and_breadcrumbs(client, us_channel):
    # given
    article = article_create(title="With LD", slug="ld")
    # when
    html = client.get(article.url).content.decode()
    # then
    scripts = re.findall(
        r'<script type="application/ld\+json">(.*?)</script>', html, re.DOTALL
    )
    data = [json.loads(s) for s in scripts]
    assert [d["@type"] for d in data] == ["Article", "BreadcrumbList"]
    assert data[0]["headline"] == "With LD"
    assert data[0]["isAccessibleForFree"] is True
    assert [i["position"] for i in data[1]["itemListElement"]] == [1, 2, 3]
    assert '<meta property="og:title" content="With LD">' in html


def test_related_articles_share_a_topic(client, us_channel):
    # given
    topic = TopicFactory(name="Meaning", slug="meaning")
    article = article_create(title="First", slug="first", topics=[topic])
    article_create(title="Second on meaning", slug="second", topics=[topic])
    article_create(title="Unrelated", slug="unrelated")
    # when
    html = client.get(article.url).content.decode()
    # then
    related = html.split('id="related-heading"')[1]
    assert "Second on meaning" in related
    assert "Unrelated" not in related


def test_citation_markers_link_to_sources(client, us_channel):
    # given
    article = article_create(slug="cites", body=[rich("A finding [1].")])
    # when
    html = client.get(article.url).content.decode()
    # then
    assert '<a class="cite" href="#source-1" aria-label="Source 1">[1]</a>' in html


def test_product_embed_shows_price(client, us_channel):
    # given
    product_create(slug="lions-mane", channel=us_channel, name="Lion's Mane Tea")
    article = article_create(slug="embed", body=[product_block("lions-mane")])
    # when
    html = client.get(article.url).content.decode()
    # then
    assert "Lion&#x27;s Mane Tea" in html
    assert '<p class="price">$24.00</p>' in html


def test_product_embed_not_available_where_prohibited(client, us_channel):
    # given
    product_create(
        slug="truffles",
        channel=us_channel,
        regulated_class="psilocybin_truffle",
        name="Truffles",
    )
    article = article_create(slug="embed-p", body=[product_block("truffles")])
    # when
    html = client.get(article.url).content.decode()
    # then
    assert "Not available in your region (United States of America)." in html
    assert 'class="price"' not in html


def test_product_lists_its_articles_learn_more(us_channel):
    # given
    from django.template import Context, Template

    product = product_create(slug="reishi", channel=us_channel)
    article_create(
        title="Reishi evenings", slug="reishi-art", body=[product_block("reishi")]
    )
    article_create(title="No product", slug="np")
    # when
    html = Template("{% load content_tags %}{% articles_for_product p %}").render(
        Context({"p": product})
    )
    # then
    assert "Learn more" in html
    assert "Reishi evenings" in html
    assert "No product" not in html


def test_a_newly_published_article_shows_in_learn_more_at_once(us_channel):
    """The section is shared between pages until an article is published."""
    # given the product's section rendered before any article embeds it
    from django.template import Context, Template

    product = product_create(slug="reishi", channel=us_channel)
    section = Template("{% load content_tags %}{% articles_for_product p %}")
    assert "Learn more" not in section.render(Context({"p": product}))

    # when an article embedding it is published
    article_create(
        title="Reishi evenings", slug="reishi-art", body=[product_block("reishi")]
    )

    # then the next render shows it
    assert "Reishi evenings" in section.render(Context({"p": product}))


def test_a_newly_published_article_shows_in_latest_articles_at_once(us_channel):
    from django.template.loader import render_to_string

    article_create(title="Older", slug="older")
    assert "Older" in render_to_string("content/latest_articles_slot.html")
    article_create(title="Newest", slug="newest")
    assert "Newest" in render_to_string("content/latest_articles_slot.html")


def test_latest_articles_lists_three_newest(us_channel):
    # given
    from django.template.loader import render_to_string

    for i in range(4):
        article_create(title=f"Latest {i}", slug=f"latest-{i}")
    # when
    html = render_to_string("content/latest_articles_slot.html")
    # then
    assert html.count('class="article-card"') == 3
    assert "Latest 3" in html
    assert "Latest 0" not in html


@pytest.mark.parametrize("embeds", [2, 10])
def test_article_page_query_count_is_fixed(
    client, us_channel, embeds, django_assert_num_queries
):
    # given
    for i in range(embeds):
        product_create(slug=f"p-{i}", channel=us_channel)
    body = []
    for i in range(embeds):
        body += [rich(f"Paragraph {i}."), product_block(f"p-{i}")]
    article = article_create(slug="many", body=body)
    client.get(article.url)  # warm the Site root paths cache
    page_cache_invalidate()  # measure the page rendered, not the cached copy
    # when / then
    with django_assert_num_queries(QUERIES_PER_ARTICLE_PAGE):
        response = client.get(article.url)
    assert response.content.decode().count('class="product-embed"') == embeds


# One more than before for the embedded products' pictures (one query for all).
QUERIES_PER_ARTICLE_PAGE = 17


@pytest.mark.parametrize(
    ("mode", "shows_sentinel"), [("", True), ("anonymous", False), ("member", True)]
)
def test_preview_modes_read_as_chosen_reader(us_channel, mode, shows_sentinel):
    # given
    article = article_create(
        slug="prev", body=_protected_body(), access_level="members"
    )
    # when
    response = article.make_preview_request(preview_mode=mode)
    # then
    assert (SENTINEL in response.content.decode()) is shows_sentinel
    assert response["Cache-Control"] == "private, no-store"
