"""The output formats a batch writes, looked up by the output's extension from one registry.

:class:`Writer` is what every format implements; :func:`register_writer` adds one under a name
and its extensions; :func:`writer_name` and :func:`open_writer` find one for a path. The built-in
formats (JSON Lines, CSV, Parquet in :mod:`~notices.batch.writers`, the SQLite store in
:mod:`~notices.batch.store`) register when their module is first asked for by name, so this
module imports neither and both import it.
"""
from __future__ import annotations

from collections.abc import Callable
from importlib import import_module
from pathlib import Path
from typing import Any

from ..errors import StoreError, UnsupportedFormat


class Writer:
    """What a batch writes records through. ``seen`` tells whether a file (its source and the
    hash of its bytes) is already held, and as what (a record stub, or an error record)."""

    path: str

    def seen(self, source: str, sha256: str) -> dict[str, Any] | None:
        raise NotImplementedError

    def write(self, record: dict[str, Any]) -> str:
        """Write one record (the dict of the record contract). Returns ``new``, ``version`` (a
        changed file), ``copy`` (known bytes under a new name), ``known`` or ``error``."""
        raise NotImplementedError

    def known_error(self, source: str, type_: str, message: str) -> bool:
        """Whether a file that could not be read (no bytes, no hash) failed so before."""
        return False

    def commit(self) -> None:
        """Make everything written so far survive a crash."""

    def files(self) -> list[str]:
        """The files this writer writes (not to be read as inputs when they lie among them)."""
        return [self.path]

    def close(self) -> None:
        self.commit()


WRITERS: dict[str, type[Writer]] = {}
WRITER_EXTENSIONS: dict[str, str] = {}
DEFAULT_WRITER = "sqlite"
# Modules whose writers register on import, loaded by name on first use (the store is heavier
# than the flat formats).
_BUILTIN = ("notices.batch.writers", "notices.batch.store")


def register_writer(name: str, *extensions: str) -> Callable[[type[Writer]], type[Writer]]:
    def deco(cls: type[Writer]) -> type[Writer]:
        WRITERS[name] = cls
        for ext in extensions:
            WRITER_EXTENSIONS[ext.lower()] = name
        return cls

    return deco


def _load_builtin() -> None:
    for module in _BUILTIN:
        import_module(module)


def writer_name(path: str | Path) -> str:
    """The writer an output path asks for by its extension (none: the SQLite store)."""
    _load_builtin()
    suffix = Path(path).suffix.lower()
    if not suffix:
        return DEFAULT_WRITER
    if suffix in WRITER_EXTENSIONS:
        return WRITER_EXTENSIONS[suffix]
    raise UnsupportedFormat(
        f"unknown output type {suffix!r}; use one of {', '.join(sorted(WRITER_EXTENSIONS))}", path=str(path))


def open_writer(path: str | Path) -> Writer:
    cls = WRITERS[writer_name(path)]
    try:
        Path(path).parent.mkdir(parents=True, exist_ok=True)
        return cls(path)
    except OSError as exc:
        raise StoreError(f"cannot write the output ({exc.strerror or exc})", path=str(path)) from None


def split_payload(record: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    """A worker's record and what it sends beside it for the store (``_doc``: the text, its
    identity key and MinHash signature), apart."""
    if "_doc" not in record:
        return record, {}
    record = dict(record)
    return record, record.pop("_doc") or {}
