"""Dates as web pages and file metadata write them, to ISO."""
from __future__ import annotations

import datetime as _dt
import re

_ISO_ISH = re.compile(r"((?:19|20)\d\d)\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})")
_COMPACT = re.compile(r"(?<!\d)((?:19|20)\d\d)(\d\d)(\d\d)(?!\d)")
from ..months import month_number

_EN_DATE = re.compile(
    r"\b(?:(\d{1,2})\s+)?(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+"
    r"(?:(\d{1,2}),?\s+)?((?:19|20)\d\d)\b", re.I)


def _iso(year: str | int, month: str | int, day: str | int) -> str | None:
    try:
        return _dt.date(int(year), int(month), int(day)).isoformat()
    except ValueError:
        return None


def parse_date(value: str) -> str | None:
    """An ISO date from the forms pages use: ``2018-05-03``, ``2018年5月3日``, ``20180503``,
    ``May 3, 2018``, ``3 May 2018``, ``2018-05-03T10:00:00+08:00``. None when there is none."""
    m = _ISO_ISH.search(value)
    if m:
        return _iso(*m.groups())
    m = _EN_DATE.search(value)
    if m:
        day = m.group(1) or m.group(3)
        if day:
            return _iso(m.group(4), month_number(m.group(2)), day)
    m = _COMPACT.search(value)
    if m:
        return _iso(*m.groups())
    return None

