"""Output file names made only from sanitised values, never escaping the output folder."""
from __future__ import annotations

import re
import unicodedata
from pathlib import Path

_UNSAFE = re.compile(r"[^\w\-.\u3000-\u303f\uff00-\uffef ]+")
_RESERVED = {"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(1, 10)),
             *(f"LPT{i}" for i in range(1, 10))}
_MAX = 80


def safe_stem(value: object, fallback: str = "letter") -> str:
    """A file-name stem from any value: no separators, no ``..``, no controls, no reserved names."""
    text = unicodedata.normalize("NFKC", str(value or ""))
    text = _UNSAFE.sub("_", text)
    text = re.sub(r"\.{2,}", ".", text)
    text = re.sub(r"[_ ]{2,}", "_", text).strip(" ._-")
    text = text[:_MAX].rstrip(" ._-")
    if not text:
        return fallback
    if text.split(".")[0].upper() in _RESERVED:
        text = "_" + text
    return text


class Namer:
    """Unique ``.docx`` paths inside one folder: ``晋城市.docx``, ``晋城市-2.docx``, …"""

    def __init__(self, folder: Path) -> None:
        self.folder = folder.resolve()
        self.used: set[str] = set()

    def path(self, stem: object, suffix: str = ".docx", fallback: str = "letter") -> Path:
        base = safe_stem(stem, fallback)
        name = base + suffix
        n = 2
        while name.lower() in self.used:
            name = f"{base}-{n}{suffix}"
            n += 1
        self.used.add(name.lower())
        if "/" in name or "\\" in name or name.startswith("."):  # safe_stem rules these out
            raise ValueError(f"refusing to write outside {self.folder}: {name!r}")
        return self.folder / name
