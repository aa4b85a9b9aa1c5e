"""The registry of input readers: a format name and file extensions to a reader function, and
the :class:`Document` every reader returns."""
from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path, PurePath

from ..errors import ReadError, UnsupportedFormat

@dataclass(slots=True)
class Document:
    """What was read from one file: the notice's text, where it came from, what the container
    says about it (title, publication date, ``meta`` such as the page's site or the encoding),
    and ``warnings`` about what was lost or changed on the way (undecodable bytes, pages cut)."""

    text: str
    source: str
    sha256: str
    format: str = "txt"
    title: str | None = None
    date: str | None = None
    meta: dict[str, str] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, object]:
        return {"source": self.source, "format": self.format, "sha256": self.sha256, "title": self.title,
                "date": self.date, "meta": dict(self.meta), "warnings": list(self.warnings), "text": self.text}


Reader = Callable[[bytes, str], Document]
READERS: dict[str, Reader] = {}
EXTENSIONS: dict[str, str] = {}

# Formats we are asked for but cannot read, with what to do instead.
_HINTS = {
    ".doc": "the old binary Word format; save it as .docx",
    ".wps": "a WPS Office file; save it as .docx",
    ".rtf": "rich text; save it as .docx",
    ".xls": "a spreadsheet, not a notice",
    ".xlsx": "a spreadsheet, not a notice",
    ".rar": "a RAR archive; repack it as .zip or .tar.gz",
    ".7z": "a 7-Zip archive; repack it as .zip or .tar.gz",
}


def register(name: str, *extensions: str) -> Callable[[Reader], Reader]:
    """Register a reader under a format name and the file extensions it handles."""

    def deco(fn: Reader) -> Reader:
        READERS[name] = fn
        for ext in extensions:
            EXTENSIONS[ext.lower()] = name
        return fn

    return deco


_WS = re.compile(r"[ \t\r\n\f\v\u00a0\u200b]+")


def clean_space(text: str | None) -> str:
    """``text`` on one line: runs of white space made one space, ends stripped."""
    return _WS.sub(" ", text or "").strip()


def sha256(raw: bytes) -> str:
    return hashlib.sha256(raw).hexdigest()


def format_of(name: str) -> str:
    # Member names of Windows archives use backslashes; the suffix is what follows the last dot.
    suffix = PurePath(name.replace("\\", "/")).suffix.lower()
    if suffix in EXTENSIONS:
        return EXTENSIONS[suffix]
    hint = _HINTS.get(suffix)
    raise UnsupportedFormat(
        f"unsupported file type {suffix!r}" + (f": {hint}" if hint else
                                               f" (readable: {', '.join(sorted(READERS))})"),
        path=name,
    )


def read_bytes(raw: bytes, source: str, fmt: str | None = None) -> Document:
    """Read one file's bytes; ``fmt`` defaults to the format its name says."""
    fmt = fmt or format_of(source)
    if fmt not in READERS:
        raise UnsupportedFormat(f"no reader for format {fmt!r}", path=source)
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

