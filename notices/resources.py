"""Where shipped files live: inside the wheel, or in the checkout for an editable install."""
from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path

_PKG = Path(__file__).resolve().parent


def data_path(name: str) -> Path:
    """A file under ``notices/data/``."""
    return _PKG / "data" / name


def _shipped(inside: str, outside: str) -> Path:
    packed = _PKG / inside
    if packed.is_dir():
        return packed
    return _PKG.parent / outside


@cache
def templates_dir() -> Path:
    """The shipped letter templates (``templates/`` in the checkout)."""
    return _shipped("_templates", "templates")


@cache
def corpus_dir() -> Path:
    """The shipped corpus of notices with gold annotations (``corpus/`` in the checkout)."""
    return _shipped("_corpus", "corpus")


@contextmanager
def gc_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector while building long-lived tables (the gazetteer,
    the indexes, the pipeline): they make tens of thousands of objects and no garbage, and a
    full collection triggered halfway walks every object spaCy has loaded (50 ms at start-up,
    a fifth of our own start-up work). Usable as a decorator."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
