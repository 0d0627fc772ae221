"""Template tags other parts of the shop use to show articles.

``{% latest_articles %}`` — the three newest live articles (home page).
``{% articles_for_product product %}`` — "Learn more": live articles embedding it.
Both render a small empty state when there is nothing to show.
"""

from typing import Any

from django import template
from django.utils.safestring import SafeString, mark_safe

from common.page_cache import page_fragment_cached
from content.selectors import article_list_for_product, article_list_latest

register = template.Library()


@register.inclusion_tag("content/tags/latest_articles.html", takes_context=True)
def latest_articles(context: template.Context, limit: int = 3) -> dict[str, Any]:
    return {
        "articles": article_list_latest(limit=limit),
        "request": context.get("request"),
    }


@register.simple_tag(takes_context=True)
def articles_for_product(context: template.Context, product: Any) -> SafeString:
    """The "Learn more" section, shared by every visitor of the product's page
    until an article is published or withdrawn (``page_fragment_cached``)."""
    request = context.get("request")
    section = context.template.engine.get_template(  # type: ignore[union-attr]
        "content/tags/articles_for_product.html"
    )

    def render() -> str:
        articles = (
            article_list_for_product(product_id=product.pk)
            if product is not None
            else []
        )
        return section.render(
            context.new({"articles": articles, "product": product, "request": request})
        )

    # Links to articles are written for the site the request came to.
    host = request.get_host() if request is not None else ""
    return mark_safe(
        page_fragment_cached(
            key_parts=("articles-for-product", getattr(product, "pk", None), host),
            render=render,
        )
    )


@register.simple_tag(takes_context=True)
def embedded_product(context: template.Context, slug: str) -> Any:
    """The ``ProductEmbed`` the page loaded for ``slug``, or ``None``."""
    return (context.get("embedded_products") or {}).get(slug)
