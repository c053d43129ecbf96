"""A layered house: an app imports only apps beneath it (README, "Layout"), so there is no
import cycle between apps, and the top app (`portal`) is imported by none. Reads every module's
imports, those inside functions included."""

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "openhromada"
LAYERS = [
    "core",
    "accounts",
    "notifications",
    "opendata",
    "places",
    "plans",
    "councils",
    "participation",
    "monitoring",
    "portal",
]
TOP = {"settings", "urls", "wsgi", "asgi", "__main__", "__init__", "cli"}  # the project itself


def _imports():
    for path in sorted(PACKAGE.rglob("*.py")):
        if "migrations" in path.parts:
            continue
        app = path.relative_to(PACKAGE).parts[0].removesuffix(".py")
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            elif isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            else:
                continue
            for name in names:
                parts = name.split(".")
                if parts[0] == "openhromada" and len(parts) > 1:
                    yield path.relative_to(PACKAGE), app, parts[1]


def test_every_app_is_in_a_layer():
    apps = {p.name for p in PACKAGE.iterdir() if (p / "apps.py").exists()}
    assert apps == set(LAYERS)


def test_an_app_imports_only_apps_beneath_it():
    upward = [
        f"{path}: {app} imports {target}"
        for path, app, target in _imports()
        if app in LAYERS and target in LAYERS and LAYERS.index(target) > LAYERS.index(app)
    ]
    assert upward == []


def test_the_project_modules_are_imported_only_from_the_top():
    wrong = [
        f"{path} imports openhromada.{target}"
        for path, app, target in _imports()
        if target in TOP - {"__init__"} and app in LAYERS and app != "portal"
    ]
    assert wrong == []
