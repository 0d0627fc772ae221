from collections.abc import Hashable, Iterable
from decimal import Decimal
from functools import lru_cache, partial
from typing import Any
from urllib.parse import urlencode

from babel.numbers import format_currency
from django import template
from django.conf import settings
from django.http import QueryDict
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from prices import Money

from common.fragment_cache import FragmentCache
from common.money import quantize_price
from common.page_cache import page_generation
from storefront.catalogue.renditions import renditions_for

register = template.Library()

CARD_TEMPLATE = "catalogue/_product_card.html"
# About 1.5 kB a card: a few megabytes per worker at most.
product_card_cache = FragmentCache(maxsize=4096)

# Each currency is written the way its shoppers read it: "$24.00", "24,00 €",
# "£24.00". A currency not listed falls back to English conventions.
_CURRENCY_LOCALES = {"USD": "en_US", "EUR": "de_DE", "GBP": "en_GB"}


@register.filter
def money(amount: Decimal | Money | None, currency: str | None = None) -> str:
    """``24`` and ``"USD"`` → ``$24.00``; a ``Money`` brings its own currency."""
    if amount is None or amount == "":
        return ""
    if isinstance(amount, Money):
        value, code = amount.amount, amount.currency
    else:
        value, code = Decimal(amount), (currency or "").upper()
    return _money_text(value, code)


@lru_cache(maxsize=4096)
def _money_text(value: Decimal, code: str) -> str:
    # A page writes the same few prices many times, and Babel's formatting costs
    # more than the rest of a card; the text depends on the two arguments alone.
    value = quantize_price(value, code)
    return format_currency(value, code, locale=_CURRENCY_LOCALES.get(code, "en"))


@register.simple_tag
def price_range(low: Decimal | None, high: Decimal | None, currency: str) -> str:
    """A single price, or "from" the lowest when the variants differ."""
    if low is None:
        return ""
    if high is None or high == low:
        return money(low, currency)
    return f"{money(low, currency)} \u2013 {money(high, currency)}"


@register.filter
def media_url(path: str | None) -> str:
    """The public URL of a stored file path (annotations carry bare paths)."""
    if not path:
        return ""
    from django.core.files.storage import default_storage

    return default_storage.url(str(path))


@register.simple_tag(takes_context=True)
def query_without(context: template.Context, key: str, value: str = "") -> str:
    """The current query string without one filter value (or a whole key), and
    without the page number, for "remove this filter" links.

    The query is the page's own parameters (``page_query``) where the page gives
    them, so that a shared page part links alike for every address it serves.
    """
    request = context["request"]
    own = context.get("page_query")
    query: QueryDict = (request.GET if own is None else own).copy()
    if value:
        kept = [v for v in query.getlist(key) if v != value]
        query.setlist(key, kept)
    else:
        query.pop(key, None)
    query.pop("page", None)
    pairs = [(k, v) for k in query for v in query.getlist(k) if v != ""]
    return "?" + urlencode(pairs) if pairs else request.path


_PLACEHOLDER_ICON = (
    '<svg viewBox="0 0 48 48" aria-hidden="true" fill="none" stroke="currentColor" '
    'stroke-width="2.5" stroke-linejoin="round"><path d="M14 20c0-6 4-11 10-11s10 5 '
    '10 11z"/><path d="M21 20v14c0 2 1.5 3 3 3s3-1 3-3V20"/></svg>'
)


@register.simple_tag
def product_image(
    path: object,
    alt: str = "",
    sizes: str = "(min-width: 60rem) 22vw, 45vw",
    loading: str = "lazy",
) -> str:
    """A product's picture as WebP with ``srcset``, or a placeholder of the same
    shape when it has none, so a card or gallery keeps its layout."""
    name = getattr(path, "name", path)
    renditions = renditions_for(str(name)) if name else []
    if not renditions:
        if alt:
            return format_html(
                '<span class="placeholder" role="img" aria-label="{}">{}</span>',
                f"{alt} (no picture yet)",
                mark_safe(_PLACEHOLDER_ICON),
            )
        return mark_safe(
            f'<span class="placeholder" aria-hidden="true">{_PLACEHOLDER_ICON}</span>'
        )
    src = renditions[min(1, len(renditions) - 1)]
    srcset = ", ".join(f"{item.url} {item.width}w" for item in renditions)
    return format_html(
        '<img src="{}" srcset="{}" sizes="{}" width="{}" height="{}" alt="{}"'
        ' loading="{}" decoding="async">',
        src.url,
        srcset,
        sizes,
        src.width,
        src.height,
        alt,
        loading,
    )


def _card_key(product: Any, region: Any, generation: int) -> Hashable:
    """Everything ``_product_card.html`` shows, so equal keys give equal cards.

    Keep in step with the template; the page generation retires every card at
    each catalogue write besides, should a value be missing here.
    """
    decision = getattr(product, "region_decision", None)
    return (
        generation,
        str(settings.MEDIA_ROOT),
        settings.MEDIA_URL,
        product.pk,
        product.slug,
        product.name,
        str(getattr(product, "image", "") or ""),
        getattr(product, "price_min", None),
        getattr(product, "price_max", None),
        product.regulated_class,
        (getattr(product, "stock_available", None) or 0) <= 0,
        getattr(product, "age_masked", None),
        getattr(decision, "decision", None),
        getattr(decision, "min_age", None),
        region.channel.currency_code,
        region.name,
    )


@register.simple_tag(takes_context=True)
def product_cards(context: template.Context, products: Iterable[Any]) -> SafeString:
    """The cards of ``products`` (listing rows with their region decisions), each
    rendered once per process for what it shows (``common.fragment_cache``).

    A card sees only its product and the shopper's region, as the key records.
    """
    region = context["shopper_region"]
    card = context.template.engine.get_template(CARD_TEMPLATE)  # type: ignore[union-attr]
    generation = page_generation()

    def render(product: Any) -> str:
        return card.render(context.new({"product": product, "shopper_region": region}))

    html = [
        product_card_cache.get_or_render(
            _card_key(product, region, generation), partial(render, product)
        )
        for product in products
    ]
    return mark_safe("".join(html))
