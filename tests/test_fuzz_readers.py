"""Fuzzing the readers (bounded, a few seconds): whatever bytes a scraped archive holds — mixed
encodings, stray bytes, surrogates, random data — a reader gives a Document whose text can be
written out as UTF-8, or a coded error; never another exception, never a lost file for a few
bad bytes."""
from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from notices.decode import decode_bytes
from notices.errors import NoticesError
from notices.readers import read_bytes

FUZZ = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])

CHINESE = "生态环境部约谈晋城邯郸阳泉市政府主要负责人要求个工作日内整改浓度微克立方米同比上升，。、（）“”"
LATIN = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJ 0123456789.,;:-%äöüßéèàçñ"
ENCODINGS = ["utf-8", "gb18030", "big5", "cp1252", "utf-16-le", "utf-16-be", "latin-1"]

chinese_text = st.text(alphabet=CHINESE + "0123456789 ", min_size=1, max_size=80)
any_text = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=60)
# text that may hold lone surrogates, written out the way Python lets a broken string through
surrogate_text = st.text(alphabet=st.sampled_from(list(CHINESE[:20]) + ["\ud800", "\udfff", "\udc80", "a"]),
                         max_size=40)


@st.composite
def mixed_encodings(draw) -> bytes:
    """Pieces of text, each in its own encoding, with random bytes and surrogates between."""
    parts = []
    for _ in range(draw(st.integers(1, 5))):
        kind = draw(st.sampled_from(["text", "bytes", "surrogates"]))
        if kind == "text":
            text = draw(st.one_of(chinese_text, st.text(alphabet=LATIN, max_size=60), any_text))
            parts.append(text.encode(draw(st.sampled_from(ENCODINGS)), errors="replace"))
        elif kind == "bytes":
            parts.append(draw(st.binary(max_size=40)))
        else:
            parts.append(draw(surrogate_text).encode("utf-8", errors="surrogatepass"))
    return b"".join(parts)


def _check(doc) -> None:
    assert doc.text.strip()
    doc.text.encode("utf-8")  # no lone surrogates: the text can be written anywhere
    for warning in doc.warnings:
        warning.encode("utf-8")


@pytest.mark.parametrize("name", ["fuzz.txt", "fuzz.html"])
@FUZZ
@given(raw=mixed_encodings())
def test_mixed_encodings_read_or_give_a_coded_error(name, raw):
    if name.endswith(".html"):
        raw = b"<html><head><meta charset=utf-8></head><body><p>" + raw + b"</p></body></html>"
    try:
        doc = read_bytes(raw, name)
    except NoticesError:
        return
    _check(doc)


@FUZZ
@given(raw=st.binary(max_size=3000))
def test_random_bytes_decode_or_give_a_coded_error(raw):
    try:
        decoded = decode_bytes(raw)
    except NoticesError:
        return
    decoded.text.encode("utf-8")


@FUZZ
@given(text=st.text(alphabet=CHINESE + LATIN[:30], min_size=20, max_size=300),
       cuts=st.lists(st.integers(min_value=0), min_size=1, max_size=4))
def test_stray_bytes_in_utf8_lose_only_themselves(text, cuts):
    # a byte that is never valid UTF-8 (0xFF) dropped between characters, a few times
    wide = sum(1 for ch in text if ord(ch) > 127)
    cuts = sorted({c % (len(text) + 1) for c in cuts})[:max(1, wide)]
    if wide < len(cuts):
        return
    raw = b""
    last = 0
    for c in cuts:
        raw += text[last:c].encode() + b"\xff"
        last = c
    raw += text[last:].encode()
    if not text.strip():
        return
    decoded = decode_bytes(raw)
    assert decoded.encoding == "utf-8"
    assert decoded.text.replace("\ufffd", "") == text
    assert any(f"{len(cuts)} byte sequence" in w for w in decoded.warnings)


@FUZZ
@given(text=chinese_text.filter(lambda t: sum(ord(c) > 127 for c in t) >= 2))
def test_a_utf8_notice_cut_anywhere_keeps_all_but_its_last_character(text):
    raw = text.encode()
    cut = raw[:-1] if len(raw[-1:]) and raw[-1] >= 0x80 else raw
    if not cut.strip():
        return
    decoded = decode_bytes(cut)
    assert decoded.text.rstrip("\ufffd") in (text[:-1], text)


@FUZZ
@given(text=surrogate_text)
def test_surrogates_never_reach_a_record(text):
    from notices import extract

    record = extract("生态环境部约谈晋城市政府。" + text, lang="zh")
    for value in (record.title or "", *record.warnings, *(c.name for c in record.cities)):
        value.encode("utf-8")
    if any("\ud800" <= ch <= "\udfff" for ch in text):
        assert any("surrogate" in w for w in record.warnings)
