"""Plain text files, in any encoding :func:`~notices.decode.decode_bytes` knows."""
from __future__ import annotations

from ..decode import decode_bytes
from .registry import Document, register, sha256


@register("txt", ".txt", ".text", "")
def read_txt(raw: bytes, source: str) -> Document:
    decoded = decode_bytes(raw, path=source)
    return Document(text=decoded.text, source=source, sha256=sha256(raw), format="txt",
                    meta={"encoding": decoded.encoding}, warnings=list(decoded.warnings))
