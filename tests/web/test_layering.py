"""Dependencies point one way (docs/architecture.md): each package's imports, read with
``ast`` (imports inside functions included), stay within the layers below it."""

import ast
import sys
from pathlib import Path

import pytest

import binhdan

ROOT = Path(binhdan.__file__).parent
FUTURE = ("reports",)  # read-only apps above everything (not written yet)

_BASE = {"core", "areas", "accounts", "imports"}
_DOMAIN = _BASE | {"people", "curriculum", "notifications"}  # under the three siblings
# What each package may import besides itself: never the shell (web, demo, config).
# areas ← accounts ← imports ← people ← curriculum ← {learning, classes, scamcheck},
# which do not import each other; notifications imports no app.
ALLOWED = {
    "core": set(),
    "areas": {"core"},
    "accounts": {"core", "areas"},
    "notifications": {"core"},
    "imports": {"core", "areas", "accounts"},
    "people": _BASE,
    "curriculum": _BASE | {"people"},
    "learning": _DOMAIN,
    "classes": _DOMAIN,
    "scamcheck": _DOMAIN,
    # Door-to-door help reads what people asked for at a class check-in.
    "volunteers": _DOMAIN | {"classes"},
}


def _module_name(path: Path) -> str:
    parts = path.relative_to(ROOT.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imported(path: Path) -> set[str]:
    """Every ``binhdan.*`` module the file imports, relative imports resolved."""
    module = _module_name(path)
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            if base == "binhdan":  # from binhdan import areas
                names.update(f"{base}.{alias.name}" for alias in node.names)
            else:
                names.add(base)
    return {name for name in names if name.startswith("binhdan.")}


def _app_of(name: str) -> str:
    return name.split(".")[1]


def _violations(app: str) -> list[str]:
    allowed = ALLOWED[app]
    found = []
    for path in sorted((ROOT / app).rglob("*.py")):
        if "migrations" in path.parts:
            continue
        for name in sorted(_imported(path)):
            target = _app_of(name)
            if target == app:
                continue
            if target not in allowed:
                found.append(f"{path.relative_to(ROOT.parent)} imports {name}")
    return sorted(set(found))


@pytest.mark.parametrize("app", sorted(ALLOWED))
def test_imports_point_down(app):
    assert (ROOT / app).is_dir()
    assert _violations(app) == []


def test_no_app_imports_the_future_read_only_apps():
    for app_dir in sorted(p for p in ROOT.iterdir() if p.is_dir() and p.name not in FUTURE):
        for path in app_dir.rglob("*.py"):
            assert not {n for n in _imported(path) if _app_of(n) in FUTURE}, path


def test_the_check_sees_relative_and_nested_imports(tmp_path, monkeypatch):
    """The check itself can fail: a lazy import of accounts in areas is caught."""
    package = tmp_path / "binhdan" / "areas" / "sub"
    package.mkdir(parents=True)
    (package / "mod.py").write_text(
        "from . import sibling\n"
        "from ..paths import segments\n"
        "def f():\n"
        "    from binhdan.accounts.selectors import user_can\n"
    )
    monkeypatch.setattr(sys.modules[__name__], "ROOT", tmp_path / "binhdan")
    assert _imported(package / "mod.py") == {
        "binhdan.areas.sub",
        "binhdan.areas.paths",
        "binhdan.accounts.selectors",
    }
    assert _violations("areas") == ["binhdan/areas/sub/mod.py imports binhdan.accounts.selectors"]
