"""The storefront apps point one way; grimp reads every import, even in functions."""

import functools

import grimp
import pytest


@functools.cache
def _graph() -> grimp.ImportGraph:
    return grimp.build_graph("storefront", "common", "compliance", "content", "config")


def _imports_between(importer: str, imported: str) -> list[str]:
    return sorted(
        f"{found['importer']} -> {found['imported']}"
        for found in _graph().find_matching_direct_imports(
            import_expression=f"{importer}.** -> {imported}.**"
        )
    )


@pytest.mark.parametrize("upper", ["storefront.checkout", "storefront.orders"])
def test_payments_knows_no_checkout_and_no_order(upper):
    assert _imports_between("storefront.payments", upper) == []
