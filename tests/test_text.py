"""Decoding bytes and normalising text."""
from __future__ import annotations

import codecs

import pytest

from notices.errors import DecodeError, EmptyInput
from notices.text import decode, detect_lang, normalize

SAMPLE = "生态环境部约谈晋城、邯郸、阳泉三市政府主要负责人"


@pytest.mark.parametrize(
    "raw",
    [
        SAMPLE.encode("utf-8"),
        codecs.BOM_UTF8 + SAMPLE.encode("utf-8"),
        SAMPLE.encode("gb18030"),
        SAMPLE.encode("gbk"),
        codecs.BOM_UTF16_LE + SAMPLE.encode("utf-16-le"),
    ],
    ids=["utf8", "utf8-bom", "gb18030", "gbk", "utf16"],
)
def test_decodes_supported_encodings(raw):
    assert decode(raw) == SAMPLE


def test_decodes_big5_traditional():
    text = "生態環境部約談晉城市政府主要負責人"
    assert decode(text.encode("big5")) == text


@pytest.mark.parametrize(("raw", "error"), [(b"", EmptyInput), (b"  \n\t ", EmptyInput),
                                            (bytes(range(256)) * 4, DecodeError),
                                            (b"PK\x03\x04\x00\x00binary", DecodeError)])
def test_refuses_empty_and_binary(raw, error):
    with pytest.raises(error) as info:
        decode(raw, path="x.txt")
    assert "x.txt" in str(info.value)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("生態環境部約談晉城市", "生态环境部约谈晋城市"),
        ("下降３．７％，（山西省）：", "下降3.7%,(山西省):"),
        ("ＰＭ２．５", "PM2.5"),
    ],
)
def test_normalize_folds_and_keeps_length(text, expected):
    out = normalize(text)
    assert out == expected and len(out) == len(text)


@pytest.mark.parametrize(("text", "lang"), [(SAMPLE, "zh"), ("The ministry interviewed mayors.", "en"),
                                            ("BEIJING -- 生态环境部约谈晋城市政府", "zh"),
                                            # decided on letters: punctuation before them does not count
                                            ("（" * 10000 + "生态环境部约谈晋城市政府", "zh"),
                                            ("(" * 10000 + "The ministry interviewed mayors.", "en")])
def test_detect_lang(text, lang):
    assert detect_lang(text) == lang
