"""Descriptions shared by several parts of the schema."""

NO_TRANSLATION = (
    "Always null: the shop's texts are written in one language and not translated."
)


def deprecated(reason: str, description: str = "") -> str:
    """A description that states a deprecation, for an argument or input field.

    Saleor marks deprecated arguments and input fields in their description only:
    the standard introspection query leaves out inputs marked ``@deprecated``, so
    code generators (GraphQL Code Generator, the storefront's build) would not see
    them and refuse every document that uses them.
    """
    note = f"DEPRECATED: {reason}"
    return f"{description}\n\n{note}" if description else note
