"""Word .docx files: paragraphs and tables in reading order."""
from __future__ import annotations

import datetime as _dt
import io
import zipfile
from collections.abc import Iterator
from typing import Any

from ..errors import EmptyInput, NoticesError, ReadError
from .registry import Document, clean_space, register, sha256

_OFFICE_MAX_EXPANDED = 512 * 1024 * 1024
_OFFICE_MAX_RATIO = 200
_OFFICE_RATIO_FLOOR = 4 * 1024 * 1024


def _check_office_zip(raw: bytes, source: str, what: str) -> None:
    """A .docx is a zip: refuse one that is not, or that would expand like a zip bomb."""
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as zf:
            infos = zf.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError) as exc:
        reason = "truncated or not a zip container" if "zip file" in str(exc) else str(exc)
        raise ReadError(f"not a valid {what} file ({reason})", path=source) from None
    total = sum(i.file_size for i in infos)
    if total > _OFFICE_MAX_EXPANDED:
        raise ReadError(f"{what} file expands to {total} bytes, over the limit of "
                        f"{_OFFICE_MAX_EXPANDED} (a zip bomb?)", path=source)
    for info in infos:
        if info.file_size > _OFFICE_RATIO_FLOOR and info.file_size > _OFFICE_MAX_RATIO * max(1, info.compress_size):
            raise ReadError(f"{what} part {info.filename!r} expands {info.file_size // max(1, info.compress_size)}"
                            f" times, over the limit of {_OFFICE_MAX_RATIO} (a zip bomb?)", path=source)


def _docx_blocks(container: Any, depth: int = 0) -> Iterator[str]:
    """Paragraphs and table rows (cells joined by tabs, merged cells once) in reading order."""
    from docx.table import Table

    for block in container.iter_inner_content():
        if isinstance(block, Table):
            for row in block.rows:
                cells: list[str] = []
                seen: set[int] = set()
                for cell in row.cells:
                    if id(cell._tc) in seen:  # a merged cell repeats across the columns it spans
                        continue
                    seen.add(id(cell._tc))
                    if depth < 3:
                        cells.append(" ".join(_docx_blocks(cell, depth + 1)))
                    else:
                        cells.append(cell.text)
                line = "\t".join(c.strip() for c in cells)
                if line.strip():
                    yield line
        else:
            text = block.text.strip()
            if text:
                yield text


@register("docx", ".docx")
def read_docx(raw: bytes, source: str) -> Document:
    """A Word document: paragraphs and tables in order; the title from its properties or a
    Title/Heading 1 paragraph."""
    _check_office_zip(raw, source, "Word .docx")
    try:
        import docx

        document = docx.Document(io.BytesIO(raw))
        lines = list(_docx_blocks(document))
        props = document.core_properties
        title = clean_space(props.title) or None
        created = props.created
        if title is None:
            for para in document.paragraphs[:20]:
                style = (para.style.name if para.style is not None else "") or ""
                if para.text.strip() and (style == "Title" or style.startswith("Heading 1")):
                    title = clean_space(para.text)
                    break
    except NoticesError:
        raise
    except Exception as exc:  # noqa: BLE001 - python-docx and lxml fail in many ways on broken files
        raise ReadError(f"not a readable Word .docx file ({type(exc).__name__}: {exc})", path=source) from None
    text = "\n".join(lines)
    if not text.strip():
        raise EmptyInput("the Word document has no text", path=source)
    meta = {"created": created.date().isoformat()} if isinstance(created, _dt.datetime) else {}
    return Document(text=text, source=source, sha256=sha256(raw), format="docx", title=title, meta=meta)


