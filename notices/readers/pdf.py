"""PDF files: the text layer, as a reader of the page would see it.

pypdf reads the text layer page by page; :func:`~notices.readers.layout.reflow` drops running
headers and page numbers and joins wrapped lines. Measured with ``benchmarks/bench_pdf.py`` on
the corpus made into PDFs by LibreOffice: source paragraphs found whole 0.965 with pypdf,
0.958 with pypdfium2 (four times faster), 0.946 with pdfplumber; 0.23 for any of them without
the reflow. A PDF of more than :data:`MAX_PAGES` pages is refused before any page is read.
"""
from __future__ import annotations

import datetime as _dt
import io
import re
import warnings
from typing import Any

from ..errors import EmptyInput, NoticesError, ReadError
from .layout import reflow
from .registry import Document, clean_space, register, sha256


def _page_count(reader: Any) -> int:
    """The page count the page tree declares (read without walking it), else the pages found."""
    try:
        declared = reader.trailer["/Root"]["/Pages"]["/Count"]
        if isinstance(declared, int) and declared >= 0:
            return max(int(declared), 0)
    except Exception:  # noqa: BLE001 - a broken page tree: count the pages pypdf finds
        pass
    return len(reader.pages)

MAX_PAGES = 1000  # a notice, or a report with its annexes, is far shorter
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
            count = _page_count(reader)
            if count > MAX_PAGES:
                raise ReadError(f"the PDF has {count:,} pages, over the limit of {MAX_PAGES:,}; "
                                "split it into its documents", path=source)
            pages = [page.extract_text() or "" for page in reader.pages]
    except NoticesError:
        raise
    except Exception as exc:  # noqa: BLE001 - pypdf raises many kinds of error on broken files
        raise ReadError(f"not a readable PDF ({type(exc).__name__}: {exc})", path=source) from None
    text = reflow([page for page in pages if page.strip()])
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
