"""Generated data files are what their generators produce today."""
from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _load(script: str):
    spec = importlib.util.spec_from_file_location(script, ROOT / "scripts" / f"{script}.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize(("script", "data"), [
    ("build_t2s", "t2s.tsv"),
    ("build_common_chars", "common_chars.txt"),
    ("build_userdict", "userdict.txt"),
    ("build_surnames", "surnames.tsv"),
])
def test_committed_data_is_current(script, data):
    built = _load(script).build()
    committed = (ROOT / "notices" / "data" / data).read_text(encoding="utf-8")
    assert built == committed, f"notices/data/{data} is stale: run python scripts/{script}.py"


def test_rare_surnames_list_is_current():
    assert _load("build_surnames").build_rare() == (ROOT / "notices" / "data" / "surnames_rare.txt").read_text(encoding="utf-8")


@pytest.mark.parametrize("index, data", [(0, "divisions.tsv"), (1, "division_changes.tsv")])
def test_committed_gazetteer_is_what_the_code_lists_give(index, data):
    built = _load("build_gazetteer").build_texts()[index]
    committed = (ROOT / "notices" / "data" / data).read_text(encoding="utf-8")
    assert built == committed, f"notices/data/{data} is stale: run python scripts/build_gazetteer.py"
