"""graphql-core's executor, with a shorter way through fields that read an attribute.

Most fields of a catalogue answer (names, slugs, amounts, currencies) have no
resolver of their own: graphene gives them its default one, which reads the
attribute or key of the field's name and ignores its ``info``. For such a field
graphql-core still builds the resolve info, coerces the (absent) arguments, calls
the resolver through a ``partial`` and walks ``complete_value`` twice, which was
most of the CPU of answering a listing. Here a field whose resolver is graphene's
default one, which takes no arguments and whose type is a scalar or enum, is read
and serialised directly; one of an object type that checks no runtime type
(``is_type_of``) is read directly and its sub-fields executed at once; one of a
list or abstract type is read directly and then completed by graphql-core.
Objects returned by other resolvers skip graphql-core's ``complete_object_value``
on the same condition. Everything else goes through graphql-core unchanged.

The answer is the same as graphql-core's, errors included: a failed read or
serialisation becomes a located error at the field's path, and a null in a
non-null field propagates to the nearest nullable parent, through graphql-core's
own ``handle_field_error``. Nothing is short-cut when middleware is given, since
middleware may wrap any resolver.
"""

from asyncio import gather
from enum import Enum
from functools import partial
from typing import Any

from graphene.types.resolver import attr_resolver, dict_or_attr_resolver, dict_resolver
from graphql import (
    ExecutionContext,
    FieldNode,
    GraphQLField,
    GraphQLLeafType,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLOutputType,
    GraphQLResolveInfo,
    is_leaf_type,
    located_error,
)
from graphql.execution.execute import get_field_def
from graphql.execution.values import get_argument_values
from graphql.pyutils import AwaitableOrValue, Path, Undefined, inspect
from graphql.type.introspection import TypeNameMetaFieldDef

# How a field is executed.
_STANDARD = 0  # graphql-core's execute_field
_LEAF = 1  # read directly, serialised directly
_COMPOSITE = 2  # read directly, then completed as graphql-core does

# How the value is read: graphene's three default resolvers, and __typename.
_DICT_OR_ATTR = 0
_ATTR = 1
_DICT = 2
_TYPENAME = 3
_READERS = {
    dict_or_attr_resolver: _DICT_OR_ATTR,
    attr_resolver: _ATTR,
    dict_resolver: _DICT,
}

# Argument values a resolver cannot change in place.
_IMMUTABLE = frozenset({str, int, float, bool, type(None)})

# (response name, field nodes, kind, field definition, reader, attribute name,
#  default value, the leaf type or the object type completed here, whether non-null)
_Plan = tuple[
    str, list[FieldNode], int, GraphQLField, int, str, Any, GraphQLLeafType | None, bool
]


def _reader(field_def: GraphQLField) -> int | None:
    """Which default resolver ``field_def`` has, or None for any other resolver."""
    resolve = field_def.resolve
    if type(resolve) is not partial or resolve.keywords or len(resolve.args) != 2:
        return None
    return _READERS.get(resolve.func)


def _arguments_needed(field_def: GraphQLField, node: FieldNode) -> bool:
    """Whether reading the field needs graphql-core's argument coercion, which
    reports arguments given or required ones missing."""
    if node.arguments:
        return True
    return any(
        isinstance(arg.type, GraphQLNonNull) and arg.default_value is Undefined
        for arg in field_def.args.values()
    )


