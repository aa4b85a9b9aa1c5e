"""Fuzzing extraction and letters (bounded, derandomised so CI is stable): whatever text a clerk
pastes — huge numbers before a time limit or a unit, notice fragments repeated, lone surrogates,
mixed scripts, NUL and control characters — ``notices.extract`` gives a record whose spans lie in
the text and say what the record says, or a coded error; and the letter rendered from it opens.

Run with ``-s`` to see how many examples ran and the slowest input's CPU time."""
from __future__ import annotations

import time

import docx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import notices
from notices.errors import NoticesError
from notices.letters import render_letters
from notices.text import replace_surrogates

FUZZ = settings(max_examples=200, deadline=None, derandomize=True, database=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
LETTERS = settings(FUZZ, max_examples=60)

ZH_FRAGMENTS = ["2018年5月3日，", "生态环境部约谈", "晋城市", "邯郸市人民政府：", "市长刘峰", "副市长",
                "有限公司", "某公司", "罚款", "万元", "吨", "个工作日内", "日内", "个月内", "同比上升",
                "PM2.5浓度", "%", "（", "）", "。", "，", "\n", "一", "二十", "百", "责令停产",
                "〔2018〕1号", "新华社北京5月3日电", "年底前", "第三季度"]
EN_FRAGMENTS = ["On 3 May 2018, ", "the Ministry of Ecology and Environment ", "met ", "Jincheng ",
                "Mayor Liu Feng ", "Co., Ltd. ", "fined ", "100,000 yuan ", "tons ", "within ",
                "working days ", "by the end of the year ", "(", ")", ". ", ", ", "\n", "percent ",
                "ordered to halt production ", "Beijing, Tianjin and surrounding areas "]
UNITS = ["个工作日内", "日内", "天内", "个月内", "万元", "元", "吨", "%", "微克/立方米",
         " working days", " days", " months", " yuan", " tons", " percent"]
ODD = ["\ud800", "\udfff", "\udc80", "\x00", "\x07", "\x0b", "\x1f", "\u200b", "\ufeff", "\u00ad",
       "\r", "\t", "\u3000", "\uffff", "\U0001f600", "Ä", "é", "б", "ㄱ", "ا"]

huge_number = st.builds(lambda digits, unit, lead: lead + digits + unit,
                        st.text(alphabet="0123456789", min_size=20, max_size=500).map(lambda d: "1" + d),
                        st.sampled_from(UNITS), st.sampled_from(["", "要求在", "within ", "罚款", "排放"]))
cn_huge_number = st.builds(lambda n, unit: n + unit,
                           st.text(alphabet="零一二两三四五六七八九十百千万亿", min_size=1, max_size=80),
                           st.sampled_from(UNITS[:8]))
repeated = st.builds(lambda frag, n: frag * n, st.sampled_from(ZH_FRAGMENTS + EN_FRAGMENTS),
                     st.integers(1, 300))
piece = st.one_of(
    st.sampled_from(ZH_FRAGMENTS), st.sampled_from(EN_FRAGMENTS), st.sampled_from(ODD),
    huge_number, cn_huge_number, repeated,
    st.text(alphabet=st.characters(codec="utf-8"), max_size=20),
    st.text(alphabet=st.characters(min_codepoint=0, max_codepoint=0x3fff), max_size=20),
)
notice_text = st.lists(piece, min_size=1, max_size=12).map("".join)

STATS: dict[str, list[float]] = {}


def _extract_timed(name: str, text: str, lang: str | None = None):
    start = time.process_time()
    try:
        return notices.extract(text, lang=lang)
    finally:
        STATS.setdefault(name, []).append(time.process_time() - start)


@pytest.fixture(scope="module", autouse=True)
def _report():
    notices.extract("生态环境部约谈晋城市政府。", lang="zh")  # build the pipelines before timing
    notices.extract("The ministry met officials of Jincheng.", lang="en")
    yield
    for name, times in STATS.items():
        print(f"\n{name}: {len(times)} examples, slowest {max(times):.3f} s CPU, "
              f"total {sum(times):.1f} s")


def _check_spans(record, text: str) -> None:
    """Every span lies in the text, and where the record repeats the text, says the same."""
    text, _ = replace_surrogates(text)

    def inside(span):
        assert span is not None and 0 <= span[0] < span[1] <= len(text), span

    for city in record.cities:
        for span in city.spans:
            inside(span)
    for item in (*record.officials, *record.companies):
        if item.span is not None:
            inside(item.span)
            assert text[item.span[0]:item.span[1]] == item.name
    for item in (*record.figures, *record.deadlines, *record.sanctions):
        if item.span is not None:
            inside(item.span)
            assert text[item.span[0]:item.span[1]] == item.text
    for value in (record.title or "", *record.warnings):
        value.encode("utf-8")  # no lone surrogate reaches the record


@FUZZ
@given(text=notice_text)
def test_any_pasted_text_gives_a_record_with_true_spans_or_a_coded_error(text):
    try:
        record = _extract_timed("extract (detected language)", text)
    except NoticesError:
        return
    assert record.ok and record.lang in ("zh", "en")
    _check_spans(record, text)


@pytest.mark.parametrize("lang", ["zh", "en"])
@FUZZ
@given(text=notice_text)
def test_any_text_read_in_either_language_gives_true_spans(lang, text):
    try:
        record = _extract_timed(f"extract lang={lang}", text, lang)
    except NoticesError:
        return
    _check_spans(record, text)


@LETTERS
@given(text=notice_text, lang=st.sampled_from(["zh", "en"]))
def test_the_letter_of_any_extracted_record_opens(tmp_path_factory, text, lang):
    subject = "2018年5月3日，生态环境部约谈晋城市人民政府主要负责人。" if lang == "zh" else \
        "On 3 May 2018, the Ministry of Ecology and Environment met the mayor of Jincheng. "
    record = _extract_timed(f"letters lang={lang}", subject + text, lang)
    template = "interview-notice" if lang == "zh" else "interview-notice-en"
    out = tmp_path_factory.mktemp("letters")
    try:
        results = render_letters([record], template, out)
    except NoticesError:
        return
    for result in results:
        if result.path is not None and result.ok:
            docx.Document(result.path)
