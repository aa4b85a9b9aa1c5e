"""The filters clerks use in letter templates, and the context a record gives a letter."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from notices.letters import letter_contexts
from notices.letters.filters import (
    cn_date, cn_number, doc_number, en_date, number, percent, short_name,
)
from notices.letters.paths import Namer, safe_stem

DATA = Path(__file__).parent / "data" / "letters"


@pytest.mark.parametrize(("value", "expected"), [
    ("2018-05-03", "2018年5月3日"),
    ("2018-12-31", "2018年12月31日"),
    ("2018-05-03T10:05:00", "2018年5月3日"),
    (None, ""),
])
def test_cn_date_writes_arabic_numerals_without_leading_zeros(value, expected):
    assert cn_date(value) == expected


def test_en_date_writes_day_month_year():
    assert en_date("2018-05-03") == "3 May 2018"


def test_a_bad_date_is_a_clear_error():
    with pytest.raises(ValueError, match="not a date"):
        cn_date("May third")


@pytest.mark.parametrize(("value", "expected"), [
    (0, "零"), (3, "三"), (10, "十"), (12, "十二"), (20, "二十"), (105, "一百零五"),
    (110, "一百一十"), (1819, "一千八百一十九"), (2000, "二千"), (10000, "一万"),
    (100010, "十万零一十"), (120000, "十二万"), (1000000, "一百万"), (3.7, "三点七"),
    (20.0, "二十"), ("15", "十五"), (-2, "负二"),
])
def test_cn_number_writes_chinese_numerals(value, expected):
    assert cn_number(value) == expected


@pytest.mark.parametrize(("value", "digits", "expected"), [
    (3.7, None, "3.7%"), (10, None, "10%"), (10.0, None, "10%"), ("15%", None, "15%"),
    ("15％", None, "15%"), (15.678, 1, "15.7%"), (None, None, ""),
])
def test_percent_writes_the_value_with_a_percent_sign(value, digits, expected):
    assert percent(value, digits) == expected


def test_number_drops_trailing_zeros():
    assert (number(10.0), number(3.70), number(2.456, 2)) == ("10", "3.7", "2.46")


@pytest.mark.parametrize(("args", "expected"), [
    (("2018-05-03", 12, "环函"), "环函〔2018〕12号"),
    ((2018, 3), "〔2018〕3号"),
    (("环函[2018]12号",), "环函〔2018〕12号"),
    (("环办（2019）7号",), "环办〔2019〕7号"),
    (("环发 〔2020〕 1",), "环发〔2020〕1号"),
])
def test_doc_number_writes_the_gb_brackets(args, expected):
    assert doc_number(*args) == expected


def test_doc_number_rejects_text_that_is_not_one():
    with pytest.raises(ValueError, match="not a document number"):
        doc_number("第十二号")


@pytest.mark.parametrize(("name", "short"), [
    ("晋城市", "晋城"), ("邯郸市", "邯郸"), ("泽州县", "泽州"), ("高平市", "高平"),
    ("大兴安岭地区", "大兴安岭"), ("锡林郭勒盟", "锡林郭勒"), ("延边朝鲜族自治州", "延边"),
    ("恩施土家族苗族自治州", "恩施"), ("长阳土家族自治县", "长阳"), ("内蒙古自治区", "内蒙古"),
    ("城区", "城区"), ("矿区", "矿区"), ("Jincheng", "Jincheng"),
])
def test_short_name_drops_the_division_suffix(name, short):
    assert short_name(name) == short


@pytest.mark.parametrize(("value", "stem"), [
    ("晋城市", "晋城市"),
    ("../../etc/passwd", "etc_passwd"),
    ("a/b\\c", "a_b_c"),
    ("..", "letter"),
    ("", "letter"),
    (None, "letter"),
    ("CON", "_CON"),
    ("nul.txt", "_nul.txt"),
    ("x\x00y\n", "x_y"),
    ("  .hidden", "hidden"),
    ("a" * 200, "a" * 80),
])
def test_file_names_come_only_from_sanitised_values(value, stem):
    assert safe_stem(value) == stem


def test_the_namer_never_reuses_a_name(tmp_path):
    namer = Namer(tmp_path)
    paths = [namer.path("晋城市"), namer.path("晋城市"), namer.path("../晋城市")]
    assert [p.name for p in paths] == ["晋城市.docx", "晋城市-2.docx", "晋城市-3.docx"]
    assert all(p.parent == tmp_path.resolve() for p in paths)


# ------------------------------------------------------------------ context from records

def _record(name: str = "jincheng-zh") -> dict:
    return json.loads((DATA / f"{name}.jsonl").read_text(encoding="utf-8").splitlines()[0])


def test_one_context_per_subject_city_in_order():
    contexts = letter_contexts(_record())
    assert [c["city"] for c in contexts] == ["晋城市", "邯郸市", "阳泉市"]  # 高平市 is only mentioned


@pytest.mark.parametrize(("index", "field", "expected"), [
    (0, "addressee", "晋城市人民政府"),
    (0, "addressee_en", "People's Government of Jincheng"),
    (0, "city_short", "晋城"),
    (0, "cc", "山西省人民政府"),
    (0, "cc_en", "People's Government of Shanxi Province"),
    (1, "cc", "河北省人民政府"),
    (0, "authority", "生态环境部"),
    (0, "issuer", "生态环境部办公厅"),
    (0, "date", "2018-05-03"),
    (0, "doc_number", "〔2018〕1号"),
    (2, "doc_number", "〔2018〕3号"),
    (0, "sanctions", ["暂停三市新增大气污染物排放建设项目环评审批"]),
    (0, "deadline", {"text": "20个工作日内", "phrase": "在20个工作日内（2018年5月31日前）",
                     "amount": 20, "unit": "working_day", "due": "2018-05-31"}),
    (0, "officials", [{"name": "刘峰", "name_en": "Liu Feng", "title": "市长"}]),
    (0, "counts", [{"value": 1819, "unit": "个问题", "text": "各类环境问题1819个", "subject": "各类环境问题"}]),
    (1, "counts", []),
])
def test_context_fields_from_the_record(index, field, expected):
    assert letter_contexts(_record())[index][field] == expected


@pytest.mark.parametrize(("index", "expected"), [
    (0, [{"subject": "PM2.5平均浓度", "change": "下降", "unit": "%", "actual": 3.7, "target": 10,
          "actual_text": "3.7%", "target_text": "10%",
          "text": "PM2.5平均浓度同比下降3.7%，未完成下降10%的目标任务"}]),
    (1, [{"subject": "PM2.5平均浓度", "change": "下降", "unit": "%", "actual": 15.7, "target": 20,
          "actual_text": "15.7%", "target_text": "20%",
          "text": "PM2.5平均浓度同比下降15.7%，未完成下降20%的目标任务"}]),
    (2, [{"subject": "PM2.5平均浓度", "change": "", "unit": "%", "actual": None, "target": 15,
          "actual_text": "", "target_text": "15%", "text": "PM2.5平均浓度未完成下降15%的目标任务"}]),
])
def test_each_city_gets_its_own_figures_against_its_targets(index, expected):
    assert letter_contexts(_record())[index]["comparisons"] == expected


def test_letter_date_and_numbering_can_be_set():
    ctx = letter_contexts(_record(), date="2018-06-01", first_number=12, doc_prefix="环函")[0]
    assert (ctx["date"], ctx["doc_number"]) == ("2018-06-01", "环函〔2018〕12号")


def test_an_error_record_gives_no_letters():
    with pytest.raises(ValueError, match="error"):
        letter_contexts({"schema": "notices.record/1", "source": "x.pdf",
                         "error": {"type": "read_error", "message": "broken"}})
