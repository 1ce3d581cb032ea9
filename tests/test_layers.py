"""Imports run one way: core <- domain apps <- features <- the site. core/ is what every
app uses and no app owns; the domain apps own the models; the features are built on them.
An import against the direction (a domain app importing a feature, core importing any
app) fails here, with the file and line."""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

LAYERS = {
    "core": 0,
    "projects": 1,
    "participants": 1,
    "mobilities": 1,
    "budget": 1,
    "reporting": 1,
    "finance": 1,
    "results": 1,
    "accounts": 2,
    "selection": 2,
    "portal": 2,
    "transfers": 2,
    "dashboard": 2,
    "demo": 2,
    "privacy": 2,
    "erasmus_portal": 3,
}


def imported_modules(tree: ast.AST):
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            yield node.lineno, node.module


def imports_against_the_direction() -> list[str]:
    found = []
    for app, layer in LAYERS.items():
        for path in sorted((ROOT / app).rglob("*.py")):
            tree = ast.parse(path.read_text(), filename=str(path))
            for line, module in imported_modules(tree):
                target = module.split(".")[0]
                if LAYERS.get(target, -1) > layer:
                    found.append(f"{path.relative_to(ROOT)}:{line} imports {module}")
    return found


def test_every_app_has_a_layer():
    apps = {p.parent.name for p in ROOT.glob("*/apps.py")} | {
        p.parent.name for p in ROOT.glob("*/__init__.py") if (p.parent / "urls.py").exists()
    }
    assert apps - set(LAYERS) == set()


def test_no_import_runs_against_the_direction():
    assert imports_against_the_direction() == []


def test_core_imports_no_app():
    found = [line for line in imports_against_the_direction() if line.startswith("core/")]
    assert found == []


@pytest.mark.parametrize(
    "source, module",
    [("core/x.py", "projects.models"), ("budget/x.py", "portal.selectors")],
)
def test_the_check_sees_an_import_against_the_direction(tmp_path, monkeypatch, source, module):
    app = source.split("/")[0]
    (tmp_path / app).mkdir()
    (tmp_path / source).write_text(f"def f():\n    from {module} import x\n")
    monkeypatch.setattr(f"{__name__}.ROOT", tmp_path)
    assert imports_against_the_direction() == [f"{source}:2 imports {module}"]
