"""Shopper pages of the catalogue: thin over the selectors."""

from collections.abc import Iterable

from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from compliance.age.forms import DateOfBirthForm
from compliance.age.selectors import age_assurance_for
from compliance.age.services import age_on, age_self_declare
from compliance.product_classes import ProductClass
from compliance.regions import availability_decide
from storefront.catalogue import selectors
from storefront.catalogue.availability import products_attach_region_decisions
from storefront.catalogue.claims_display import product_claims_for_regime
from storefront.catalogue.page_cache import (
    AGE_GATE_ADULT_KEY,
    AGE_GATE_REFUSED_KEY,
    anonymous_page_cache,
)
from storefront.inventory.selectors import stock_state_for


@anonymous_page_cache
def home(request: HttpRequest) -> HttpResponse:
    region = request.shopper_region  # type: ignore[attr-defined]
    featured = selectors.product_list_featured(channel=region.channel)
    products_attach_region_decisions(products=featured, region=region.region)
    return render(
        request,
        "catalogue/home.html",
        {"featured": featured, "categories": list(selectors.category_list_top())},
    )


# --- the age gate ---------------------------------------------------------------
#
# A category holding any product whose class has a minimum age in the visitor's
# region, and the product page of such a product, first ask for a date of birth
# (self-declared). The session keeps only "declared adult for age N" (the highest
# of the compliance thresholds 18, 19, 21, 25 the visitor meets), never the date;
# an under-age answer is remembered too, so the gate does not simply ask again.
# Signed-in customers' declarations are also recorded through compliance.age, so
# their checkout does not ask twice.

AGE_THRESHOLDS = (18, 19, 21, 25)


def _gate_min_age(*, product_classes: Iterable[str], region: str) -> int | None:
    """The highest minimum age among the classes the visitor's region still allows."""
    ages = []
    for product_class in set(product_classes):
        decision = availability_decide(product_class=product_class, region=region)
        if decision.decision != "prohibited" and decision.min_age:
            ages.append(decision.min_age)
    return max(ages, default=None)


def _age_restricted_classes(region: str) -> list[str]:
    """Product classes with a minimum age that the region does not prohibit: only
    these can put a gate before a category, so only their rows need reading."""
    restricted = []
    for product_class in ProductClass.values:
        decision = availability_decide(product_class=product_class, region=region)
        if decision.decision != "prohibited" and decision.min_age:
            restricted.append(product_class)
    return restricted


def _gate_state(request: HttpRequest, min_age: int) -> str:
    """``passed``, ``refused`` or ``ask`` for a page needing ``min_age``."""
    session = request.session
    if (session.get(AGE_GATE_ADULT_KEY) or 0) >= min_age:
        return "passed"
    refused_below = session.get(AGE_GATE_REFUSED_KEY)
    if refused_below is not None and refused_below <= min_age:
        return "refused"
    if request.user.is_authenticated:
        known = age_assurance_for(request.user.pk)
        best = max(known.self_declared_age or 0, known.verified_age or 0)
        if best >= min_age:
            session[AGE_GATE_ADULT_KEY] = best
            return "passed"
    return "ask"


def _age_gate(
    request: HttpRequest, *, min_age: int | None, what: str
) -> HttpResponse | None:
    """The gate page, the refusal page, or None when the visitor may go on."""
    if not min_age:
        return None
    state = _gate_state(request, min_age)
    if state == "passed":
        return None
    region = request.shopper_region  # type: ignore[attr-defined]
    # "Colorado, United States" -> "Colorado": the place whose law applies.
    place = region.name.split(", ", 1)[0]
    context = {"min_age": min_age, "what": what, "region_name": place}
    if state == "refused":
        return render(request, "catalogue/age_refused.html", context, status=403)
    form = DateOfBirthForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        born = form.cleaned_data["date_of_birth"]
        age = age_on(born, timezone.localdate())
        if request.user.is_authenticated:
            age_self_declare(subject_ref=request.user.pk, date_of_birth=born)
        if age < min_age:
            request.session[AGE_GATE_REFUSED_KEY] = min_age
            return render(request, "catalogue/age_refused.html", context, status=403)
        met = [t for t in AGE_THRESHOLDS if age >= t]
        request.session[AGE_GATE_ADULT_KEY] = max(met)
        request.session.pop(AGE_GATE_REFUSED_KEY, None)
        # Post/redirect/get: the listing is then an ordinary page.
        return redirect(request.get_full_path())
    return render(
        request,
        "catalogue/age_gate.html",
        context | {"form": form},
        status=400 if form.is_bound else 200,
    )


@anonymous_page_cache
def category_detail(request: HttpRequest, slug: str) -> HttpResponse:
    category = selectors.category_get(slug=slug)
    if category is None:
        raise Http404("No such category.")
    region = request.shopper_region  # type: ignore[attr-defined]
    filters = selectors.ProductFilters.from_querydict(request.GET)
    all_products = selectors.product_list_for_category(
        channel=region.channel, category=category, filters=selectors.ProductFilters()
    )
    gate = _age_gate(
        request,
        min_age=_gate_min_age(
            product_classes=selectors.product_classes_present(
                products=all_products, among=_age_restricted_classes(region.region)
            ),
            region=region.region,
        ),
        what=category.name,
    )
    if gate is not None:
        return gate
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


@anonymous_page_cache
def search(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "").strip()[:200]
    region = request.shopper_region  # type: ignore[attr-defined]
    page = suggestion = None
    if query:
        found = selectors.product_search_page(
            channel=region.channel, query=query, page_number=request.GET.get("page", 1)
        )
        page, suggestion = found.page, found.suggestion
        products_attach_region_decisions(
            products=page.object_list, region=region.region
        )
    return render(
        request,
        "catalogue/search.html",
        {"query": query, "page": page, "suggestion": suggestion},
    )


@anonymous_page_cache
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
    decision = product.region_decision  # type: ignore[attr-defined]
    gate = _age_gate(
        request,
        min_age=decision.min_age if decision.decision != "prohibited" else None,
        what=product.name,
    )
    if gate is not None:
        return gate
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
