"""Deadlines: the one place where a time limit's due date is counted and its wording made.

Extraction (``notices_deadlines``), the letters and the clerks' page all call these, so a
deadline counted on the page is the date the extractor would give and the letter states.
"""
from __future__ import annotations

import calendar
import datetime as dt

UNITS = ("working_day", "day", "month", "date")

# How a relative limit is written, by language and unit ({n} is the amount).
_WRITTEN = {
    ("zh", "working_day"): "{n}个工作日内", ("zh", "day"): "{n}日内", ("zh", "month"): "{n}个月内",
    ("en", "working_day"): "within {n} working days", ("en", "day"): "within {n} days",
    ("en", "month"): "within {n} months",
}


def add_months(start: dt.date, n: int) -> dt.date:
    """The same day ``n`` months on (the month's last day where it has fewer days)."""
    month = start.month - 1 + n
    year = start.year + month // 12
    month = month % 12 + 1
    return dt.date(year, month, min(start.day, calendar.monthrange(year, month)[1]))


def due_date(start: dt.date, amount: int, unit: str) -> tuple[dt.date, list[str]]:
    """The due date of ``amount`` working days, days or months from ``start``, with the
    warnings of the count (a year the holiday table does not cover)."""
    if unit == "working_day":
        from .workdays import add_working_days

        return add_working_days(start, amount)
    if unit == "day":
        return start + dt.timedelta(days=amount), []
    if unit == "month":
        return add_months(start, amount), []
    raise ValueError(f"a relative deadline's unit is working_day, day or month, not {unit!r}")


def written(amount: float | int | None, unit: str, lang: str) -> str | None:
    """A relative limit as a notice writes it: ``20个工作日内``, ``within 20 working days``."""
    pattern = _WRITTEN.get(("en" if lang == "en" else "zh", unit))
    if pattern is None or amount in (None, ""):
        return None
    value = float(amount)
    return pattern.format(n=int(value) if value.is_integer() else value)
