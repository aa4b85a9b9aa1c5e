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
    args = sys.argv[1:] if argv is None else argv
    target = data_path("holidays.tsv")
    text = holidays_tsv()
    if "--check" in args:
        same = target.exists() and target.read_text(encoding="utf-8") == text
        print(f"{target}: {'up to date' if same else 'out of date'}")
        return 0 if same else 1
    target.write_text(text, encoding="utf-8", newline="\n")
    print(f"wrote {target} ({text.count(chr(10)) - 1} days)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
