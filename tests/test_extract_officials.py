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
        "会议由分管副局长介绍了整改进展。",  # 介 is a rare surname but here a verb
        "督察组组长及企业负责人参加会议。",  # 及 opens no name
        "县政府主任考察江边企业。",
    ],
)
def test_rare_surnames_that_are_common_characters_open_no_name(extract, text):
    assert extract(text, lang="zh").officials == []
