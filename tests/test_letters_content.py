"""What letters say: each city's own facts by code, one language, the issuer's voice, one
wording of each figure and deadline. Records are written here as the extractor gives them."""
from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import docx
import pytest

from notices.letters import LetterConfig, load_config, render_letters
from notices.letters.context import plan_letters
from notices.errors import DataError


def _city(name, code, province, level="prefecture", name_en=None, role="subject"):
    return {"name": name, "code": code, "province": province, "level": level, "role": role,
            "name_en": name_en}


TWO_CITIES = {
    "schema": "notices.record/2", "source": "two.txt", "lang": "zh", "date": "2019-03-05",
    "title": "生态环境部约谈周口、宿州两市政府", "kind": "interview",
    "authority": {"name": "生态环境部", "name_en": "Ministry of Ecology and Environment"},
    "cities": [_city("周口市", "411600", "河南省", name_en="Zhoukou"),
               _city("宿州市", "341300", "安徽省", name_en="Suzhou")],
    "officials": [
        {"name": "张三", "title": "市长", "org": "周口市", "city_code": "411600"},
        {"name": "李四", "title": "市长", "org": "宿州市", "city_code": "341300"},
    ],
    "figures": [
        {"value": 15.7, "unit": "%", "text": "15.7%", "subject": "PM2.5平均浓度同比下降",
         "city": "周口市", "city_code": "411600", "role": "actual"},
        {"value": 20, "unit": "%", "text": "20%", "subject": "PM2.5平均浓度", "city": "周口市",
         "city_code": "411600", "role": "target"},
        {"value": 9, "unit": "个问题", "text": "9个", "subject": None, "city": "宿州市",
         "city_code": "341300", "role": "count"},
        {"value": 18, "unit": "个地市", "text": "18个", "subject": None, "city": None,
         "city_code": None, "role": "count"},
    ],
    "deadlines": [{"text": "2019年6月30日前", "amount": None, "unit": "date", "due": "2019-06-30"}],
    "companies": [{"name": "周口市某化工有限公司"}],
    "sanctions": [
        {"text": "暂停宿州市新增大气污染物排放建设项目环评审批", "city_code": None},
        {"text": "暂停两市新增大气污染物排放建设项目环评审批", "city_code": None},
        {"text": "处以罚款45万元", "amount": 450000, "city_code": None},
    ],
}


def _body(path: Path) -> str:
    return "\n".join(p.text for p in docx.Document(path).paragraphs)


@pytest.fixture(scope="module")
def two_city_letters(tmp_path_factory):
    out = tmp_path_factory.mktemp("two")
    return render_letters([TWO_CITIES], "interview-notice", out)


def test_a_letter_states_no_other_citys_measure_and_no_companys_fine(two_city_letters):
    zhoukou = _body(two_city_letters[0].path)
    assert "宿州" not in zhoukou
    assert "罚款" not in zhoukou and "45万元" not in zhoukou
    assert "我部将暂停两市新增大气污染物排放建设项目环评审批" in zhoukou  # applies to every subject
    suzhou = _body(two_city_letters[1].path)
    assert "暂停宿州市新增大气污染物排放建设项目环评审批" in suzhou


def test_a_figure_belongs_to_the_city_of_its_code(two_city_letters):
    zhoukou, suzhou = (_body(r.path) for r in two_city_letters)
    assert "你市PM2.5平均浓度同比下降15.7%，未完成下降20%的目标任务" in zhoukou
    assert "15.7%" not in suzhou and "9个问题" in suzhou and "9个问题" not in zhoukou
    assert "18个地市" not in zhoukou + suzhou  # a count of places is not a finding


def test_a_fixed_date_deadline_is_worded_once(two_city_letters):
    text = _body(two_city_letters[0].path)
    assert "请你市在2019年6月30日前制定整改方案报送我部" in text
    assert text.count("2019年6月30日") == 1


def test_left_out_facts_are_in_the_review(two_city_letters):
    assert any("罚款45万元" in w and "未写入" in w for w in two_city_letters[0].warnings)


