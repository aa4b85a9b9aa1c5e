"""Coded errors. Every message a user sees starts with its code, e.g. ``[E101] ...``.

The CLI turns a :class:`NoticesError` into ``Error: ...`` on stderr and exit code 1.
"""
from __future__ import annotations


class NoticesError(Exception):
    """Base of every error the tool reports to a user (never shown as a traceback)."""

    code = "E000"
    type = "error"

    def __init__(self, message: str, *, path: str | None = None) -> None:
        self.message = message
        self.path = path
        super().__init__(self.__str__())

    def __str__(self) -> str:
        where = f"{self.path}: " if self.path else ""
        return f"{where}{self.message} [{self.code}]"


class ReadError(NoticesError):
    """A file could not be read: missing, unreadable, too large, a broken container."""

    code = "E101"
    type = "read_error"


class DecodeError(NoticesError):
    """Bytes that are not text in any supported encoding (binary data, wrong format)."""

    code = "E102"
    type = "decode_error"


class EmptyInput(NoticesError):
    """A file with no text in it."""

    code = "E103"
    type = "empty"


class TooLong(NoticesError):
    """A notice longer than extraction takes (``notices.extractors.MAX_CHARS``)."""

    code = "E105"
    type = "too_long"


class UnsupportedFormat(NoticesError):
    code = "E104"
    type = "unsupported_format"


class DataError(NoticesError):
    """Bad user data: a record file, a CSV/JSON/YAML data file, a holiday file."""

    code = "E201"
    type = "data_error"


class TemplateError(NoticesError):
    """A letter template that cannot be found, parsed or filled."""

    code = "E301"
    type = "template_error"


class PdfError(NoticesError):
    """LibreOffice is missing or failed to convert."""

    code = "E302"
    type = "pdf_error"


class BatchError(NoticesError):
    """The batch itself cannot run: no Dask scheduler, workers that keep dying."""

    code = "E501"
    type = "batch_error"


class StoreError(NoticesError):
    code = "E401"
    type = "store_error"
