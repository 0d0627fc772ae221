"""Relay-style connections the way Saleor serves them.

Connections carry ``edges { node cursor }``, ``pageInfo`` and ``totalCount``; a page
holds at most ``MAX_PAGE_SIZE`` nodes and a client must ask for ``first`` or
``last``. Cursors are opaque to clients (base64 of the offset).
"""

import base64
import binascii
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

import graphene
from django.db.models import QuerySet
from graphql import GraphQLError

MAX_PAGE_SIZE = 100


class PageInfo(graphene.ObjectType):
    """Where a page sits in the whole list, for cursor pagination."""

    has_next_page = graphene.Boolean(
        required=True, description="Whether more items follow this page."
    )
    has_previous_page = graphene.Boolean(
        required=True, description="Whether items come before this page."
    )
    start_cursor = graphene.String(description="Cursor of the first item on the page.")
    end_cursor = graphene.String(description="Cursor of the last item on the page.")


class Edge:
    """One node of a page and its position in the whole list; the cursor is
    written only when a query asks for it."""

    __slots__ = ("node", "offset")

    def __init__(self, node: Any, offset: int) -> None:
        self.node = node
        self.offset = offset

    @property
    def cursor(self) -> str:
        return _cursor(self.offset)


@dataclass
class PageInfoData:
    has_next_page: bool
    has_previous_page: bool
    start_cursor: str | None
    end_cursor: str | None


@dataclass
class ConnectionData:
    """What a connection resolver returns; ``total_count`` is counted on demand."""

    edges: list[Edge]
    page_info: PageInfoData
    _count: Callable[[], int] = field(repr=False)
    _total: int | None = field(default=None, repr=False)

    @property
    def total_count(self) -> int:
        if self._total is None:
            self._total = self._count()
        return self._total


def _cursor(offset: int) -> str:
    return base64.b64encode(f"offset:{offset}".encode()).decode()


def _offset(cursor: str) -> int:
    try:
        prefix, _, number = (
            base64.b64decode(cursor, validate=True).decode().partition(":")
        )
        if prefix != "offset":
            raise ValueError(cursor)
        return int(number)
    except (binascii.Error, UnicodeDecodeError, ValueError) as exc:
        raise GraphQLError(f"Received cursor {cursor!r} is not valid.") from exc


def _check_page_size(name: str, value: int | None, connection_name: str) -> None:
    if value is None:
        return
    if value < 0:
        raise GraphQLError(
            f"Argument `{name}` on `{connection_name}` must be 0 or more."
        )
    if value > MAX_PAGE_SIZE:
        raise GraphQLError(
            f"Requesting {value} records on the `{connection_name}` connection "
            f"exceeds the `{name}` limit of {MAX_PAGE_SIZE} records."
        )


def paginate(
    items: QuerySet | Sequence,
    *,
    connection_name: str,
    first: int | None = None,
    last: int | None = None,
    after: str | None = None,
    before: str | None = None,
    require_limit: bool = True,
    prepare: Callable[[list[Any]], list[Any]] | None = None,
    count: Callable[[], int] | None = None,
) -> ConnectionData:
    """Slice ``items`` to one page and describe it.

    Args:
        items: an ordered queryset (sliced in SQL) or a list.
        connection_name: named in error messages.
        first, last, after, before: the Relay arguments.
        require_limit: refuse a request without ``first`` or ``last`` (Saleor does).
        prepare: called once with the page's nodes (for example to attach context).
        count: how to count the whole list when it is asked for, instead of
            counting ``items`` (for example from a cache).

    Raises:
        GraphQLError: a page size above ``MAX_PAGE_SIZE``, a negative size, a bad
            cursor, or (with ``require_limit``) neither ``first`` nor ``last``.
    """
    _check_page_size("first", first, connection_name)
    _check_page_size("last", last, connection_name)
    if first is None and last is None:
        if require_limit:
            raise GraphQLError(
                "You must provide a `first` or `last` value to properly paginate "
                f"the `{connection_name}` connection."
            )
        first = MAX_PAGE_SIZE

    def count_items() -> int:
        return items.count() if isinstance(items, QuerySet) else len(items)

    count = count or count_items

    total: int | None = None
    start = _offset(after) + 1 if after else 0
    end = _offset(before) if before else None
    if first is not None:
        stop = start + first if end is None else min(start + first, end)
        rows = list(items[start : stop + 1]) if stop > start else []
        has_next = len(rows) > stop - start or (end is not None and stop < end)
        rows = rows[: max(stop - start, 0)]
        if last is not None and last < len(rows):
            start += len(rows) - last
            rows = rows[len(rows) - last :]
    else:
        if end is None:
            total = count()
            end = total
        begin = max(end - (last or 0), start)
        rows = list(items[begin:end]) if end > begin else []
        has_next = before is not None
        start = begin
    if prepare is not None:
        rows = prepare(rows)
    edges = [Edge(node, start + i) for i, node in enumerate(rows)]
    page_info = PageInfoData(
        has_next_page=has_next,
        has_previous_page=start > 0,
        start_cursor=edges[0].cursor if edges else None,
        end_cursor=edges[-1].cursor if edges else None,
    )
    return ConnectionData(edges=edges, page_info=page_info, _count=count, _total=total)


def connection_type(
    name: str,
    node: type[graphene.ObjectType] | str,
    *,
    page_info: bool = True,
    total_count: bool = True,
    edge_cursor: bool = True,
    description: str = "",
) -> type[graphene.ObjectType]:
    """Build ``<name>CountableConnection`` and ``<name>CountableEdge`` types."""
    edge_attrs: dict[str, Any] = {
        "node": graphene.Field(node, required=True, description="The item."),
    }
    if edge_cursor:
        edge_attrs["cursor"] = graphene.String(
            required=True, description="Cursor of this item, for `after`/`before`."
        )
    edge_attrs["Meta"] = type("Meta", (), {"description": f"One {name} in a page."})
    edge = type(f"{name}CountableEdge", (graphene.ObjectType,), edge_attrs)
    attrs: dict[str, Any] = {
        "edges": graphene.List(
            graphene.NonNull(edge), required=True, description="The page's items."
        ),
    }
    if page_info:
        attrs["page_info"] = graphene.Field(
            PageInfo, required=True, description="Pagination of this page."
        )
    if total_count:
        attrs["total_count"] = graphene.Int(
            description="Number of items in the whole filtered list."
        )
    attrs["Meta"] = type(
        "Meta", (), {"description": description or f"A page of {name} items."}
    )
    return type(f"{name}CountableConnection", (graphene.ObjectType,), attrs)
