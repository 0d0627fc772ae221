"""The layers point one way; these tests read the import statements to keep it so."""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _imports(package: str) -> list[tuple[str, str]]:
    """(file, imported module) for every absolute import in a package's code."""
    found = []
    for path in sorted((ROOT / package).rglob("*.py")):
        if "migrations" in path.parts:
            continue
        tree = ast.parse(path.read_text(), filename=str(path))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            else:
                continue
            relative = str(path.relative_to(ROOT))
            found.extend((relative, name) for name in names)
    return found


def _offenders(package: str, forbidden: tuple[str, ...]) -> list[tuple[str, str]]:
    return [
        (path, name)
        for path, name in _imports(package)
        if name.split(".")[0] in forbidden
    ]


@pytest.mark.parametrize(
    ("package", "forbidden"),
    [
        ("common", ("storefront", "content", "compliance")),
        ("compliance", ("storefront", "content")),
        ("storefront", ("content",)),
    ],
)
def test_package_does_not_import(package, forbidden):
    assert _offenders(package, forbidden) == []


def test_only_the_stripe_client_imports_stripe():
    users = {
        path
        for package in ("common", "storefront", "content", "compliance", "config")
        for path, name in _imports(package)
        if name.split(".")[0] == "stripe"
    }
    assert users == {"storefront/payments/stripe_client.py"}


def test_domain_modules_do_not_import_the_api_layer():
    domain_files = ("models.py", "services.py", "selectors.py", "errors.py")
    offenders = [
        (path, name)
        for package in ("storefront", "content", "compliance")
        for path, name in _imports(package)
        if Path(path).name in domain_files
        and "/graphql/" not in path
        and (".graphql" in name or name.split(".")[0] == "graphene")
    ]
    assert offenders == []
