"""``import spacy`` without spaCy's command-line interface, which notices never runs.

``spacy/__init__.py`` imports ``spacy.cli.info`` for ``spacy.info``, and with it the whole
command-line package: typer, weasel, requests, httpx and every ``spacy train``/``download``
command. Measured in fresh processes (median of 9, on the shared two-core machine):
``import spacy`` takes 0.63 s of CPU, of which 0.17 s is that package. :func:`import_spacy`
imports spaCy with the package left out; everything else is spaCy's own import.

Nothing is lost: ``spacy.info()`` and ``spacy.cli`` (attribute or ``import spacy.cli``) load the
real package on first use. When spaCy is already imported this does nothing.
"""
from __future__ import annotations

import importlib
import sys
import types
from typing import Any

_STUBS = ("spacy.cli", "spacy.cli.info")


def _info(*args: Any, **kwargs: Any) -> Any:
    """``spacy.info``, loading spaCy's command-line package on first call."""
    from spacy.cli.info import info

    return info(*args, **kwargs)


def _module_getattr(name: str) -> Any:
    """spaCy's module ``__getattr__`` while ``spacy.cli`` has not been imported."""
    if name == "cli":
        return importlib.import_module("spacy.cli")
    raise AttributeError(f"module 'spacy' has no attribute {name!r}")


def import_spacy() -> types.ModuleType:
    """The ``spacy`` module, imported (if it is not yet) without its command-line package."""
    found = sys.modules.get("spacy")
    if found is not None:
        return found
    cli = types.ModuleType("spacy.cli")
    cli.__path__ = []  # a package with nothing in it, for the one import spaCy makes
    info = types.ModuleType("spacy.cli.info")
    info.info = _info  # type: ignore[attr-defined]
    sys.modules.update({"spacy.cli": cli, "spacy.cli.info": info})
    try:
        import spacy
    finally:
        for name in _STUBS:
            if sys.modules.get(name) in (cli, info):
                del sys.modules[name]
    if spacy.__dict__.get("cli") is cli:
        del spacy.__dict__["cli"]
    spacy.__dict__.setdefault("__getattr__", _module_getattr)
    return spacy
