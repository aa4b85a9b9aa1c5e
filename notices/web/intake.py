"""A notice in: pasted text or an uploaded file, read and extracted into a record.

Uploads go through the readers registry (txt, html, docx, pdf), whose errors say what is wrong
with the file; those become messages on the page. The text kept for the page has its line
breaks as browsers post them back (``\\n``), with the record's spans moved to match.
"""
from __future__ import annotations

import re
import threading
from bisect import bisect_left
from dataclasses import dataclass
from pathlib import PurePath

from ..errors import NoticesError
from ..record import Record
from .i18n import msg
from .pages import PageError

MAX_CHARS = 200_000  # a notice longer than this is split before review (extraction time grows)
_EXTRACTING = threading.Lock()  # one extraction at a time: the pipelines are shared


@dataclass(slots=True)
class Notice:
    record: Record
    text: str


def upload_name(filename: str | None) -> str:
    """The file's own name, without the client's folders or control characters."""
    name = PurePath((filename or "").replace("\\", "/")).name
    name = "".join(ch for ch in name if ch.isprintable()).strip()[:200]
    return name or "upload.txt"


def _checked_date(date: str | None) -> str | None:
    from ..letters.filters import to_date
    from .form import FIRST_YEAR, LAST_YEAR, in_range

    if not date:
        return None
    try:
        day = to_date(date)
    except ValueError:
        raise PageError(msg("err.notice_date", value=date[:40])) from None
    if not in_range(day):
        raise PageError(msg("err.date_range", value=date[:40], first=FIRST_YEAR, last=LAST_YEAR))
    return day.isoformat() if day else None


def read_notice(text: str, upload: tuple[str, bytes] | None, *, date: str | None = None,
                lang: str | None = None) -> Notice:
    """The record of a pasted ``text`` or of an ``upload`` (file name, bytes), which wins when
    both are given. Raises :class:`PageError` with a message for the clerk."""
    from .. import extract, extract_document
    from ..readers import read

    day = _checked_date(date)
    lang = lang if lang in ("zh", "en") else None
    if upload is not None:
        name, raw = upload
        try:
            doc = read(raw, source=name)
        except NoticesError as exc:
            raise PageError(msg("err.read_failed", error=str(exc)), status=422) from None
        body = doc.text
    else:
        doc, body = None, text.replace("\r\n", "\n").replace("\r", "\n")
        if not body.strip():
            raise PageError(msg("err.paste"))
    if len(body) > MAX_CHARS:
        raise PageError(msg("err.too_long", n=len(body), limit=MAX_CHARS), status=413)
    with _EXTRACTING:
        if doc is not None:
            record = extract_document(doc, lang=lang, date=day)
        else:
            record = extract(body, lang=lang, date=day)
    return Notice(*with_newlines(record, body))


def with_newlines(record: Record, text: str) -> tuple[Record, str]:
    """``text`` with ``\\r\\n`` and ``\\r`` made ``\\n`` (as a browser posts a form back), and
    ``record``'s spans moved to the same characters."""
    if "\r" not in text:
        return record, text
    dropped = [m.start() for m in re.finditer("\r\n", text)]  # each \r removed shifts what follows

    def move(i: int) -> int:
        return i - bisect_left(dropped, i)

    def span(s: tuple[int, int] | None) -> tuple[int, int] | None:
        return (move(s[0]), move(s[1])) if s else None

    for city in record.cities:
        city.spans = [span(s) for s in city.spans]  # type: ignore[misc]
    for items in (record.officials, record.figures, record.deadlines, record.companies, record.sanctions):
        for item in items:
            item.span = span(item.span)
    return record, text.replace("\r\n", "\n").replace("\r", "\n")
