"""Input readers, looked up by format name from one registry.

A reader turns a file's bytes into a :class:`Document`: the notice text, what the container says
about it (title, publication date) and warnings about what was lost on the way. Each raises a
:class:`~notices.errors.NoticesError` subclass naming the problem; nothing else escapes.

Formats: ``txt`` (any encoding :func:`~notices.decode.decode_bytes` knows), ``html`` (the
article's main text, its title and publication date), ``docx`` (paragraphs and tables in reading
order) and ``pdf`` (the text layer, lines joined as a reader would; a scan without one is an
error saying so). The parsing libraries are imported when a file of their format is first read.

:func:`read` is the public entry: a path or bytes in, a :class:`Document` out.
"""
from __future__ import annotations

import os
from pathlib import Path

from . import pdf, plain, webpage, word  # noqa: F401 - each registers its format
from .dates import parse_date
from .registry import EXTENSIONS, READERS, Document, clean_space, format_of, read_bytes, read_path, register, sha256

__all__ = ["EXTENSIONS", "READERS", "Document", "clean_space", "format_of", "parse_date", "read", "read_bytes",
           "read_path", "register", "sha256", "sniff"]


def sniff(raw: bytes) -> str:
    """The format some bytes are in, from their first bytes: ``pdf``, ``docx``, ``html`` or ``txt``."""
    head = raw[:1024].lstrip()
    if b"%PDF-" in raw[:1024]:
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        return "docx"
    lower = head.lower()
    for mark in (b"<!doctype html", b"<html", b"<head", b"<body", b"<meta", b"<div", b"<p>", b"<title"):
        if mark in lower:
            return "html"
    return "txt"


def read(path_or_bytes: str | os.PathLike[str] | bytes, *, source: str | None = None) -> Document:
    """Read one notice file: a path, or the bytes of a file. ``source`` names the bytes (its
    extension then gives the format; without one the format is told from the bytes) or replaces
    a path's name in the document. Raises :class:`~notices.errors.NoticesError` with the file's
    name and the problem; what was read with losses says so in ``Document.warnings``.

        >>> doc = read("notice.html")            # doctest: +SKIP
        >>> doc.text, doc.title, doc.date, doc.warnings
    """
    if isinstance(path_or_bytes, bytes | bytearray | memoryview):
        raw = bytes(path_or_bytes)
        name = source or "<bytes>"
        suffix = Path(name.replace("\\", "/")).suffix.lower()
        fmt = format_of(name) if suffix else sniff(raw)
        return read_bytes(raw, name, fmt)
    doc = read_path(path_or_bytes)
    if source is not None:
        doc.source = source
    return doc
