"""Shopper pages of the catalogue: thin over the selectors."""

from collections.abc import Iterable
from typing import Any

from django.core.paginator import Page
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.utils import timezone

from compliance.age.forms import DateOfBirthForm
from compliance.age.services import age_on, age_self_declare
from compliance.product_classes import ProductClass
from storefront.catalogue import age_gate, search_results, selectors
from storefront.catalogue.availability import (
    product_classes_sellable,
    products_attach_region_decisions,
)
from storefront.catalogue.claims_display import product_claims_for_regime
from storefront.catalogue.page_cache import (
    ContentKey,
    anonymous_page_cache_with,
    shopper_content,
)
from storefront.inventory.selectors import stock_state_for


def _home_content(request: HttpRequest) -> ContentKey:
    return ContentKey("catalogue/_home.html")


@anonymous_page_cache_with(content=_home_content)
def home(request: HttpRequest) -> HttpResponse:
    region = request.shopper_region  # type: ignore[attr-defined]

    def context() -> dict[str, Any]:
        featured = age_gate.products_apply_age_gate(
            products=selectors.product_list_featured(channel=region.channel),
            visibility=_age_visibility(request),
        )
        products_attach_region_decisions(products=featured, region=region.region)
        return {
            "featured": featured,
            "categories": selectors.category_list_top_for_region(
                channel=region.channel, region=region.region
            ),
        }

    content = shopper_content(request, content=_home_content(request), context=context)
    return render(request, "catalogue/home.html", {"content": content})


# What a category page reads of its query string, besides attribute filters.
_CATEGORY_QUERY_KEYS = ("price_min", "price_max", "sort", "page")
_SEARCH_QUERY_KEYS = ("q", "page")


def _page_query(request: HttpRequest, *, keys: Iterable[str]) -> QueryDict:
    """The parameters of the request's query string that its page reads (``keys``,
    and any starting ``a-``: attribute filters); links the page builds from its
    query carry only these."""
    wanted = set(keys)
    query = QueryDict(mutable=True)
    for key, values in request.GET.lists():
        if key in wanted or key.startswith("a-"):
            query.setlist(key, values)
    return query


def _query_key(query: QueryDict) -> list[tuple[str, list[str]]]:
    return sorted(query.lists())


def _listing_context(
    page: Page[Any],
    *,
    page_query: QueryDict,
    region: str,
    visibility: age_gate.AgeVisibility | None = None,
) -> dict[str, Any]:
    """A listing page's cards as the visitor's region shows them, masked or hidden
    by the age gate when ``visibility`` is given (a category behind a gate shows
    its cards only to those who passed it), with the query its links are built
    from."""
    if visibility is not None:
        page.object_list = age_gate.products_apply_age_gate(
            products=page.object_list, visibility=visibility
        )
    products_attach_region_decisions(products=page.object_list, region=region)
    return {"page": page, "page_query": page_query}


# --- the age gate (rules in storefront.catalogue.age_gate) ---------------------

# Re-exported: the session keys are part of what other pages read.
AGE_GATE_ADULT_KEY = age_gate.AGE_GATE_ADULT_KEY
AGE_GATE_REFUSED_KEY = age_gate.AGE_GATE_REFUSED_KEY


def _age_visibility(request: HttpRequest) -> age_gate.AgeVisibility:
    return age_gate.age_visibility_for(
        session=request.session,
        user=request.user,
        region=request.shopper_region.region,  # type: ignore[attr-defined]
    )


def _gate_min_age(*, product_classes: Iterable[str], region: str) -> int | None:
    """The highest minimum age among the classes the visitor's region still allows."""
    restricted = age_gate.age_restricted_classes(region=region)
    return max(
        (restricted[c] for c in set(product_classes) if c in restricted), default=None
    )


def _age_gate(
    request: HttpRequest, *, min_age: int | None, what: str
) -> HttpResponse | None:
    """The gate page, the refusal page, or None when the visitor may go on."""
    if not min_age:
        return None
    state = age_gate.age_gate_state(
        session=request.session, user=request.user, min_age=min_age
    )
    if state == age_gate.GateState.PASSED:
        return None
    region = request.shopper_region  # type: ignore[attr-defined]
    # "Colorado, United States" -> "Colorado": the place whose law applies.
    place = region.name.split(", ", 1)[0]
    context = {"min_age": min_age, "what": what, "region_name": place}
    if state == age_gate.GateState.REFUSED:
        return render(request, "catalogue/age_refused.html", context, status=403)
    form = DateOfBirthForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        born = form.cleaned_data["date_of_birth"]
        age = age_on(born, timezone.localdate())
        if request.user.is_authenticated:
            age_self_declare(subject_ref=request.user.pk, date_of_birth=born)
        outcome = age_gate.age_gate_record(
            session=request.session, age=age, min_age=min_age
        )
        if outcome == age_gate.GateState.REFUSED:
            return render(request, "catalogue/age_refused.html", context, status=403)
        # Post/redirect/get: the listing is then an ordinary page.
        return redirect(request.get_full_path())
    return render(
        request,
        "catalogue/age_gate.html",
        context | {"form": form},
        status=400 if form.is_bound else 200,
    )


