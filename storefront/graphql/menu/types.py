"""Menus. The shop keeps no menu model: the "navbar" menu is the category tree
(top-level categories, their subcategories as children) and the "footer" menu
lists the published collections and the newest articles.

As in Saleor, items point at what they show by reference (`category`,
`collection`, `page`) and leave `url` empty, so any storefront can link them to
its own routes; a path of this site would not exist in another storefront.
"""

from collections.abc import Callable
from typing import Any

import graphene

from common.graphql.ids import to_global_id
from storefront.catalogue.models import Category as CategoryModel
from storefront.catalogue.models import Collection as CollectionModel
from storefront.graphql.core.descriptions import NO_TRANSLATION
from storefront.graphql.core.enums import LanguageCodeEnum
from storefront.graphql.page.types import Page
from storefront.graphql.product.categories import Category, Collection

FOOTER_PAGES = 3

FooterPages = Callable[[Any, int], list[dict[str, Any]]]
"""``(user, limit)`` → the newest pages, in the shape `Page` resolves."""


def _no_pages(user: Any, limit: int) -> list[dict[str, Any]]:
    return []


_footer_pages: list[FooterPages] = [_no_pages]


def footer_pages_register(provider: FooterPages) -> None:
    """Set where the footer's pages come from.

    The pages are the content section's articles, which the storefront may not
    import; the project wires them in where it assembles the schema.
    """
    _footer_pages[:] = [provider]


class MenuItemTranslation(graphene.ObjectType):
    """A translated menu item name."""

    name = graphene.String(required=True, description="Translated name.")


class MenuItem(graphene.ObjectType):
    """A link of a menu: to a category, a collection, a page or a URL."""

    id = graphene.ID(required=True, description="Global id.")
    name = graphene.String(required=True, description="Label.")
    category = graphene.Field(Category, description="Linked category.")
    collection = graphene.Field(Collection, description="Linked collection (none).")
    page = graphene.Field(Page, description="Linked page (none).")
    level = graphene.Int(required=True, description="Depth: 0 at the top.")
    children = graphene.List(
        graphene.NonNull(lambda: MenuItem), description="Sub-items."
    )
    url = graphene.String(description="Linked URL (footer links).")
    translation = graphene.Field(
        MenuItemTranslation,
        language_code=graphene.Argument(LanguageCodeEnum, required=True),
        description=NO_TRANSLATION,
    )

    @staticmethod
    def resolve_translation(root: Any, info: Any, language_code: str) -> None:
        return None


class Menu(graphene.ObjectType):
    """A navigation menu."""

    id = graphene.ID(required=True, description="Global id.")
    name = graphene.String(required=True, description="Name.")
    slug = graphene.String(required=True, description="Slug: navbar or footer.")
    items = graphene.List(graphene.NonNull(MenuItem), description="Top-level items.")

    @staticmethod
    def resolve_id(root: Any, info: Any) -> str:
        return to_global_id("Menu", root["slug"])


def _category_item(category: Any, children: list[Any], level: int) -> dict[str, Any]:
    return {
        "id": to_global_id("MenuItem", f"category-{category.pk}"),
        "name": category.name,
        "category": category,
        "collection": None,
        "page": None,
        "level": level,
        "children": [_category_item(child, [], level + 1) for child in children],
        "url": None,
    }


def _item(key: str, name: str, **reference: Any) -> dict[str, Any]:
    return {
        "id": to_global_id("MenuItem", key),
        "name": name,
        "category": None,
        "collection": None,
        "page": None,
        "level": 0,
        "children": [],
        "url": None,
        **reference,
    }


def menu_build(slug: str, *, user: Any = None) -> dict[str, Any] | None:
    """The menu named ``slug`` ("navbar" or "footer"), or ``None``."""
    if slug == "navbar":
        categories = list(CategoryModel.objects.order_by("sort_order", "name", "pk"))
        children: dict[int, list[Any]] = {}
        for category in categories:
            if category.parent_id is not None:
                children.setdefault(category.parent_id, []).append(category)
        items = [
            _category_item(c, children.get(c.pk, []), 0)
            for c in categories
            if c.parent_id is None
        ]
        return {"slug": "navbar", "name": "Navigation", "items": items}
    if slug == "footer":
        collections = CollectionModel.objects.filter(is_published=True).order_by(
            "sort_order", "name", "pk"
        )
        items = [_item(f"collection-{c.pk}", c.name, collection=c) for c in collections]
        items += [
            _item(f"page-{page['pk']}", page["title"], page=page)
            for page in _footer_pages[0](user, FOOTER_PAGES)
        ]
        return {"slug": "footer", "name": "Footer", "items": items}
    return None
