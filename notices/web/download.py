"""The letters of a reviewed record as one download: a ``.docx``, or a zip of them when the
notice has several subject cities (one letter each)."""
from __future__ import annotations

import io
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote

from ..record import Record
from .i18n import msg
from .pages import PageError

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
ZIP = "application/zip"


@dataclass(frozen=True, slots=True)
class Download:
    filename: str
    media_type: str
    content: bytes

    @property
    def disposition(self) -> str:
        """``Content-Disposition``: an ASCII name for old clients, the real one (RFC 6266) for the rest."""
        fallback = "".join(ch if ch.isascii() and (ch.isalnum() or ch in "-_.") else "_" for ch in self.filename)
        return f"attachment; filename=\"{fallback}\"; filename*=UTF-8''{quote(self.filename)}"


def template_names() -> list[str]:
    from ..letters import list_templates

    return [info.name for info in list_templates()]


def default_template(record: Record) -> str:
    """The shipped template a notice of this kind and language most likely wants."""
    name = "rectification-order" if record.kind == "rectification" else "interview-notice"
    if record.lang == "en":
        name += "-en"
    names = template_names()
    return name if name in names else (names[0] if names else name)


def reviews(record: Record, template: str, *, date: str | None = None) -> list[Any] | None:
    """What the clerk must check in each letter ``template`` writes for ``record``
    (:func:`notices.letters.review.review_letters`); None when it cannot be said (an unknown
    template, a record no letter can be written from)."""
    from ..errors import NoticesError
    from ..letters.review import review_letters

    if template not in template_names():
        return None
    try:
        return review_letters([record], template, date=date)
    except (NoticesError, ValueError, TypeError, AttributeError):
        return None


def letters(record: Record, template: str, *, date: str | None = None, first_number: int = 1,
            doc_prefix: str = "") -> Download:
    """Render the letters of ``record`` with the shipped ``template``. Only shipped templates
    are offered: a name is never taken as a path. Raises :class:`PageError` when no letter
    can be written, saying why."""
    from ..errors import NoticesError
    from ..letters import render_letters

    names = template_names()
    if template not in names:
        raise PageError(msg("err.unknown_template", name=template[:80], names=[msg(f"template.{n}") for n in names]))
    with tempfile.TemporaryDirectory(prefix="notices-web-") as tmp:
        try:
            results = render_letters([record], template, Path(tmp), date=date, first_number=first_number,
                                     doc_prefix=doc_prefix)
        except NoticesError as exc:
            raise PageError(msg("err.letters_failed", error=str(exc)), status=422) from None
        if any(r.skipped for r in results):
            raise PageError(msg("err.no_subject"), status=422)
        failed = [r.error for r in results if r.error]
        if failed:
            raise PageError([msg("err.letter_failed", error=str(e)) for e in failed], status=422)
        written = [r.path for r in results if r.path is not None]
        if len(written) == 1:
            return Download(written[0].name, DOCX, written[0].read_bytes())
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
            for path in written:
                zf.write(path, path.name)
    stem = f"{template}-{record.date}" if record.date else f"{template}-letters"
    return Download(f"{stem}.zip", ZIP, buffer.getvalue())
