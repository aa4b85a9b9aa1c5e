"""The gazetteer: names, short forms, English names and former names to division codes."""
from __future__ import annotations

import csv
import importlib.util
import sys
from pathlib import Path

import pytest

from notices.gazetteer import LEVELS, load_gazetteer
from notices.pinyin import place_pinyin
from notices.resources import data_path

ROOT = Path(__file__).resolve().parents[1]


def _script(name: str):
    path = ROOT / "scripts" / f"{name}.py"
    spec = importlib.util.spec_from_file_location(f"_script_{name}", path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def gaz():
    return load_gazetteer()


def _codes(divisions):
    return [d.code for d in divisions]


@pytest.mark.parametrize(
    ("surface", "code", "province"),
    [
        ("晋城", "140500", "山西省"),
        ("晋城市", "140500", "山西省"),
        ("Jincheng", "140500", "山西省"),
        ("Jincheng City", "140500", "山西省"),
        ("jincheng", "140500", "山西省"),
        ("JINCHENG CITY", "140500", "山西省"),
        ("Handan", "130400", "河北省"),
        ("邯郸", "130400", "河北省"),
        ("阳泉", "140300", "山西省"),
        ("Xi'an", "610100", "陕西省"),
        ("Xi’an", "610100", "陕西省"),
        ("Xian", "610100", "陕西省"),
        ("Lu'an", "341500", "安徽省"),
        ("泽州县", "140525", "山西省"),
        ("泽州", "140525", "山西省"),
        ("Zezhou County", "140525", "山西省"),
        ("延边", "222400", "吉林省"),
        ("Yanbian Prefecture", "222400", "吉林省"),
        ("恩施", "422800", "湖北省"),
        ("Changzhi", "140400", "山西省"),
        ("Beijing", "110000", "北京市"),
        ("Lüliang", "141100", "山西省"),
        ("Lvliang", "141100", "山西省"),
        ("忠县", "500233", "重庆市"),
        ("Zhongxian County", "500233", "重庆市"),
    ],
)
def test_lookup_finds_division_and_province(gaz, surface, code, province):
    found = gaz.lookup(surface)
    assert code in _codes(found)
    div = gaz.by_code(code)
    assert gaz.province_of(div).name == province


@pytest.mark.parametrize(
    ("surface", "codes"),
    [
        ("朝阳区", ["110105", "220104"]),
        ("苏州", ["320500"]),
        ("宿州", ["341300"]),
        ("襄樊", ["420600"]),
        ("襄樊市", ["420600"]),
        ("Xiangfan", ["420600"]),
        ("思茅", ["530800", "530802"]),  # the former city, and today's 思茅区 of 普洱市
        ("晋城", ["140500"]),
        ("不存在的地方", []),
        ("Atlantis", []),
    ],
)
def test_lookup_returns_every_meaning(gaz, surface, codes):
    assert _codes(gaz.lookup(surface)) == codes


@pytest.mark.parametrize("surface", ["Suzhou", "suzhou", "Suzhou City"])
def test_english_homonyms_return_both_cities(gaz, surface):
    codes = _codes(gaz.lookup(surface))
    assert {"320500", "341300"} <= set(codes)
    assert codes[:2] == ["320500", "341300"]  # prefecture-level cities come before districts


@pytest.mark.parametrize(
    ("surface", "code"),
    [
        ("Handan", "130400"),
        ("晋城", "140500"),
        ("朝阳", "211300"),
        ("Suzhou", "320500"),
        ("北京", "110000"),
    ],
)
def test_cities_come_first_among_meanings(gaz, surface, code):
    assert gaz.lookup(surface)[0].code == code


@pytest.mark.parametrize(
    ("surface", "on", "codes"),
    [
        ("莱芜市", "2018-05-01", ["371200"]),
        ("莱芜", "2018-05-01", ["371200"]),
        ("莱芜", "2021-01-01", ["370116"]),
        ("莱芜市", "2021-01-01", ["370100"]),  # 撤销地级莱芜市，划归济南市管辖
        ("莱芜市", "2019-01-08", ["371200"]),
        ("莱芜市", "2019-01-09", ["370100"]),
        ("钢城区", "2018-05-01", ["371203"]),
        ("钢城区", "2020-05-01", ["370117"]),
        ("襄樊", "2005-06-01", ["420600"]),
        ("襄樊", "2020-06-01", ["420600"]),
        ("巢湖市", "2010-01-01", ["341400"]),
        ("巢湖市", "2015-01-01", ["340181"]),
        ("铜仁地区", "2015-01-01", ["520600"]),
        ("那曲", "2016-01-01", ["542400", "542421"]),  # the prefecture and its seat county
        ("那曲", "2019-01-01", ["540600"]),  # 那曲市 now; 那曲县 became 色尼区
        ("那曲县", "2019-01-01", ["540602"]),
        ("Laiwu", "2018-05-01", ["371200"]),
        ("Laiwu", "2021-01-01", ["370116"]),
    ],
)
def test_lookup_on_a_date_picks_what_the_name_meant(gaz, surface, on, codes):
    assert _codes(gaz.lookup(surface, on=on)) == codes


def test_lookup_without_a_date_gives_former_and_current(gaz):
    assert _codes(gaz.lookup("莱芜")) == ["370116", "371200"]
    laiwu = gaz.by_code("371200")
    assert laiwu.former and laiwu.until == "2019-01-09" and laiwu.level == "prefecture"
    assert gaz.by_code("370116").since == "2019-01-09"


@pytest.mark.parametrize(
    ("code", "parent", "prefecture", "province"),
    [
        ("140525", "140500", "140500", "140000"),  # 泽州县 in 晋城市, 山西省
        ("140500", "140000", "140500", "140000"),  # a prefecture is its own prefecture
        ("110105", "110000", "110000", "110000"),  # 北京市朝阳区: the municipality is the city
        ("110000", None, "110000", "110000"),
        ("419001", "410000", None, "410000"),  # 济源市, directly under 河南省
        ("140000", None, None, "140000"),
        ("370116", "370100", "370100", "370000"),  # 济南市莱芜区
        ("371202", "371200", "371200", "370000"),  # 莱城区 in the former 莱芜市
    ],
)
def test_parent_prefecture_and_province(gaz, code, parent, prefecture, province):
    div = gaz.by_code(code)
    assert div.parent_code == parent
    pref = gaz.prefecture_of(div)
    assert (pref.code if pref else None) == prefecture
    assert gaz.province_of(div).code == province


@pytest.mark.parametrize(
    ("code", "level"),
    [
        ("140000", "province"),
        ("450000", "province"),
        ("810000", "province"),
        ("110000", "municipality"),
        ("500000", "municipality"),
        ("140500", "prefecture"),
        ("222400", "prefecture"),
        ("152200", "prefecture"),  # 兴安盟
        ("232700", "prefecture"),  # 大兴安岭地区
        ("140525", "county"),
        ("140581", "county"),  # 高平市, county-level city
        ("150723", "county"),  # 鄂伦春自治旗
        ("429021", "county"),  # 神农架林区
        ("520203", "county"),  # 六枝特区
    ],
)
def test_levels(gaz, code, level):
    assert gaz.by_code(code).level == level


@pytest.mark.parametrize(
    ("code", "short"),
    [
        ("140500", "晋城"),
        ("222400", "延边"),
        ("422800", "恩施"),
        ("140525", "泽州"),
        ("150000", "内蒙古"),
        ("450000", "广西"),
        ("650000", "新疆"),
        ("150723", "鄂伦春"),
        ("622926", "东乡"),
        ("410104", "管城"),  # 管城回族区
        ("450328", "龙胜"),  # 龙胜各族自治县
        ("500233", ""),  # 忠县: a one-character short form is no short form
    ],
)
def test_short_forms(gaz, code, short):
    assert gaz.by_code(code).short == short


@pytest.mark.parametrize(
    ("code", "name_en"),
    [
        ("140400", "Changzhi"),
        ("140428", "Zhangzi"),  # 长子县: the exception to 长 = chang
        ("340300", "Bengbu"),
        ("341500", "Lu'an"),
        ("331100", "Lishui"),
        ("500000", "Chongqing"),
        ("350200", "Xiamen"),
        ("141024", "Hongtong"),
        ("330382", "Yueqing"),
        ("371524", "Dong'e"),
        ("361124", "Yanshan"),
        ("440113", "Panyu"),
        ("410223", "Weishi"),
        ("331000", "Taizhou"),
        ("341600", "Bozhou"),
        ("371522", "Shenxian"),
        ("610100", "Xi'an"),
        ("211300", "Chaoyang"),
        ("510100", "Chengdu"),
        ("430100", "Changsha"),
        ("371722", "Shanxian"),
        ("421303", "Zengdu"),
        ("310112", "Minhang"),
        ("210100", "Shenyang"),
        ("431225", "Huitong"),
        ("540000", "Xizang"),
        ("511100", "Leshan"),
        ("410923", "Nanle"),
        ("610000", "Shaanxi"),
        ("140000", "Shanxi"),
        ("152500", "Xilinguole"),
        ("653100", "Kashi"),
        ("350105", "Mawei"),
    ],
)
def test_english_names_use_place_readings(gaz, code, name_en):
    assert gaz.by_code(code).name_en == name_en


@pytest.mark.parametrize(
    ("code", "full"),
    [
        ("140500", "Jincheng City"),
        ("140525", "Zezhou County"),
        ("110105", "Chaoyang District"),
        ("222400", "Yanbian Prefecture"),
        ("152200", "Xing'an League"),
        ("140000", "Shanxi Province"),
        ("500233", "Zhong County"),
    ],
)
def test_full_english_names(gaz, code, full):
    assert gaz.by_code(code).name_en_full == full


@pytest.mark.parametrize(
    ("lang", "surface", "code"),
    [
        ("zh", "晋城", "140500"),
        ("zh", "晋城市", "140500"),
        ("zh", "襄樊", "420600"),
        ("zh", "莱芜市", "371200"),
        ("en", "Jincheng", "140500"),
        ("en", "Jincheng City", "140500"),
        ("en", "Xi'an", "610100"),
        ("en", "Xian", "610100"),
        ("en", "Yanbian Autonomous Prefecture", "222400"),
        ("en", "Xiangfan", "420600"),
    ],
)
def test_surfaces_for_matchers(gaz, lang, surface, code):
    assert code in gaz.surfaces(lang)[surface]


def test_surfaces_reject_unknown_language(gaz):
    with pytest.raises(ValueError):
        gaz.surfaces("fr")


def _division_rows():
    with data_path("divisions.tsv").open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE))


