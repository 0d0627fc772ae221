"""The base of every mutation: coded errors in the payload, never a crash.

A mutation subclasses ``BaseMutation``, declares ``errors`` with its domain's error
type and sets ``error_code_enum`` (the GraphQL enum of codes). ``perform_mutation``
calls one service and returns the payload; ``ValidationError`` and ``DomainError``
raised inside become ``errors { field code message }`` entries with the field in
camelCase.
"""

from collections.abc import Iterable
from enum import Enum
from typing import Any, ClassVar

import graphene
from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from graphene.utils.str_converters import to_camel_case

from common.errors import DomainError


class ErrorData:
    """One entry of a payload's ``errors`` list."""

    def __init__(self, *, field: str | None, code: str, message: str) -> None:
        self.field = field
        self.code = code
        self.message = message

    def __repr__(self) -> str:
        return f"ErrorData({self.field!r}, {self.code!r}, {self.message!r})"


def _camel(field: str | None) -> str | None:
    if field is None or field == NON_FIELD_ERRORS:
        return None
    return ".".join(to_camel_case(part) for part in field.split("."))


def _code_value(code: object) -> str:
    if isinstance(code, Enum):
        return str(code.value)
    return str(code or "invalid")


def errors_from_validation_error(exc: ValidationError) -> list[ErrorData]:
    errors: list[ErrorData] = []
    if hasattr(exc, "error_dict"):
        for field, field_errors in exc.error_dict.items():
            for error in field_errors:
                errors.append(
                    ErrorData(
                        field=_camel(field),
                        code=_code_value(error.code),
                        message=" ".join(error.messages),
                    )
                )
    else:
        for error in exc.error_list:
            errors.append(
                ErrorData(
                    field=None,
                    code=_code_value(error.code),
                    message=" ".join(error.messages),
                )
            )
    return errors


class BaseMutation(graphene.Mutation):
    """Translate our exceptions into the payload's ``errors`` list.

    Subclasses set ``error_code_enum`` and may set ``error_code_map`` to rename domain
    codes (lower-case values) to the API's values. Unknown codes become ``invalid``.
    ``error_field_map`` renames a service's field (camelCase) to the argument's.
    ``login_required`` refuses anonymous callers with the given code.
    """

    error_code_enum: ClassVar[type[graphene.Enum] | None] = None
    error_code_map: ClassVar[dict[str, str]] = {}
    error_field_map: ClassVar[dict[str, str]] = {}
    login_required: ClassVar[bool] = False
    not_logged_in_code: ClassVar[str] = "invalid"

    class Meta:
        abstract = True

    @classmethod
    def _allowed_codes(cls) -> set[str]:
        if cls.error_code_enum is None:
            return set()
        return {member.value for member in cls.error_code_enum._meta.enum}

    @classmethod
    def normalise_code(cls, code: str) -> str:
        code = cls.error_code_map.get(code, code).lower()
        allowed = cls._allowed_codes()
        if not allowed or code in allowed:
            return code
        return "invalid" if "invalid" in allowed else "graphql_error"

    @classmethod
    def _required_lists(cls) -> dict[str, list]:
        """Empty values for the payload's non-null lists, so an error payload
        keeps the schema's promise (``deliveries: [Delivery!]!`` is ``[]``)."""
        empty: dict[str, list] = {}
        for name, field in cls._meta.fields.items():
            kind = field.type
            if name == "errors" or not isinstance(kind, graphene.NonNull):
                continue
            if isinstance(kind.of_type, graphene.List):
                empty[name] = []
        return empty

    @classmethod
    def error_payload(cls, errors: Iterable[ErrorData], **extra: Any) -> Any:
        extra = {**cls._required_lists(), **extra}
        normalised = [
            ErrorData(
                field=cls.error_field_map.get(e.field or "", e.field),
                code=cls.normalise_code(e.code),
                message=e.message,
            )
            for e in errors
        ]
        return cls(errors=normalised, **extra)

    @classmethod
    def mutate(cls, root: Any, info: Any, **data: Any) -> Any:
        user = getattr(info.context, "user", None)
        if cls.login_required and not (user and user.is_authenticated):
            return cls.error_payload(
                [
                    ErrorData(
                        field=None,
                        code=cls.not_logged_in_code,
                        message="You need to sign in to do this.",
                    )
                ]
            )
        try:
            return cls.perform_mutation(root, info, **data)
        except ValidationError as exc:
            return cls.error_payload(errors_from_validation_error(exc))
        except DomainError as exc:
            return cls.error_payload(
                [
                    ErrorData(
                        field=_camel(exc.field),
                        code=exc.code_value,
                        message=exc.message,
                    )
                ]
            )
        except PermissionDenied as exc:
            return cls.error_payload(
                [
                    ErrorData(
                        field=None,
                        code="invalid",
                        message=str(exc) or "You may not do this.",
                    )
                ]
            )

    @classmethod
    def perform_mutation(cls, root: Any, info: Any, **data: Any) -> Any:
        raise NotImplementedError


def error_type(
    name: str, code_enum: type[graphene.Enum], description: str = ""
) -> type[graphene.ObjectType]:
    """An error type ``{ field message code }`` with the given code enum."""
    attrs: dict[str, Any] = {
        "field": graphene.String(
            description=(
                "Name of the input field the error concerns (camelCase), or null when "
                "it concerns the whole request."
            )
        ),
        "message": graphene.String(description="What went wrong, in plain words."),
        "code": graphene.Field(code_enum, required=True, description="The error code."),
        "Meta": type(
            "Meta", (), {"description": description or f"An error of {name}."}
        ),
    }
    return type(name, (graphene.ObjectType,), attrs)


def code_enum(name: str, codes: Iterable[str], description: str = "") -> Any:
    """A GraphQL enum of error codes: names in upper case, values in lower case."""
    members = [(code, code.lower()) for code in codes]
    return graphene.Enum(name, members, description=description or f"Codes of {name}.")
