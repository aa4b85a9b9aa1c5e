"""Bytes to text, and text to the normalised copy the extractors match on.

:func:`decode_bytes` (from :mod:`notices.decode`) turns raw bytes into ``str`` and the warnings of
what was lost; :func:`decode` gives the text alone. :func:`normalize` returns a copy
of the same length — traditional characters folded to simplified, full-width ASCII forms folded to
ASCII — so that every offset found in the copy is an offset into the original.
"""
from __future__ import annotations

import re
from functools import cache

from .decode import Decoded, clean_text, decode_bytes, replace_surrogates
from .resources import data_path

__all__ = ["Decoded", "clean_text", "decode", "decode_bytes", "detect_lang", "normalize", "replace_surrogates"]


def decode(raw: bytes, *, path: str | None = None) -> str:
    """Decode a notice's bytes (see :func:`notices.decode.decode_bytes`, which also gives the
    warnings). Raises :class:`EmptyInput` or :class:`DecodeError`."""
    return decode_bytes(raw, path=path).text


@cache
def _fold_table() -> dict[int, str]:
    table: dict[int, str] = {}
    with data_path("t2s.tsv").open(encoding="utf-8") as fh:
        next(fh)
        for line in fh:
            src, dst = line.rstrip("\n").split("\t")
            table[ord(src)] = dst
    for cp in range(0xFF01, 0xFF5F):  # full-width ASCII forms
        table[cp] = chr(cp - 0xFEE0)
    table[0x3000] = " "  # ideographic space
    for ch, to in (("\u00a0", " "), ("\u2018", "'"), ("\u2019", "'"), ("\u201c", '"'), ("\u201d", '"'),
                   ("\u2013", "-"), ("\u2014", "-"), ("\u2212", "-"), ("\u00b3", "³"), ("\u3001", "、")):
        table[ord(ch)] = to
    return table


def normalize(text: str) -> str:
    """Same-length copy for matching: simplified characters, ASCII digits and punctuation."""
    out = text.translate(_fold_table())
    if len(out) != len(text):  # pragma: no cover - the table maps one character to one
        raise AssertionError("normalisation changed the text length")
    return out


_LETTERS = re.compile(r"(?P<han>[\u4e00-\u9fff])|[A-Za-z]{2,}")
#: letters (Chinese characters and Latin words) counted before deciding: the text's first letters,
#: however much punctuation comes first ("（" × 10,000 + "晋城市" is Chinese)
_LANG_SAMPLE = 3000


def detect_lang(text: str) -> str:
    """``zh`` when Chinese characters carry the text, else ``en``. Decided on letters, never
    punctuation: brackets, digits and spaces are skipped (in one linear scan, stopped early)."""
    han = latin = 0
    for m in _LETTERS.finditer(text):
        if m.lastgroup == "han":
            han += 1
        else:
            latin += 1
        if han + latin >= _LANG_SAMPLE:
            break
    return "zh" if han >= max(10, latin) or (han and han * 2 >= latin) else "en"
