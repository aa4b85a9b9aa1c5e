"""The date of the act and the publication date, as a researcher reads them off a notice."""
import pytest

ZH = [
    # header line, act dated by 昨日
    ("某市通报\n发布时间：2019-03-12 09:10\n昨日，省生态环境厅约谈了临汾市政府负责人。", "2019-03-11", "2019-03-12"),
    # dateline with a day-only date of the act
    ("本报太原6月9日电 记者8日从省生态环境厅获悉，督察组对大同市开展督察。2019年以来已查处案件12起。", "2019-06-08", "2019-06-09"),
    # a day-only date in the previous month
    ("来源：山西日报 2020年07月02日\n30日，督察组进驻运城市。", "2020-06-30", "2020-07-02"),
    # the reporter learned on one day, the act happened on another
    ("2018-04-15 10:00 来源：某报\n记者4月14日从市生态环境局获悉，4月12日至13日，督察组进驻长治市。", "2018-04-12", "2018-04-15"),
    # 日前 gives no day: the notice's own date
    ("发布日期：2021-05-20\n日前，省生态环境厅对晋中市开展暗访。", "2021-05-20", "2021-05-20"),
    # a mirror's header years after the report: the year comes from the text
    ("督察简报\n2023-10-09 08:00:01\n记者3月2日太原报道 2019年1至2月，督查组检查吕梁市企业120家。", "2019-03-02", "2023-10-09"),
    # a day-first header date
    ("通报\n12.05.2016 09:15\n本文来源：某局\n5月10日，督察组进驻忻州市。", "2016-05-10", "2016-05-12"),
    # the date an act is set to end, or a law took effect, is not the act
    ("发布时间：2017-02-10\n新法自2015年1月1日起施行，2月9日督察组检查阳泉市。", "2017-02-09", "2017-02-10"),
]

EN = [
    ("Watchdog fines mill\n\nXinhua, March 14, 2019\n\nThe ministry fined a paper mill on Wednesday.", "2019-03-13", "2019-03-14"),
    ("Inspectors sent to Datong\n\nBy Li Ming | China Daily | Updated: 2020-09-05 08:00\n\n"
     "The ministry said on Thursday it had sent inspectors to Datong.", "2020-09-03", "2020-09-05"),
    # no year anywhere: no date, and a warning
    ("TAIYUAN, Oct. 8 (Xinhua) -- Inspectors entered Shanxi province on Monday.", None, None),
    ("TAIYUAN, Oct. 8 (Xinhua) -- Inspectors entered Shanxi province on Monday for the 2018 campaign.", "2018-10-08", "2018-10-08"),
    # a year-less date with its weekday fixes the year
    ("BEIJING - The ministry released data on Monday (Feb 17) on air quality in 2018 and 2019.", "2020-02-17", None),
    ("Cleanup ordered\n\nPublished: 2016-11-30\n\nUnder a law which took effect on January 1, "
     "inspectors visited Jinzhong on Nov 28.", "2016-11-28", "2016-11-30"),
    ("SHENYANG, Dec. 2 (Xinhua) -- Inspectors will stay until Dec. 31. They entered Liaoning in 2016.", "2016-12-02", "2016-12-02"),
]


@pytest.mark.parametrize(("text", "date", "published"), ZH)
def test_chinese_act_and_publication_dates(extract, text, date, published):
    record = extract(text, lang="zh")
    assert (record.date, record.published) == (date, published)


@pytest.mark.parametrize(("text", "date", "published"), EN)
def test_english_act_and_publication_dates(extract, text, date, published):
    record = extract(text, lang="en")
    assert (record.date, record.published) == (date, published)


def test_a_penalty_decision_is_dated_by_its_signature_not_its_inspection(extract):
    text = ("某市生态环境局行政处罚决定书\n某环罚〔2021〕12号\n当事人：某某建材厂\n"
            "我局于2021年3月2日对你单位进行了调查。\n某市生态环境局\n2021年3月25日")
    record = extract(text, lang="zh")
    assert (record.date, record.published) == ("2021-03-25", None)


def test_deadlines_run_from_the_act_not_the_publication(extract):
    text = "发布时间：2019-03-12 09:10\n3月4日，省生态环境厅约谈临汾市，要求10日内报送整改方案。"
    (d,) = extract(text, lang="zh").deadlines
    assert d.due == "2019-03-14"


@pytest.mark.parametrize(
    ("sentence", "text", "due"),
    [
        ("要求本月底前完成整改。", "本月底前", "2019-03-31"),
        ("要求下月底前报送整改报告。", "下月底前", "2019-04-30"),
        ("要求第三季度末前完成治理。", "第三季度末前", "2019-09-30"),
        ("要求明年6月底前全部完成。", "明年6月底前", "2020-06-30"),
        ("要求每月25日前报送进展。", "每月25日前", "2019-03-25"),
        ("3台燃煤锅炉应于2016年淘汰，至今仍在运行。", "2016年", "2016-12-31"),
    ],
)
def test_chinese_deadline_forms(extract, sentence, text, due):
    record = extract("2019年3月4日，省生态环境厅约谈临汾市政府。" + sentence, lang="zh")
    assert [(d.text, d.unit, d.due) for d in record.deadlines] == [(text, "date", due)]


@pytest.mark.parametrize(
    ("sentence", "due"),
    [
        ("The city was told to close the plants by the end of last year but failed.", "2018-12-31"),
        ("By 2020, the rivers must meet the standard.", "2020-12-31"),
        ("The plant must finish the upgrade before the end of this year.", "2019-12-31"),
    ],
)
def test_english_deadline_forms(extract, sentence, due):
    record = extract("BEIJING, March 4, 2019 (Xinhua) -- Inspectors visited Linfen. " + sentence, lang="en")
    assert [d.due for d in record.deadlines] == [due]


def test_a_progress_report_is_no_deadline(extract):
    text = ("BEIJING, March 4, 2019 (Xinhua) -- By the end of 2018, the cities had closed 300 small boilers, "
            "and by the end of June only half of the plants were completed.")
    assert extract(text, lang="en").deadlines == []
