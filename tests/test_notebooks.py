"""The committed notebooks: executed, in order, presenting only (no logic).

nbval (in pytest's addopts) re-runs every notebook and compares outputs; it
passes a notebook saved without outputs while checking nothing, so these
tests make sure there is something to check.
"""
from __future__ import annotations

import ast
import json

import pytest

from newskit.paths import NOTEBOOKS_DIR

NOTEBOOKS = sorted(NOTEBOOKS_DIR.glob("*.ipynb"))


def _code_cells(path):
    nb = json.loads(path.read_text(encoding="utf-8"))
    return nb, [c for c in nb["cells"] if c["cell_type"] == "code"]


def _source(cell) -> str:
    src = cell["source"]
    return "".join(src) if isinstance(src, list) else src


def test_there_are_notebooks():
    assert [p.name for p in NOTEBOOKS][:1] == ["01_corpus_overview.ipynb"]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_kernelspec_is_python3(path):
    nb, _ = _code_cells(path)
    assert nb["metadata"]["kernelspec"]["name"] == "python3"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_every_cell_executed_in_order_with_outputs(path):
    _, cells = _code_cells(path)
    counts = [c["execution_count"] for c in cells]
    assert None not in counts, f"unexecuted cells in {path.name}"
    assert counts == list(range(1, len(cells) + 1)), "cells were not run top to bottom in one kernel"
    for cell in cells:
        tree = ast.parse(_source(cell))
        last = tree.body[-1] if tree.body else None
        # a bare expression or a print() shows something; other calls may return None
        shows = isinstance(last, ast.Expr) and (
            not isinstance(last.value, ast.Call)
            or getattr(last.value.func, "id", getattr(last.value.func, "attr", "")) in ("print", "display")
        )
        if shows:
            assert cell["outputs"], f"cell {cell['execution_count']} of {path.name} shows nothing:\n{_source(cell)}"
        for out in cell["outputs"]:
            assert out["output_type"] != "error", f"error output in {path.name}: {out.get('ename')}"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebooks_define_no_functions_or_classes(path):
    _, cells = _code_cells(path)
    for cell in cells:
        for node in ast.walk(ast.parse(_source(cell))):
            assert not isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef | ast.Lambda), (
                f"{path.name}: logic belongs in the package, not the notebook:\n{_source(cell)}"
            )


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_a_parameters_cell_and_short_cells(path):
    _, cells = _code_cells(path)
    assert any("parameters" in c.get("metadata", {}).get("tags", []) for c in cells)
    for cell in cells:
        assert len(_source(cell).splitlines()) <= 15, "cells of 15 lines or fewer"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_no_timestamps_in_cell_metadata(path):
    """`make report` re-executes in place: a clean run leaves git status clean."""
    _, cells = _code_cells(path)
    assert not [c["metadata"]["execution"] for c in cells if "execution" in c["metadata"]]
