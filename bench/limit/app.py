"""The "limit" app: the least a Django + graphene project can do per request.

A bare Django 5.2 project with graphene-django, no database and no middleware,
answering the listing query ``products(first: 20)`` from 20 products held in
memory, and a template page of 24 product cards. ``bench.compare`` runs it under
gunicorn beside the shop, so the shop's figures read as a share of this ceiling.

    gunicorn bench.limit.app:application
"""

from decimal import Decimal

import django
from django.conf import settings

settings.configure(
    DEBUG=False,
    SECRET_KEY="limit-app-benchmark-only",  # noqa: S106 - loopback benchmark
    ALLOWED_HOSTS=["127.0.0.1", "localhost"],
    ROOT_URLCONF=__name__,
    INSTALLED_APPS=["django.contrib.contenttypes", "graphene_django"],
    MIDDLEWARE=[],
    DATABASES={},
    TEMPLATES=[{"BACKEND": "django.template.backends.django.DjangoTemplates"}],
    USE_TZ=True,
)
django.setup()

import graphene  # noqa: E402
from django.http import HttpRequest, HttpResponse  # noqa: E402
from django.template import engines  # noqa: E402
from django.urls import path  # noqa: E402
from django.views.decorators.csrf import csrf_exempt  # noqa: E402
from graphene_django.views import GraphQLView  # noqa: E402

PRODUCTS = [
    {
        "id": f"UHJvZHVjdDo{n}",
        "name": f"Lion's Mane Capsules {n}",
        "slug": f"lions-mane-{n}",
        "category": {"name": "Functional mushrooms", "slug": "functional-mushrooms"},
        "thumbnail": {"url": f"/media/products/{n}.webp", "alt": f"Product {n}"},
        "price_min": Decimal(20 + n),
        "price_max": Decimal(40 + n),
        "variants": [
            {
                "id": f"UHJvZHVjdFZhcmlhbnQ6{n}{v}",
                "name": f"{v} capsules",
                "sku": f"LM-{n}-{v}",
            }
            for v in (60, 120)
        ],
    }
    for n in range(24)
]


class Money(graphene.ObjectType):
    amount = graphene.Float()
    currency = graphene.String()


class TaxedMoney(graphene.ObjectType):
    gross = graphene.Field(Money)


class TaxedMoneyRange(graphene.ObjectType):
    start = graphene.Field(TaxedMoney)
    stop = graphene.Field(TaxedMoney)


class Pricing(graphene.ObjectType):
    price_range = graphene.Field(TaxedMoneyRange)


class Image(graphene.ObjectType):
    url = graphene.String()
    alt = graphene.String()


class ThumbnailFormat(graphene.Enum):
    ORIGINAL = "original"
    AVIF = "avif"
    WEBP = "webp"


class Category(graphene.ObjectType):
    name = graphene.String()
    slug = graphene.String()


class Variant(graphene.ObjectType):
    id = graphene.ID()
    name = graphene.String()
    sku = graphene.String()


class VariantEdge(graphene.ObjectType):
    node = graphene.Field(Variant)


class VariantConnection(graphene.ObjectType):
    edges = graphene.List(VariantEdge)


def _money(amount: Decimal) -> dict:
    return {"gross": {"amount": float(amount), "currency": "USD"}}


class Product(graphene.ObjectType):
    id = graphene.ID()
    name = graphene.String()
    slug = graphene.String()
    category = graphene.Field(Category)
    thumbnail = graphene.Field(Image, size=graphene.Int(), format=ThumbnailFormat())
    pricing = graphene.Field(Pricing)
    product_variants = graphene.Field(VariantConnection, first=graphene.Int())

    @staticmethod
    def resolve_thumbnail(root: dict, info, **_: object) -> dict:
        return root["thumbnail"]

    @staticmethod
    def resolve_pricing(root: dict, info) -> dict:
        return {
            "price_range": {
                "start": _money(root["price_min"]),
                "stop": _money(root["price_max"]),
            }
        }

    @staticmethod
    def resolve_product_variants(root: dict, info, first: int = 20) -> dict:
        return {"edges": [{"node": v} for v in root["variants"][:first]]}


class PageInfo(graphene.ObjectType):
    has_next_page = graphene.Boolean()
    end_cursor = graphene.String()


class ProductEdge(graphene.ObjectType):
    node = graphene.Field(Product)


class ProductConnection(graphene.ObjectType):
    total_count = graphene.Int()
    page_info = graphene.Field(PageInfo)
    edges = graphene.List(ProductEdge)


class Query(graphene.ObjectType):
    products = graphene.Field(
        ProductConnection, first=graphene.Int(), channel=graphene.String()
    )

    @staticmethod
    def resolve_products(root: object, info, first: int = 20, **_: object) -> dict:
        rows = PRODUCTS[:first]
        return {
            "total_count": len(PRODUCTS),
            "page_info": {"has_next_page": first < len(PRODUCTS), "end_cursor": "x"},
            "edges": [{"node": row} for row in rows],
        }


PAGE = engines["django"].from_string(
    """<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>Shop</title></head><body><main><h1>Functional mushrooms</h1>
<div class="grid">{% for p in products %}<article class="card">
<a href="/products/{{ p.slug }}/">
<img src="{{ p.thumbnail.url }}" alt="{{ p.thumbnail.alt }}"
 width="400" height="400" loading="lazy"><h3>{{ p.name }}</h3></a>
<p class="card__price">{{ p.price_min }} to {{ p.price_max }} USD</p>
</article>{% endfor %}
</div></main></body></html>"""
)


def page(request: HttpRequest) -> HttpResponse:
    return HttpResponse(PAGE.render({"products": PRODUCTS}, request))


urlpatterns = [
    path(
        "graphql/",
        csrf_exempt(GraphQLView.as_view(schema=graphene.Schema(query=Query))),
    ),
    path("page/", page),
]

from django.core.wsgi import get_wsgi_application  # noqa: E402

application = get_wsgi_application()
