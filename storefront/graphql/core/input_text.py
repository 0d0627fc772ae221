"""Text no input may carry: the NUL character.

PostgreSQL cannot store NUL in text or JSON, and no name, address, email or code
legitimately holds one, so a NUL anywhere in an argument (written in the document
or sent as a variable) is refused at the edge with the input's name, before a
resolver could pass it to the database.
"""

from collections.abc import Mapping
from typing import Any

from graphql import (
    ArgumentNode,
    DocumentNode,
    GraphQLError,
    ObjectFieldNode,
    StringValueNode,
    Visitor,
    visit,
)

NUL = "\x00"


def _refusal(where: str) -> GraphQLError:
    return GraphQLError(
        f"`{where}` must not contain NUL characters.",
        extensions={"exception": {"code": "GraphQLError"}, "field": where},
    )


class _NulFinder(Visitor):
    def __init__(self) -> None:
        super().__init__()
        self.path: list[str] = []
        self.found: list[str] = []

    def enter_argument(self, node: ArgumentNode, *_: Any) -> None:
        self.path.append(node.name.value)

    def leave_argument(self, node: ArgumentNode, *_: Any) -> None:
        self.path.pop()

    def enter_object_field(self, node: ObjectFieldNode, *_: Any) -> None:
        self.path.append(node.name.value)

    def leave_object_field(self, node: ObjectFieldNode, *_: Any) -> None:
        self.path.pop()

    def enter_string_value(self, node: StringValueNode, *_: Any) -> None:
        if NUL in node.value:
            self.found.append(".".join(self.path) or "query")


def document_nul_errors(document: DocumentNode) -> list[GraphQLError]:
    """One refusal per literal argument of ``document`` that holds a NUL."""
    text = document.loc.source.body if document.loc is not None else None
    if text is not None and NUL not in text and "\\u" not in text:
        # A parsed string holds a NUL only when the text holds one or writes one
        # as a Unicode escape (``\u0000``, ``\u{0}``): no need to walk the tree.
        return []
    finder = _NulFinder()
    visit(document, finder)
    return [_refusal(where) for where in dict.fromkeys(finder.found)]


def variables_nul_error(variables: Mapping[str, Any] | None) -> GraphQLError | None:
    """The refusal for the first variable value holding a NUL, or None."""
    stack: list[tuple[str, Any]] = [(f"${k}", v) for k, v in (variables or {}).items()]
    while stack:
        where, value = stack.pop()
        if isinstance(value, str):
            if NUL in value:
                return _refusal(where)
        elif isinstance(value, Mapping):
            for key, item in value.items():
                if isinstance(key, str) and NUL in key:
                    return _refusal(where)
                stack.append((f"{where}.{key}", item))
        elif isinstance(value, list):
            stack.extend((f"{where}[{i}]", item) for i, item in enumerate(value))
    return None
