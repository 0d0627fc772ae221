"""The root GraphQL schema: the storefront's Saleor API plus the content section.

``storefront`` may not import ``content``, so the page queries (Saleor's CMS pages,
served by the articles) are wired here, where the project is assembled.
"""

from typing import Any

import graphene
from django.db.models import Q
from graphql import GraphQLError

from common.graphql.connection import paginate
from common.graphql.ids import pk_or_none
from content.selectors import article_list_live, article_reading
from storefront.graphql.core.enums import LanguageCodeEnum
from storefront.graphql.menu.types import footer_pages_register
from storefront.graphql.page.inputs import PageWhereInput
from storefront.graphql.page.types import Page, PageCountableConnection
from storefront.graphql.schema import (
    STOREFRONT_TYPES,
    StorefrontMutations,
    StorefrontQueries,
)

ARTICLE_PAGE_TYPE = {"name": "Article", "slug": "article"}


def _editorjs(blocks: list[Any]) -> dict[str, Any]:
    """Stream blocks as an Editor.js document: one block per stream block, HTML text.

    The `JSONString` scalar encodes it, once, as Saleor's does.
    """
    rendered = []
    for block in blocks:
        try:
            html = str(block.render())
        except Exception:  # noqa: BLE001 - a block template needing page context
            html = str(block.value)
        rendered.append({"type": block.block_type, "data": {"text": html}})
    return {"time": 0, "blocks": rendered, "version": "2.24.3"}


def article_as_page(article: Any, *, user: Any) -> dict[str, Any]:
    """An article in the shape of Saleor's ``Page``, with member access applied."""
    reading = article_reading(article=article, user=user)
    return {
        "pk": article.pk,
        "seo_title": article.seo_title or None,
        "seo_description": article.search_description or None,
        "title": article.title,
        "content": _editorjs(reading.blocks),
        "is_published": article.live,
        "slug": article.slug,
        "page_type": ARTICLE_PAGE_TYPE,
        "standfirst": article.standfirst,
        "access_level": article.access_level,
        "is_locked": not reading.can_read,
        "url": article.url,
        "published_at": article.first_published_at,
        "sources": [
            {
                "title": source.title or source.authors,
                "url": source.link or None,
                "publisher": source.publisher or None,
                "year": source.year,
            }
            for source in article.sources.all()
        ],
    }


def _user(info: Any) -> Any:
    return getattr(info.context, "user", None)


class ContentQueries(graphene.ObjectType):
    page = graphene.Field(
        Page,
        slug=graphene.String(),
        slug_language_code=graphene.Argument(LanguageCodeEnum),
        id=graphene.ID(description="Global id, instead of the slug."),
        description="A live article by slug. Members-only articles show readers "
        "without access only their preview blocks.",
    )
    pages = graphene.Field(
        PageCountableConnection,
        where=graphene.Argument(PageWhereInput),
        channel=graphene.String(),
        first=graphene.Int(),
        after=graphene.String(),
        description="Live articles, newest first (at most 100 a page).",
    )

    @staticmethod
    def resolve_page(
        root: Any, info: Any, slug: str | None = None, id: str | None = None, **_: Any
    ) -> Any:
        articles = article_list_live().prefetch_related("sources")
        if slug:
            article = articles.filter(slug=slug).first()
        elif id:
            article = articles.filter(pk=pk_or_none(id, expected="Page")).first()
        else:
            raise GraphQLError("Provide `slug` or `id` to look up a page.")
        return article_as_page(article, user=_user(info)) if article else None

    @staticmethod
    def resolve_pages(
        root: Any,
        info: Any,
        where: dict | None = None,
        first: int | None = None,
        after: str | None = None,
        channel: str | None = None,
    ) -> Any:
        articles = article_list_live().prefetch_related("sources")
        if where:
            articles = articles.filter(_page_where_q(where))
        user = _user(info)
        return paginate(
            articles,
            connection_name="pages",
            first=first,
            after=after,
            prepare=lambda rows: [article_as_page(a, user=user) for a in rows],
        )


def _page_where_q(where: dict) -> Any:
    q = Q()
    if where.get("ids") is not None:
        q &= Q(pk__in=[pk_or_none(i, expected="Page") for i in where["ids"]])
    slug = where.get("slug") or {}
    if slug.get("eq") is not None:
        q &= Q(slug=slug["eq"])
    if slug.get("one_of") is not None:
        q &= Q(slug__in=slug["one_of"])
    page_type = where.get("page_type") or {}
    wanted = [page_type["eq"]] if page_type.get("eq") else []
    wanted += page_type.get("one_of") or []
    if wanted and not any(
        pk_or_none(w, expected="PageType") == "article" for w in wanted
    ):
        q &= Q(pk__in=[])
    if where.get("metadata") or where.get("attributes"):
        q &= Q(pk__in=[])
    for sub in where.get("AND") or []:
        q &= _page_where_q(sub)
    if where.get("OR"):
        any_q = Q(pk__in=[])
        for sub in where["OR"]:
            any_q |= _page_where_q(sub)
        q &= any_q
    return q


def _newest_pages(user: Any, limit: int) -> list[dict[str, Any]]:
    articles = article_list_live().prefetch_related("sources")[:limit]
    return [article_as_page(article, user=user) for article in articles]


footer_pages_register(_newest_pages)


class Query(StorefrontQueries, ContentQueries, graphene.ObjectType):
    """Everything a storefront can read."""


class Mutation(StorefrontMutations, graphene.ObjectType):
    """Everything a storefront can change."""


schema = graphene.Schema(query=Query, mutation=Mutation, types=STOREFRONT_TYPES)
