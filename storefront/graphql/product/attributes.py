"""Attributes: their values as Saleor's `SelectedAttribute` and its typed
`AssignedAttribute` shapes."""

from decimal import Decimal
from typing import Any

import graphene

from common.graphql.ids import to_global_id
from storefront.catalogue.models import Attribute as AttributeModel
from storefront.graphql.core.descriptions import NO_TRANSLATION
from storefront.graphql.core.enums import AttributeInputTypeEnum, LanguageCodeEnum
from storefront.graphql.core.types import File


def number_text(number: Decimal) -> str:
    """A number as people write it: ``60``, ``400``, ``2.5`` (never ``6E+1``)."""
    return format(number.normalize(), "f")


_INPUT_TYPES = {
    AttributeModel.InputType.DROPDOWN: "dropdown",
    AttributeModel.InputType.NUMERIC: "numeric",
    AttributeModel.InputType.TEXT: "plain_text",
}


class AttributeTranslation(graphene.ObjectType):
    """A translated attribute name."""

    name = graphene.String(required=True, description="Translated name.")


class AttributeValueTranslation(graphene.ObjectType):
    """A translated attribute value name."""

    name = graphene.String(required=True, description="Translated name.")


class Attribute(graphene.ObjectType):
    """A property products are described and filtered by (form, strength, …)."""

    id = graphene.ID(required=True, description="Global id.")
    input_type = graphene.Field(
        AttributeInputTypeEnum, description="How values are entered."
    )
    name = graphene.String(required=True, description="Name.")
    slug = graphene.String(required=True, description="Slug.")
    unit = graphene.String(description="Unit of numeric values (g, mg, ml).")
    translation = graphene.Field(
        AttributeTranslation,
        language_code=graphene.Argument(LanguageCodeEnum, required=True),
        description=NO_TRANSLATION,
    )

    @staticmethod
    def resolve_id(root: AttributeModel, info: Any) -> str:
        return to_global_id("Attribute", root.pk)

    @staticmethod
    def resolve_input_type(root: AttributeModel, info: Any) -> str:
        return _INPUT_TYPES.get(root.input_type, "dropdown")

    @staticmethod
    def resolve_unit(root: AttributeModel, info: Any) -> str | None:
        return root.unit or None

    @staticmethod
    def resolve_translation(root: Any, info: Any, language_code: str) -> None:
        return None


class AttributeValue(graphene.ObjectType):
    """One value of an attribute."""

    id = graphene.ID(required=True, description="Global id.")
    name = graphene.String(description="Name.")
    slug = graphene.String(description="Slug.")
    value = graphene.String(description="The value as text (numbers included).")
    translation = graphene.Field(
        AttributeValueTranslation,
        language_code=graphene.Argument(LanguageCodeEnum, required=True),
        description=NO_TRANSLATION,
    )
    file = graphene.Field(File, description="Always null: no file attributes.")
    boolean = graphene.Boolean(description="Always null: no boolean attributes.")
    date_time = graphene.DateTime(description="Always null: no date attributes.")

    @staticmethod
    def resolve_id(root: Any, info: Any) -> str:
        return to_global_id("AttributeValue", root.pk)

    @staticmethod
    def resolve_value(root: Any, info: Any) -> str:
        if root.numeric_value is not None:
            return number_text(root.numeric_value)
        return root.name

    @staticmethod
    def resolve_translation(root: Any, info: Any, language_code: str) -> None:
        return None

    @staticmethod
    def resolve_file(root: Any, info: Any) -> None:
        return None

    @staticmethod
    def resolve_boolean(root: Any, info: Any) -> None:
        return None

    @staticmethod
    def resolve_date_time(root: Any, info: Any) -> None:
        return None


class SelectedAttribute(graphene.ObjectType):
    """An attribute with the values an object has for it."""

    attribute = graphene.Field(Attribute, required=True, description="The attribute.")
    values = graphene.List(
        graphene.NonNull(AttributeValue), required=True, description="Its values."
    )


