"""The package's layers: imports point down, never in a cycle, and nothing touches
other libraries' internals or the interpreter's global state.

The layers are written down once, in the package docstring and in
docs/architecture.md; this test keeps the code to them with an AST scan.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parent.parent / "src" / "aigov"

#: Every module's layer; a module may import from its own layer or any lower one.
LAYERS: dict[str, int] = {
    "aigov": 0,  # the package itself: its __version__ and lazy re-exports
    "aigov.errors": 0,
    "aigov.namespaces": 0,
    "aigov._base": 0,
    "aigov._jsonio": 0,
    "aigov._suggest": 0,
    "aigov._issues": 0,
    "aigov._load": 0,
    "aigov._choices": 0,
    "aigov._locators": 0,
    "aigov.models": 1,
    "aigov.profile": 1,
    "aigov.bibliography": 1,
    "aigov.examples": 1,
    "aigov.catalog": 2,
    "aigov._conditions": 2,
    "aigov._ruleset": 2,
    "aigov._customfacts": 2,
    "aigov._rulecheck": 2,
    "aigov.rules": 2,
    "aigov.crosswalk": 2,
    "aigov.assess": 3,
    "aigov._sheetcsv": 3,
    "aigov._sheetxlsx": 3,
    "aigov._answers": 3,
    "aigov._sheetmodel": 3,
    "aigov._sheeteu": 3,
    "aigov._sheetitems": 3,
    "aigov._sheetread": 3,
    "aigov._gate": 3,
    "aigov.checklist": 3,
    "aigov._policy": 3,
    "aigov._coveragemodel": 3,
    "aigov._policypack": 3,
    "aigov.coverage": 3,
    "aigov.triage": 3,
    "aigov.graph": 4,
    "aigov.linked": 4,
    "aigov.oscal": 4,
    "aigov.export": 4,
    "aigov._render": 4,
    "aigov.report": 4,
    "aigov.html": 4,
    "aigov.documents": 4,
    "aigov.schemas": 4,
    "aigov._wizard": 4,
    "aigov.wizard": 4,
    "aigov._cli_io": 5,
    "aigov._cli_parser": 5,
    "aigov._cli_catalog": 5,
    "aigov._cli_engine": 5,
    "aigov._cli_sheets": 5,
    "aigov._cli_start": 5,
    "aigov.cli": 5,
    "aigov.testing": 5,
    "aigov.__main__": 5,
}

#: Imports of aigov modules inside functions, each with why it cannot be at the top.
LAZY_ALLOWED: dict[tuple[str, str], str] = {
    # networkx loads only when somebody asks for the graph.
    ("aigov.catalog", "aigov.graph"): "Catalog.graph builds the networkx graph on first use",
    ("aigov.__main__", "aigov.cli"): "a Ctrl-C while the library loads exits without a traceback",
    # Each command loads the modules only it needs: `aigov check` pays for no
    # export, coverage, check-sheet or HTML code (start-up is a performance goal).
    ("aigov.cli", "*"): "a command imports what only it uses",
    # The questionnaire's Japanese value labels: only a Japanese report reads them,
    # so an English `aigov check` does not load the wizard (5 ms at start-up).
    ("aigov._render.assessment", "aigov._wizard"): "only --lang ja names values by label",
    ("aigov._cli_catalog", "*"): "a command imports what only it uses",
    ("aigov._cli_engine", "*"): "a command imports what only it uses",
    ("aigov._cli_sheets", "*"): "a command imports what only it uses",
    ("aigov._cli_start", "*"): "a command imports what only it uses",
}

#: Names whose use means writing into another library's private state.
FORBIDDEN_ATTRIBUTES = {
    "__pydantic_fields_set__",
    "__pydantic_extra__",
    "__pydantic_private__",
    "__networkx_cache__",
    "_node",
    "_succ",
    "_pred",
    "_adj",
    "_value_",
}


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(SRC.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _layer(module: str) -> int:
    while module not in LAYERS:
        module = module.rpartition(".")[0]
        assert module, "every module needs a layer in LAYERS"
    return LAYERS[module]


def _in_type_checking(node: ast.AST, parents: dict[ast.AST, ast.AST]) -> bool:
    while node in parents:
        node = parents[node]
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            return True
    return False


def _in_function(node: ast.AST, parents: dict[ast.AST, ast.AST]) -> bool:
    while node in parents:
        node = parents[node]
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            return True
    return False


def _imports() -> list[tuple[str, str, bool]]:
    """(importer, imported aigov module, inside a function) for every runtime import."""
    found = []
    for path in sorted(SRC.rglob("*.py")):
        module = _module_name(path)
        tree = ast.parse(path.read_text(encoding="utf-8"))
        parents = {child: node for node in ast.walk(tree) for child in ast.iter_child_nodes(node)}
        for node in ast.walk(tree):
            targets: list[str] = []
            if isinstance(node, ast.Import):
                targets = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                targets = [node.module]
                # `from aigov import export` names a module, not an attribute.
                targets += [
                    f"{node.module}.{alias.name}"
                    for alias in node.names
                    if (SRC.parent / node.module.replace(".", "/") / f"{alias.name}.py").exists()
                ]
            for target in targets:
                if target.split(".")[0] != "aigov" or _in_type_checking(node, parents):
                    continue
                found.append((module, target, _in_function(node, parents)))
    return found


IMPORTS = _imports()


def test_every_module_has_a_layer() -> None:
    for path in SRC.rglob("*.py"):
        _layer(_module_name(path))


@pytest.mark.parametrize(
    ("importer", "imported", "lazy"), IMPORTS, ids=[f"{a}->{b}" for a, b, _ in IMPORTS]
)
def test_imports_point_down(importer: str, imported: str, lazy: bool) -> None:
    """A module imports only from its own layer or lower ones (whitelisted lazy ones aside)."""
    lazy_ok = (importer, imported) in LAZY_ALLOWED or (
        (importer, "*") in LAZY_ALLOWED and _layer(imported) <= _layer(importer)
    )
    allowed = lazy_ok if lazy else _layer(imported) <= _layer(importer)
    assert allowed, f"{importer} (L{_layer(importer)}) imports {imported} (L{_layer(imported)})" + (
        " inside a function" if lazy else ""
    )


def test_no_import_cycles() -> None:
    """No cycle among aigov's modules, counting imports inside functions too."""
    edges: dict[str, set[str]] = {}
    for importer, imported, _ in IMPORTS:
        if imported != importer and not importer.startswith(imported + "."):
            edges.setdefault(importer, set()).add(imported)
    state: dict[str, int] = {}  # 1 visiting, 2 done

    def visit(node: str, path: list[str]) -> None:
        state[node] = 1
        for nxt in sorted(edges.get(node, ())):
            if state.get(nxt) == 1:
                cycle = [*path[path.index(nxt) :], nxt] if nxt in path else [node, nxt]
                raise AssertionError("import cycle: " + " -> ".join(cycle))
            if nxt not in state:
                visit(nxt, [*path, nxt])
        state[node] = 2

    for start in sorted(edges):
        if start not in state:
            visit(start, [start])


def _sources() -> list[tuple[str, ast.Module]]:
    return [
        (_module_name(path), ast.parse(path.read_text(encoding="utf-8")))
        for path in sorted(SRC.rglob("*.py"))
    ]


def test_nothing_is_evaluated_from_text() -> None:
    """No exec, eval or compile anywhere in the library."""
    for module, tree in _sources():
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
                assert node.func.id not in ("exec", "eval", "compile"), module


def test_library_code_leaves_the_garbage_collector_alone() -> None:
    for module, tree in _sources():
        for node in ast.walk(tree):
            if isinstance(node, (ast.Import, ast.ImportFrom)):
                names = [a.name for a in node.names] + [getattr(node, "module", None) or ""]
                assert "gc" not in names, f"{module} imports gc"


def test_no_writes_into_other_libraries_private_state() -> None:
    for module, tree in _sources():
        for node in ast.walk(tree):
            if isinstance(node, ast.Attribute):
                assert node.attr not in FORBIDDEN_ATTRIBUTES, f"{module} uses .{node.attr}"
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                assert node.value not in FORBIDDEN_ATTRIBUTES, f"{module} names {node.value!r}"
