"""The shape of the code, read from the source with ``ast`` (nothing is imported).

* The runtime never depends on the development tools: no module of ``bot/`` or ``actions/``
  imports ``devtools``, and ``bot/`` (the logic) never imports ``actions/`` (its adapters).
* No import cycle between modules of ``bot/``. Imports inside functions count: a cycle
  hidden in a function still ties the two modules together. Imports under
  ``if TYPE_CHECKING:`` do not (they never run). Importing ``bot.x.y`` also runs
  ``bot/x/__init__.py``, so it counts as importing ``bot.x`` too.
* No two packages of ``bot/`` import each other (``bot.db`` and ``bot.handoffs``, ...),
  except the pairs in :data:`KNOWN_MUTUAL_PACKAGES`, a list that only shrinks.
* Unit tests mirror the source one to one: ``bot/x/y.py`` has ``tests/bot/x/test_y.py`` and
  ``actions/y.py`` has ``tests/actions/test_y.py``.
"""

from __future__ import annotations

import ast
from collections import deque
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

# Packages of bot/ that import each other, each with why. Empty since the last three pairs
# were untangled (the staff accounts moved into bot/staff, the text helpers and the
# forwarded-address helper to bot/text.py and bot/proxies.py); the test fails on a stale
# entry, so this list only shrinks.
KNOWN_MUTUAL_PACKAGES: dict[frozenset[str], str] = {}


def _module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join(parts)


def _modules(*packages: str) -> dict[str, Path]:
    """Dotted name -> file, for every module under the given top-level packages."""
    return {
        _module_name(path): path
        for package in packages
        for path in sorted((ROOT / package).rglob("*.py"))
    }


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _imports(module: str, path: Path) -> Iterator[tuple[str, int]]:
    """(imported name, line) for every import in ``path``, at any depth, made absolute.

    ``from a.b import c`` yields ``a.b`` and ``a.b.c`` (``c`` may be a module or a name).
    Dynamic imports with a literal name (``importlib.import_module("x")``) count too.
    """
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    type_checking_only = {
        id(inner)
        for node in ast.walk(tree)
        if isinstance(node, ast.If) and _is_type_checking(node.test)
        for statement in node.body
        for inner in ast.walk(statement)
    }
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    for node in ast.walk(tree):
        if id(node) in type_checking_only:
            continue
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name, node.lineno
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            yield base, node.lineno
            for alias in node.names:
                yield f"{base}.{alias.name}", node.lineno
        elif isinstance(node, ast.Call) and (name := _literal_import(node)):
            yield name, node.lineno


def _literal_import(call: ast.Call) -> str | None:
    """``x`` for ``importlib.import_module("x")`` or ``__import__("x")``, else None."""
    function = call.func
    called = function.id if isinstance(function, ast.Name) else getattr(function, "attr", "")
    if called not in {"import_module", "__import__"} or not call.args:
        return None
    first = call.args[0]
    return first.value if isinstance(first, ast.Constant) and isinstance(first.value, str) else None


def _is_in(name: str, package: str) -> bool:
    return name == package or name.startswith(package + ".")


def _where(path: Path, line: int) -> str:
    return f"{path.relative_to(ROOT).as_posix()}:{line}"


Edges = dict[str, dict[str, str]]  # importer -> {imported: "file:line" of the first import}


def _module_graph(modules: dict[str, Path]) -> Edges:
    """Import edges between ``modules`` (each import resolved to the module it runs)."""
    graph: Edges = {name: {} for name in modules}
    for module, path in modules.items():
        own_packages = {module.rsplit(".", depth)[0] for depth in range(module.count(".") + 1)}
        for name, line in _imports(module, path):
            target = name
            while target and target not in modules:
                target = target.rpartition(".")[0]
            if not target:
                continue
            # Importing bot.x.y runs bot/x/__init__.py first (unless bot.x is our own package).
            parts = target.split(".")
            runs = [".".join(parts[:size]) for size in range(2, len(parts) + 1)]
            for imported in runs:
                if imported in modules and imported not in own_packages:
                    graph[module].setdefault(imported, _where(path, line))
    return graph


