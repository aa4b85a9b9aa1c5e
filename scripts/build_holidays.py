"""Generate ``notices/data/holidays.tsv``: mainland public holidays and make-up working days.

Source: the ``holidays`` and ``workdays`` tables of the ``chinese_calendar`` package (the State
Council's yearly schedules from 2004 on). A ``holiday`` row is a day off (weekends inside a
holiday period included); a ``workday`` row is a weekend day worked in exchange (调休).

Usage: ``python scripts/build_holidays.py`` rewrites the file; ``--check`` only compares.
``tests/test_workdays.py`` checks that the committed file is what this script produces.
"""
from __future__ import annotations

import io
import sys
from pathlib import Path

if __package__ is None and __name__ == "__main__":  # run as a file from a checkout
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from notices.resources import data_path  # noqa: E402

COLUMNS = ("date", "type", "name")


def holidays_tsv() -> str:
    """The text of ``notices/data/holidays.tsv`` as the installed chinese_calendar gives it."""
    import chinese_calendar

    rows = [(day, "holiday", name) for day, name in chinese_calendar.holidays.items()]
    rows += [(day, "workday", name) for day, name in chinese_calendar.workdays.items()]
    buf = io.StringIO()
    buf.write("\t".join(COLUMNS) + "\n")
    for day, kind, name in sorted(rows):
        buf.write(f"{day.isoformat()}\t{kind}\t{name}\n")
    return buf.getvalue()


def main(argv: list[str] | None = None) -> int:
    from _generate import write_or_check

    text = holidays_tsv()
    return write_or_check(data_path("holidays.tsv"), text, f"{text.count(chr(10)) - 1} days", argv)


if __name__ == "__main__":
    raise SystemExit(main())
