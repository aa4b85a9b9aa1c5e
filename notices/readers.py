"""Input readers, looked up by format name from one registry.

A reader turns a file's bytes into a :class:`Document`: the notice text plus what the container
says about it (title, publication date). Each raises a :class:`~notices.errors.NoticesError`
subclass naming the problem; nothing else escapes.
"""
from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path, PurePath

from .errors import ReadError, UnsupportedFormat
from .text import decode


@dataclass(slots=True)
class Document:
    text: str
    source: str
    sha256: str
    format: str = "txt"
    title: str | None = None
    date: str | None = None
    meta: dict[str, str] = field(default_factory=dict)


Reader = Callable[[bytes, str], Document]
READERS: dict[str, Reader] = {}
EXTENSIONS: dict[str, str] = {}


def register(name: str, *extensions: str) -> Callable[[Reader], Reader]:
    """Register a reader under a format name and the file extensions it handles."""

    def deco(fn: Reader) -> Reader:
        READERS[name] = fn
        for ext in extensions:
            EXTENSIONS[ext.lower()] = name
        return fn

    return deco


def sha256(raw: bytes) -> str:
    return hashlib.sha256(raw).hexdigest()


@register("txt", ".txt", ".text", "")
def read_txt(raw: bytes, source: str) -> Document:
    return Document(text=decode(raw, path=source), source=source, sha256=sha256(raw), format="txt")


def format_of(name: str) -> str:
    suffix = PurePath(name).suffix.lower()
    if suffix in EXTENSIONS:
        return EXTENSIONS[suffix]
    raise UnsupportedFormat(f"unsupported file type {suffix!r}", path=name)


def read_bytes(raw: bytes, source: str, fmt: str | None = None) -> Document:
    """Read one file's bytes; ``fmt`` defaults to the format its name says."""
    fmt = fmt or format_of(source)
    return READERS[fmt](raw, source)


def read_path(path: str | Path, *, max_bytes: int | None = None) -> Document:
    """Read one file from disk."""
    p = Path(path)
    try:
        if p.is_dir():
            raise ReadError("is a folder, not a file", path=str(path))
        size = p.stat().st_size
        if max_bytes is not None and size > max_bytes:
            raise ReadError(f"file is {size} bytes, over the limit of {max_bytes}", path=str(path))
        raw = p.read_bytes()
    except FileNotFoundError:
        raise ReadError("no such file", path=str(path)) from None
    except PermissionError:
        raise ReadError("permission denied", path=str(path)) from None
    except IsADirectoryError:
        raise ReadError("is a folder, not a file", path=str(path)) from None
    except OSError as exc:
        raise ReadError(exc.strerror or str(exc), path=str(path)) from None
    return read_bytes(raw, str(path))
