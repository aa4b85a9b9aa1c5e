"""English month names, the one table every module reads (extraction, readers, letters)."""
from __future__ import annotations

import calendar

#: January … December
MONTH_NAMES = tuple(calendar.month_name[1:])

#: "january", "jan", "sept" … → 1 … 12
MONTH_NUMBERS: dict[str, int] = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
MONTH_NUMBERS.update({name.lower(): i for i, name in enumerate(calendar.month_abbr) if name})
MONTH_NUMBERS["sept"] = 9


def month_number(word: str) -> int | None:
    """``May``, ``Sept.``, ``december`` → 5, 9, 12; None when it is no month."""
    key = word.lower().rstrip(".")
    return MONTH_NUMBERS.get(key) or MONTH_NUMBERS.get(key[:3])