@pytest.mark.parametrize("column", ["code", "parent_code", "province_code"])
def test_codes_are_six_digits(column):
    values = [row[column] for row in _division_rows() if row[column]]
    assert values and all(len(v) == 6 and v.isdigit() for v in values)


def test_codes_are_unique_and_parents_exist():
    rows = _division_rows()
    codes = [row["code"] for row in rows]
    assert len(codes) == len(set(codes)) > 3000
    known = set(codes)
    assert all(row["parent_code"] in known for row in rows if row["parent_code"])
    assert all(row["level"] in LEVELS for row in rows)


def test_gazetteer_keeps_every_row(gaz):
    assert len(list(gaz.divisions())) == len(_division_rows())


def test_divisions_file_is_regenerated_exactly():
    builder = _script("build_gazetteer")
    assert builder.divisions_tsv() == data_path("divisions.tsv").read_text(encoding="utf-8")


def test_changed_names_have_their_pinyin():
    with data_path("division_changes.tsv").open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE))
    assert len(rows) > 300
    xiangfan = next(row for row in rows if row["name"] == "襄樊市")
    assert xiangfan["name_en"] == place_pinyin("襄樊") == "Xiangfan"


@pytest.mark.parametrize(
    ("field", "value", "problem"),
    [
        ("change", "renamed", "unknown change"),
        ("date", "2019-13", "not an ISO date"),
        ("successors", ("37011",), "six-digit codes"),
        ("source", "", "needs its source"),
        ("year", "19", "not a year"),
    ],
)
def test_builder_rejects_bad_hand_entries(field, value, problem):
    builder = _script("build_gazetteer")
    good = dict(year="2018", code="371200", name="莱芜市", change="merged", successors=("370100",),
                date="2019-01-09", source="国函〔2018〕163号")
    assert builder.hand_problem(builder.HandEntry(**good)) is None
    assert problem in builder.hand_problem(builder.HandEntry(**{**good, field: value}))
