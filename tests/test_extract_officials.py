"""Officials in real-world shapes: every surname, names without a known surname, lists of
names after one post, English posts around the name; bylines and legal representatives are not
officials."""
from __future__ import annotations

import pytest

from notices.pinyin import surname_table


@pytest.mark.parametrize("surname", ["吉", "甄", "迟", "丘", "帅", "漆", "卿", "茹"])
def test_every_common_single_surname_is_known(surname):
    assert surname in surname_table()


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("当地县委书记吉晓峰表示将立即整改。", "吉晓峰"),
        ("该市副市长甄国栋出席会议。", "甄国栋"),
        ("市生态环境局局长迟海涛通报了督察情况。", "迟海涛"),
    ],
)
def test_officials_with_surnames_the_old_table_lacked(extract, text, name):
    assert [o.name for o in extract(text, lang="zh").officials] == [name]


@pytest.mark.parametrize(
    "text",
    [
        "会上，分管副局长介绍了整改进展。",  # 介 is a rare surname but here a verb
        "督察组组长及企业负责人参加会议。",  # 及 opens no name
        "县政府主任考察江边企业。",
    ],
)
def test_rare_surnames_that_are_common_characters_open_no_name(extract, text):
    assert extract(text, lang="zh").officials == []


@pytest.mark.parametrize(
    ("text", "names"),
    [
        # a verb right after a two-character name is no part of it
        ("10月8日，省生态环境厅厅长王强深入企业调研。", ["王强"]),
        ("市生态环境局副局长陈东公开约谈三县负责人。", ["陈东"]),
        # several names after one post
        ("省生态环境厅监察专员张明远、刘国华陪同调研。", ["张明远", "刘国华"]),
        # a name without a Han surname, between its post and a comma
        ("旗委常委、政法委书记巴特尔图,旗人民政府副旗长王海陪同。", ["巴特尔图", "王海"]),
        # the name between its body and its post
        ("泾阳县王建新县长在会上表态。", ["王建新"]),
        ("江西省生态环境厅周志明厅长出席会议。", ["周志明"]),
    ],
)
def test_official_names_in_lists_and_without_known_surname(extract, text, names):
    assert [o.name for o in extract(text, lang="zh").officials] == names


@pytest.mark.parametrize(
    "text",
    [
        "法定代表人：陈立新\n经查，该公司超标排放废水。",  # a party's legal representative
        "市环保局相关负责人介绍了整改情况。",
    ],
)
def test_not_officials_in_penalty_decisions_and_reports(extract, text):
    assert extract(text, lang="zh").officials == []


def test_a_common_surname_opens_no_four_character_name(extract):
    officials = extract("副市长黄俊说，将立即整改。", lang="zh").officials
    assert [o.name for o in officials] == ["黄俊"]
