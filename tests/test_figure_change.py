"""Which way a change figure moved, read from the words next to it, and what a clause that only
gives the change measures; letters then state the direction instead of asking the clerk."""
from __future__ import annotations

import docx
import pytest

from notices.letters import render_letters

LEAD = "2019年3月5日，生态环境部约谈周口市人民政府主要负责人。"


@pytest.mark.parametrize(
    ("sentence", "text", "change"),
    [
        ("1至2月，周口市PM2.5平均浓度同比上升9.2%。", "9.2%", "up"),
        ("周口市PM10平均浓度同比不降反升6.5%。", "6.5%", "up"),
        ("周口市优良天数比例同比下降了11.3个百分点。", "11.3个百分点", "down"),
        ("周口市PM2.5平均浓度降幅为2.1%。", "2.1%", "down"),
        ("周口市重污染天数同比增加约35%。", "35%", "up"),
        ("周口市PM2.5平均浓度降至61微克/立方米，占比为40%。", "40%", None),  # a share, no change
    ],
)
def test_the_change_of_a_chinese_figure(extract, sentence, text, change):
    figure = next(f for f in extract(LEAD + sentence).figures if f.text == text)
    assert figure.change == change


@pytest.mark.parametrize(
    ("sentence", "text", "change"),
    [
        ("PM2.5 density in Zhoukou rose by 9.2 percent year on year.", "9.2 percent", "up"),
        ("Zhoukou saw a 6.5 percent drop in PM10 density.", "6.5 percent", "down"),
        ("The share of good days in Zhoukou fell 11.3 percentage points.", "11.3 percentage points", "down"),
        ("Coal made up 40 percent of its energy use.", "40 percent", None),
    ],
)
def test_the_change_of_an_english_figure(extract, sentence, text, change):
    record = extract("BEIJING, March 5, 2019 -- The ministry summoned officials of Zhoukou. " + sentence,
                     lang="en")
    assert next(f for f in record.figures if f.text == text).change == change


def test_a_clause_giving_only_the_change_measures_what_the_figure_before_it_measures(extract):
    record = extract(LEAD + "1至2月，周口市PM2.5平均浓度为98微克/立方米，同比上升9.2%，排名全省倒数第一。")
    level, change = record.figures[0], record.figures[1]
    assert (level.text, level.subject) == ("98微克/立方米", "PM2.5平均浓度")
    assert (change.text, change.subject, change.change) == ("9.2%", "PM2.5平均浓度", "up")


def test_a_clause_of_its_own_does_not_take_the_subject_before_it(extract):
    record = extract(LEAD + "周口市PM2.5平均浓度为98微克/立方米，全市优良天数比例同比下降4.1个百分点。")
    points = next(f for f in record.figures if f.text == "4.1个百分点")
    assert points.subject != "PM2.5平均浓度"


def test_the_letter_states_the_direction_the_notice_gives(extract, tmp_path):
    record = extract(LEAD + "1至2月，周口市PM2.5平均浓度为98微克/立方米，同比不降反升9.2%，"
                     "与年度目标要求下降6%差距明显。")
    [result] = render_letters([record], "interview-notice", tmp_path)
    body = "\n".join(p.text for p in docx.Document(result.path).paragraphs)
    assert "PM2.5平均浓度同比上升9.2%，未完成下降6%的目标任务" in body
    assert "请填写" not in body and not any("下降或上升" in w for w in result.warnings)


@pytest.mark.parametrize(
    ("sentence", "changes"),
    [
        ("周口、商丘两市治污资金分别较上年减少12.5%和30.2%。", {"12.5%": "down", "30.2%": "down"}),
        ("周口市优良天数比例为61.3%，比去年同期低4.2个百分点。", {"61.3%": None, "4.2个百分点": "down"}),
    ],
)
def test_changes_in_lists_and_against_last_year(extract, sentence, changes):
    record = extract(LEAD + sentence)
    assert {f.text: f.change for f in record.figures if f.text in changes} == changes
