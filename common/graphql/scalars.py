"""Scalars Saleor's schema names that graphene does not ship under those names."""

import json
from decimal import Decimal, InvalidOperation

import graphene
from graphql import GraphQLError
from graphql.language import ast


def _literal_value(node: ast.ValueNode) -> object:
    if isinstance(node, ast.StringValueNode):
        return node.value
    if isinstance(node, ast.BooleanValueNode):
        return node.value
    if isinstance(node, ast.IntValueNode):
        return int(node.value)
    if isinstance(node, ast.FloatValueNode):
        return float(node.value)
    if isinstance(node, ast.ListValueNode):
        return [_literal_value(item) for item in node.values]
    if isinstance(node, ast.ObjectValueNode):
        return {field.name.value: _literal_value(field.value) for field in node.fields}
    return None


class JSON(graphene.Scalar):
    """Any JSON value: object, list, string, number, boolean or null."""

    @staticmethod
    def serialize(value: object) -> object:
        return value

    @staticmethod
    def parse_value(value: object) -> object:
        return value

    @staticmethod
    def parse_literal(node: ast.ValueNode, _variables: object = None) -> object:
        return _literal_value(node)


class Metadata(graphene.Scalar):
    """Key-value pairs (string to string) attached to an object."""

    @staticmethod
    def serialize(value: object) -> object:
        return dict(value or {})  # type: ignore[call-overload]

    @staticmethod
    def parse_value(value: object) -> object:
        return value

    @staticmethod
    def parse_literal(node: ast.ValueNode, _variables: object = None) -> object:
        return _literal_value(node)


class PositiveInt(graphene.Scalar):
    """A whole number of at least 1."""

    @staticmethod
    def serialize(value: object) -> int:
        return int(value)  # type: ignore[call-overload]

    @staticmethod
    def parse_value(value: object) -> int:
        try:
            number = int(value)  # type: ignore[call-overload]
        except (TypeError, ValueError) as exc:
            raise GraphQLError("PositiveInt must be a whole number.") from exc
        if number < 1:
            raise GraphQLError("PositiveInt must be at least 1.")
        return number

    @classmethod
    def parse_literal(cls, node: ast.ValueNode, _variables: object = None) -> int:
        if not isinstance(node, ast.IntValueNode):
            raise GraphQLError("PositiveInt must be a whole number.")
        return cls.parse_value(node.value)


class PositiveDecimal(graphene.Scalar):
    """A decimal number of at least 0, sent as a string or a number."""

    @staticmethod
    def serialize(value: object) -> str:
        return str(value)

    @staticmethod
    def parse_value(value: object) -> Decimal:
        try:
            number = Decimal(str(value))
        except (InvalidOperation, ValueError) as exc:
            raise GraphQLError("PositiveDecimal must be a number.") from exc
        if not number.is_finite() or number < 0:
            raise GraphQLError("PositiveDecimal must be zero or more.")
        return number

    @classmethod
    def parse_literal(cls, node: ast.ValueNode, _variables: object = None) -> Decimal:
        if isinstance(
            node, ast.StringValueNode | ast.IntValueNode | ast.FloatValueNode
        ):
            return cls.parse_value(node.value)
        raise GraphQLError("PositiveDecimal must be a number.")


def json_string(value: object) -> str:
    return json.dumps(value)
