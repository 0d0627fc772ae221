"""The storefront apps point one way; grimp reads every import, even in functions."""

import ast
import functools
from pathlib import Path

import grimp
import pytest

ROOT = Path(__file__).resolve().parents[2]
# Pages sit above every domain (README, "Layers"): a view may show what several
# apps know, so its imports do not make the apps depend on each other.
WEB_ADAPTERS = {"views"}


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


def _app_graph() -> dict[str, set[str]]:
    """Which storefront app imports which, from every module but the web adapters."""
    edges: dict[str, set[str]] = {}
    found = _graph().find_matching_direct_imports(
        import_expression="storefront.** -> storefront.**"
    )
    for imp in found:
        importer = imp["importer"].split(".")
        imported = imp["imported"].split(".")
        if importer[1] == imported[1]:
            continue
        if len(importer) > 2 and importer[2] in WEB_ADAPTERS:
            continue
        edges.setdefault(importer[1], set()).add(imported[1])
    return edges


def _cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """Every elementary cycle found by a depth-first walk, each once."""
    found: set[tuple[str, ...]] = set()

    def walk(path: list[str]) -> None:
        for nxt in sorted(edges.get(path[-1], ())):
            if nxt == path[0]:
                turn = path.index(min(path))
                found.add(tuple(path[turn:] + path[:turn]))
            elif nxt not in path and nxt > path[0]:
                walk([*path, nxt])

    for start in sorted(edges):
        walk([start])
    return [[*cycle, cycle[0]] for cycle in sorted(found)]


def test_the_cycle_finder_finds_a_cycle():
    edges = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert _cycles(edges) == [["a", "b", "c", "a"]]


def test_no_import_cycles_between_storefront_apps():
    assert _cycles(_app_graph()) == []


@pytest.mark.parametrize(
    "upper",
    ["storefront.checkout", "storefront.orders", "storefront.subscriptions"],
)
def test_payments_knows_no_checkout_and_no_order(upper):
    assert _imports_between("storefront.payments", upper) == []


def _service_functions_returning_any() -> list[str]:
    found = []
    for path in sorted((ROOT / "storefront").rglob("*.py")):
        in_services = path.name == "services.py" or path.parent.name == "services"
        if not in_services or "graphql" in path.parts:
            continue
        for node in ast.parse(path.read_text()).body:
            if (
                isinstance(node, ast.FunctionDef)
                and not node.name.startswith("_")
                and (node.returns is None or ast.unparse(node.returns) == "Any")
            ):
                found.append(f"{path.relative_to(ROOT)}:{node.name}")
    return found


def test_services_declare_what_they_return():
    assert _service_functions_returning_any() == []
