"""The batch package imports without a circle: every module can be imported first, on its own,
and no module needs another that (directly or through others) needs it back — counting the
imports hidden inside functions, which only postpone a circle to the first call."""
from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

import notices.batch

PACKAGE = Path(notices.batch.__file__).parent
MODULES = sorted(p.stem for p in PACKAGE.glob("*.py") if p.stem != "__init__")


def _imports(path: Path) -> set[str]:
    """The sibling modules ``path`` imports anywhere (module level or in a function), leaving
    out imports made only for type checkers."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for_types = {id(n) for node in ast.walk(tree)
                 if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test)
                 for n in ast.walk(node)}
    found = set()
    for node in ast.walk(tree):
        if id(node) in for_types or not isinstance(node, ast.ImportFrom) or node.level != 1:
            continue
        if node.module:
            found.add(node.module.split(".")[0])
        else:
            found.update(a.name for a in node.names)
    return found & set(MODULES)


def _cycle(graph: dict[str, set[str]]) -> list[str] | None:
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(m: str) -> list[str] | None:
        state[m] = 1
        stack.append(m)
        for dep in sorted(graph[m]):
            if state.get(dep) == 1:
                return stack[stack.index(dep):] + [dep]
            if dep not in state and (found := visit(dep)):
                return found
        state[m] = 2
        stack.pop()
        return None

    for m in sorted(graph):
        if m not in state and (found := visit(m)):
            return found
    return None


def test_the_batch_modules_import_each_other_without_a_circle():
    graph = {m: _imports(PACKAGE / f"{m}.py") for m in MODULES}
    assert _cycle(graph) is None, " -> ".join(_cycle(graph) or [])


def test_the_cycle_finder_sees_a_circle():
    assert _cycle({"store": {"writers"}, "writers": {"stats"}, "stats": {"store"}}) == [
        "stats", "store", "writers", "stats"]


@pytest.mark.parametrize("module", ["writers", "store", "stats", "formats", "export", "corrections"])
def test_each_batch_module_imports_first_in_a_fresh_process(module):
    code = f"import notices.batch.{module}"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
