"""Imports run one way: core ← governance ← programmes ← funding. The project
package `daccom` (settings, URLs, the demo loader) sits on top: no app imports it."""

import ast
from pathlib import Path

import pytest
from django.conf import settings

MAY_IMPORT = {
    "core": set(),
    "governance": {"core"},
    "programmes": {"core", "governance"},
    "funding": {"core", "governance", "programmes"},
    "commissioning": {"core", "governance", "programmes"},
    "agreements": {"core", "governance", "programmes", "funding"},
    "reports": {
        "core",
        "governance",
        "programmes",
        "funding",
        "agreements",
        "commissioning",
    },
    "practicedata": {"core", "governance", "programmes", "funding", "agreements"},
}
OURS = {*MAY_IMPORT, "daccom"}


def _imported_apps(app):
    for path in (Path(settings.BASE_DIR) / app).rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0:
                names = [node.module or ""]
            else:
                continue
            for name in names:
                top = name.split(".")[0]
                if top in OURS and top != app:
                    yield path.relative_to(settings.BASE_DIR), top


@pytest.mark.parametrize("app", MAY_IMPORT)
def test_imports_run_one_way(app):
    wrong = [
        f"{path} imports {top}"
        for path, top in _imported_apps(app)
        if top not in MAY_IMPORT[app]
    ]
    assert wrong == []
