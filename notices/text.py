"""Bytes to text, and text to the normalised copy the extractors match on.

:func:`decode` turns raw bytes into ``str`` (UTF-8 with or without BOM, UTF-16 with BOM, GB18030/GBK,
Big5), refusing binary data and empty files with a clear error. :func:`normalize` returns a copy
of the same length — traditional characters folded to simplified, full-width ASCII forms folded to
ASCII — so that every offset found in the copy is an offset into the original.
"""
from __future__ import annotations

import codecs
import re
import unicodedata
from functools import cache

from .errors import DecodeError, EmptyInput
from .resources import data_path

_CONTROL_OK = {"\n", "\r", "\t", "\f", "\v"}


def _control_ratio(text: str) -> float:
    sample = text[:20000]
    if not sample:
        return 0.0
    bad = sum(
        1
        for ch in sample
        if (unicodedata.category(ch) in ("Cc", "Cs", "Co") and ch not in _CONTROL_OK) or ch == "\ufffd"
    )
    return bad / len(sample)


def decode(raw: bytes, *, path: str | None = None) -> str:
    """Decode a notice's bytes. Raises :class:`EmptyInput` or :class:`DecodeError`."""
    if not raw.strip():
        raise EmptyInput("the file is empty", path=path)
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            text = raw.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise DecodeError(f"broken UTF-16 text ({exc.reason})", path=path) from None
    else:
        if b"\x00" in raw[:8192]:
            raise DecodeError("binary data, not text (NUL bytes)", path=path)
        text = _decode_8bit(raw, path)
    if _control_ratio(text) > 0.02:
        raise DecodeError("binary data, not text (control characters)", path=path)
    if not text.strip():
        raise EmptyInput("the file has no text", path=path)
    return text.lstrip("\ufeff")


def _decode_8bit(raw: bytes, path: str | None) -> str:
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    candidates: list[str] = []
    for enc in ("gb18030", "big5"):
        try:
            candidates.append(raw.decode(enc))
        except UnicodeDecodeError:
            continue
    if not candidates:
        raise DecodeError("not text: neither UTF-8, GB18030 nor Big5", path=path)
    if len(candidates) == 1:
        return candidates[0]
    # Both decode: the right reading is made of common characters (folded to simplified,
    # so that a Big5 text of traditional characters scores as well as a GB one).
    return max(candidates, key=_common_ratio)


@cache
def _common_chars() -> frozenset[str]:
    return frozenset(data_path("common_chars.txt").read_text(encoding="utf-8").strip())


def _common_ratio(text: str) -> float:
    han = [ch for ch in normalize(text[:20000]) if "\u4e00" <= ch <= "\u9fff"]
    common = _common_chars()
    return sum(ch in common for ch in han) / max(1, len(han))


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


_HAN = re.compile(r"[\u4e00-\u9fff]")
_LATIN_WORD = re.compile(r"[A-Za-z]{2,}")


def detect_lang(text: str) -> str:
    """``zh`` when Chinese characters carry the text, else ``en``."""
    sample = text[:5000]
    han = len(_HAN.findall(sample))
    latin = len(_LATIN_WORD.findall(sample))
    return "zh" if han >= max(10, latin) or (han and han * 2 >= latin) else "en"
