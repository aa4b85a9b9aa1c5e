"""Chinese notices: tables of sentences and what their records must hold."""
from __future__ import annotations

import pytest

INTERVIEW = (
    "生态环境部约谈晋城、邯郸两市政府主要负责人\n"
    "2018年05月03日 来源：生态环境部\n"
    "5月3日，生态环境部约谈山西省晋城市、河北省邯郸市政府主要负责人。"
    "2017年10月至2018年3月，晋城市PM2.5平均浓度下降3.7%，未完成下降10%的目标。"
    "督察发现问题1,819个，涉及企业二十家。约谈要求，两市在20个工作日内报送整改方案。"
    "生态环境部将暂停两市新增大气污染物排放建设项目环评审批。"
    "晋城市长刘峰、邯郸市副市长王立彤表示接受约谈。"
)


@pytest.mark.parametrize(
    ("text", "codes"),
    [
        ("生态环境部约谈晋城市政府主要负责人。", {"140500"}),
        ("生态环境部约谈晋城政府主要负责人。", {"140500"}),
        ("督察组在泽州县发现问题。晋城市整改不力。", {"140525", "140500"}),
        ("北京市朝阳区某工地扬尘严重。", {"110000", "110105"}),
        ("吉林省长春市朝阳区某供热企业超标排放。", {"220100", "220104"}),
        ("山西省要求各地加强管控。", set()),  # a province alone is not a city
        ("部分城区存在露天焚烧问题。", set()),  # 城区 without its city is no place
        ("阳泉市郊区一家企业偷排废水。", {"140300", "140311"}),
        ("2008年，襄樊市一家企业被处罚。", {"420600"}),
        ("2018年，莱芜市钢铁企业被约谈。", {"371200"}),
    ],
)
def test_cities_resolve_to_division_codes(extract, text, codes):
    record = extract(text, lang="zh")
    assert {c.code for c in record.cities} == codes


def test_city_spans_point_at_every_mention(extract):
    text = "晋城市未完成目标。晋城市长刘峰表示整改。"
    record = extract(text, lang="zh")
    (city,) = record.cities
    assert city.name == "晋城市" and city.province == "山西省" and city.name_en == "Jincheng"
    assert [text[s:e] for s, e in city.spans] == ["晋城市", "晋城市"]


def test_interview_record(extract):
    r = extract(INTERVIEW, lang="zh")
    assert r.date == "2018-05-03"
    assert r.kind == "interview"
    assert r.authority and r.authority.name == "生态环境部"
    assert {c.name: c.role for c in r.cities} == {"晋城市": "subject", "邯郸市": "subject"}
    assert r.title.startswith("生态环境部约谈")


@pytest.mark.parametrize(
    ("text", "name", "title", "org"),
    [
        ("会上，晋城市市长刘峰表示接受约谈。", "刘峰", "市长", "晋城市"),
        ("晋城市长刘峰表示接受约谈。", "刘峰", "市长", "晋城市"),
        ("邯郸市副市长王立彤作表态发言。", "王立彤", "副市长", "邯郸市"),
        ("生态环境部部长黄润秋赴唐山市暗访。", "黄润秋", "部长", "生态环境部"),
        ("河南省生态环境厅厅长李明出席会议。", "李明", "厅长", "河南省生态环境厅"),
        ("对此，黄润秋部长要求立即整改。", "黄润秋", "部长", None),
        ("歐陽明副市長表示接受約談。", "歐陽明", "副市長", None),
    ],
)
def test_officials_with_title_before_or_after(extract, text, name, title, org):
    r = extract(text, lang="zh")
    assert [(o.name, o.title) for o in r.officials] == [(name, title)]
    assert r.officials[0].org == org


@pytest.mark.parametrize(
    "text",
    [
        "九江市长江沿线部分企业违规排污。",  # a city and a river, not a mayor
        "（记者 王强 通讯员 李华）督察组进驻后发现问题。",
        "责任编辑：张明",
    ],
)
def test_no_official_in_traps(extract, text):
    assert extract(text, lang="zh").officials == []


def test_official_name_in_pinyin(extract):
    r = extract("邯郸市市长王立彤表示接受约谈。", lang="zh")
    assert r.officials[0].name_en == "Wang Litong"


@pytest.mark.parametrize(
    ("text", "value", "unit", "role"),
    [
        ("PM2.5平均浓度下降3.7%。", 3.7, "%", "actual"),
        ("未完成下降10%的目标。", 10, "%", "target"),
        ("优良天数比例下降3.2个百分点。", 3.2, "个百分点", "actual"),
        ("PM2.5浓度为68微克/立方米。", 68, "μg/m³", "actual"),
        ("共发现问题1,819个。", 1819, "个", "count"),
        ("交办1819个问题。", 1819, "个问题", "count"),
        ("抽调438名人员。", 438, "名人员", "count"),
        ("涉及企业二十家。", 20, "家", "count"),
        ("削减煤炭30万吨。", 300000, "t", "actual"),
        ("处以罚款20万元。", 200000, "yuan", "other"),
        ("开展25轮次检查。", 25, "轮次", "count"),
    ],
)
def test_figures_with_value_unit_role(extract, text, value, unit, role):
    r = extract(text, lang="zh")
    assert [(f.value, f.unit, f.role) for f in r.figures] == [(value, unit, role)]