def _category_content(request: HttpRequest, slug: str) -> ContentKey:
    query = _page_query(request, keys=_CATEGORY_QUERY_KEYS)
    # The slug is in the path, which every content key holds.
    return ContentKey("catalogue/_category.html", (_query_key(query),))


@anonymous_page_cache_with(content=_category_content)
def category_detail(request: HttpRequest, slug: str) -> HttpResponse:
    region = request.shopper_region  # type: ignore[attr-defined]
    shelf = selectors.category_shelf_for_channel(slug=slug, channel=region.channel)
    if shelf is None:
        raise Http404("No such category.")
    category = shelf.category
    restricted = age_gate.age_restricted_classes(region=region.region)
    classes = selectors.category_classes_for_region(
        category=category,
        channel=region.channel,
        restricted=list(restricted),
        sellable=product_classes_sellable(
            product_classes=ProductClass.values, region=region.region
        ),
    )
    gate = _age_gate(
        request,
        min_age=_gate_min_age(product_classes=classes.gated, region=region.region),
        what=category.name,
    )
    if gate is not None:
        return gate
    query = _page_query(request, keys=_CATEGORY_QUERY_KEYS)
    filters = selectors.ProductFilters.from_querydict(query)

    def context() -> dict[str, Any]:
        page = selectors.product_list_page_for_category(
            # Built only when the page's rows or count are not cached.
            products=lambda: selectors.product_list_for_category(
                channel=region.channel, category=category, filters=filters
            ),
            channel=region.channel,
            category=category,
            filters=filters,
            page_number=query.get("page"),
        )
        return {
            **_listing_context(page, page_query=query, region=region.region),
            "category": category,
            "facets": shelf.facets,
            "nothing_sellable": not classes.sellable,
            "filters": filters,
            "sort_choices": selectors.Sort.CHOICES,
        }

    content = shopper_content(
        request, content=_category_content(request, slug), context=context
    )
    return render(
        request, "catalogue/category.html", {"category": category, "content": content}
    )


def _search_content(request: HttpRequest) -> ContentKey:
    query = _page_query(request, keys=_SEARCH_QUERY_KEYS)
    return ContentKey("catalogue/_search.html", (_query_key(query),))


@anonymous_page_cache_with(content=_search_content)
def search(request: HttpRequest) -> HttpResponse:
    page_query = _page_query(request, keys=_SEARCH_QUERY_KEYS)
    query = page_query.get("q", "").strip()[:200]
    region = request.shopper_region  # type: ignore[attr-defined]

    def context() -> dict[str, Any]:
        if not query:
            return {"query": query, "page": None, "page_query": page_query}
        visibility = _age_visibility(request)
        found = search_results.product_search_page(
            channel=region.channel,
            query=query,
            page_number=page_query.get("page", 1),
            exclude_classes=visibility.hidden,
        )
        return {
            **_listing_context(
                found.page,
                page_query=page_query,
                region=region.region,
                visibility=visibility,
            ),
            "query": query,
            "suggestion": found.suggestion,
        }

    content = shopper_content(
        request, content=_search_content(request), context=context
    )
    return render(
        request, "catalogue/search.html", {"query": query, "content": content}
    )


def _product_content(request: HttpRequest, slug: str) -> ContentKey:
    # Its variants show stock states, read with the exact unit counts.
    return ContentKey("catalogue/_product_detail.html", (slug,), counts=True)


@anonymous_page_cache_with(content=_product_content)
def product_detail(request: HttpRequest, slug: str) -> HttpResponse:
    region = request.shopper_region  # type: ignore[attr-defined]
    product = selectors.product_get_for_channel(slug=slug, channel=region.channel)
    if product is None:
        raise Http404("No such product in this region's shop.")
    products_attach_region_decisions(products=[product], region=region.region)
    decision = product.region_decision  # type: ignore[attr-defined]
    gate = _age_gate(
        request,
        min_age=decision.min_age if decision.decision != "prohibited" else None,
        what=product.name,
    )
    if gate is not None:
        return gate

    def context() -> dict[str, Any]:
        variants = product.priced_variants  # type: ignore[attr-defined]
        for variant in variants:
            variant.stock_state = stock_state_for(
                variant.stock_available, track_inventory=variant.track_inventory
            )
        related = age_gate.products_apply_age_gate(
            products=selectors.product_list_related(
                product=product, channel=region.channel
            ),
            visibility=_age_visibility(request),
        )
        products_attach_region_decisions(products=related, region=region.region)
        selected = next((v for v in variants if v.stock_available > 0), None)
        return {
            "product": product,
            "variants": variants,
            "selected": selected or (variants[0] if variants else None),
            "related": related,
            "media": list(product.media.all()),
            "purchasable": selectors.product_is_available_for_purchase(product),
            "claims": product_claims_for_regime(
                product=product, regime=region.channel.claims_regime
            ),
        }

    content = shopper_content(
        request, content=_product_content(request, slug), context=context
    )
    return render(
        request,
        "catalogue/product_detail.html",
        {"product": product, "content": content},
    )


def page_not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    return render(request, "404.html", status=404)


def server_error(request: HttpRequest) -> HttpResponse:
    # A bare template: the failure may be in anything a richer page would use.
    return render(request, "500.html", status=500)
