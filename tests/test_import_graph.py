"""The import graph of the apps, read from the source with `ast` so that it stays what the README says.

Councils (authorities) at the bottom, then inspections, then improvements (plans), then alerts (following and
news), then dashboards (pages);
the reader imports nothing of the project outside itself. Every import counts, including those inside
functions: a lazy import is still a dependency.
"""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
APPS = ("authorities", "inspections", "improvements", "alerts", "dashboards", "ops")
# dataversion (the data version, the page cache, figures per version) sits beside config/: any app may use it,
# and it imports no app (the figures it precomputes are named in settings, DATA_VERSION_PRECOMPUTE).
BASES = ("config", "dataversion")
PROJECT = (*APPS, *BASES)
READER = "inspections.reading"

# What each app may import, besides itself and config/ (settings, the CSV helper, the embedded servers).
ALLOWED = {
    "authorities": set(),
    "inspections": {"authorities"},
    "improvements": {"authorities", "inspections"},
    "alerts": {"authorities", "inspections", "improvements"},
    "dashboards": {"authorities", "inspections", "improvements", "alerts"},
    # Operations (backup, restore, recovering interrupted work) act on the apps; no app imports them.
    "ops": {"authorities", "inspections", "improvements", "alerts"},
}


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _imports(path: Path) -> set[str]:
    """The project modules a file imports, resolved to dotted names (relative imports included)."""
    module = _module_name(path)
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    names = set()
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")
                anchor = anchor[: len(anchor) - (node.level - 1)]
                base = ".".join([*anchor, base] if base else anchor)
            names.add(base)
            # `from package import module` names a module too.
            names.update(f"{base}.{alias.name}" for alias in node.names)
    return {name for name in names if name.split(".")[0] in PROJECT}


def _sources():
    for app in PROJECT:
        for path in sorted((ROOT / app).rglob("*.py")):
            if "migrations" not in path.parts:
                yield path


GRAPH = {_module_name(path): _imports(path) for path in _sources()}
MODULES = set(GRAPH)


def _known(name: str) -> str | None:
    """The module an imported name belongs to (`from a.b import c` may name a function c of a.b)."""
    while name and name not in MODULES:
        name = name.rpartition(".")[0]
    return name or None


def test_the_graph_was_read():
    # A test that finds nothing to check passes for the wrong reason.
    assert "dashboards.views" in GRAPH
    assert "inspections.models" in GRAPH["inspections.official.save"] or any(
        name.startswith("inspections.models") for name in GRAPH["inspections.official.save"]
    )


@pytest.mark.parametrize("app", APPS)
def test_each_app_imports_only_the_apps_below_it(app):
    wrong = sorted(
        f"{module} imports {name}"
        for module, names in GRAPH.items()
        if module.split(".")[0] == app
        for name in names
        if name.split(".")[0] in APPS and name.split(".")[0] != app and name.split(".")[0] not in ALLOWED[app]
    )
    assert wrong == []


def test_the_data_version_imports_no_app():
    wrong = sorted(
        f"{module} imports {name}"
        for module, names in GRAPH.items()
        if module.startswith("dataversion")
        for name in names
        if name.split(".")[0] in APPS
    )
    assert "dataversion.page_cache" in GRAPH
    assert wrong == []


def test_nothing_imports_the_dashboards():
    wrong = sorted(
        f"{module} imports {name}"
        for module, names in GRAPH.items()
        if not module.startswith("dashboards") and module != "config.urls"
        for name in names
        if name.split(".")[0] == "dashboards"
    )
    assert wrong == []


def test_the_reader_imports_nothing_of_the_project_outside_itself():
    wrong = sorted(
        f"{module} imports {name}"
        for module, names in GRAPH.items()
        if module.startswith(READER)
        for name in names
        if not name.startswith(READER)
    )
    assert wrong == []


def test_no_import_circle():
    edges = {module: {_known(name) for name in names} - {None, module} for module, names in GRAPH.items()}
    # A package's __init__ is imported with any of its modules; an edge to it is not a circle by itself.
    edges = {
        module: {name for name in targets if not module.startswith(name + ".")}
        for module, targets in edges.items()
    }
    circles = []
    state: dict[str, int] = {}

    def visit(module, path):
        state[module] = 1
        for target in sorted(edges.get(module, ())):
            if state.get(target) == 1:
                circles.append(" -> ".join([*path[path.index(target) :], target]))
            elif target not in state:
                visit(target, [*path, target])
        state[module] = 2

    for module in sorted(edges):
        if module not in state:
            visit(module, [module])
    assert circles == []
