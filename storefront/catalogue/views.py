"""Shopper pages of the catalogue: thin over the selectors."""

from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from storefront.catalogue import selectors
from storefront.catalogue.availability import products_attach_region_decisions
from storefront.catalogue.claims_display import product_claims_for_regime
from storefront.inventory.selectors import stock_state_for


def home(request: HttpRequest) -> HttpResponse:
    region = request.shopper_region  # type: ignore[attr-defined]
    featured = selectors.product_list_featured(channel=region.channel)
    products_attach_region_decisions(products=featured, region=region.region)
    return render(
        request,
        "catalogue/home.html",
        {"featured": featured, "categories": list(selectors.category_list_top())},
    )


def category_detail(request: HttpRequest, slug: str) -> HttpResponse:
    category = selectors.category_get(slug=slug)
    if category is None:
        raise Http404("No such category.")
    region = request.shopper_region  # type: ignore[attr-defined]
    filters = selectors.ProductFilters.from_querydict(request.GET)
    all_products = selectors.product_list_for_category(
        channel=region.channel, category=category, filters=selectors.ProductFilters()
    )
    products = selectors.product_list_filter(products=all_products, filters=filters)
    page = Paginator(products, selectors.PAGE_SIZE).get_page(request.GET.get("page"))
    products_attach_region_decisions(products=page.object_list, region=region.region)
    return render(
        request,
        "catalogue/category.html",
        {
            "category": category,
            "page": page,
            "facets": selectors.attribute_facets_for_products(products=all_products),
            "filters": filters,
            "sort_choices": selectors.Sort.CHOICES,
        },
    )


def search(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "").strip()[:200]
    region = request.shopper_region  # type: ignore[attr-defined]
    page = None
    if query:
        results = selectors.product_search(channel=region.channel, query=query)
        page = Paginator(results, selectors.PAGE_SIZE).get_page(request.GET.get("page"))
        products_attach_region_decisions(
            products=page.object_list, region=region.region
        )
    return render(request, "catalogue/search.html", {"query": query, "page": page})


def product_detail(request: HttpRequest, slug: str) -> HttpResponse:
    region = request.shopper_region  # type: ignore[attr-defined]
    product = selectors.product_get_for_channel(slug=slug, channel=region.channel)
    if product is None:
        raise Http404("No such product in this region's shop.")
    variants = product.priced_variants  # type: ignore[attr-defined]
    for variant in variants:
        variant.stock_state = stock_state_for(variant.stock_available)
    related = selectors.product_list_related(product=product, channel=region.channel)
    products_attach_region_decisions(products=[product, *related], region=region.region)
    selected = next((v for v in variants if v.stock_available > 0), None)
    selected = selected or (variants[0] if variants else None)
    return render(
        request,
        "catalogue/product_detail.html",
        {
            "product": product,
            "variants": variants,
            "selected": selected,
            "related": related,
            "media": list(product.media.all()),
            "purchasable": selectors.product_is_available_for_purchase(product),
            "claims": product_claims_for_regime(
                product=product, regime=region.channel.claims_regime
            ),
        },
    )


def page_not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    return render(request, "404.html", status=404)


def server_error(request: HttpRequest) -> HttpResponse:
    # A bare template: the failure may be in anything a richer page would use.
    return render(request, "500.html", status=500)
