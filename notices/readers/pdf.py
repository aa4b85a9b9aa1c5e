"""PDF files: the text layer, as a reader of the page would see it."""
from __future__ import annotations

import datetime as _dt
import io
import re
import warnings

from ..errors import EmptyInput, NoticesError, ReadError
from .registry import Document, clean_space, register, sha256

_JUNK_PDF_TITLE = re.compile(r"^(microsoft word - |untitled|无标题)|\.(docx?|wps|pdf)$", re.I)


@register("pdf", ".pdf")
def read_pdf(raw: bytes, source: str) -> Document:
    """A PDF's text layer, page by page. A PDF without one (a scan) is an error saying so."""
    if b"%PDF-" not in raw[:1024]:
        raise ReadError("not a PDF file (no %PDF header)", path=source)
    import logging

    logging.getLogger("pypdf").setLevel(logging.ERROR)  # pypdf warns on every repaired xref
    try:
        from pypdf import PdfReader

        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            reader = PdfReader(io.BytesIO(raw), strict=False)
            if reader.is_encrypted:
                try:
                    opened = reader.decrypt("")
                except Exception:  # noqa: BLE001 - unsupported encryption algorithms and the like
                    opened = 0
                if not opened:
                    raise ReadError("the PDF is encrypted; it needs a password", path=source)
            pages = [page.extract_text() or "" for page in reader.pages]
    except NoticesError:
        raise
    except Exception as exc:  # noqa: BLE001 - pypdf raises many kinds of error on broken files
        raise ReadError(f"not a readable PDF ({type(exc).__name__}: {exc})", path=source) from None
    text = "\n".join(page.strip("\n") for page in pages if page.strip())
    if not text.strip():
        raise EmptyInput(
            f"the PDF has no text layer ({len(pages)} page{'s' if len(pages) != 1 else ''}: "
            "a scanned image?); it needs OCR before it can be read", path=source)
    title, created = None, None
    try:  # metadata is a nicety: a broken info dictionary does not lose the text
        info = reader.metadata
        if info is not None:
            title = clean_space(info.title) or None
            created = info.creation_date
    except Exception:  # noqa: BLE001
        pass
    if title and _JUNK_PDF_TITLE.search(title):
        title = None
    meta = {"created": created.date().isoformat()} if isinstance(created, _dt.datetime) else {}
    return Document(text=text, source=source, sha256=sha256(raw), format="pdf", title=title, meta=meta)
