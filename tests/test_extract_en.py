"""English notices: tables of sentences and what their records must hold."""
from __future__ import annotations

import pytest

NOTICE = (
    "BEIJING, May 3 (Xinhua) -- The Ministry of Ecology and Environment on Thursday interviewed "
    "the principals of Jincheng in Shanxi Province and Handan in Hebei Province because they failed "
    "to meet air quality goals set for the winter of 2017-2018. From October 2017 to March 2018, "
    "the average concentration of PM2.5 in Jincheng City dropped by 3.7%, failing to meet the target "
    "of a 10% drop. Inspectors found a total of 1,819 environmental problems and checked 5,584 "
    "enterprises in 25 rounds of inspections. The two cities must submit rectification plans within "
    "20 working days, and the ministry will suspend the approval of new projects emitting air "
    "pollutants in both cities. Jincheng Mayor Liu Feng and Wang Litong, mayor of Handan, accepted "
    "the interview. Handan Fangyuan Barrel Industry Co., Ltd. was fined 300,000 yuan.\n"
    "Editor: Zhang Wei"
)


def test_notice_record(extract):
    r = extract(NOTICE)
    assert r.lang == "en"
    assert r.date == "2018-05-03"
    assert r.kind == "interview"
    assert r.authority.name == "生态环境部"
    assert {c.name: (c.code, c.role) for c in r.cities} == {
        "晋城市": ("140500", "subject"), "邯郸市": ("130400", "subject"), "北京市": ("110000", "mentioned")}


def test_officials_and_orgs(extract):
    r = extract(NOTICE)
    assert [(o.name, o.title.lower(), o.org) for o in r.officials] == [
        ("Liu Feng", "mayor", "晋城市"), ("Wang Litong", "mayor", "邯郸市")]


def test_figures(extract):
    got = [(f.value, f.unit, f.role) for f in extract(NOTICE).figures]
    assert got == [(3.7, "%", "actual"), (10, "%", "target"), (1819, "problems", "count"),
                   (5584, "enterprises", "count"), (25, "rounds", "count"), (300000, "yuan", "other")]


def test_deadline_due_date(extract):
    (d,) = extract(NOTICE).deadlines
    assert (d.text, d.unit, d.amount, d.due) == ("within 20 working days", "working_day", 20, "2018-05-31")


def test_companies_and_sanctions(extract):
    r = extract(NOTICE)
    assert [c.name for c in r.companies] == ["Handan Fangyuan Barrel Industry Co., Ltd."]
    texts = [s.text for s in r.sanctions]
    assert any(t.startswith("suspend the approval") for t in texts)
    assert any("300,000 yuan" in t for t in texts)


@pytest.mark.parametrize(
    ("text", "codes"),
    [
        ("Inspectors visited Suzhou in Anhui Province.", {"341300"}),
        ("Inspectors visited Suzhou, Jiangsu Province.", {"320500"}),
        ("Problems were found in Zezhou County and Gaoping City.", {"140525", "140581"}),
        ("The team inspected Xi'an and Lu'an.", {"610100", "341500"}),
        ("Hebei Province must step up its efforts.", set()),
        ("Beijing News reported the case.", set()),
    ],
)
def test_english_place_names_resolve_to_codes(extract, text, codes):
    assert {c.code for c in extract(text, lang="en").cities} == codes


@pytest.mark.parametrize(
    ("text", "name", "title"),
    [
        ("Minister of Ecology and Environment Huang Runqiu went to Tangshan.", "Huang Runqiu", "Minister"),
        ("Vice Minister Zhai Qing led the team.", "Zhai Qing", "Vice Minister"),
        ("Liu Changgen, deputy director of the bureau, said so.", "Liu Changgen", "deputy director"),
        ("Lei Jiankun was elected mayor of Yangquan on March 30.", "Lei Jiankun", "mayor"),
    ],
)
def test_english_officials(extract, text, name, title):
    r = extract(text, lang="en")
    assert [(o.name, o.title) for o in r.officials] == [(name, title)]


@pytest.mark.parametrize("text", ["By Zhang Wei\nThe ministry said.", "Editor: Li Na", "reporter Wang Qiang learned"])
def test_bylines_are_not_officials(extract, text):
    assert extract(text, lang="en").officials == []


@pytest.mark.parametrize(
    "text",
    [
        "ranked second to last among the 2+26 cities",
        "the PM2.5 and PM10 readings",
        "in 2018 and in May 2019",
        "the three cities should formulate plans",
        "the 13th Five-Year Plan",
    ],
)
def test_not_figures(extract, text):
    assert extract(text, lang="en").figures == []


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("a fine of 1.2 million yuan", 1200000, "yuan"),
        ("PM2.5 averaged 68 micrograms per cubic meter", 68, "μg/m³"),
        ("up 1.3 percentage points", 1.3, "percentage points"),
        ("twelve enterprises were closed", 12, "enterprises"),
        ("438 personnel were sent", 438, "personnel"),
    ],
)
def test_english_figures(extract, text, value, unit):
    assert [(f.value, f.unit) for f in extract(text, lang="en").figures] == [(value, unit)]


