"""Bytes to text, keeping the file: one decoder for text files and web pages.

:func:`decode_bytes` picks the encoding — a byte-order mark; UTF-16 without one; UTF-8; the
charset a page declares; GB18030 or Big5 (whichever reads as common Chinese); else what
charset-normalizer detects (Latin-1, Windows-1252 and the rest) — and then decodes *leniently*:
a stray byte becomes U+FFFD and a warning with the count, a line in GB18030 inside a UTF-8 file
is read as GB18030, a last character cut short loses that character only. It refuses only what
is not text at all (binary data, empty files). :func:`clean_text` removes what would split words
for the extractors (soft hyphens, zero-width characters) and replaces lone surrogates.
"""
from __future__ import annotations

import codecs
import re
import unicodedata
from dataclasses import dataclass, field
from functools import cache

from .errors import DecodeError, EmptyInput
from .resources import data_path

_BOMS = (  # UTF-32 first: its little-endian mark starts with UTF-16's
    (codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# Declared names read as the superset browsers use for them (WHATWG Encoding Standard).
_ALIASES = {
    **dict.fromkeys(("gb2312", "gbk", "gb_2312-80", "x-gbk", "gb18030", "cp936", "windows-936", "euc-cn",
                     "csgb2312", "chinese", "iso-ir-58"), "gb18030"),
    **dict.fromkeys(("big5", "big5-hkscs", "x-x-big5", "cp950", "csbig5"), "big5hkscs"),
    **dict.fromkeys(("iso-8859-1", "iso8859-1", "latin1", "latin-1", "l1", "us-ascii", "ascii", "cp819",
                     "iso_8859-1", "windows-1252", "cp1252", "x-cp1252"), "cp1252"),
    **dict.fromkeys(("utf8", "utf-8", "unicode-1-1-utf-8", "x-unicode20utf8"), "utf-8"),
}
_CONTROL_OK = frozenset("\n\r\t\f\v")
# Characters that carry no letter and split words for the extractors: soft hyphen, zero-width
# space / non-joiner / joiner, word joiner, Mongolian vowel separator, a BOM inside the text.
_INVISIBLE = dict.fromkeys(map(ord, "\u00ad\u200b\u200c\u200d\u2060\u180e\ufeff"), None)
_SURROGATE = re.compile("[\ud800-\udfff]")
_SAMPLE = 65536


@dataclass(frozen=True, slots=True)
class Decoded:
    """The text of some bytes, the encoding read, and what was lost on the way."""

    text: str
    encoding: str
    warnings: list[str] = field(default_factory=list)


def replace_surrogates(text: str) -> tuple[str, list[str]]:
    """``text`` with lone surrogates (which no file can hold, but a Python string can, and
    which cannot be written out as UTF-8) replaced by U+FFFD, keeping its length; a warning
    when any were."""
    lone = len(_SURROGATE.findall(text))
    if not lone:
        return text, []
    return _SURROGATE.sub("\ufffd", text), [
        f"{lone} lone surrogate code point{'s' if lone > 1 else ''} replaced by U+FFFD"]


def clean_text(text: str) -> tuple[str, list[str]]:
    """``text`` without soft hyphens and zero-width characters and with lone surrogates
    replaced (:func:`replace_surrogates`), and the warnings."""
    text, warnings = replace_surrogates(text)
    return text.translate(_INVISIBLE), warnings


def charset_name(name: str) -> str | None:
    """The Python codec for a declared charset name, or None when Python has none."""
    name = name.strip().strip("\"'").lower()
    name = _ALIASES.get(name, name)
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def decode_bytes(raw: bytes, *, declared: str | None = None, path: str | None = None) -> Decoded:
    """Decode a file's bytes. ``declared`` is the charset the file says it is in (a page's
    ``<meta charset>``, an HTTP header), honoured unless the bytes are plainly UTF-8. Raises
    :class:`EmptyInput` for a file with no text and :class:`DecodeError` for binary data."""
    if not raw.strip():
        raise EmptyInput("the file is empty", path=path)
    warnings: list[str] = []
    for bom, encoding in _BOMS:
        if raw.startswith(bom) and encoding == "utf-8":
            text, bad, note = _utf8(raw[len(bom):])
            warnings += [note] if note else []
            break
        if raw.startswith(bom):
            text, bad = _lenient(raw[len(bom):], encoding)
            break
    else:
        if b"\x00" in raw[:8192]:
            encoding = _utf16_without_bom(raw)
            if encoding is None:
                raise DecodeError("binary data, not text (NUL bytes)", path=path)
            text, bad = _lenient(raw, encoding)
        else:
            encoding, text, bad, note = _eight_bit(raw, declared, warnings)
            if note:
                warnings.append(note)
    if bad:
        warnings.append(f"{bad} byte sequence{'s' if bad > 1 else ''} not valid {encoding} "
                        f"replaced by U+FFFD")
    if _control_ratio(text) > 0.02:
        raise DecodeError("binary data, not text (control characters)", path=path)
    if bad > max(16, len(text) // 20):
        raise DecodeError(f"binary data, not text ({bad} undecodable byte sequences)", path=path)
    text, more = clean_text(text)
    if not text.strip():
        raise EmptyInput("the file has no text", path=path)
    return Decoded(text, encoding, warnings + more)


def _lenient(raw: bytes, encoding: str) -> tuple[str, int]:
    """Decode with every undecodable sequence replaced; the count of replacements."""
    if encoding.startswith(("utf-16", "utf-32")):
        unit = 2 if encoding.startswith("utf-16") else 4
        cut = len(raw) % unit  # a last code unit cut short
        text = raw[:len(raw) - cut].decode(encoding, "replace")
        before = raw[:len(raw) - cut].count("\ufffd".encode(encoding))
        return text + ("\ufffd" if cut else ""), text.count("\ufffd") - before + bool(cut)
    text = raw.decode(encoding, "replace")
    before = raw.count("\ufffd".encode(encoding)) if encoding == "utf-8" or encoding == "gb18030" else 0
    return text, max(0, text.count("\ufffd") - before)


def _utf16_without_bom(raw: bytes) -> str | None:
    """``utf-16-le`` or ``-be`` when the NUL bytes fall on one side of the code units, as ASCII
    letters in UTF-16 put them, and the text read that way is letters and punctuation."""
    sample = raw[:_SAMPLE - _SAMPLE % 2]
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    if max(even, odd) < 4 * min(even, odd) + 1:
        return None
    encoding = "utf-16-le" if odd > even else "utf-16-be"
    text = sample.decode(encoding, "replace")
    plausible = sum(1 for ch in text if _texty(ch))
    return encoding if plausible >= 0.95 * len(text) else None


def _texty(ch: str) -> bool:
    if ch.isascii():
        return ch.isprintable() or ch in _CONTROL_OK
    return unicodedata.category(ch)[0] in "LNPSZ" and unicodedata.category(ch) != "Co"


def _eight_bit(raw: bytes, declared: str | None, warnings: list[str]) -> tuple[str, str, int, str | None]:
    """(encoding, text, replaced, note) for bytes without a BOM or NULs."""
    try:
        return "utf-8", raw.decode("utf-8"), 0, None
    except UnicodeDecodeError:
        pass
    declared_codec = charset_name(declared) if declared else None
    if declared and declared_codec is None:
        warnings.append(f"the declared charset {declared[:40]!r} is unknown; the encoding was detected")
    if _mostly_utf8(raw, strict=declared_codec not in (None, "utf-8")):
        return "utf-8", *_utf8(raw)
    if declared_codec and declared_codec != "utf-8":
        text, bad = _lenient(raw, declared_codec)
        if bad <= max(2, len(raw) // 1000):
            return declared_codec, text, bad, None
    chinese = _chinese(raw)
    if chinese is not None:
        return chinese[0], chinese[1], 0, None
    if (western := _western(raw)) is not None:
        return "cp1252", western, 0, None
    from charset_normalizer import from_bytes

    best = from_bytes(raw[:_SAMPLE] if len(raw) > _SAMPLE else raw).best()
    if best is not None and best.encoding:
        encoding = charset_name(best.encoding) or "utf-8"
        text, bad = _lenient(raw, encoding)
        return encoding, text, bad, None
    text, bad, _ = _utf8_by_line(raw)
    return "utf-8", text, bad, None


def _mostly_utf8(raw: bytes, *, strict: bool) -> bool:
    """UTF-8 with some stray bytes: valid multi-byte characters outnumber the broken sequences
    (four to one against a page's own declaration)."""
    loose = raw.decode("utf-8", "replace")
    bad = loose.count("\ufffd") - raw.count(b"\xef\xbf\xbd")
    good = sum(1 for ch in loose if ord(ch) > 127) - bad
    return good > 0 and good >= (4 if strict else 1) * bad


def _utf8(raw: bytes) -> tuple[str, int, str | None]:
    """UTF-8 with its broken sequences replaced and its GB18030 lines read as such: (text,
    replaced, a note on the GB18030 lines or None)."""
    try:
        return raw.decode("utf-8"), 0, None
    except UnicodeDecodeError:
        pass
    text, bad, gb_lines = _utf8_by_line(raw)
    note = (f"{gb_lines} line{'s' if gb_lines > 1 else ''} in GB18030 inside UTF-8 text, read as GB18030"
            if gb_lines else None)
    return text, bad, note


def _utf8_by_line(raw: bytes) -> tuple[str, int, int]:
    """UTF-8 line by line: a line mostly broken as UTF-8 that reads as Chinese in GB18030 is
    taken as GB18030; in any other, broken sequences are replaced. (text, replaced, GB lines)."""
    parts, replaced, gb_lines = [], 0, 0
    for line in raw.split(b"\n"):
        try:
            parts.append(line.decode("utf-8"))
            continue
        except UnicodeDecodeError:
            pass
        loose = line.decode("utf-8", "replace")
        bad = loose.count("\ufffd") - line.count(b"\xef\xbf\xbd")
        if bad * 2 > sum(1 for ch in loose if ord(ch) > 127):
            try:
                gb = line.decode("gb18030")
            except UnicodeDecodeError:
                gb = None
            if gb is not None and _chinese_score(gb) >= 0.6:
                parts.append(gb)
                gb_lines += 1
                continue
        parts.append(loose)
        replaced += bad
    return "\n".join(parts), replaced, gb_lines


def _chinese(raw: bytes) -> tuple[str, str] | None:
    """GB18030, Big5 or UTF-16 (no mark) when one of them reads as common Chinese text."""
    candidates = []
    for encoding in ("gb18030", "big5hkscs") + (("utf-16-le", "utf-16-be") if len(raw) % 2 == 0 else ()):
        try:
            text = raw.decode(encoding)
        except UnicodeDecodeError:
            continue
        candidates.append((_chinese_score(text), encoding, text))
    if not candidates:
        return None
    score, encoding, text = max(candidates, key=lambda c: c[0])
    return (encoding, text) if score >= 0.5 else None


# What Windows-1252 gives for Western European text: accented letters and typographic punctuation.
_WESTERN = frozenset(chr(c) for c in range(0xC0, 0x100) if c not in (0xD7, 0xF7)) | frozenset(
    "\u00a0“”‘’‚„–—…€·«»°§©®£¥¢•™´ªº")


def _western(raw: bytes) -> str | None:
    """Latin-1 or Windows-1252 (the web's usual fallback) when every non-ASCII byte reads as a
    Western accented letter or typographic punctuation there; a Central European text in
    Windows-1250 gives ³ or ¿ for its ł and ż and is left to detection."""
    try:
        text = raw.decode("cp1252")
    except UnicodeDecodeError:
        return None
    wide = [ch for ch in text if ord(ch) > 127]
    return text if wide and all(ch in _WESTERN for ch in wide) else None


@cache
def _common_chars() -> frozenset[str]:
    return frozenset(data_path("common_chars.txt").read_text(encoding="utf-8").strip())


def _chinese_score(text: str) -> float:
    """The share of the non-ASCII characters that are common Chinese characters (traditional
    ones folded to simplified first) or Chinese punctuation."""
    from .text import normalize

    sample = normalize(text[:20000])
    common = _common_chars()
    wide = [ch for ch in sample if ord(ch) > 127]
    good = sum(1 for ch in wide if ch in common or "\u3000" <= ch <= "\u303f" or "\uff00" <= ch <= "\uffef"
               or ch in "“”‘’…—·")
    return good / len(wide) if wide else 0.0


def _control_ratio(text: str) -> float:
    sample = text[:20000]
    if not sample:
        return 0.0
    bad = sum(1 for ch in sample if unicodedata.category(ch) in ("Cc", "Cs", "Co") and ch not in _CONTROL_OK)
    return bad / len(sample)
