import io

import pytest
from django.core.management import call_command

from content.claims import article_claims_check
from content.demo import ARTICLES, populate_articles
from content.models import ArticlePage

pytestmark = pytest.mark.django_db


def test_demo_articles_load_idempotently_and_pass_the_claims_check(client, us_channel):
    # given
    out = io.StringIO()
    # when
    populate_articles(out)
    populate_articles(out)
    # then
    articles = list(ArticlePage.objects.order_by("pk"))
    assert len(articles) == 11
    assert [a.access_level for a in articles].count("members") >= 2
    assert all(a.live for a in articles), out.getvalue()
    assert {a.access_level for a in articles} == {"public", "members", "paid"}
    for article in articles:
        assert article_claims_check(article=article).allowed is True
        assert article.sources.count() >= 1
        assert client.get(article.url).status_code == 200
    assert client.get("/articles/").status_code == 200


@pytest.mark.slow
def test_demo_articles_with_catalogue_embed_products_and_pass(client):
    # given
    from storefront.catalogue.demo import demo_load

    demo_load(stdout=io.StringIO())
    out = io.StringIO()
    # when
    populate_articles(out)
    # then
    assert "left as a draft" not in out.getvalue()
    embedding = ArticlePage.objects.filter(product_links__isnull=False).distinct()
    assert sorted(a.slug for a in embedding) == [
        "connection-and-empathy",
        "creativity-and-small-doses",
        "focus-and-attention",
        "integration-into-daily-life",
        "meaning-and-perspective",
        "the-science-of-neuroplasticity",
        "vitality-and-self-care",
    ]
    html = client.get("/articles/creativity-and-small-doses/").content.decode()
    assert 'class="product-embed"' in html


LONG_FORM = (
    "mood-depression-and-microdosing",
    "stress-anxiety-and-the-expectation-effect",
    "anxiety-what-the-studies-measured",
    "the-science-of-neuroplasticity",
    "vitality-and-self-care",
    "meaning-and-perspective",
    "integration-into-daily-life",
    "why-people-microdose",
    "creativity-and-small-doses",
    "focus-and-attention",
    "connection-and-empathy",
)


def test_long_form_guides_are_900_to_1500_words_with_five_sources(us_channel):
    # given
    populate_articles(io.StringIO())
    # when
    guides = ArticlePage.objects.filter(slug__in=LONG_FORM)
    # then
    assert guides.count() == len(LONG_FORM)
    for guide in guides:
        words = len(f"{guide.standfirst} {guide.body_text()}".split())
        assert 900 <= words <= 1500, (guide.slug, words)
        assert guide.sources.count() >= 5, guide.slug
        kinds = {block.block_type for block in guide.body}
        assert {"heading", "pull_quote", "callout", "guide"} <= kinds, guide.slug


def test_related_guides_link_to_articles_loaded_before_or_after_them(us_channel):
    # given
    populate_articles(io.StringIO())
    # when
    pages = {page.slug: page for page in ArticlePage.objects.all()}
    # then
    for spec in ARTICLES:
        wanted = [value for kind, value in spec["body"] if kind == "guide"]
        body = pages[spec["slug"]].body
        linked = [b.value["page"].slug for b in body if b.block_type == "guide"]
        assert linked == wanted, spec["slug"]


def test_an_article_the_claims_check_blocks_is_kept_offline(
    monkeypatch, client, us_channel
):
    # given
    spec = {
        "slug": "a-blocked-guide",
        "title": "A blocked guide",
        "standfirst": "A guide whose text the claims check stops.",
        "topics": ["stress"],
        "access": "public",
        "body": [("p", "Reishi cures anxiety in days.")],
        "sources": [],
    }
    monkeypatch.setattr("content.demo.ARTICLES", [spec])
    out = io.StringIO()
    # when
    populate_articles(out)
    # then
    page = ArticlePage.objects.get(slug="a-blocked-guide")
    assert "Article a-blocked-guide left as a draft" in out.getvalue()
    assert page.live is False
    assert client.get("/articles/a-blocked-guide/").status_code == 404


def test_demo_articles_publish_beside_the_demo_catalogue(settings):
    # given the demo shop, whose articles link to products for sale (and so are
    # checked as product copy)
    settings.DEMO_DATA_LOADERS = []
    call_command("populatedb", stdout=io.StringIO())

    # when the demo articles are loaded
    out = io.StringIO()
    populate_articles(out)

    # then every one of them passes the claims check and is published
    articles = ArticlePage.objects.all()
    assert articles.count() == len(ARTICLES)
    assert all(a.live for a in articles), out.getvalue()
