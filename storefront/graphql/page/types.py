"""Pages: Saleor's CMS pages, served here by the content section's articles.

The types describe shape only; the content section fills them (``storefront`` does
not import ``content``: the resolvers live in ``config/schema.py``'s wiring).
"""

from typing import Any

import graphene

from common.graphql.connection import PageInfo
from common.graphql.ids import to_global_id
from storefront.graphql.core.descriptions import NO_TRANSLATION
from storefront.graphql.core.enums import LanguageCodeEnum
from storefront.graphql.product.attributes import AssignedAttribute


class PageType(graphene.ObjectType):
    """The kind of a page ("article")."""

    id = graphene.ID(required=True, description="Global id.")
    name = graphene.String(required=True, description="Name.")
    slug = graphene.String(required=True, description="Slug.")

    @staticmethod
    def resolve_id(root: Any, info: Any) -> str:
        return to_global_id("PageType", root["slug"])


class PageTranslation(graphene.ObjectType):
    """Translated page texts."""

    seo_title = graphene.String(description="SEO title.")
    seo_description = graphene.String(description="SEO description.")
    slug = graphene.String(description="Slug.")
    title = graphene.String(description="Title.")
    content = graphene.JSONString(description="Content.")


class PageSource(graphene.ObjectType):
    """A source an article cites (our addition)."""

    title = graphene.String(required=True, description="Title of the work.")
    url = graphene.String(description="Where to read it.")
    publisher = graphene.String(description="Journal or publisher.")
    year = graphene.Int(description="Year of publication.")


class Page(graphene.ObjectType):
    """An article of the content section, served as a Saleor page.

    Members-only articles show only their preview blocks to readers without
    access; `isLocked` says when that happened.
    """

    id = graphene.ID(required=True, description="Global id.")
    assigned_attributes = graphene.List(
        graphene.NonNull(AssignedAttribute),
        required=True,
        description="Always empty: articles have no attributes.",
    )
    seo_title = graphene.String(description="SEO title.")
    seo_description = graphene.String(description="SEO description.")
    title = graphene.String(required=True, description="Title.")
    content = graphene.JSONString(
        description="Body as an Editor.js document (for locked articles: the preview)."
    )
    is_published = graphene.Boolean(required=True, description="Whether it is live.")
    slug = graphene.String(required=True, description="Slug.")
    page_type = graphene.Field(PageType, required=True, description="Kind of page.")
    translation = graphene.Field(
        PageTranslation,
        language_code=graphene.Argument(LanguageCodeEnum, required=True),
        description=NO_TRANSLATION,
    )
    standfirst = graphene.String(description="The one-line summary under the title.")
    access_level = graphene.String(description="public, members or paid.")
    is_locked = graphene.Boolean(
        description="Whether the reader sees only the preview (no access)."
    )
    url = graphene.String(description="Path of the article on the site.")
    published_at = graphene.DateTime(description="When it was first published.")
    sources = graphene.List(graphene.NonNull(PageSource), description="Cited sources.")

    @staticmethod
    def resolve_id(root: Any, info: Any) -> str:
        return to_global_id("Page", root["pk"])

    @staticmethod
    def resolve_assigned_attributes(root: Any, info: Any) -> list:
        return []

    @staticmethod
    def resolve_translation(root: Any, info: Any, language_code: str) -> None:
        return None


class PageCountableEdge(graphene.ObjectType):
    """One page in a list."""

    node = graphene.Field(Page, required=True, description="The page.")
    cursor = graphene.String(required=True, description="Cursor of this page.")


class PageCountableConnection(graphene.ObjectType):
    """A list of pages."""

    edges = graphene.List(
        graphene.NonNull(PageCountableEdge), required=True, description="Pages."
    )
    page_info = graphene.Field(PageInfo, required=True, description="Pagination.")
    total_count = graphene.Int(description="Number of pages in the whole list.")
