"""Where shipped files live: inside the wheel, or in the checkout for an editable install."""
from __future__ import annotations

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
