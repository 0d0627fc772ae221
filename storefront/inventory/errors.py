"""Error codes of stock."""

from enum import Enum

from common.errors import DomainError


class InventoryErrorCode(Enum):
    INSUFFICIENT_STOCK = "insufficient_stock"


class InsufficientStockError(DomainError):
    """Not enough units left; ``data["items"]`` lists the SKUs short of stock."""

    code = InventoryErrorCode.INSUFFICIENT_STOCK
    message = "Sorry, there is not enough stock left for %(items)s."

    def __init__(self, *, items: list[str], field: str | None = "quantity") -> None:
        super().__init__(
            self.message % {"items": ", ".join(items)}, field=field, items=items
        )