@pytest.mark.parametrize(
    "text",
    [
        "完成率在2+26城市中排名倒数第二。",
        "PM2.5和PM10浓度均有改善。",
        "根据环办〔2018〕12号文件，2018年5月3日开展约谈。",
        "十三五期间持续推进。",
        "约谈要求三市立即整改。",
    ],
)
def test_not_figures(extract, text):
    assert extract(text, lang="zh").figures == []


def test_figure_belongs_to_city_of_its_sentence(extract):
    r = extract("邯郸市PM2.5平均浓度下降15.7%。", lang="zh")
    assert r.figures[0].city == "邯郸市"
    assert r.figures[0].subject == "PM2.5平均浓度"


@pytest.mark.parametrize(
    ("text", "unit", "amount", "due"),
    [
        ("2018年5月3日约谈。要求在20个工作日内报送整改方案。", "working_day", 20, "2018-05-31"),
        ("2019年9月27日通报。须5个工作日内整改。", "working_day", 5, "2019-10-10"),
        ("2020年3月1日下发通知，限15日内整改到位。", "day", 15, "2020-03-16"),
        ("2021年6月18日发布，要求3个月内完成整改。", "month", 3, "2021-09-18"),
        ("2022年3月15日通报，要求年底前完成整改。", "date", None, "2022-12-31"),
        ("2022年3月15日通报，要求6月30日前完成整改。", "date", None, "2022-06-30"),
    ],
)
def test_deadlines_resolved_from_notice_date(extract, text, unit, amount, due):
    (d,) = extract(text, lang="zh").deadlines
    assert (d.unit, d.amount, d.due) == (unit, amount, due)


def test_deadline_without_notice_date_warns_instead_of_guessing(extract):
    r = extract("要求在20个工作日内报送整改方案。", lang="zh")
    assert r.deadlines[0].due is None
    assert any("notice date" in w for w in r.warnings)


def test_deadline_in_uncovered_year_warns(extract):
    r = extract("2031年5月6日约谈，要求20个工作日内整改。", lang="zh")
    assert r.deadlines[0].due is not None
    assert any("2031" in w for w in r.warnings)


def test_year_less_date_takes_year_from_metadata(extract):
    assert extract("5月3日，生态环境部约谈晋城市。", lang="zh", date="2018-06-01").date == "2018-05-03"
    assert extract("5月3日，生态环境部约谈晋城市。", lang="zh").date is None


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("邯郸市方圆桶业有限公司未落实停产要求。", "邯郸市方圆桶业有限公司"),
        ("位于任丘市的兴华铸造厂偷排废水。", "兴华铸造厂"),
        ("案例一：江苏省徐州市鼓楼区徐州恒达金属表面处理有限公司超标排放。", "徐州恒达金属表面处理有限公司"),
        ("其中河北冠高玻璃装饰工程有限公司未停产。", "河北冠高玻璃装饰工程有限公司"),
    ],
)
def test_companies_without_address_words(extract, text, name):
    assert [c.name for c in extract(text, lang="zh").companies] == [name]


def test_pronoun_companies_are_not_names(extract):
    assert extract("我局决定对你公司处以罚款。责令该公司整改。", lang="zh").companies == []


@pytest.mark.parametrize(
    ("text", "expected", "amount"),
    [
        ("生态环境部将暂停两市新增大气污染物排放建设项目环评审批。", "暂停两市新增大气污染物排放建设项目环评审批", None),
        ("对该公司处以罚款20万元。", "处以罚款20万元", 200000),
        ("对企业罚款人民币1,200,000元。", "罚款人民币1,200,000元", 1200000),
        ("相关责任人被移送公安机关。", "移送公安机关", None),
    ],
)
def test_sanctions(extract, text, expected, amount):
    (s,) = extract(text, lang="zh").sanctions
    assert s.text == expected and s.amount == amount


def test_statistics_are_not_sanctions(extract):
    assert extract("全省共问责291人，罚款金额达1.2亿元。", lang="zh").sanctions == []


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("生态环境部约谈晋城市政府主要负责人。", "interview"),
        ("中央第三生态环境保护督察组向河北省反馈督察情况。", "inspection"),
        ("生态环境部部长赴唐山市暗访重污染天气应对情况。", "inspection"),
        ("关于限期整改的通知。责令你市于30日内完成整改。", "rectification"),
        ("行政处罚决定书。我局决定对你公司处以罚款20万元。", "sanction"),
        ("今天天气晴朗。", "other"),
    ],
)
def test_kind(extract, text, kind):
    assert extract(text, lang="zh").kind == kind