@pytest.mark.parametrize(
    ("text", "unit", "due"),
    [
        ("BEIJING, May 3 (Xinhua) -- in 2018 the city must act within 15 days.", "day", "2018-05-18"),
        ("BEIJING, May 3 (Xinhua) -- in 2018 the city must finish within three months.", "month", "2018-08-03"),
        ("BEIJING, May 3 (Xinhua) -- in 2018 the city must finish by the end of June.", "date", "2018-06-30"),
        ("BEIJING, May 3 (Xinhua) -- in 2018 work must be done before December 31.", "date", "2018-12-31"),
    ],
)
def test_english_deadlines(extract, text, unit, due):
    (d,) = extract(text, lang="en").deadlines
    assert (d.unit, d.due) == (unit, due)


def test_dateline_year_comes_from_text_not_today(extract):
    assert extract("HARBIN, Nov. 17 (Xinhua) -- Inspectors said on Thursday.", lang="en").date is None
    assert extract("HARBIN, Nov. 17 (Xinhua) -- The 2016 inspection ended.", lang="en").date == "2016-11-17"


def test_language_is_detected(extract):
    assert extract("生态环境部约谈晋城市政府主要负责人。").lang == "zh"
    assert extract("The ministry interviewed officials of Jincheng.").lang == "en"


def test_numbers_that_look_like_years_do_not_date_the_notice(extract):
    assert extract("Inspectors visited Handan on May 3. (Notice number 2074.)", lang="en").date is None


def test_english_exonyms_resolve(extract):
    r = extract("LHASA, May 20 (Xinhua) -- Inspectors found problems in Lhasa and Shigatse.", lang="en")
    assert {c.code for c in r.cities} >= {"540100", "540200"}


def test_year_less_dateline_after_the_period_it_reports(extract):
    r = extract("BEIJING, Jan. 17 (Xinhua) -- The ministry summoned officials of Tianjin. "
                "Between October and December 2017, PM2.5 rose.", lang="en")
    assert r.date == "2018-01-17"


@pytest.mark.parametrize(
    ("text", "figures"),
    [
        ("The firm was fined 16,400 U.S. dollars.", [(16400, "USD")]),
        ("He took $2,300 in bribes.", [(2300, "USD")]),
        ("Emissions doubled after a one-month halt.", [(1, "month"), (2, "times")]),
        ("Inspectors listed 40 tough new measures.", [(40, "measures")]),
        ("Inspectors visited three cities and 10 provincial regions.", []),
        ("The 45-year-old manager was detained.", []),
    ],
)
def test_english_quantities_and_what_is_no_figure(extract, text, figures):
    got = extract("BEIJING, May 3, 2018 (Xinhua) -- " + text, lang="en").figures
    assert sorted((f.value, f.unit) for f in got) == sorted(figures)


@pytest.mark.parametrize(
    ("text", "companies"),
    [
        ("Inspectors fined Datong Hengda Textile Co. for dumping waste.", ["Datong Hengda Textile Co."]),
        ("Shanxi Jinfeng Coking Corp and Datong Iron and Steel Corp were named in the report.",
         ["Shanxi Jinfeng Coking Corp", "Datong Iron and Steel Corp"]),
        ("Datong Steel Group Co. Coking Plant was ordered to halt production.", ["Datong Steel Group Co. Coking Plant"]),
    ],
)
def test_english_company_names(extract, text, companies):
    got = extract("TAIYUAN, May 3, 2018 (Xinhua) -- " + text, lang="en").companies
    assert [c.name for c in got] == companies


@pytest.mark.parametrize(
    ("text", "figures"),
    [
        ("The bureau sent out25 teams and over900 inspectors.", [(25, "teams"), (900, "inspectors")]),
        ("They checked 120 sites and found faults at nine of the sites.", [(120, "sites"), (9, "sites")]),
        ("More than 3,000 of them were closed.", [(3000, None)]),
        ("Of the 60 plants, 38 were fined.", [(60, "plants"), (38, None)]),
        ("Inspections are carried out every two years.", [(2, "years")]),
        ("The manager was held for 10 days.", [(10, "days")]),
        ("The city must rectify within 10 days.", []),
        ("Two years ago the plant was closed, and in the past three years it paid fines.", []),
        ("The province is halfway through a five-year plan.", [(5, "year")]),
        ("It follows the Three-Year Action Plan.", []),
        ("By 2025, eight major lakes will be cleaner.", [(8, "lakes")]),
        ("The first batch of six central ecological and environmental protection inspection teams arrived.",
         [(6, "teams")]),
        ("The three companies were fined.", [(3, "companies")]),
        ("Officials from the city and two of its counties were summoned.", []),
        ("SO2 and NOx fell; km2 of land.", []),
        ("Inspectors found that 11 of 14 had no permit.", [(11, None)]),
        ("Nearly one-third of them were idle, and a quarter of the tanks leaked.", [(0.3333, None), (0.25, None)]),
    ],
)
def test_english_counts_glued_partitive_and_durations(extract, text, figures):
    got = extract("BEIJING, May 3, 2018 (Xinhua) -- " + text, lang="en").figures
    assert sorted(((f.value, f.unit) for f in got), key=str) == sorted(figures, key=str)