def test_cities_of_one_name_are_told_apart_by_code():
    record = {
        "schema": "notices.record/2", "lang": "zh", "date": "2019-03-05", "kind": "interview",
        "cities": [_city("朝阳区", "110105", "北京市", level="county"),
                   _city("朝阳区", "220104", "吉林省", level="county")],
        "officials": [{"name": "王五", "title": "区长", "org": "朝阳区", "city_code": "220104"}],
        "figures": [{"value": 7, "unit": "家企业", "text": "7家", "subject": None, "city": "朝阳区",
                     "city_code": "110105", "role": "count"}],
    }
    beijing, changchun = plan_letters(record)
    assert [o["name"] for o in beijing.context["officials"]] == []
    assert [o["name"] for o in changchun.context["officials"]] == ["王五"]
    assert [c["text"] for c in beijing.context["counts"]] == ["7家企业"]
    assert changchun.context["counts"] == []
    assert beijing.context["cc"] == "北京市人民政府" and changchun.context["cc"] == "长春市人民政府"


# ------------------------------------------------------------------ one language per letter

ENGLISH = {
    "schema": "notices.record/2", "source": "en.txt", "lang": "en", "date": "2018-05-03",
    "kind": "interview",
    "authority": {"name": "生态环境部", "name_en": "Ministry of Ecology and Environment"},
    "cities": [_city("晋城市", "140500", "山西省", name_en="Jincheng")],
    "figures": [
        {"value": 438, "unit": "personnel", "text": "438 personnel", "city_code": "140500", "role": "count"},
        {"value": 10, "unit": "groups", "text": "10 groups", "city_code": "140500", "role": "count"},
        {"value": 3, "unit": "drones", "text": "3 drones", "city_code": "140500", "role": "count"},
        {"value": 15.7, "unit": "%", "text": "15.7 percent", "subject": "PM2.5 concentration",
         "city_code": "140500", "role": "actual"},
    ],
    "deadlines": [{"text": "within 20 working days", "amount": 20, "unit": "working_day", "due": "2018-05-31"}],
    "sanctions": [{"text": "suspend the approval of new air pollutant emission construction projects "
                           "in the three cities"}],
}


def _latin_outside_placeholders(text: str) -> list[str]:
    bare = re.sub(r"【请填写：[^】]*】", "", text)
    return re.findall(r"[A-Za-z]{2,}", bare.replace("PM2.5", ""))


def test_a_chinese_letter_from_an_english_record_has_no_english_in_it(tmp_path):
    result = render_letters([ENGLISH], "interview-notice", tmp_path)[0]
    text = _body(result.path)
    assert "438名人员、10个组" in text
    assert "你市PM2.5平均浓度同比【请填写：下降或上升】15.7%。" in text  # concentration is no ratio
    assert "在20个工作日内（2018年5月31日前）" in text
    assert "我部将【请填写：处理措施的中文表述】" in text
    assert _latin_outside_placeholders(text) == []
    assert any("处理措施" in w and "suspend the approval" in w for w in result.warnings)
    assert any("drones" in w for w in result.warnings)  # a counted noun the glossary lacks


def test_an_english_letter_from_a_chinese_record_has_no_chinese_prose(tmp_path):
    result = render_letters([TWO_CITIES], "interview-notice-en", tmp_path)[0]
    body = [p.text for p in docx.Document(result.path).paragraphs]
    prose = [t for t in body if t.startswith(("Our assessment", "Your city shall", "We have"))]
    assert prose and not any(re.search(r"[\u4e00-\u9fff]", re.sub(r"\[FILL IN:[^\]]*\]", "", t)) for t in prose)
    assert "PM2.5 average concentration" not in " ".join(prose)
    assert any("[FILL IN: the measure in English]" in t for t in prose)
    said = [re.sub(r"\((the notice has|e\.g\.) [^)]*\)|\([^)]*罚款[^)]*\)", "", w) for w in result.warnings]
    assert said and all(re.search(r"[\u4e00-\u9fff]", w) is None for w in said)


