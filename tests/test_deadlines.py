"""Due dates and deadline wording: one function each, the same for extraction, letters and the page."""
from __future__ import annotations

import datetime as dt

import pytest

from notices.deadlines import add_months, due_date, written


@pytest.mark.parametrize(("start", "amount", "unit", "due"), [
    ("2018-05-03", 20, "working_day", "2018-05-31"),   # 劳动节 is over: 20 working days
    ("2018-05-03", 15, "day", "2018-05-18"),
    ("2018-01-31", 1, "month", "2018-02-28"),          # no 31 February: the month's last day
    ("2019-12-31", 2, "month", "2020-02-29"),
])
def test_a_due_date_is_counted_from_the_start(start, amount, unit, due):
    assert due_date(dt.date.fromisoformat(start), amount, unit)[0].isoformat() == due


def test_the_page_counts_a_deadline_as_the_extractor_does(extract):
    from notices.web.form import _due

    record = extract("2018年5月3日，生态环境部约谈晋城市，要求20个工作日内整改。")
    deadline = record.deadlines[0]
    assert _due(deadline.amount, deadline.unit, record.date) == deadline.due == "2018-05-31"


@pytest.mark.parametrize(("amount", "unit", "lang", "text"), [
    (20, "working_day", "zh", "20个工作日内"),
    (20.0, "working_day", "en", "within 20 working days"),
    (3, "month", "zh", "3个月内"),
    (None, "day", "zh", None),
    (5, "date", "zh", None),
])
def test_a_limit_is_written_as_a_notice_writes_it(amount, unit, lang, text):
    assert written(amount, unit, lang) == text


def test_add_months_keeps_the_day_where_it_can():
    assert add_months(dt.date(2018, 5, 3), 12) == dt.date(2019, 5, 3)
