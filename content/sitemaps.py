"""sitemap.xml: live public articles, the articles index and published products."""

from django.contrib.sitemaps import Sitemap

from content.models import ArticleIndexPage, ArticlePage
from content.selectors import article_list_live, product_url
from storefront.catalogue.models import Product


class ArticleSitemap(Sitemap):
    changefreq = "weekly"

    def items(self):
        return [*ArticleIndexPage.objects.live().public(), *article_list_live()]

    def location(self, item: ArticlePage) -> str:
        return item.get_url() or "/"

    def lastmod(self, item: ArticlePage):
        return item.last_published_at


class ProductSitemap(Sitemap):
    changefreq = "daily"

    def items(self):
        return (
            Product.objects.filter(channel_listings__is_published=True)
            .distinct()
            .order_by("slug")
            .only("slug", "updated_at")
        )

    def location(self, item) -> str:
        return product_url(item.slug)

    def lastmod(self, item):
        return item.updated_at


SITEMAPS = {"articles": ArticleSitemap, "products": ProductSitemap}