# ------------------------------------------------------------------ the issuer's voice

COUNTY = {
    "schema": "notices.record/2", "lang": "zh", "date": "2020-08-25", "kind": "interview",
    "authority": {"name": "河北省生态环境厅"},
    "cities": [_city("兴隆县", "130822", "河北省", level="county")],
    "deadlines": [{"text": "15个工作日内", "amount": 15, "unit": "working_day", "due": "2020-09-15"}],
}


@pytest.mark.parametrize(("name", "code", "level", "you", "government"), [
    ("兴隆县", "130822", "county", "你县", "人民政府"),
    ("长安区", "130102", "county", "你区", "人民政府"),
    ("临夏回族自治州", "622900", "prefecture", "你州", "人民政府"),
    ("兴安盟", "152200", "prefecture", "你盟", "行政公署"),
    ("扎赉特旗", "152223", "county", "你旗", "人民政府"),
    ("晋城市", "140500", "prefecture", "你市", "人民政府"),
])
def test_the_addressee_is_called_by_its_division(name, code, level, you, government):
    record = dict(COUNTY, cities=[_city(name, code, "某省", level=level)])
    ctx = plan_letters(record)[0].context
    assert (ctx["you"], ctx["government"], ctx["addressee"]) == (you, government, name + government)


@pytest.mark.parametrize(("authority", "we", "issuer"), [
    ("生态环境部", "我部", "生态环境部办公厅"),
    ("河北省生态环境厅", "我厅", "河北省生态环境厅办公室"),
    ("盘锦市生态环境局", "我局", "盘锦市生态环境局办公室"),
])
def test_the_issuer_speaks_as_itself(authority, we, issuer):
    ctx = plan_letters(dict(COUNTY, authority={"name": authority}))[0].context
    assert (ctx["we"], ctx["issuer"], ctx["signature"]) == (we, issuer, authority)


def test_a_provincial_letter_to_a_county(tmp_path):
    text = _body(render_letters([COUNTY], "interview-notice", tmp_path)[0].path)
    assert "我厅决定约谈你县人民政府主要负责人" in text
    assert "请你县在15个工作日内（2020年9月15日前）制定整改方案报送我厅，并抄送承德市人民政府。" in text
    assert "你市" not in text and "我部" not in text
    assert "河北省生态环境厅办公室\t2020年8月25日印发" in text


def test_the_config_file_gives_authority_prefix_signature_and_office(tmp_path):
    conf = tmp_path / "letters.toml"
    conf.write_text('authority = "河北省生态环境厅"\nprefix = "冀环函"\nsignature = "河北省生态环境厅（印）"\n'
                    'issuer = "河北省生态环境厅综合处"\n', encoding="utf-8")
    config = load_config(conf)
    result = render_letters([dict(COUNTY, authority=None)], "interview-notice", tmp_path / "o",
                            config=config)[0]
    texts = [p.text for p in docx.Document(result.path).paragraphs]
    assert "冀环函〔2020〕1号" in texts and "\t河北省生态环境厅（印）" in texts
    assert "　河北省生态环境厅综合处\t2020年8月25日印发" in texts


@pytest.mark.parametrize(("content", "message"), [
    ("authority = [1]", "expected a string"),
    ("sigature = 'x'", "unknown key(s) sigature"),
    ("authority = ", "not a TOML file"),
])
def test_a_bad_config_file_is_a_clear_error(tmp_path, content, message):
    conf = tmp_path / "letters.toml"
    conf.write_text(content, encoding="utf-8")
    with pytest.raises(DataError, match=re.escape(message)):
        load_config(conf)


def test_the_default_config_is_read_from_the_user_config_folder(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path))
    (tmp_path / "notices").mkdir()
    (tmp_path / "notices" / "letters.toml").write_text('prefix = "环函"\n', encoding="utf-8")
    assert load_config() == LetterConfig(prefix="环函")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "none"))
    assert load_config() == LetterConfig()


# ------------------------------------------------------------------ dates

