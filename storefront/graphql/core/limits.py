"""What one GraphQL request may ask for: size, aliases, depth, cost, sign-ins.

These checks run after graphql-core's standard validation rules (which reject
unknown fields, wrong argument types and fragment cycles), so every walk here can
rely on a well-formed document whose fragments terminate. Each refusal is a
``GraphQLError`` naming the limit and the figure that broke it, raised before any
resolver runs.

The cost of a field is 1 for each field that returns an object (leaves cost
nothing); a paginated field (one taking ``first``/``last``) multiplies the cost of
what it selects by its page size, as Saleor's query cost does. The figure is what
the request would make the database do, and the maximum is set well above what a
storefront page asks for in one request.
"""

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from graphql import (
    DocumentNode,
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLError,
    GraphQLNamedType,
    GraphQLSchema,
    InlineFragmentNode,
    OperationDefinitionNode,
    OperationType,
    SelectionSetNode,
    get_named_type,
    is_composite_type,
    is_leaf_type,
    value_from_ast,
)
from graphql.type.definition import GraphQLInterfaceType, GraphQLObjectType

from common.graphql.connection import MAX_PAGE_SIZE

MAX_DOCUMENT_BYTES = 50_000
MAX_TOKENS = 5_000
MAX_ALIASES = 20
MAX_DEPTH = 12
MAX_COST = 10_000
SENSITIVE_MUTATIONS = frozenset(
    {"tokenCreate", "requestPasswordReset", "accountRegister"}
)
"""Each checks a password or sends an email: one per request, so a single request
cannot try many passwords or flood an inbox."""


@dataclass(frozen=True)
class Limits:
    """The limits in force; tests and benchmarks may lower them."""

    document_bytes: int = MAX_DOCUMENT_BYTES
    tokens: int = MAX_TOKENS
    aliases: int = MAX_ALIASES
    depth: int = MAX_DEPTH
    cost: int = MAX_COST


DEFAULT_LIMITS = Limits()


def limit_error(message: str, code: str, **figures: Any) -> GraphQLError:
    return GraphQLError(message, extensions={"exception": {"code": code}, **figures})


def _fragments(document: DocumentNode) -> dict[str, FragmentDefinitionNode]:
    return {
        d.name.value: d
        for d in document.definitions
        if isinstance(d, FragmentDefinitionNode)
    }


def _operations(document: DocumentNode) -> list[OperationDefinitionNode]:
    return [d for d in document.definitions if isinstance(d, OperationDefinitionNode)]


def _walk_fields(
    selection_set: SelectionSetNode | None,
    fragments: Mapping[str, FragmentDefinitionNode],
    seen: set[str],
) -> list[FieldNode]:
    """Every field node of ``selection_set`` and below, each fragment walked once."""
    found: list[FieldNode] = []
    stack = [selection_set]
    while stack:
        current = stack.pop()
        if current is None:
            continue
        for selection in current.selections:
            if isinstance(selection, FieldNode):
                found.append(selection)
                stack.append(selection.selection_set)
            elif isinstance(selection, InlineFragmentNode):
                stack.append(selection.selection_set)
            elif isinstance(selection, FragmentSpreadNode):
                name = selection.name.value
                if name not in seen and name in fragments:
                    seen.add(name)
                    stack.append(fragments[name].selection_set)
    return found


def static_limit_errors(
    document: DocumentNode, limits: Limits = DEFAULT_LIMITS
) -> list[GraphQLError]:
    """Refusals that depend on the document alone (aliases, depth, sign-ins)."""
    fragments = _fragments(document)
    every_field = _walk_fields(
        SelectionSetNode(
            selections=tuple(
                s for op in _operations(document) for s in op.selection_set.selections
            )
        ),
        fragments,
        set(),
    )
    aliases = sum(1 for node in every_field if node.alias is not None)
    if aliases > limits.aliases:
        return [
            limit_error(
                f"The query uses {aliases} aliases; at most {limits.aliases} "
                "are allowed.",
                "QueryAliasLimitExceeded",
                aliases=aliases,
                maximumAliases=limits.aliases,
            )
        ]
    for operation in _operations(document):
        depth = _depth(operation.selection_set, fragments, {})
        if depth > limits.depth:
            name = operation.name.value if operation.name else "anonymous"
            return [
                limit_error(
                    f"'{name}' exceeds maximum operation depth of {limits.depth}.",
                    "QueryDepthLimitExceeded",
                    depth=depth,
                    maximumDepth=limits.depth,
                )
            ]
        if operation.operation == OperationType.MUTATION:
            top = _walk_top_level(operation.selection_set, fragments)
            for name in SENSITIVE_MUTATIONS:
                count = sum(1 for node in top if node.name.value == name)
                if count > 1:
                    return [
                        limit_error(
                            f"`{name}` may be called once per request; this one "
                            f"calls it {count} times.",
                            "MutationRepeatLimitExceeded",
                        )
                    ]
    return []


