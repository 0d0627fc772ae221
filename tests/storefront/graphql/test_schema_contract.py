"""The contract: our /graphql/ schema offers every part of Saleor's storefront subset.

Both schemas are parsed with graphql-core and compared type by type. Our own
additions (extra types, fields, arguments, enum values) are allowed; anything of
Saleor's that is missing or has another type is reported.
"""

import json
from pathlib import Path

import pytest
from graphql import (
    GraphQLEnumType,
    GraphQLInputObjectType,
    GraphQLInterfaceType,
    GraphQLObjectType,
    GraphQLScalarType,
    GraphQLSchema,
    GraphQLUnionType,
    build_client_schema,
    build_schema,
    get_introspection_query,
    print_schema,
)

from config.schema import schema

REPO = Path(__file__).resolve().parents[3]


def _subset_file() -> Path:
    """Saleor's subset, kept in the ``shared/`` folder beside the repository (or
    beside a folder of checkouts)."""
    for folder in REPO.parents:
        candidate = folder / "shared" / "saleor" / "storefront-subset.graphql"
        if candidate.exists():
            return candidate
    return REPO.parent / "shared" / "saleor" / "storefront-subset.graphql"


SUBSET_FILE = _subset_file()
SNAPSHOT = REPO / "config" / "schema.graphql"


def _kind(named: object) -> str:
    for kind, cls in (
        ("object", GraphQLObjectType),
        ("interface", GraphQLInterfaceType),
        ("input", GraphQLInputObjectType),
        ("enum", GraphQLEnumType),
        ("union", GraphQLUnionType),
        ("scalar", GraphQLScalarType),
    ):
        if isinstance(named, cls):
            return kind
    return "unknown"


def schema_diff(reference: GraphQLSchema, ours: GraphQLSchema) -> list[str]:
    """Every way ``ours`` falls short of ``reference``, one line each."""
    problems: list[str] = []
    for name, ref_type in reference.type_map.items():
        if name.startswith("__"):
            continue
        our_type = ours.type_map.get(name)
        if our_type is None:
            problems.append(f"type {name} is missing")
            continue
        if _kind(ref_type) != _kind(our_type):
            problems.append(
                f"type {name} is a {_kind(our_type)}, Saleor has a {_kind(ref_type)}"
            )
            continue
        if isinstance(ref_type, GraphQLObjectType | GraphQLInterfaceType):
            assert isinstance(our_type, GraphQLObjectType | GraphQLInterfaceType)
            our_interfaces = {i.name for i in our_type.interfaces}
            for interface in ref_type.interfaces:
                if interface.name not in our_interfaces:
                    problems.append(f"type {name} does not implement {interface.name}")
            for field_name, ref_field in ref_type.fields.items():
                our_field = our_type.fields.get(field_name)
                where = f"{name}.{field_name}"
                if our_field is None:
                    problems.append(f"field {where} is missing")
                    continue
                if str(our_field.type) != str(ref_field.type):
                    problems.append(
                        f"field {where} is {our_field.type}, "
                        f"Saleor has {ref_field.type}"
                    )
                for arg_name, ref_arg in ref_field.args.items():
                    our_arg = our_field.args.get(arg_name)
                    if our_arg is None:
                        problems.append(f"argument {where}({arg_name}) is missing")
                        continue
                    if str(our_arg.type) != str(ref_arg.type):
                        problems.append(
                            f"argument {where}({arg_name}) is {our_arg.type}, "
                            f"Saleor has {ref_arg.type}"
                        )
                    if our_arg.default_value != ref_arg.default_value:
                        problems.append(
                            f"argument {where}({arg_name}) defaults to "
                            f"{our_arg.default_value!r}, "
                            f"Saleor to {ref_arg.default_value!r}"
                        )
                for arg_name, our_arg in our_field.args.items():
                    if arg_name not in ref_field.args and str(our_arg.type).endswith(
                        "!"
                    ):
                        problems.append(
                            f"argument {where}({arg_name}) is ours and required"
                        )
        elif isinstance(ref_type, GraphQLInputObjectType):
            assert isinstance(our_type, GraphQLInputObjectType)
            for field_name, ref_field in ref_type.fields.items():
                our_field = our_type.fields.get(field_name)
                where = f"{name}.{field_name}"
                if our_field is None:
                    problems.append(f"input field {where} is missing")
                    continue
                if str(our_field.type) != str(ref_field.type):
                    problems.append(
                        f"input field {where} is {our_field.type}, "
                        f"Saleor has {ref_field.type}"
                    )
                if our_field.default_value != ref_field.default_value:
                    problems.append(
                        f"input field {where} defaults to {our_field.default_value!r}, "
                        f"Saleor to {ref_field.default_value!r}"
                    )
            for field_name, our_field in our_type.fields.items():
                if field_name not in ref_type.fields and str(our_field.type).endswith(
                    "!"
                ):
                    problems.append(
                        f"input field {name}.{field_name} is ours and required"
                    )
        elif isinstance(ref_type, GraphQLEnumType):
            assert isinstance(our_type, GraphQLEnumType)
            for value in ref_type.values:
                if value not in our_type.values:
                    problems.append(f"enum value {name}.{value} is missing")
        elif isinstance(ref_type, GraphQLUnionType):
            assert isinstance(our_type, GraphQLUnionType)
            members = {t.name for t in our_type.types}
            for member in ref_type.types:
                if member.name not in members:
                    problems.append(f"union {name} lacks member {member.name}")
    for root in ("query_type", "mutation_type"):
        ref_root, our_root = getattr(reference, root), getattr(ours, root)
        if ref_root is not None and (
            our_root is None or our_root.name != ref_root.name
        ):
            problems.append(f"root {root} should be named {ref_root.name}")
    return problems