def test_an_undated_record_is_dated_today_with_a_warning():
    record = dict(COUNTY, date=None, published=None)
    plan = plan_letters(record, today=dt.date(2026, 12, 2))[0]
    assert plan.context["date"] == "2026-12-02" and plan.context["doc_number"] == "〔2026〕1号"
    assert any("没有日期" in w and "--date" in w for w in plan.warnings)


def test_a_record_without_an_act_date_is_dated_from_its_publication_with_a_warning():
    plan = plan_letters(dict(COUNTY, date=None, published="2020-08-27"))[0]
    assert plan.context["date"] == "2020-08-27"
    assert any("发布日期" in w for w in plan.warnings)


def test_a_given_date_needs_no_warning():
    plan = plan_letters(dict(COUNTY, date=None), date="2020-09-01")[0]
    assert plan.context["doc_number"] == "〔2020〕1号" and plan.warnings == []


# ------------------------------------------------------------------ wording, as a table

@pytest.mark.parametrize(("item", "expected"), [
    ({"subject": "PM2.5平均浓度同比下降", "unit": "%", "actual_text": "15.7%", "target_text": "20%"},
     "PM2.5平均浓度同比下降15.7%，未完成下降20%的目标任务"),
    ({"subject": "PM2.5平均浓度", "change": "上升", "unit": "%", "actual_text": "4.1%", "target_text": "20%"},
     "PM2.5平均浓度同比上升4.1%，未完成下降20%的目标任务"),
    ({"subject": "PM2.5平均浓度", "unit": "%", "actual_text": "", "target_text": "15%"},
     "PM2.5平均浓度未完成下降15%的目标任务"),
    ({"subject": "PM2.5平均浓度", "unit": "μg/m³", "actual_text": "108微克/立方米", "target_text": ""},
     "PM2.5平均浓度为108微克/立方米"),
    ({"subject": "优良天数比例", "unit": "%", "actual_text": "58.9%", "target_text": ""}, "优良天数比例为58.9%"),
    ({"subject": "PM2.5月均浓度亦同比上升", "unit": "%", "actual_text": "17.6%", "target_text": ""},
     "PM2.5月均浓度同比上升17.6%"),
    ({"subject": "PM2.5平均浓度", "unit": "%", "actual_text": "3.7%", "target_text": ""},
     "PM2.5平均浓度同比【请填写：下降或上升】3.7%"),
    ({"subject": "", "unit": "%", "actual_text": "15.7%", "target_text": ""}, None),
    ({"subject": "与年度目标要求", "unit": "%", "actual_text": "", "target_text": "6%"}, None),
], ids=["fell", "rose", "target only", "concentration", "level", "words around", "no direction",
        "no subject", "target wording"])
def test_a_comparison_is_worded_with_its_subject(item, expected):
    from notices.letters.wording import Notes, comparison

    notes = Notes("zh")
    assert comparison(item, "zh", notes) == expected
    assert bool(notes.warnings) == (expected is None or "请填写" in expected)


def test_a_chinese_letter_is_in_simplified_characters():
    record = dict(TWO_CITIES, sanctions=[{"text": "暫停兩市新增大氣污染物排放建設項目環評審批"}])
    plan = plan_letters(record)[0]
    assert plan.context["sanctions"] == ["暂停两市新增大气污染物排放建设项目环评审批"]
    assert any("繁体" in w for w in plan.warnings)


def test_a_fine_is_never_the_citys_measure_even_with_its_code():
    record = dict(TWO_CITIES, sanctions=[{"text": "处以罚款人民币42万元", "city_code": "411600"}])
    assert plan_letters(record)[0].context["sanctions"] == []


def test_a_record_without_an_authority_is_signed_by_the_default_with_a_warning():
    plan = plan_letters(dict(COUNTY, authority=None))[0]
    assert plan.context["authority"] == "生态环境部" and plan.context["we"] == "我部"
    assert any("没有发文机关" in w for w in plan.warnings)
    assert plan_letters(dict(COUNTY, authority=None), config=LetterConfig(authority="河北省生态环境厅"))[0].warnings == []
