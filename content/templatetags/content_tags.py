"""Template tags other parts of the shop use to show articles.

``{% latest_articles %}`` — the three newest live articles (home page).
``{% articles_for_product product %}`` — "Learn more": live articles embedding it.
Both render a small empty state when there is nothing to show.
"""

from collections.abc import Callable
from typing import Any

from django import template
from django.utils.safestring import SafeString, mark_safe

from common.page_cache import page_fragment_cached
from content.selectors import article_list_for_product, article_list_latest

register = template.Library()


@register.simple_tag(takes_context=True)
def latest_articles(context: template.Context, limit: int = 3) -> SafeString:
    """The newest articles' section, shared by every page that shows it until an
    article is published or withdrawn (``page_fragment_cached``)."""
    request = context.get("request")
    section = context.template.engine.get_template(  # type: ignore[union-attr]
        "content/tags/latest_articles.html"
    )

    def render() -> str:
        articles = article_list_latest(limit=limit)
        return section.render(context.new({"articles": articles, "request": request}))

    return _shared(context, ("latest-articles", limit), render)


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

    return _shared(
        context, ("articles-for-product", getattr(product, "pk", None)), render
    )


def _shared(
    context: template.Context, parts: tuple[object, ...], render: Callable[[], str]
) -> SafeString:
    # Links to articles are written for the site the request came to.
    request = context.get("request")
    host = request.get_host() if request is not None else ""
    return mark_safe(page_fragment_cached(key_parts=(*parts, host), render=render))


@register.simple_tag(takes_context=True)
def embedded_product(context: template.Context, slug: str) -> Any:
    """The ``ProductEmbed`` the page loaded for ``slug``, or ``None``."""
    return (context.get("embedded_products") or {}).get(slug)
