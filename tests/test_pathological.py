"""Linear time on any text (issue 14): a paste of 10,000-20,000 characters of one repeated
fragment — brackets, numerals, 公司, 约谈, dates on one line, deadlines, officials, fines — is
extracted in well under a second, and a record comes back. Each case here once took from 0.5 s to
minutes (a scan restarted at every position, or searched to the end of the text for every
match). The bound is generous (3 s of CPU time) so a loaded CI box stays green; the real times are
in ``benchmarks/bench_pathological.py``."""
from __future__ import annotations

import time

import pytest

import notices
from notices.record import Record

LIMIT_S = 3.0

PATHOLOGICAL = [
    # (id, text, language the text must be read as)
    ("zh-open-brackets-then-city", "（" * 10000 + "晋城市", "zh"),
    ("zh-open-brackets-20k", "（" * 20000 + "晋城市", "zh"),
    ("zh-numeral-one", "一" * 10000, "zh"),
    ("zh-numeral-hundred", "百" * 15000, "zh"),
    ("zh-numerals-mixed", "二十三" * 5000, "zh"),
    ("zh-company-word", "公司" * 5000, "zh"),
    ("zh-limited-company", "有限公司" * 3000, "zh"),
    ("zh-anonymous-company", "晋城市某公司" * 2500, "zh"),
    ("zh-interview", "约谈" * 5000, "zh"),
    ("zh-dates-one-line", "2018年5月3日" * 1500, "zh"),
    ("zh-dates-many-lines", "2018年5月3日\n" * 1500, "zh"),
    ("dates-dashed", "2018-05-03 " * 1500, None),
    ("zh-working-days", "20个工作日内" * 2000, "zh"),
    ("zh-months", "3个月内" * 3000, "zh"),
    ("zh-days", "5日内" * 4000, "zh"),
    ("zh-huge-number-working-days", "1" + "0" * 400 + "个工作日内", "zh"),
    ("zh-mayor", "晋城市市长" * 3000, "zh"),
    ("zh-mayor-named", "市长刘峰" * 3000, "zh"),
    ("zh-bureau", "晋城市生态环境局" * 2000, "zh"),
    ("zh-venue", "在郑州约谈" * 3000, "zh"),
    ("zh-fine", "罚款10万元" * 2500, "zh"),
    ("zh-fine-word", "罚款" * 5000, "zh"),
    ("zh-ten-thousand-yuan", "1万元" * 4000, "zh"),
    ("zh-tons", "3吨" * 6000, "zh"),
    ("zh-concentration", "PM2.5浓度同比上升10%" * 1000, "zh"),
    ("zh-sentences", "生态环境部约谈晋城市政府主要负责人。" * 800, "zh"),
    ("zh-one-sentence", "生态环境部约谈晋城市政府主要负责人" * 800, "zh"),
    ("digits", "1" * 15000, None),
    ("digits-spaced", "12 " * 5000, None),
    ("percent-signs", "%" * 15000, None),
    ("percentages", "5%" * 7000, None),
    ("en-open-parens", "(" * 10000, "en"),
    ("en-open-parens-then-city", "(" * 10000 + " Jincheng", "en"),
    ("en-company-word", "Company " * 2000, "en"),
    ("en-working-days", "within 20 working days " * 800, "en"),
    ("en-huge-number-working-days", "within 1" + "0" * 400 + " working days", "en"),
    ("en-dates", "3 May 2018 " * 1500, "en"),
    ("en-city-list", "Beijing, Tianjin and " * 800, "en"),
    ("en-fined-no-amount", "fined " * 2500, "en"),
    ("en-fine-of-no-amount", "fine of " * 2000, "en"),
    ("en-ordered-no-halt", "ordered " * 2000, "en"),
    ("en-imposed-fine", "imposed a fine " * 1000, "en"),
    ("en-fined-yuan", "fined 100,000 yuan " * 800, "en"),
    ("en-mayor-named", "Mayor Liu Feng " * 1000, "en"),
    ("en-dots", "." * 15000, "en"),
]


@pytest.fixture(scope="module", autouse=True)
def _pipelines_built():
    notices.extract("生态环境部约谈晋城市政府。", lang="zh")
    notices.extract("The ministry met officials of Jincheng.", lang="en")


@pytest.mark.parametrize("text,lang", [pytest.param(t, lang, id=i) for i, t, lang in PATHOLOGICAL])
def test_a_pathological_repeat_is_extracted_well_under_the_limit(text, lang):
    start = time.process_time()
    record = notices.extract(text)
    took = time.process_time() - start
    assert isinstance(record, Record) and record.ok
    if lang is not None:
        assert record.lang == lang
    assert took < LIMIT_S, f"{len(text):,} characters took {took:.2f} s"


@pytest.mark.parametrize("text", [
    "要求在1" + "0" * 400 + "个工作日内整改",
    "要求在1" + "0" * 400 + "日内整改",
    "要求在1" + "0" * 60 + "个月内整改",
    "ordered to rectify within 1" + "0" * 400 + " working days",
])
def test_a_huge_number_before_a_time_limit_is_left_out_with_a_warning(text):
    record = notices.extract(text)
    assert record.deadlines == []
    assert any("out of range" in w for w in record.warnings)
