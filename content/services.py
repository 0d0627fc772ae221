"""Writes for the content section."""

from django.db import transaction

from content.models import ArticlePage, ArticleProductLink


@transaction.atomic
def article_product_links_sync(*, article: ArticlePage) -> None:
    """Make the article's product links match the product embeds in its body.

    Called from ``ArticlePage.save`` (so every publish keeps them current); unknown
    slugs are ignored.
    """
    from storefront.catalogue.models import Product

    slugs = {
        block["value"].get("product")
        for block in article.body.raw_data
        if block.get("type") == "product" and isinstance(block.get("value"), dict)
    }
    slugs.discard(None)
    wanted = set(Product.objects.filter(slug__in=slugs).values_list("pk", flat=True))
    current = set(article.product_links.values_list("product_id", flat=True))
    if current - wanted:
        article.product_links.filter(product_id__in=current - wanted).delete()
    ArticleProductLink.objects.bulk_create(
        [ArticleProductLink(article=article, product_id=pk) for pk in wanted - current]
    )
