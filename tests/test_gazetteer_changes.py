"""The gazetteer follows the divisions as they changed: old codes on old dates, new codes after,
and what every changed division is now. The table below is read off the 民政部 lists in
scripts/sources/mca/ (a code in the list before the year and gone from the year's list, and its
successor new in it); a test checks that the lists still say so."""
from __future__ import annotations

import datetime as dt
import importlib.util
import sys
from pathlib import Path

import pytest

import notices
from notices.gazetteer import load_gazetteer
from notices.record import Current

ROOT = Path(__file__).resolve().parents[1]

# (year of the change, old code, old name, new code, new name)
CHANGES = [
    (2016, "120225", "蓟县", "120119", "蓟州区"),
    (2016, "130429", "永年县", "130408", "永年区"),
    (2016, "230833", "抚远县", "230883", "抚远市"),
    (2016, "310230", "崇明县", "310151", "崇明区"),
    (2016, "330283", "奉化市", "330213", "奉化区"),
    (2016, "360427", "星子县", "360483", "庐山市"),
    (2016, "411023", "许昌县", "411003", "建安区"),
    (2016, "500234", "开县", "500154", "开州区"),
    (2016, "510124", "郫县", "510117", "郫都区"),
    (2016, "512081", "简阳市", "510185", "简阳市"),
    (2016, "610125", "户县", "610118", "鄠邑区"),
    (2017, "330185", "临安市", "330112", "临安区"),
    (2017, "370282", "即墨市", "370215", "即墨区"),
    (2017, "520222", "盘县", "520281", "盘州市"),
    (2017, "542421", "那曲县", "540602", "色尼区"),
    (2018, "130223", "滦县", "130284", "滦州市"),
    (2018, "371626", "邹平县", "371681", "邹平市"),
    (2018, "511521", "宜宾县", "511504", "叙州区"),
    (2018, "610427", "彬县", "610482", "彬州市"),
    (2019, "140726", "太谷县", "140703", "太谷区"),
    (2019, "230713", "带岭区", "230725", "大箐山县"),
    (2019, "361121", "上饶县", "361104", "广信区"),
    (2019, "371523", "茌平县", "371503", "茌平区"),
    (2020, "370684", "蓬莱市", "370614", "蓬莱区"),
    (2021, "350427", "沙县", "350405", "沙县区"),
    (2021, "450127", "横县", "450181", "横州市"),
    (2021, "513425", "会理县", "513402", "会理市"),
]


def _builder():
    spec = importlib.util.spec_from_file_location("_script_build_gazetteer", ROOT / "scripts" / "build_gazetteer.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def gaz():
    return load_gazetteer()


@pytest.fixture(scope="module")
def lists():
    return _builder().read_lists()


def _codes(divisions):
    return [d.code for d in divisions]


@pytest.mark.parametrize(("year", "old", "old_name", "new", "new_name"), CHANGES)
def test_the_lists_show_the_change(lists, year, old, old_name, new, new_name):
    assert lists[year - 1].get(old) == old_name and old not in lists[year]
    assert lists[year].get(new) == new_name and new not in lists[year - 1]


@pytest.mark.parametrize(("year", "old", "old_name", "new", "new_name"), CHANGES)
def test_a_notice_before_the_change_keeps_the_old_code(gaz, year, old, old_name, new, new_name):
    assert _codes(gaz.lookup(old_name, on=f"{year - 1}-06-01")) == [old]


@pytest.mark.parametrize(("year", "old", "old_name", "new", "new_name"), CHANGES)
def test_a_notice_after_the_change_gets_the_new_code(gaz, year, old, old_name, new, new_name):
    assert new in _codes(gaz.lookup(new_name, on=f"{year + 1}-06-01"))
    assert old not in _codes(gaz.lookup(new_name, on=f"{year + 1}-06-01"))
    # the old name, written after the change, means what the division became
    assert _codes(gaz.lookup(old_name, on=f"{year + 1}-06-01")) == [new]


@pytest.mark.parametrize(("year", "old", "old_name", "new", "new_name"), CHANGES)
def test_current_says_what_a_changed_division_is_now(gaz, year, old, old_name, new, new_name):
    assert gaz.current(old).code == new
    assert gaz.current(new) is None


@pytest.mark.parametrize(
    ("code", "now"),
    [
        ("371200", "370100"),  # 莱芜市, its area put under 济南市
        ("371202", "370116"),  # 莱城区 became 济南市莱芜区
        ("130421", "130402"),  # 邯郸县, divided between 邯山区 and 丛台区: the first
        ("341400", "340181"),  # the prefecture-level 巢湖市 left the county-level 巢湖市
        ("140500", None),  # 晋城市 is unchanged
        ("420600", None),  # 襄樊市 renamed 襄阳市 under the same code
    ],
)
def test_current_follows_merges(gaz, code, now):
    found = gaz.current(code)
    assert (found.code if found else None) == now


def test_a_dated_notice_keeps_the_code_valid_then_and_says_what_it_became(extract):
    text = "生态环境部约谈山东省滨州市邹平县人民政府主要负责同志。"
    cities = extract(text, lang="zh", date="2016-05-01").cities
    assert [(c.code, c.name, c.current) for c in cities] == [
        ("371600", "滨州市", None), ("371626", "邹平县", Current("371681", "邹平市"))]
    cities = extract(text.replace("邹平县", "邹平市"), lang="zh", date="2021-05-01").cities
    assert [(c.code, c.current) for c in cities] == [("371600", None), ("371681", None)]


@pytest.mark.parametrize(("code", "short", "english"), [
    ("371681", "邹平", "Zouping"),
    ("370215", "即墨", "Jimo"),
    ("222400", "延边", "Yanbian"),
    ("540100", "拉萨", "Lhasa"),  # the exonym English writes
    ("500233", "忠县", "Zhongxian"),
    ("999999", "", None),
])
def test_short_and_english_names_come_from_the_gazetteer(gaz, code, short, english):
    assert gaz.short_name(code) == short
    assert gaz.english_name(code) == english


@pytest.mark.parametrize(("surface", "code"), [("Jimo District", "370215"), ("Zouping", "371681")])
def test_english_names_of_new_divisions_resolve(gaz, surface, code):
    assert _codes(gaz.lookup(surface, on="2022-01-01")) == [code]


def test_the_newest_code_list_is_recent_enough():
    newest = _builder().newest_year()
    released = dt.date.fromisoformat(notices.__released__)
    assert newest >= released.year - 2, (
        f"the newest division code list is {newest}, more than two years before this release "
        f"({notices.__released__}): save the 民政部 list of {released.year - 1} (or {released.year - 2}) "
        f"as scripts/sources/mca/{released.year - 1}.txt (see scripts/sources/SOURCES.md) and run "
        "python scripts/build_gazetteer.py, then python scripts/build_userdict.py"
    )


@pytest.mark.parametrize(("code", "full"), [
    ("140000", "Shanxi Province"),
    ("610000", "Shaanxi Province"),
    ("150000", "Inner Mongolia Autonomous Region"),
    ("540000", "Tibet Autonomous Region"),
    ("810000", "Hong Kong Special Administrative Region"),
    ("110000", "Beijing Municipality"),
    ("370215", "Jimo District"),
])
def test_full_english_names_for_letters(gaz, code, full):
    assert gaz.english_name(code, full=True) == full


def test_stats_labels_provinces_with_the_gazetteer_names():
    from notices.batch.stats import _latin

    assert [_latin(p) for p in ("河北省", "内蒙古自治区", "陕西省", "西藏自治区")] == [
        "Hebei", "Inner Mongolia", "Shaanxi", "Tibet"]
