"""The layer contract of docs/architecture.md, and features that use each other only through public modules."""

from __future__ import annotations

import ast
from pathlib import Path

from importlinter.cli import lint_imports

from bot.settings import REPO_ROOT

FEATURES = REPO_ROOT / "bot" / "discord"


def test_every_layer_imports_only_the_layers_below_it() -> None:
    assert lint_imports(config_filename=str(REPO_ROOT / "pyproject.toml"), no_cache=True, no_logo=True) == 0


def imported_modules(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = [alias.name for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names]
    return names + [node.module for node in ast.walk(tree) if isinstance(node, ast.ImportFrom) and node.module]


def test_no_feature_imports_another_features_private_module() -> None:
    features = {p.name for p in FEATURES.iterdir() if (p / "__init__.py").is_file()}
    reaching = [
        f"{path.relative_to(REPO_ROOT)} imports {module}"
        for feature in features
        for path in (FEATURES / feature).rglob("*.py")
        for module in imported_modules(path)
        if (parts := module.split("."))[:2] == ["bot", "discord"]
        and len(parts) > 3
        and parts[2] in features
        and parts[2] != feature
        and parts[3].startswith("_")
    ]
    assert reaching == []