def _strongly_connected(graph: Edges) -> list[list[str]]:
    """Components of more than one node (Tarjan's algorithm, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    components: list[list[str]] = []
    for root in sorted(graph):
        if root in index:
            continue
        work = [(root, iter(sorted(graph[root])))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            node, successors = work[-1]
            for successor in successors:
                if successor not in index:
                    index[successor] = low[successor] = len(index)
                    stack.append(successor)
                    on_stack.add(successor)
                    work.append((successor, iter(sorted(graph[successor]))))
                    break
                if successor in on_stack:
                    low[node] = min(low[node], index[successor])
            else:
                work.pop()
                if work:
                    low[work[-1][0]] = min(low[work[-1][0]], low[node])
                if low[node] == index[node]:
                    component = []
                    while True:
                        member = stack.pop()
                        on_stack.discard(member)
                        component.append(member)
                        if member == node:
                            break
                    if len(component) > 1:
                        components.append(sorted(component))
    return components


def _shortest_cycle(graph: Edges, start: str) -> list[str]:
    """The shortest path start -> ... -> start (start must be on a cycle)."""
    previous: dict[str, str] = {}
    queue = deque([start])
    while queue:
        node = queue.popleft()
        for successor in sorted(graph[node]):
            if successor == start:
                path = [node]
                while path[-1] != start:
                    path.append(previous[path[-1]])
                return [*reversed(path), start]
            if successor not in previous:
                previous[successor] = node
                queue.append(successor)
    raise AssertionError(f"{start} is on no cycle")


def _describe(graph: Edges, cycle: list[str]) -> str:
    steps = [f"{a} ({graph[a][b]}) -> {b}" for a, b in zip(cycle, cycle[1:], strict=False)]
    return "\n  ".join(steps)


def _package(module: str) -> str:
    """``bot.db.models`` -> ``bot.db``; a top-level module (``bot.settings``) is its own."""
    return ".".join(module.split(".")[:2])


def test_runtime_never_imports_devtools_and_logic_never_imports_actions():
    forbidden = {"bot": ("devtools", "actions"), "actions": ("devtools",)}
    found: dict[str, str] = {}  # "file:line" -> what it imports (the first name on the line)
    for top, banned in forbidden.items():
        for module, path in _modules(top).items():
            for name, line in _imports(module, path):
                if any(_is_in(name, package) for package in banned):
                    found.setdefault(_where(path, line), f"{module} imports {name}")
    report = [f"{where}: {what}" for where, what in sorted(found.items())]
    assert not report, "the runtime must not depend on these:\n" + "\n".join(report)


def test_every_module_has_its_unit_test_module():
    missing = []
    for module, path in sorted(_modules("bot", "actions").items()):
        if path.name in ("__init__.py", "__main__.py"):
            continue
        relative = path.relative_to(ROOT)
        tests = ROOT / "tests" / relative.parent / f"test_{relative.name}"
        if not tests.exists():
            missing.append(f"{module}: no {tests.relative_to(ROOT)}")
    assert not missing, "modules without their unit tests:\n" + "\n".join(missing)


def test_no_import_cycle_between_modules_of_bot():
    graph = _module_graph(_modules("bot"))
    cycles = [_describe(graph, _shortest_cycle(graph, c[0])) for c in _strongly_connected(graph)]
    assert not cycles, "import cycles in bot/:\n  " + "\n\n  ".join(cycles)


def test_no_two_packages_of_bot_import_each_other():
    graph = _module_graph(_modules("bot"))
    # (importing package, imported package) -> {"file:line": "importer -> imported module"}
    between: dict[tuple[str, str], dict[str, str]] = {}
    for module, imported in graph.items():
        for target, where in sorted(imported.items(), key=lambda item: -len(item[0])):
            if _package(module) != _package(target):
                lines = between.setdefault((_package(module), _package(target)), {})
                lines.setdefault(where, f"{module} -> {target}")  # the most specific target
    mutual = {frozenset(pair) for pair in between if pair[::-1] in between}
    new = sorted(sorted(pair) for pair in mutual - KNOWN_MUTUAL_PACKAGES.keys())
    report = []
    for a, b in new:
        evidence = [
            f"{where} {edge}"
            for pair in ((a, b), (b, a))
            for where, edge in sorted(between[pair].items())[:3]
        ]
        report.append(f"{a} <-> {b}:\n    " + "\n    ".join(evidence))
    assert not report, "packages of bot/ that import each other:\n  " + "\n  ".join(report)
    stale = sorted(sorted(pair) for pair in KNOWN_MUTUAL_PACKAGES.keys() - mutual)
    assert not stale, f"no longer mutual, remove them from KNOWN_MUTUAL_PACKAGES: {stale}"


def _package_graph(graph: Edges) -> Edges:
    """Package -> {imported package: "file:line" of one import}, between packages of bot/."""
    packages: Edges = {}
    for module, imported in graph.items():
        for target, where in imported.items():
            if _package(module) != _package(target):
                packages.setdefault(_package(module), {}).setdefault(_package(target), where)
    return packages


def test_no_cycle_between_packages_of_bot():
    """Not only pairs: bot.handoffs -> bot.notify -> bot.fhir -> bot.handoffs was one."""
    packages = _package_graph(_module_graph(_modules("bot")))
    for imported in [target for targets in packages.values() for target in targets]:
        packages.setdefault(imported, {})  # leaves (bot.settings) import no package
    on_cycle = [p for p in sorted(packages) if _reaches(packages, p, p)]
    assert not on_cycle, _describe(packages, _shortest_cycle(packages, on_cycle[0]))


def _reaches(graph: Edges, start: str, goal: str) -> bool:
    seen, queue = set(), deque(graph.get(start, {}))
    while queue:
        node = queue.popleft()
        if node == goal:
            return True
        if node not in seen:
            seen.add(node)
            queue.extend(graph.get(node, {}))
    return False


def test_package_graph_finds_a_three_package_cycle():
    graph: Edges = {
        "bot.a.x": {"bot.b.y": "bot/a/x.py:1"},
        "bot.b.y": {"bot.c.z": "bot/b/y.py:2"},
        "bot.c.z": {"bot.a.w": "bot/c/z.py:3"},
    }
    packages = _package_graph(graph)
    assert _reaches(packages, "bot.a", "bot.a")
    assert "bot/c/z.py:3" in _describe(packages, _shortest_cycle(packages, "bot.a"))


def test_cycle_finder_reports_a_cycle_with_its_import_lines():
    graph: Edges = {
        "bot.a": {"bot.b": "bot/a.py:3"},
        "bot.b": {"bot.c": "bot/b.py:4"},
        "bot.c": {"bot.a": "bot/c.py:5"},
        "bot.d": {"bot.a": "bot/d.py:6"},
    }
    (component,) = _strongly_connected(graph)
    assert component == ["bot.a", "bot.b", "bot.c"]
    assert _describe(graph, _shortest_cycle(graph, "bot.a")) == (
        "bot.a (bot/a.py:3) -> bot.b\n  bot.b (bot/b.py:4) -> bot.c\n  bot.c (bot/c.py:5) -> bot.a"
    )


def test_imports_are_read_at_any_depth_but_not_for_type_checking(tmp_path):
    path = tmp_path / "bot" / "x" / "y.py"
    path.parent.mkdir(parents=True)
    path.write_text(
        "from typing import TYPE_CHECKING\n"
        "from . import z\n"
        "if TYPE_CHECKING:\n"
        "    from bot.hidden import Only\n"
        "def f():\n"
        "    from bot.late import thing\n"
        "    importlib.import_module('devtools.stack')\n"
    )
    names = {name for name, _ in _imports("bot.x.y", path)}
    assert {"bot.x", "bot.x.z", "bot.late", "bot.late.thing", "devtools.stack"} <= names
    assert not any(_is_in(name, "bot.hidden") for name in names)
