"""Working days: mainland holidays, make-up working days (调休), uncovered years, user files."""
from __future__ import annotations

import importlib.util
import sys
from datetime import date, timedelta
from pathlib import Path

import chinese_calendar
import pytest

from notices.errors import DataError
from notices.resources import data_path
from notices.workdays import (
    HolidayCalendar,
    add_working_days,
    default_calendar,
    load_calendar,
)

ROOT = Path(__file__).resolve().parents[1]
HEADER = "date\ttype\tname\n"


def _script(name: str):
    path = ROOT / "scripts" / f"{name}.py"
    spec = importlib.util.spec_from_file_location(f"_script_{name}", path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def fresh_default(monkeypatch, tmp_path):
    """default_calendar() with no user files unless a test adds them."""
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.delenv("NOTICES_HOLIDAYS", raising=False)
    default_calendar.cache_clear()
    yield
    default_calendar.cache_clear()


@pytest.mark.parametrize(
    ("start", "n", "due"),
    [
        # the 约谈 of 晋城/邯郸/阳泉: no holiday in May 2018 after Labour Day
        (date(2018, 5, 3), 20, date(2018, 5, 31)),
        # National Day 2019: Sun 29 Sep and Sat 12 Oct were worked, 1-7 Oct off
        (date(2019, 9, 27), 1, date(2019, 9, 29)),
        (date(2019, 9, 27), 2, date(2019, 9, 30)),
        (date(2019, 9, 27), 3, date(2019, 10, 8)),
        (date(2019, 9, 27), 5, date(2019, 10, 10)),
        (date(2019, 9, 27), 7, date(2019, 10, 12)),
        (date(2019, 9, 27), 8, date(2019, 10, 14)),
        # Spring Festival 2024: 10-17 Feb off, Sun 4 Feb and Sat 18 Feb worked
        (date(2024, 2, 2), 1, date(2024, 2, 4)),
        (date(2024, 2, 8), 1, date(2024, 2, 9)),
        (date(2024, 2, 8), 2, date(2024, 2, 18)),
        (date(2024, 2, 8), 3, date(2024, 2, 19)),
        # the start day is never counted, even a working day; zero days is the start itself
        (date(2019, 10, 8), 1, date(2019, 10, 9)),
        (date(2019, 10, 1), 0, date(2019, 10, 1)),
        # counting back
        (date(2019, 10, 10), -5, date(2019, 9, 27)),
    ],
)
def test_add_working_days(fresh_default, start, n, due):
    assert add_working_days(start, n) == (due, [])


@pytest.mark.parametrize("year", range(2004, 2027))
def test_calendar_agrees_with_chinese_calendar(fresh_default, year):
    cal = default_calendar()
    assert cal.covers(year)
    day = date(year, 1, 1)
    while day.year == year:
        assert cal.is_workday(day) == chinese_calendar.is_workday(day), day
        day += timedelta(days=1)


@pytest.mark.parametrize(
    ("start", "n", "due", "years"),
    [
        (date(2031, 1, 1), 5, date(2031, 1, 8), [2031]),
        # Friday 1 Jan 2027 is 元旦 though 2027 has no table yet
        (date(2026, 12, 30), 5, date(2027, 1, 7), [2027]),
        (date(2026, 12, 20), 10, date(2027, 1, 4), [2027]),
        (date(2031, 4, 29), 2, date(2031, 5, 2), [2031]),  # Thursday 1 May 2031: 劳动节
        (date(2031, 9, 30), 1, date(2031, 10, 2), [2031]),  # Wednesday 1 Oct 2031: 国庆节
        (date(2003, 12, 30), 3, date(2004, 1, 5), [2003]),  # 1 Jan 2004 is a holiday again
    ],
)
def test_uncovered_years_warn_and_count_weekdays_less_fixed_holidays(fresh_default, start, n, due, years):
    got, warnings = add_working_days(start, n)
    assert got == due
    assert warnings == [
        f"no holiday table for {y}; working days counted as Monday to Friday, "
        "with only 元旦 (1 Jan), 劳动节 (1 May), 国庆节 (1 Oct) off" for y in years
    ]


def test_a_table_decides_over_the_fixed_holidays(fresh_default):
    cal = load_calendar([], include_shipped=True)
    assert not cal.is_workday(date(2026, 1, 1)) and cal.is_workday(date(2026, 1, 5))
    assert not cal.is_workday(date(2027, 1, 1)) and not cal.is_workday(date(2032, 10, 1))
    assert cal.is_workday(date(2032, 10, 4))  # other October days: no guess


def test_covered_years(fresh_default):
    cal = default_calendar()
    assert cal.years() == range(2004, 2027)
    assert not cal.covers(2003) and not cal.covers(2027)


@pytest.mark.parametrize(
    ("rows", "start", "n", "due"),
    [
        # a local holiday on Thursday 10 May 2018 pushes the deadline one day
        ("2018-05-10\tholiday\tlocal holiday\n", date(2018, 5, 3), 20, date(2018, 6, 1)),
        # a user row overrides the shipped one: 7 Oct 2019 made a working day
        ("2019-10-07\tworkday\t\n", date(2019, 9, 30), 1, date(2019, 10, 7)),
        # a whole new year: 2031's schedule gives 2 January off as well
        ("2031-01-02\tholiday\tNew Year's Day\n", date(2030, 12, 31), 1, date(2031, 1, 3)),
    ],
)
def test_user_file_changes_the_answer(tmp_path, rows, start, n, due):
    user = tmp_path / "holidays.tsv"
    user.write_text(HEADER + rows, encoding="utf-8")
    assert add_working_days(start, n, load_calendar([user]))[0] == due
    assert add_working_days(start, n, load_calendar([]))[0] != due


@pytest.mark.parametrize("where", ["env", "config"])
def test_default_calendar_reads_user_files(fresh_default, monkeypatch, tmp_path, where):
    rows = HEADER + "# our city's own day off\n2018-05-10\tholiday\tlocal\n"
    if where == "env":
        user = tmp_path / "mine.tsv"
        monkeypatch.setenv("NOTICES_HOLIDAYS", str(user))
    else:
        user = tmp_path / "home" / ".config" / "notices" / "holidays.tsv"
        user.parent.mkdir(parents=True)
    user.write_text(rows, encoding="utf-8")
    assert add_working_days(date(2018, 5, 3), 20) == (date(2018, 6, 1), [])


def test_a_user_file_covers_its_year(tmp_path):
    user = tmp_path / "2031.tsv"
    user.write_text(HEADER + "2031-01-01\tholiday\tNew Year's Day\n", encoding="utf-8")
    due, warnings = add_working_days(date(2030, 12, 31), 1, load_calendar([user]))
    assert (due, warnings) == (date(2031, 1, 2), [])


@pytest.mark.parametrize(
    ("text", "line"),
    [
        (HEADER + "2018-05-32\tholiday\tx\n", 2),
        (HEADER + "2018-05-10\tday off\tx\n", 2),
        (HEADER + "2018-05-10 holiday x\n", 2),
        (HEADER + "2018-05-09\tholiday\tok\n2018/05/10\tholiday\tx\n", 3),
        ("2018-05-10\tholiday\tx\n", 1),
        (HEADER + "2018-05-10\tholiday\tx\textra\n", 2),
    ],
)
def test_malformed_user_file_names_file_and_line(tmp_path, text, line):
    bad = tmp_path / "bad-holidays.tsv"
    bad.write_text(text, encoding="utf-8")
    with pytest.raises(DataError) as info:
        load_calendar([bad])
    message = str(info.value)
    assert str(bad) in message and f"line {line}:" in message
    assert info.value.code == "E201"


def test_malformed_file_in_env_raises_from_default_calendar(fresh_default, monkeypatch, tmp_path):
    bad = tmp_path / "bad.tsv"
    bad.write_text(HEADER + "tomorrow\tholiday\t\n", encoding="utf-8")
    monkeypatch.setenv("NOTICES_HOLIDAYS", str(bad))
    with pytest.raises(DataError, match="bad.tsv"):
        default_calendar()


def test_missing_file_named_in_env_raises(fresh_default, monkeypatch, tmp_path):
    monkeypatch.setenv("NOTICES_HOLIDAYS", str(tmp_path / "missing.tsv"))
    with pytest.raises(DataError, match="missing.tsv"):
        default_calendar()


@pytest.mark.parametrize(
    ("day", "workday"),
    [
        (date(2024, 2, 3), False),  # an ordinary Saturday
        (date(2024, 2, 4), True),  # a make-up Sunday
        (date(2024, 2, 12), False),  # a Monday in the Spring Festival holiday
        (date(2024, 2, 19), True),  # an ordinary Monday
    ],
)
def test_is_workday_with_an_explicit_calendar(day, workday):
    assert load_calendar([]).is_workday(day) is workday
    assert HolidayCalendar([]).is_workday(day) is (day.weekday() < 5)


def test_holidays_file_is_regenerated_exactly():
    builder = _script("build_holidays")
    assert builder.holidays_tsv() == data_path("holidays.tsv").read_text(encoding="utf-8")
