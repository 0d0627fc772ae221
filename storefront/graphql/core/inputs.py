"""Filter inputs shared by several queries, as Saleor names them."""

import graphene


class StringFilterInput(graphene.InputObjectType):
    """Match a string exactly or against a list."""

    eq = graphene.String(description="Equal to.")
    one_of = graphene.List(graphene.NonNull(graphene.String), description="Any of.")


class DecimalRangeInput(graphene.InputObjectType):
    """An inclusive range of decimals."""

    gte = graphene.Decimal(description="At least.")
    lte = graphene.Decimal(description="At most.")


class DecimalFilterInput(graphene.InputObjectType):
    """Match a decimal exactly, against a list, or in a range."""

    eq = graphene.Decimal(description="Equal to.")
    one_of = graphene.List(graphene.NonNull(graphene.Decimal), description="Any of.")
    range = graphene.InputField(DecimalRangeInput, description="In the range.")


class DateRangeInput(graphene.InputObjectType):
    """An inclusive range of dates."""

    gte = graphene.Date(description="On or after.")
    lte = graphene.Date(description="On or before.")


class DateTimeRangeInput(graphene.InputObjectType):
    """An inclusive range of moments."""

    gte = graphene.DateTime(description="At or after.")
    lte = graphene.DateTime(description="At or before.")


class DateTimeFilterInput(graphene.InputObjectType):
    """Match a moment exactly, against a list, or in a range."""

    eq = graphene.DateTime(description="Equal to.")
    one_of = graphene.List(graphene.NonNull(graphene.DateTime), description="Any of.")
    range = graphene.InputField(DateTimeRangeInput, description="In the range.")


class IntRangeInput(graphene.InputObjectType):
    """An inclusive range of whole numbers."""

    gte = graphene.Int(description="At least.")
    lte = graphene.Int(description="At most.")


class PriceRangeInput(graphene.InputObjectType):
    """An inclusive price range in the channel's currency."""

    gte = graphene.Float(description="At least.")
    lte = graphene.Float(description="At most.")


class GlobalIDFilterInput(graphene.InputObjectType):
    """Match an object id exactly or against a list."""

    eq = graphene.ID(description="Equal to.")
    one_of = graphene.List(graphene.NonNull(graphene.ID), description="Any of.")


class ContainsFilterInput(graphene.InputObjectType):
    """Match a list containing any or all of the given values."""

    contains_any = graphene.List(graphene.NonNull(graphene.String), description="Any.")
    contains_all = graphene.List(graphene.NonNull(graphene.String), description="All.")


class MetadataFilter(graphene.InputObjectType):
    """Match metadata by key (and value). The catalogue keeps no metadata, so a
    metadata filter matches nothing."""

    key = graphene.String(required=True, description="Metadata key.")
    value = graphene.String(description="Metadata value.")


class MetadataValueFilterInput(graphene.InputObjectType):
    """Match a metadata value."""

    eq = graphene.String(description="Equal to.")
    one_of = graphene.List(graphene.NonNull(graphene.String), description="Any of.")


class MetadataFilterInput(graphene.InputObjectType):
    """Match metadata by key and value filter."""

    key = graphene.String(required=True, description="Metadata key.")
    value = graphene.InputField(MetadataValueFilterInput, description="Value filter.")


class MetadataInput(graphene.InputObjectType):
    """One metadata entry to write."""

    key = graphene.String(required=True, description="Metadata key.")
    value = graphene.String(required=True, description="Metadata value.")
