"""Our own modules are imported at the top of a file, unless a comment says why not.

A function-level import hides a dependency from the reader and from import-linter's
layer drawing until the function runs. Some must stay late (a real import cycle,
a model needed before the app registry is ready, code that also runs without the
ORM); each of those says so in a comment on the line above the import, or above
the first of a run of imports, or at the end of its own line.
"""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
OURS = ("storefront", "common", "compliance", "content", "config")
NOT_YET_CHECKED: tuple[str, ...] = ()


def _imports_ours(node: ast.stmt) -> bool:
    if isinstance(node, ast.ImportFrom):
        return node.level == 0 and (node.module or "").split(".")[0] in OURS
    if isinstance(node, ast.Import):
        return any(alias.name.split(".")[0] in OURS for alias in node.names)
    return False


def _commented(lines: list[str], lineno: int) -> bool:
    """A comment ends the import's own line or stands on the line above it."""
    own = lines[lineno - 1]
    above = lines[lineno - 2].strip() if lineno >= 2 else ""
    return "#" in own or above.startswith("#")


def uncommented_late_imports(source: str) -> list[int]:
    """Line numbers of function-level imports of our modules with no reason given.

    In a run of consecutive imports, the comment above the first covers the run.
    """
    lines = source.splitlines()
    found: set[int] = set()
    for func in ast.walk(ast.parse(source)):
        if not isinstance(func, ast.FunctionDef | ast.AsyncFunctionDef):
            continue
        for block in ast.walk(func):
            body = getattr(block, "body", None)
            if not isinstance(body, list):
                continue
            covered = False
            for stmt in body:
                if not isinstance(stmt, ast.Import | ast.ImportFrom):
                    covered = False
                    continue
                covered = covered or _commented(lines, stmt.lineno)
                if _imports_ours(stmt) and not covered:
                    found.add(stmt.lineno)
    return sorted(found)


def _package_files() -> list[Path]:
    files = []
    for package in OURS:
        for path in sorted((ROOT / package).rglob("*.py")):
            relative = path.relative_to(ROOT).as_posix()
            if "migrations" in path.parts or relative.startswith(NOT_YET_CHECKED):
                continue
            files.append(path)
    return files


def test_function_level_imports_of_our_modules_say_why():
    found = [
        f"{path.relative_to(ROOT)}:{lineno}"
        for path in _package_files()
        for lineno in uncommented_late_imports(path.read_text())
    ]
    assert found == []


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("def f():\n    from storefront.orders import models\n", [2]),
        ("def f():\n    import content.models\n", [2]),
        (
            "class A:\n    def m(self):\n        if x:\n"
            "            from common.mail import q\n",
            [4],
        ),
        (
            "def f():\n    # The task module imports this one.\n"
            "    from common.tasks import t\n    from common.mail import q\n",
            [],
        ),
        ("def f():\n    from common.tasks import t  # a cycle with common.tasks\n", []),
        ("def f():\n    from django.db import transaction\n", []),
        ("from storefront.orders import models\n", []),
    ],
)
def test_the_checker_tells_a_reasoned_late_import_from_a_bare_one(source, expected):
    assert uncommented_late_imports(source) == expected