def test_traditional_text_matches_and_keeps_offsets(extract):
    text = "生態環境部約談晉城市政府主要負責人，晉城市長劉峰表示接受約談，要求20個工作日內整改。"
    r = extract(text, lang="zh", date="2018-05-03")
    (city,) = r.cities
    assert city.name == "晋城市" and city.role == "subject"
    assert text[city.spans[0][0]:city.spans[0][1]] == "晉城市"
    assert r.officials[0].name == "劉峰" and r.officials[0].name_en == "Liu Feng"
    assert r.deadlines[0].text == "20個工作日內" and r.deadlines[0].due == "2018-05-31"


def test_ascii_punctuation_from_scrapes(extract):
    r = extract("2018年5月3日,生态环境部约谈晋城市(山西省)政府负责人;PM2.5浓度下降3.7% ,要求20个工作日内整改.", lang="zh")
    assert [c.code for c in r.cities] == ["140500"]
    assert [f.value for f in r.figures] == [3.7]
    assert r.deadlines[0].due == "2018-05-31"


def test_every_span_indexes_the_original_text(extract):
    r = extract(INTERVIEW, lang="zh")
    for o in r.officials:
        assert INTERVIEW[o.span[0]:o.span[1]] == o.name
    for f in r.figures:
        assert INTERVIEW[f.span[0]:f.span[1]] == f.text
    for d in r.deadlines:
        assert INTERVIEW[d.span[0]:d.span[1]] == d.text
    for s in r.sanctions:
        assert INTERVIEW[s.span[0]:s.span[1]] == s.text


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("乌鲁木齐市市长买买提·吐尔逊在反馈会上表示接受。", "买买提·吐尔逊"),
        ("银川市生态环境局局长杨军回答记者提问。", "杨军"),
        ("永昌县常务副县长何卫东先后作表态发言。", "何卫东"),
        ("鹤岗市生态环境局执法支队支队长周明介绍情况。", "周明"),
    ],
)
def test_official_name_boundaries(extract, text, name):
    assert [o.name for o in extract(text, lang="zh").officials] == [name]


@pytest.mark.parametrize(
    ("text", "date", "published"),
    [
        ("标题\n\n河北生态环境  2021-11-22 18:30\n\n11月19日至21日，督导组开展明察暗访。", "2021-11-19", "2021-11-22"),
        ("标题\n\n（记者 丁雅琴）2024年1月25日上午，自治区举行新闻发布会。", "2024-01-25", None),
        ("关于督促整改的通知\n\n福州市人民政府：\n\n2024年9月10日，我厅开展检查。\n\n福建省生态环境厅\n2024年9月26日", "2024-09-26", None),
        ("新华社北京5月3日电 生态环境部约谈了晋城市。十三五（2016-2020年）期间，2018年目标未完成。", "2018-05-03", "2018-05-03"),
    ],
)
def test_act_and_publication_date_sources(extract, text, date, published):
    record = extract(text, lang="zh")
    assert (record.date, record.published) == (date, published)


def test_year_end_deadline_with_its_year(extract):
    (d,) = extract("2016年11月15日反馈。九江市要在2017年底前完成整治。", lang="zh").deadlines
    assert (d.text, d.due) == ("2017年底前", "2017-12-31")


def test_press_conference_is_other(extract):
    text = "宁夏举行新闻发布会\n\n2024年1月25日，自治区举行新闻发布会，介绍全年共罚款1.2亿元、检查企业500家的情况。"
    assert extract(text, lang="zh").kind == "other"


@pytest.mark.parametrize(
    ("text", "authority"),
    [
        ("省环保厅约谈武威金昌两市政府负责人\n\n6月12日，省环境保护厅约谈甘肃省武威市、金昌市政府主要负责人。", "甘肃省环境保护厅"),
        ("黑龙江省生态环境厅公布典型案例\n\n佳木斯市生态环境局对某公司处以罚款20万元。", "黑龙江省生态环境厅"),
        ("5月3日，生态环境部约谈晋城市政府主要负责人。原环境保护部曾督查该市。", "生态环境部"),
    ],
)
def test_authority(extract, text, authority):
    assert extract(text, lang="zh").authority.name == authority


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("对其处以罚款叁拾捌万元。", 380000, "yuan"),
        ("超标率达百分之十八。", 18, "%"),
        ("约四成企业未落实。", 0.4, None),
        ("化学需氧量为142mg/L。", 142, "mg/L"),
    ],
)
def test_more_ways_to_write_numbers(extract, text, value, unit):
    assert [(f.value, f.unit) for f in extract(text, lang="zh").figures] == [(value, unit)]


