"""Jinja filters that clerks need in letters: dates, numerals, percentages, document numbers, names.

Each filter is a pure function of its value, registered by name in :data:`FILTERS`; a template
uses them as ``{{ date|cn_date }}``, ``{{ 20|cn_number }}``, ``{{ 3.7|percent }}``,
``{{ date|doc_number(12, "环函") }}`` and ``{{ city|short_name }}``.
"""
from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from typing import Any

_DIGITS = "零一二三四五六七八九"
_SMALL_UNITS = ("", "十", "百", "千")
_BIG_UNITS = ("", "万", "亿", "万亿")

from ..months import MONTH_NAMES as _MONTHS_EN


def to_date(value: Any) -> dt.date | None:
    """A date from a ``date``/``datetime`` or an ISO string (``2018-05-03``); None for empty."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value).strip()
    try:
        return dt.date.fromisoformat(text[:10])
    except ValueError:
        raise ValueError(f"not a date: {text!r} (expected YYYY-MM-DD)") from None


def cn_date(value: Any) -> str:
    """``2018-05-03`` → ``2018年5月3日`` (GB/T 9704: Arabic numerals, no leading zeros)."""
    day = to_date(value)
    return "" if day is None else f"{day.year}年{day.month}月{day.day}日"


def en_date(value: Any) -> str:
    """``2018-05-03`` → ``3 May 2018``."""
    day = to_date(value)
    return "" if day is None else f"{day.day} {_MONTHS_EN[day.month - 1]} {day.year}"


def _four(n: int) -> str:
    """0 < n < 10000 in Chinese numerals, with 零 for skipped places."""
    out = []
    zero = False
    for place in range(3, -1, -1):
        digit = n // 10**place % 10
        if digit == 0:
            zero = bool(out)
            continue
        if zero:
            out.append("零")
            zero = False
        out.append(_DIGITS[digit] + _SMALL_UNITS[place])
    return "".join(out)


def _integer(n: int) -> str:
    if n == 0:
        return "零"
    groups = []
    while n:
        groups.append(n % 10000)
        n //= 10000
    if len(groups) > len(_BIG_UNITS):
        raise ValueError("number too large for Chinese numerals")
    out = []
    need_zero = False
    for index in range(len(groups) - 1, -1, -1):
        group = groups[index]
        if group == 0:
            need_zero = bool(out)
            continue
        if out and (need_zero or group < 1000):
            out.append("零")
        out.append(_four(group) + _BIG_UNITS[index])
        need_zero = False
    text = "".join(out)
    # 一十二 → 十二 at the start, as written (十二, 十万); 一百一十 keeps its 一.
    return text[1:] if text.startswith("一十") else text


def cn_number(value: Any) -> str:
    """``20`` → ``二十``, ``1819`` → ``一千八百一十九``, ``105`` → ``一百零五``, ``3.7`` → ``三点七``."""
    if isinstance(value, str):
        value = float(value) if "." in value else int(value)
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    sign = "负" if value < 0 else ""
    value = abs(value)
    if isinstance(value, int):
        return sign + _integer(value)
    whole, _, frac = repr(float(value)).partition(".")
    return sign + _integer(int(whole)) + "点" + "".join(_DIGITS[int(d)] for d in frac)


def number(value: Any, digits: int | None = None) -> str:
    """A number without trailing zeros: ``10.0`` → ``10``, ``3.70`` → ``3.7``; ``digits`` rounds."""
    if value is None or value == "":
        return ""
    if isinstance(value, int) and not isinstance(value, bool) and digits is None:
        return str(value) if value.bit_length() < 10_000 else ("-" if value < 0 else "") + "9" * 20 + "…"
    try:
        num = float(value)
    except (OverflowError, ValueError):
        return str(value)[:40]
    if num != num or num in (float("inf"), float("-inf")):
        return str(value)[:40]
    if digits is not None:
        num = round(num, digits)
    if num.is_integer():
        return str(int(num))
    return f"{num:.{digits}f}".rstrip("0").rstrip(".") if digits is not None else repr(num)


def percent(value: Any, digits: int | None = None) -> str:
    """``3.7`` → ``3.7%``; the value is already in percent (as records hold it)."""
    if value is None or value == "":
        return ""
    text = str(value).strip()
    if text.endswith(("%", "％")):
        return text.rstrip("%％") + "%"
    return number(value, digits) + "%"


_DOCNUM = re.compile(r"^\s*(?P<prefix>.*?)\s*[〔\[［(（【]\s*(?P<year>\d{4})\s*[〕\]］)）】]\s*"
                     r"(?P<number>\d+)\s*号?\s*$")


def doc_number(value: Any, number: int | str | None = None, prefix: str = "") -> str:
    """A document number (发文字号) as GB/T 9704 writes it: ``环函〔2018〕12号``.

    ``value`` is either a whole number in any bracket style (``环函[2018]12号`` is normalised)
    or a year or date, with ``number`` and ``prefix`` given: ``{{ date|doc_number(12, "环函") }}``.
    """
    if number is None:
        match = _DOCNUM.match(str(value))
        if match is None:
            raise ValueError(f"not a document number: {value!r}")
        prefix, year, number = match["prefix"], match["year"], match["number"]
    elif isinstance(value, int):
        year = value
    else:
        text = str(value).strip()
        day = to_date(text) if len(text) > 4 else None
        year = day.year if day else int(text)
    return f"{prefix}〔{year}〕{int(number)}号"


def short_name(value: Any) -> str:
    """A division's short name, as the gazetteer gives it: ``晋城市`` → ``晋城``,
    ``延边朝鲜族自治州`` → ``延边``; a city (anything with a ``code``) by its code.

    Names whose stem would be one character keep their suffix (``城区``, ``矿区``); a name the
    gazetteer does not know is returned as it is.
    """
    from ..gazetteer import load_gazetteer

    gaz = load_gazetteer()
    code = getattr(value, "code", None)
    if code and gaz.by_code(str(code)) is not None:
        return gaz.short_name(str(code))
    name = str(getattr(value, "name", value) or "").strip()
    shorts = {gaz.short_name(d.code) for d in gaz.lookup(name) if d.name == name}
    return shorts.pop() if len(shorts) == 1 else name


FILTERS: dict[str, Callable[..., str]] = {
    "cn_date": cn_date,
    "en_date": en_date,
    "cn_number": cn_number,
    "number": number,
    "percent": percent,
    "doc_number": doc_number,
    "short_name": short_name,
}
