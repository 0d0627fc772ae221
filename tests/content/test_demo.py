import io

import pytest

from content.claims import article_claims_check
from content.demo import populate_articles
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
    assert len(articles) == 10
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
        "creativity-and-small-doses",
        "focus-and-attention",
        "integration-into-daily-life",
        "vitality-and-self-care",
    ]
    html = client.get("/articles/creativity-and-small-doses/").content.decode()
    assert 'class="product-embed"' in html