def _walk_top_level(
    selection_set: SelectionSetNode, fragments: Mapping[str, FragmentDefinitionNode]
) -> list[FieldNode]:
    top: list[FieldNode] = []
    stack = [selection_set]
    seen: set[str] = set()
    while stack:
        for selection in stack.pop().selections:
            if isinstance(selection, FieldNode):
                top.append(selection)
            elif isinstance(selection, InlineFragmentNode):
                stack.append(selection.selection_set)
            elif isinstance(selection, FragmentSpreadNode):
                name = selection.name.value
                if name not in seen and name in fragments:
                    seen.add(name)
                    stack.append(fragments[name].selection_set)
    return top


def _depth(
    selection_set: SelectionSetNode | None,
    fragments: Mapping[str, FragmentDefinitionNode],
    memo: dict[str, int],
) -> int:
    """Levels of fields with a selection below them; introspection is free.

    Fragments are measured once each, so spreading one many times costs nothing
    extra to check.
    """
    if selection_set is None:
        return 0
    deepest = 0
    for selection in selection_set.selections:
        if isinstance(selection, FieldNode):
            if selection.name.value.startswith("__"):
                continue
            below = _depth(selection.selection_set, fragments, memo)
            deepest = max(deepest, 1 + below if selection.selection_set else 0)
        elif isinstance(selection, InlineFragmentNode):
            deepest = max(deepest, _depth(selection.selection_set, fragments, memo))
        elif isinstance(selection, FragmentSpreadNode):
            name = selection.name.value
            if name not in memo:
                fragment = fragments.get(name)
                memo[name] = (
                    _depth(fragment.selection_set, fragments, memo) if fragment else 0
                )
            deepest = max(deepest, memo[name])
    return deepest


class _CostCounter:
    def __init__(
        self,
        schema: GraphQLSchema,
        fragments: Mapping[str, FragmentDefinitionNode],
        variables: Mapping[str, Any],
    ) -> None:
        self.schema = schema
        self.fragments = fragments
        self.variables = variables
        self.memo: dict[tuple[str, str], int] = {}

    def selection_cost(
        self, selection_set: SelectionSetNode | None, parent: GraphQLNamedType
    ) -> int:
        if selection_set is None:
            return 0
        total = 0
        for selection in selection_set.selections:
            if isinstance(selection, FieldNode):
                total += self.field_cost(selection, parent)
            elif isinstance(selection, InlineFragmentNode):
                condition = selection.type_condition
                target = (
                    self.schema.get_type(condition.name.value) if condition else parent
                )
                total += self.selection_cost(selection.selection_set, target or parent)
            elif isinstance(selection, FragmentSpreadNode):
                total += self.fragment_cost(selection.name.value, parent)
        return total

    def fragment_cost(self, name: str, parent: GraphQLNamedType) -> int:
        key = (name, parent.name)
        if key not in self.memo:
            fragment = self.fragments.get(name)
            if fragment is None:
                self.memo[key] = 0
            else:
                target = self.schema.get_type(fragment.type_condition.name.value)
                self.memo[key] = self.selection_cost(
                    fragment.selection_set, target or parent
                )
        return self.memo[key]

    def field_cost(self, node: FieldNode, parent: GraphQLNamedType) -> int:
        if not isinstance(parent, GraphQLObjectType | GraphQLInterfaceType):
            return 0
        definition = parent.fields.get(node.name.value)
        if definition is None:
            return 0
        named = get_named_type(definition.type)
        if is_leaf_type(named) or not is_composite_type(named):
            return 0
        children = self.selection_cost(node.selection_set, named)
        return 1 + self.page_size(node, definition) * children

    def page_size(self, node: FieldNode, definition: Any) -> int:
        if "first" not in definition.args and "last" not in definition.args:
            return 1
        size = 0
        for argument in node.arguments or ():
            if argument.name.value not in {"first", "last"}:
                continue
            arg_type = definition.args[argument.name.value].type
            value = value_from_ast(argument.value, arg_type, self.variables)
            if isinstance(value, int):
                size = max(size, value)
        # Out-of-range sizes are refused by pagination itself; count the most
        # a page can hold so the figure stays meaningful.
        return min(max(size, 1), MAX_PAGE_SIZE)


def operation_cost(
    schema: GraphQLSchema,
    document: DocumentNode,
    operation: OperationDefinitionNode,
    variables: Mapping[str, Any] | None,
) -> int:
    """What ``operation`` costs with ``variables`` (see the module docstring)."""
    root = schema.get_root_type(operation.operation)
    if root is None:
        return 0
    counter = _CostCounter(schema, _fragments(document), variables or {})
    return counter.selection_cost(operation.selection_set, root)


def cost_error(cost: int, limits: Limits = DEFAULT_LIMITS) -> GraphQLError | None:
    if cost <= limits.cost:
        return None
    return limit_error(
        f"The query exceeds the maximum cost of {limits.cost}. Actual cost is {cost}.",
        "QueryCostError",
        cost={"requestedQueryCost": cost, "maximumAvailable": limits.cost},
    )
