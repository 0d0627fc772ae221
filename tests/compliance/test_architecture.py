import ast
from pathlib import Path

import compliance

PACKAGE = Path(compliance.__file__).parent


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            found.add(node.module)
    return found


def test_compliance_imports_nothing_from_storefront_or_content():
    offenders = {
        str(path.relative_to(PACKAGE)): sorted(
            m for m in _imports(path) if m.split(".")[0] in {"storefront", "content"}
        )
        for path in PACKAGE.rglob("*.py")
    }

    assert {k: v for k, v in offenders.items() if v} == {}


def test_public_services_and_selectors_have_docstrings():
    modules = [
        *PACKAGE.glob("*/services.py"),
        *PACKAGE.glob("*/selectors.py"),
        PACKAGE / "claims" / "linter.py",
        PACKAGE / "regions" / "decide.py",
        PACKAGE / "rules" / "loader.py",
    ]
    missing = []
    for path in modules:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in tree.body:
            public = isinstance(node, ast.FunctionDef) and not node.name.startswith("_")
            if public and ast.get_docstring(node) is None:
                missing.append(f"{path.name}:{node.name}")

    assert missing == []