@pytest.mark.parametrize("text", ["3.2吨废活性炭露天堆放在厂区内。", "执法人员发现大厂门口堆满废料。"])
def test_clauses_ending_in_factory_are_not_companies(extract, text):
    assert extract(text, lang="zh").companies == []


def test_an_office_is_not_a_person(extract):
    assert extract("西安市生态环境局长安分局局长出席会议。", lang="zh").officials == []


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("省生态环境厅副厅长吉建军带队督察大同市。", ["吉建军"]),
        ("朔州市副市长禚志刚表示接受约谈。", ["禚志刚"]),
        ("副市长介绍，全市已完成整改。", []),
        ("对排名靠后的乡镇，约谈政府分管负责人。", []),
    ],
)
def test_rare_surnames_make_names_only_as_whole_names(extract, text, names):
    assert [o.name for o in extract(text, lang="zh").officials] == names


@pytest.mark.parametrize(
    ("text", "figures"),
    [
        ("共淘汰燃煤锅炉35蒸吨。", [(35, "蒸吨")]),
        ("非法倾倒污泥2000多吨。", [(2000, "t")]),
        ("经过一个月的督察，发现问题12个。", [(1, "个月"), (12, "个")]),
        ("全省14个市州中，6个县(区)排名靠后，共查处案件9起。", [(9, "起")]),
        ("全市155个乡镇参与排名。", []),
        ("该项目二期工程未批先建。", []),
    ],
)
def test_chinese_quantities_and_what_is_no_figure(extract, text, figures):
    assert [(f.value, f.unit) for f in extract(text, lang="zh").figures] == figures


@pytest.mark.parametrize(
    ("text", "companies"),
    [
        ("督察发现，国家能源投资集团有限责任公司所属电厂超标排放。", ["国家能源投资集团有限责任公司"]),
        ("督察组发现该县污水处理厂长期超标排放。", []),
        ("执法人员发现海南某有限公司非法储存危险废物。", []),
        ("檢查發現，大同市恒達電廠超標排放。", ["大同市恒達電廠"]),
    ],
)
def test_company_names_and_what_is_no_company(extract, text, companies):
    assert [c.name for c in extract(text, lang="zh").companies] == companies


@pytest.mark.parametrize(
    ("text", "figures"),
    [
        ("检查发现，全市共有9个重点乡镇存在问题，涉及企业36家。", [(36, "家")]),
        ("督察覆盖5个直辖市，抽查12个未达标城市。", []),
        ("该省地级市一共有11个。", []),
        ("全省31个省控断面中有4个未达标。", [(31, "个省控断面"), (4, "个")]),
        ("该公司被处以罚款20万，并责令停产。", [(200000, "yuan")]),
        ("参与巡查的干部逾千人，排查近百个作坊。", [(1000, "人"), (100, "个作坊")]),
        ("调阅资料2.6万余份。", [(26000, "份")]),
        ("保护区存在三大问题、两方面短板。", [(3, "大问题"), (2, "方面短板")]),
        ("进驻时间两周左右，此前已连续三年开展督察。", [(2, "周"), (3, "年")]),
        ("码头岸线长度80m，另有管道150mm。", [(80, "m")]),
        ("年底前完成，3天后复查，2019年起实施。", []),
        ("共约谈11名县长、4名副县长。", [(11, "名县长"), (4, "名副县长")]),
        ("累计罚款超2.3亿元", [(230000000, "yuan")]),
    ],
)
def test_counts_durations_and_money_as_clerks_write_them(extract, text, figures):
    assert [(f.value, f.unit) for f in extract(text, lang="zh").figures] == figures


@pytest.mark.parametrize(
    "text",
    [
        "空气质量排名前十名依次为甲镇、乙镇。",  # a rank
        "落实《水十条》要求，推进治理。",  # a number inside a plan's name
        "四二支渠断面水质超标。",  # digits read one by one: a canal's name
        "新疆五家渠市开展督查。",  # a number inside a place's name
        "排名靠后的是兰州2组、西宁4组。",  # inspection groups named by place and number
    ],
)
def test_names_ranks_and_groups_are_no_figures(extract, text):
    assert extract(text, lang="zh").figures == []


def test_a_count_restated_with_its_noun_is_one_figure(extract):
    r = extract("本批转办信访件57件。第九批57件群众举报件涉及大气污染。", lang="zh")
    assert [f.value for f in r.figures] == [57]


def test_a_count_keeps_its_noun_in_its_text(extract):
    r = extract("已有3名市长、1名副市长、1名局长被约谈。", lang="zh")
    assert [f.text for f in r.figures] == ["3名市长", "1名副市长", "1名局长"]
