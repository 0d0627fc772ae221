"""The base of every business-rule error; adapters translate these at the edge."""

from enum import Enum


class DomainError(Exception):
    """A rule of the shop was broken; the message is safe to show to the user.

    Subclasses set ``code`` (a member of their domain's error-code enum) and may set
    ``field`` when the error concerns one input.
    """

    code: Enum | str = "invalid"
    message: str = "The request could not be completed."
    field: str | None = None

    def __init__(
        self, message: str | None = None, *, field: str | None = None, **data: object
    ) -> None:
        self.message = message or self.message
        if field is not None:
            self.field = field
        self.data = data
        super().__init__(self.message)

    @property
    def code_value(self) -> str:
        return self.code.value if isinstance(self.code, Enum) else str(self.code)
