"""The layer contract of docs/architecture.md; Discord features loaded as extensions that reach each other only through
bot/discord/shared."""

from __future__ import annotations

import ast
import importlib
import inspect
from pathlib import Path

from importlinter.cli import lint_imports

from bot.discord.features import EXTENSIONS
from bot.settings import REPO_ROOT

FEATURES = REPO_ROOT / "bot" / "discord"


def test_every_layer_imports_only_the_layers_below_it() -> None:
    assert lint_imports(config_filename=str(REPO_ROOT / "pyproject.toml"), no_cache=True, no_logo=True) == 0


def imported_modules(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = [alias.name for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names]
    return names + [node.module for node in ast.walk(tree) if isinstance(node, ast.ImportFrom) and node.module]


def feature_packages() -> set[str]:
    return {p.name for p in FEATURES.iterdir() if (p / "__init__.py").is_file()}


def test_every_package_under_discord_is_loaded_as_an_extension_with_a_setup() -> None:
    assert {name.rsplit(".", 1)[1] for name in EXTENSIONS} == feature_packages()
    for name in EXTENSIONS:
        setup = getattr(importlib.import_module(name), "setup", None)
        assert inspect.iscoroutinefunction(setup), f"{name} has no async setup(bot)"


def test_features_reach_each_other_only_through_the_shared_module() -> None:
    features = feature_packages() - {"shared"}
    reaching = [
        f"{path.relative_to(REPO_ROOT)} imports {module}"
        for package in features | {"shared"}
        for path in (FEATURES / package).rglob("*.py")
        for module in imported_modules(path)
        if (parts := module.split("."))[:2] == ["bot", "discord"]
        and len(parts) > 2
        and parts[2] in features
        and parts[2] != package
    ]
    assert reaching == []
