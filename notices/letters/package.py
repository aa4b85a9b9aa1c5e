"""Writing ``.docx`` packages fast and deterministically.

A letter differs from its template only in a few XML parts, so a :class:`Part` keeps the
deflated bytes and CRC of each static part, computed once, and :func:`write_package` copies
them into every letter; only the rendered parts are compressed per letter. Timestamps are fixed,
so the same content always gives the same bytes.
"""
from __future__ import annotations

import io
import struct
import zlib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

# 1980-01-01 00:00:00, the earliest DOS timestamp: fixed, so output is reproducible.
_DOS_TIME = 0
_DOS_DATE = (0 << 9) | (1 << 5) | 1
_LEVEL = 6


@dataclass(slots=True, frozen=True)
class Part:
    """One zip member, already deflated: ``data`` is the raw deflate stream."""

    name: str
    data: bytes
    crc: int
    size: int

    @classmethod
    def pack(cls, name: str, raw: bytes) -> "Part":
        comp = zlib.compressobj(_LEVEL, zlib.DEFLATED, -15)
        return cls(name, comp.compress(raw) + comp.flush(), zlib.crc32(raw), len(raw))


def write_package(dest: str | Path | BinaryIO, parts: Iterable[Part]) -> None:
    """Write a zip of already-deflated parts to a path or binary file object."""
    if isinstance(dest, (str, Path)):
        with open(dest, "wb") as fh:
            _write(fh, parts)
    else:
        _write(dest, parts)


def package_bytes(parts: Iterable[Part]) -> bytes:
    buf = io.BytesIO()
    _write(buf, parts)
    return buf.getvalue()


def _write(fh: BinaryIO, parts: Iterable[Part]) -> None:
    chunks: list[bytes] = []
    central: list[bytes] = []
    offset = 0
    count = 0
    for part in parts:
        name = part.name.encode("utf-8")
        flags = 0x800 if not name.isascii() else 0
        local = struct.pack(
            "<4s5H3L2H", b"PK\x03\x04", 20, flags, 8, _DOS_TIME, _DOS_DATE,
            part.crc, len(part.data), part.size, len(name), 0,
        )
        chunks += (local, name, part.data)
        central.append(struct.pack(
            "<4s6H3L5H2L", b"PK\x01\x02", 20, 20, flags, 8, _DOS_TIME, _DOS_DATE,
            part.crc, len(part.data), part.size, len(name), 0, 0, 0, 0, 0, offset,
        ) + name)
        offset += len(local) + len(name) + len(part.data)
        count += 1
    directory = b"".join(central)
    end = struct.pack("<4s4H2LH", b"PK\x05\x06", 0, 0, count, count, len(directory), offset, 0)
    fh.write(b"".join(chunks) + directory + end)