@pytest.fixture(scope="module")
def reference() -> GraphQLSchema:
    return build_schema(SUBSET_FILE.read_text())


@pytest.fixture(scope="module")
def ours() -> GraphQLSchema:
    return build_schema(print_schema(schema.graphql_schema))


def test_schema_offers_every_part_of_the_saleor_subset(reference, ours):
    # given the subset and our printed schema (fixtures)
    # when they are compared
    problems = schema_diff(reference, ours)

    # then nothing of Saleor's is missing or different
    assert problems == []


def test_a_codegen_client_sees_every_part_of_the_subset(reference, client, db):
    """What GraphQL Code Generator does: the standard introspection query (no
    ``includeDeprecated`` on arguments and input fields), a client schema built
    from the answer, and every document checked against that."""
    # given the standard introspection query, sent to the endpoint
    response = client.post(
        "/graphql/",
        data=json.dumps({"query": get_introspection_query(descriptions=True)}),
        content_type="application/json",
    )
    assert response.status_code == 200, response.content

    # when a client schema is built from the answer
    seen = build_client_schema(response.json()["data"])

    # then nothing of Saleor's subset is missing from it
    assert schema_diff(reference, seen) == []


def test_diff_reports_a_missing_field_a_changed_type_and_a_missing_enum_value(
    reference,
):
    # given a copy of the subset with three deliberate differences
    text = SUBSET_FILE.read_text()
    changed = (
        text.replace(
            "  seoTitle: String\n  seoDescription: String\n  name: String!\n"
            "  description: JSONString\n  productType: ProductType!",
            "  seoTitle: String\n  seoDescription: String\n  name: String\n"
            "  description: JSONString\n  productType: ProductType!",
            1,
        )
        .replace("  isConfirmed: Boolean!\n", "", 1)
        .replace("  AVIF\n", "", 1)
    )

    # when it is compared as if it were ours
    problems = schema_diff(reference, build_schema(changed))

    # then each difference is reported, and only those
    assert sorted(problems) == [
        "enum value ThumbnailFormatEnum.AVIF is missing",
        "field Product.name is String, Saleor has String!",
        "field User.isConfirmed is missing",
    ]


def test_committed_snapshot_matches_the_schema():
    """config/schema.graphql is regenerated whenever the schema changes."""
    # given the committed snapshot
    committed = SNAPSHOT.read_text()

    # when the live schema is printed
    printed = print_schema(schema.graphql_schema)

    # then they are the same
    assert committed.strip() == printed.strip()
