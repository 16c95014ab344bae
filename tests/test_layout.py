"""The layout promises of the developers' guide that code can check: no import
circle between modules, and the README's exit codes are the ExitCode enum."""
from __future__ import annotations

import ast
import re
from pathlib import Path

from baocao.pipeline.errors import ExitCode

REPO = Path(__file__).resolve().parents[1]
FOLDERS = {"extractors": "baocao.extractors", "normalizers": "baocao.normalizers", "pipeline": "baocao.pipeline",
           "baocao": "baocao"}


def _modules() -> dict[str, Path]:
    out = {}
    for folder, pkg in FOLDERS.items():
        for p in (REPO / folder).rglob("*.py"):
            rel = p.relative_to(REPO / folder).with_suffix("")
            parts = [x for x in rel.parts if x != "__init__"]
            out[".".join([pkg, *parts])] = p
    return out


def _imports(path: Path, modules: dict) -> set[str]:
    """Modules of the package that ``path`` imports anywhere (functions too)."""
    out = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        names = []
        if isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [node.module] + [f"{node.module}.{a.name}" for a in node.names]
        out |= {n for n in names if n in modules}
    return out


def test_no_import_circle_between_modules():
    """Between any two modules of the package (imports inside functions too)."""
    modules = _modules()
    graph = {m: _imports(p, modules) - {m} for m, p in modules.items()}
    # package __init__ files that re-export (baocao -> baocao.api) are not circles of their own
    graph = {m: {d for d in deps if not m.startswith(d + ".")} for m, deps in graph.items()}
    cycles, state = [], {}

    def visit(m, stack):
        state[m] = 1
        for d in sorted(graph[m]):
            if state.get(d) == 1:
                cycles.append(stack[stack.index(d):] + [d])
            elif d not in state:
                visit(d, stack + [d])
        state[m] = 2

    for m in sorted(graph):
        if m not in state:
            visit(m, [m])
    assert not cycles, cycles
    assert "baocao.extractors.statistics" not in graph["baocao.extractors.stat_tables"]


def test_readme_exit_codes_are_the_enum():
    text = (REPO / "README.md").read_text(encoding="utf-8")
    table = text[text.index("Exit codes ("):]
    table = table[:table.index("\n\n", table.index("| code |"))]
    listed = set()
    for row in re.findall(r"^\| ([0-9 /]+) \|", table, re.M):
        listed |= {int(c) for c in row.split("/")}
    assert listed == {int(c) for c in ExitCode}
    for c in ExitCode:
        assert f"`{c.name}`" in table, c.name


def test_published_table_names_are_the_schemas():
    from baocao.pipeline.runner.publish import TABLE_NAMES
    from baocao.pipeline.runner.tables import TABLES

    assert TABLES == TABLE_NAMES
