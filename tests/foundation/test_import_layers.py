"""app/ packages depend on each other one way, and reports/ sees only plain data from app/.

Counted are the imports a module makes when it is loaded (module level, outside TYPE_CHECKING).
The composition roots — the command line, the feature registry, the model registry for Alembic,
each feature's CLI handlers, dashboard hooks and demo data — import everything by design and
are left out. A cycle between two app/ packages means one of them has to be split: usually a
plain data type moves into a module of its own (e.g. app/annual/report_data.py)."""

from __future__ import annotations

import ast
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
COMPOSITION_ROOTS = {"app.cli", "app.features", "app.db.models", "app.demo", "app.__main__"}
ROOT_MODULE_NAMES = {"commands", "hooks", "demo_data"}  # per feature: CLI handlers, registrations, demo
DATABASE = ("sqlalchemy", "alembic", "app.db")


def _modules() -> dict[str, Path]:
    found = {}
    for top in ("app", "reports"):
        for path in (ROOT / top).rglob("*.py"):
            if "migrations" in path.parts:
                continue
            name = ".".join(path.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__")
            found[name] = path
    return found


MODULES = _modules()


def _load_time_imports(path: Path) -> Iterator[str]:
    """Imports executed when the module is loaded: not inside functions or `if TYPE_CHECKING`."""

    def walk(body: list[ast.stmt]) -> Iterator[str]:
        for node in body:
            if isinstance(node, ast.Import):
                yield from (a.name for a in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                yield node.module
                yield from (f"{node.module}.{a.name}" for a in node.names)
            elif isinstance(node, ast.If) and not (isinstance(node.test, ast.Name) and node.test.id == "TYPE_CHECKING"):
                yield from walk(node.body)
                yield from walk(node.orelse)
            elif isinstance(node, ast.Try):
                yield from walk(node.body)

    yield from walk(ast.parse(path.read_text(encoding="utf-8")).body)


def _all_imports(path: Path) -> Iterator[str]:
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            yield from (a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            yield node.module


def _package(module: str) -> str:
    parts = module.split(".")
    return "reports" if parts[0] == "reports" else ".".join(parts[:2])


def _is_root(module: str) -> bool:
    return module in COMPOSITION_ROOTS or module.rsplit(".", 1)[-1] in ROOT_MODULE_NAMES or module.startswith(
        "app.commands")


def _package_graph() -> dict[str, dict[str, list[str]]]:
    graph: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for module, path in MODULES.items():
        if _is_root(module) or not module.startswith("app."):
            continue
        for name in _load_time_imports(path):
            inside_app = name.startswith("app.") and name in MODULES and not _is_root(name)
            if inside_app and _package(name) != _package(module):
                graph[_package(module)][_package(name)].append(f"{module} → {name}")
    return graph


def _cycles(graph: dict[str, dict[str, list[str]]]) -> list[list[str]]:
    """Strongly connected components with more than one package (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        for w in graph.get(v, {}):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for v in list(graph):
        if v not in index:
            visit(v)
    return found


def test_no_import_cycle_between_packages() -> None:
    graph = _package_graph()
    cycles = _cycles(graph)
    detail = [f"{a} → {b}: {graph[a][b][0]}" for c in cycles for a in c for b in c if b in graph[a]]
    assert cycles == [], "\n".join(detail)


def _touches_database(module: str, seen: set[str] | None = None) -> str | None:
    """The import that makes `module` (or an app module it imports) a database/service module."""
    seen = seen if seen is not None else set()
    if module in seen or module not in MODULES:
        return None
    seen.add(module)
    for name in _all_imports(MODULES[module]):
        if any(name == d or name.startswith(d + ".") for d in DATABASE):
            return f"{module} imports {name}"
        if name.startswith("app."):
            why = _touches_database(name if name in MODULES else name.rsplit(".", 1)[0], seen)
            if why:
                return why
    return None


def test_reports_import_only_plain_data_from_app() -> None:
    offending = []
    for module, path in MODULES.items():
        if not module.startswith("reports"):
            continue
        for name in _all_imports(path):
            if name.startswith("app."):
                why = _touches_database(name)
                if why:
                    offending.append(f"{module} → {name} ({why})")
    assert offending == []


def test_the_checks_see_the_imports_they_are_about() -> None:
    # Guards against a check that passes because it found nothing.
    graph = _package_graph()
    assert "app.audit" in graph["app.cases"] and "app.db" in graph["app.audit"]
    assert _touches_database("app.annual.service") is not None
    assert _touches_database("app.annual.report_data") is None