class ShopExecutionContext(ExecutionContext):
    """graphql-core's execution context, reading default-resolved fields directly."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Field plans per selection, by the id of graphql-core's collected fields
        # (kept alive by its own sub-fields cache), checked by identity.
        self._plans: dict[int, tuple[object, GraphQLObjectType, list[_Plan]]] = {}
        # Coerced arguments per field node: the variables do not change during an
        # execution, and a listing asks for the same ``thumbnail(size: 512)`` on
        # every product. Only immutable values are kept, so that no resolver can
        # change what the next one is given.
        self._arguments: dict[int, tuple[FieldNode, GraphQLField, dict[str, Any]]] = {}

    def _argument_values(
        self, field_def: GraphQLField, node: FieldNode
    ) -> dict[str, Any]:
        known = self._arguments.get(id(node))
        if known is not None and known[0] is node and known[1] is field_def:
            return known[2]
        args = get_argument_values(field_def, node, self.variable_values)
        if all(
            type(value) in _IMMUTABLE or isinstance(value, Enum)
            for value in args.values()
        ):
            self._arguments[id(node)] = (node, field_def, args)
        return args

    def execute_field(
        self,
        parent_type: GraphQLObjectType,
        source: Any,
        field_nodes: list[FieldNode],
        path: Path,
    ) -> AwaitableOrValue[Any]:
        """graphql-core's ``execute_field``, with the arguments coerced once."""
        field_def = get_field_def(self.schema, parent_type, field_nodes[0])
        if not field_def:
            return Undefined
        resolve_fn = field_def.resolve or self.field_resolver
        if self.middleware_manager:
            resolve_fn = self.middleware_manager.get_field_resolver(resolve_fn)
        info = self.build_resolve_info(field_def, field_nodes, parent_type, path)
        try:
            args = self._argument_values(field_def, field_nodes[0])
            result = resolve_fn(source, info, **args)
        except Exception as raw_error:  # noqa: BLE001 - as graphql-core's
            error = located_error(raw_error, field_nodes, path.as_list())
            self.handle_field_error(error, field_def.type, path)
            return None
        return self._resolved_complete(
            parent_type, field_def, field_nodes, path, result, info
        )

    def _field_plans(
        self, parent_type: GraphQLObjectType, fields: dict[str, list[FieldNode]]
    ) -> list[_Plan]:
        known = self._plans.get(id(fields))
        if known is not None and known[0] is fields and known[1] is parent_type:
            return known[2]
        plans = [
            self._field_plan(parent_type, name, nodes) for name, nodes in fields.items()
        ]
        self._plans[id(fields)] = (fields, parent_type, plans)
        return plans

    def _field_plan(
        self, parent_type: GraphQLObjectType, name: str, nodes: list[FieldNode]
    ) -> _Plan:
        field_def = get_field_def(self.schema, parent_type, nodes[0])
        standard: _Plan = (name, nodes, _STANDARD, field_def, 0, "", None, None, False)
        if field_def is None or self.middleware_manager is not None:
            return standard
        if field_def is TypeNameMetaFieldDef:
            reader: int | None = _TYPENAME
            attname, default_value = "", None
        else:
            reader = _reader(field_def)
            if reader is None or _arguments_needed(field_def, nodes[0]):
                return standard
            attname, default_value = field_def.resolve.args  # type: ignore[union-attr]
        return_type = field_def.type
        non_null = isinstance(return_type, GraphQLNonNull)
        inner = return_type.of_type if non_null else return_type  # type: ignore[attr-defined]
        if is_leaf_type(inner):
            return (
                name,
                nodes,
                _LEAF,
                field_def,
                reader,
                attname,
                default_value,
                inner,
                non_null,
            )
        if reader == _TYPENAME:
            return standard
        # An object type that checks no runtime type is completed here too.
        direct = (
            inner
            if isinstance(inner, GraphQLObjectType) and not inner.is_type_of
            else None
        )
        return (
            name,
            nodes,
            _COMPOSITE,
            field_def,
            reader,
            attname,
            default_value,
            direct,
            non_null,
        )

    def execute_fields(
        self,
        parent_type: GraphQLObjectType,
        source_value: Any,
        path: Path | None,
        fields: dict[str, list[FieldNode]],
    ) -> AwaitableOrValue[dict[str, Any]]:
        plans = self._field_plans(parent_type, fields)
        results: dict[str, Any] = {}
        is_awaitable = self.is_awaitable
        awaitable_fields: list[str] = []
        for (
            name,
            nodes,
            kind,
            field_def,
            reader,
            attname,
            default_value,
            leaf_type,
            non_null,
        ) in plans:
            if kind == _STANDARD:
                result = self.execute_field(
                    parent_type, source_value, nodes, Path(path, name, parent_type.name)
                )
                if result is Undefined:
                    continue
            else:
                deferred = False
                try:
                    if reader == _DICT_OR_ATTR:
                        value = (
                            source_value.get(attname, default_value)
                            if isinstance(source_value, dict)
                            else getattr(source_value, attname, default_value)
                        )
                    elif reader == _ATTR:
                        value = getattr(source_value, attname, default_value)
                    elif reader == _DICT:
                        value = source_value.get(attname, default_value)
                    else:
                        value = parent_type.name
                    if kind == _COMPOSITE or is_awaitable(value):
                        deferred = True
                    else:
                        result = self._leaf_complete(
                            parent_type,
                            nodes,
                            leaf_type,  # type: ignore[arg-type]
                            non_null,
                            value,
                        )
                except Exception as raw_error:  # noqa: BLE001 - as graphql-core's
                    field_path = Path(path, name, parent_type.name)
                    error = located_error(raw_error, nodes, field_path.as_list())
                    self.handle_field_error(error, field_def.type, field_path)
                    result = None
                if deferred:
                    field_path = Path(path, name, parent_type.name)
                    if leaf_type is None or is_awaitable(value):
                        result = self._resolved_complete(
                            parent_type, field_def, nodes, field_path, value
                        )
                    else:
                        result = self._object_complete(
                            parent_type,
                            field_def,
                            nodes,
                            field_path,
                            leaf_type,  # type: ignore[arg-type]
                            non_null,
                            value,
                        )
                elif is_awaitable(result):
                    result = self._awaited(
                        result, field_def, nodes, Path(path, name, parent_type.name)
                    )
            results[name] = result
            if is_awaitable(result):
                awaitable_fields.append(name)
        if not awaitable_fields:
            return results
        return self._gathered(results, awaitable_fields)

    @staticmethod
    def _leaf_complete(
        parent_type: GraphQLObjectType,
        nodes: list[FieldNode],
        leaf_type: GraphQLLeafType,
        non_null: bool,
        value: Any,
    ) -> Any:
        """graphql-core's ``complete_value`` for a scalar or enum, with its errors."""
        if _is_null(value, parent_type, nodes, non_null):
            return None
        serialized = leaf_type.serialize(value)
        if serialized is Undefined or serialized is None:
            raise TypeError(
                f"Expected `{inspect(leaf_type)}.serialize({inspect(value)})`"
                f" to return non-nullable value, returned: {inspect(serialized)}"
            )
        return serialized

    def _object_complete(
        self,
        parent_type: GraphQLObjectType,
        field_def: GraphQLField,
        nodes: list[FieldNode],
        path: Path,
        object_type: GraphQLObjectType,
        non_null: bool,
        value: Any,
    ) -> AwaitableOrValue[Any]:
        """graphql-core's ``execute_field`` after the read, for an object type
        without ``is_type_of``: its sub-fields, with the same errors."""
        try:
            if _is_null(value, parent_type, nodes, non_null):
                return None
            completed = self.execute_fields(
                object_type, value, path, self.collect_subfields(object_type, nodes)
            )
            if self.is_awaitable(completed):
                return self._awaited(completed, field_def, nodes, path)
            return completed
        except Exception as raw_error:  # noqa: BLE001 - as graphql-core's
            error = located_error(raw_error, nodes, path.as_list())
            self.handle_field_error(error, field_def.type, path)
            return None

    def complete_value(
        self,
        return_type: GraphQLOutputType,
        field_nodes: list[FieldNode],
        info: GraphQLResolveInfo,
        path: Path,
        result: Any,
    ) -> AwaitableOrValue[Any]:
        # An object without ``is_type_of`` goes straight to its sub-fields, as
        # graphql-core's ``complete_object_value`` would take it.
        if (
            isinstance(return_type, GraphQLObjectType)
            and not return_type.is_type_of
            and result is not None
            and result is not Undefined
            and not isinstance(result, Exception)
        ):
            return self.execute_fields(
                return_type,
                result,
                path,
                self.collect_subfields(return_type, field_nodes),
            )
        return super().complete_value(return_type, field_nodes, info, path, result)

    def _resolved_complete(
        self,
        parent_type: GraphQLObjectType,
        field_def: GraphQLField,
        nodes: list[FieldNode],
        path: Path,
        result: Any,
        info: GraphQLResolveInfo | None = None,
    ) -> AwaitableOrValue[Any]:
        """What graphql-core's ``execute_field`` does once the resolver returned."""
        return_type = field_def.type
        if info is None:
            info = self.build_resolve_info(field_def, nodes, parent_type, path)
        try:
            if self.is_awaitable(result):

                async def await_result() -> Any:
                    try:
                        completed = self.complete_value(
                            return_type, nodes, info, path, await result
                        )
                        if self.is_awaitable(completed):
                            return await completed
                        return completed
                    except Exception as raw_error:  # noqa: BLE001 - as graphql-core's
                        error = located_error(raw_error, nodes, path.as_list())
                        self.handle_field_error(error, return_type, path)
                        return None

                return await_result()
            completed = self.complete_value(return_type, nodes, info, path, result)
            if self.is_awaitable(completed):
                return self._awaited(completed, field_def, nodes, path)
            return completed
        except Exception as raw_error:  # noqa: BLE001 - as graphql-core's
            error = located_error(raw_error, nodes, path.as_list())
            self.handle_field_error(error, return_type, path)
            return None

    def _awaited(
        self,
        completed: Any,
        field_def: GraphQLField,
        nodes: list[FieldNode],
        path: Path,
    ) -> Any:
        return_type: GraphQLOutputType = field_def.type

        async def await_completed() -> Any:
            try:
                return await completed
            except Exception as raw_error:  # noqa: BLE001 - as graphql-core's
                error = located_error(raw_error, nodes, path.as_list())
                self.handle_field_error(error, return_type, path)
                return None

        return await_completed()

    @staticmethod
    async def _gathered(results: dict[str, Any], awaitable_fields: list[str]) -> Any:
        results.update(
            zip(
                awaitable_fields,
                await gather(*(results[field] for field in awaitable_fields)),
                strict=True,
            )
        )
        return results


def _is_null(
    value: Any, parent_type: GraphQLObjectType, nodes: list[FieldNode], non_null: bool
) -> bool:
    """Whether a field's value completes to null, raising what graphql-core raises
    for an error returned as a value or a null in a non-null field."""
    if isinstance(value, Exception):
        raise value
    if value is None or value is Undefined:
        if non_null:
            raise TypeError(
                "Cannot return null for non-nullable field"
                f" {parent_type.name}.{nodes[0].name.value}."
            )
        return True
    return False
