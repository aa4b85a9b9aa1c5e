"""Pinyin for people and places: surname readings, compound surnames, apostrophes."""
from __future__ import annotations

import csv
import subprocess
import sys

import pytest

from notices.pinyin import (
    is_surname_start,
    join_syllables,
    person_name_en,
    place_pinyin,
    surname_table,
    surnames,
)
from notices.resources import data_path


@pytest.mark.parametrize(
    ("name", "english"),
    [
        ("刘峰", "Liu Feng"),
        ("王立彤", "Wang Litong"),
        ("欧阳明", "Ouyang Ming"),
        ("单雪", "Shan Xue"),
        ("劉峰", "Liu Feng"),
        ("歐陽明", "Ouyang Ming"),
        ("陳立", "Chen Li"),
        ("王西安", "Wang Xi'an"),
        ("张海鸥", "Zhang Hai'ou"),
        ("曾国藩", "Zeng Guofan"),
        ("翟志刚", "Zhai Zhigang"),
        ("解振华", "Xie Zhenhua"),
        ("仇和", "Qiu He"),
        ("朴明", "Piao Ming"),
        ("区伟", "Ou Wei"),
        ("查良镛", "Zha Liangyong"),
        ("盖伟", "Ge Wei"),
        ("乐平", "Yue Ping"),
        ("缪斌", "Miao Bin"),
        ("覃军", "Qin Jun"),
        ("华明", "Hua Ming"),
        ("任强", "Ren Qiang"),
        ("沈涛", "Shen Tao"),
        ("石磊", "Shi Lei"),
        ("朝晖", "Chao Hui"),
        ("种明", "Chong Ming"),
        ("尉迟明", "Yuchi Ming"),
        ("长孙明", "Zhangsun Ming"),
        ("司马光", "Sima Guang"),
        ("诸葛亮", "Zhuge Liang"),
        ("上官婉儿", "Shangguan Wan'er"),
        ("吕伟", "Lü Wei"),
        ("王", "Wang"),
        (" 刘 峰 ", "Liu Feng"),
        ("", ""),
    ],
)
def test_person_name_en(name, english):
    assert person_name_en(name) == english


@pytest.mark.parametrize(
    ("text", "length"),
    [
        ("欧阳明说", 2),
        ("歐陽明", 2),
        ("司马光", 2),
        ("尉迟敬德", 2),
        ("王立彤", 1),
        ("劉峰", 1),
        ("单雪", 1),
        ("的确", 0),
        ("我们", 0),
        ("", 0),
        ("A股", 0),
    ],
)
def test_is_surname_start(text, length):
    assert is_surname_start(text) == length


def _surname_rows():
    with data_path("surnames.tsv").open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE))


def test_at_least_300_single_surnames_and_the_compound_ones():
    names = surnames()
    assert sum(len(s) == 1 for s in names) >= 300
    for compound in ("欧阳", "司马", "上官", "诸葛", "司徒", "东方", "皇甫", "夏侯", "令狐",
                     "慕容", "尉迟", "长孙", "宇文", "公孙", "端木"):
        assert compound in names


def test_surname_rows_are_unique_and_well_formed():
    rows = _surname_rows()
    assert len({r["surname"] for r in rows}) == len(rows)
    for row in rows:
        assert 1 <= len(row["surname"]) <= 2
        reading = row["pinyin"]
        assert reading == reading.capitalize() and reading.isalpha(), row


def test_traditional_forms_are_the_same_surnames():
    from opencc import OpenCC

    to_simplified = OpenCC("t2s")
    for row in _surname_rows():
        for form in row["traditional"].split():
            assert form != row["surname"]
            assert to_simplified.convert(form) == row["surname"], row
    assert surname_table()["劉"].surname == "刘"


@pytest.mark.parametrize(
    ("name", "pinyin"),
    [
        ("晋城", "Jincheng"),
        ("西安", "Xi'an"),
        ("延安", "Yan'an"),
        ("六安", "Lu'an"),
        ("蚌埠", "Bengbu"),
        ("长治", "Changzhi"),
        ("长子", "Zhangzi"),
        ("东阿", "Dong'e"),
        ("乐清", "Yueqing"),
        ("重庆", "Chongqing"),
        ("成都", "Chengdu"),
        ("陕西", "Shaanxi"),
        ("吕梁", "Lüliang"),
    ],
)
def test_place_pinyin(name, pinyin):
    assert place_pinyin(name) == pinyin


@pytest.mark.parametrize(
    ("parts", "word"),
    [
        (["xi", "an"], "Xi'an"),
        (["hai", "ou"], "Hai'ou"),
        (["tian", "e"], "Tian'e"),
        (["an", "hui"], "Anhui"),
        (["jin", "cheng"], "Jincheng"),
        (["Li", "TONG"], "Litong"),
        ([], ""),
    ],
)
def test_join_syllables(parts, word):
    assert join_syllables(parts) == word


def test_importing_notices_pinyin_does_not_import_pypinyin():
    code = "import sys, notices.pinyin; print('pypinyin' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