def group_attribute_values(values: list[Any]) -> list[dict[str, Any]]:
    """Attribute values grouped by attribute, in attribute order."""
    grouped: dict[int, dict[str, Any]] = {}
    for value in values:
        entry = grouped.setdefault(
            value.attribute_id, {"attribute": value.attribute, "values": []}
        )
        entry["values"].append(value)
    return sorted(
        grouped.values(), key=lambda e: (e["attribute"].name, e["attribute"].pk)
    )


class AssignedAttribute(graphene.Interface):
    """An attribute assigned to a product, with its value in a typed shape."""

    attribute = graphene.Field(Attribute, required=True, description="The attribute.")

    @classmethod
    def resolve_type(cls, instance: Any, info: Any) -> Any:
        return instance["type"]


class AssignedChoiceAttributeValue(graphene.ObjectType):
    """A chosen value."""

    name = graphene.String(description="Name.")
    slug = graphene.String(description="Slug.")
    translation = graphene.String(
        language_code=graphene.Argument(LanguageCodeEnum, required=True),
        description=NO_TRANSLATION,
    )

    @staticmethod
    def resolve_translation(root: Any, info: Any, language_code: str) -> None:
        return None


class AssignedNumericAttribute(graphene.ObjectType):
    """A numeric attribute's value."""

    class Meta:
        interfaces = (AssignedAttribute,)

    value = graphene.Float(description="The number.")


class AssignedPlainTextAttribute(graphene.ObjectType):
    """A free-text attribute's value."""

    class Meta:
        interfaces = (AssignedAttribute,)

    value = graphene.String(description="The text.")
    translation = graphene.String(
        language_code=graphene.Argument(LanguageCodeEnum, required=True),
        description=NO_TRANSLATION,
    )

    @staticmethod
    def resolve_translation(root: Any, info: Any, language_code: str) -> None:
        return None


class AssignedFileAttribute(graphene.ObjectType):
    """A file attribute's value (the shop has none)."""

    class Meta:
        interfaces = (AssignedAttribute,)

    value = graphene.Field(File, description="The file.")


class AssignedSingleChoiceAttribute(graphene.ObjectType):
    """A single-choice attribute's value."""

    class Meta:
        interfaces = (AssignedAttribute,)

    value = graphene.Field(AssignedChoiceAttributeValue, description="The choice.")


class AssignedMultiChoiceAttribute(graphene.ObjectType):
    """A multiple-choice attribute's values."""

    class Meta:
        interfaces = (AssignedAttribute,)

    value = graphene.List(
        graphene.NonNull(AssignedChoiceAttributeValue),
        required=True,
        description="Choices.",
    )


class AssignedBooleanAttribute(graphene.ObjectType):
    """A yes/no attribute's value (the shop has none)."""

    class Meta:
        interfaces = (AssignedAttribute,)

    value = graphene.Boolean(description="Yes or no.")


class AssignedSingleCollectionReferenceAttribute(graphene.ObjectType):
    """A reference to a collection (the shop has none)."""

    class Meta:
        interfaces = (AssignedAttribute,)

    value = graphene.Field(
        "storefront.graphql.product.categories.Collection",
        description="The collection.",
    )


def assigned_attributes(values: list[Any]) -> list[dict[str, Any]]:
    """Typed assigned attributes from a product's attribute values."""
    assigned = []
    for entry in group_attribute_values(values):
        attribute, vals = entry["attribute"], entry["values"]
        if attribute.input_type == AttributeModel.InputType.NUMERIC:
            number = vals[0].numeric_value
            assigned.append(
                {
                    "type": AssignedNumericAttribute,
                    "attribute": attribute,
                    "value": float(number) if number is not None else None,
                }
            )
        elif attribute.input_type == AttributeModel.InputType.TEXT:
            assigned.append(
                {
                    "type": AssignedPlainTextAttribute,
                    "attribute": attribute,
                    "value": vals[0].name,
                }
            )
        elif len(vals) == 1:
            assigned.append(
                {
                    "type": AssignedSingleChoiceAttribute,
                    "attribute": attribute,
                    "value": vals[0],
                }
            )
        else:
            assigned.append(
                {
                    "type": AssignedMultiChoiceAttribute,
                    "attribute": attribute,
                    "value": vals,
                }
            )
    return assigned
