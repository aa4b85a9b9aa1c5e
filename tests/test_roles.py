"""Which cities a notice acts on (subjects, the letters' addressees) and which it only names."""
import pytest


def _roles(extract, text, lang="zh"):
    return {c.name: c.role for c in extract(text, lang=lang).cities}


@pytest.mark.parametrize(
    ("text", "subjects", "mentioned"),
    [
        # every county of a bulletin where a violation was found, with its prefecture
        ("2019年1月6日，工作组发现涉气问题5个，其中大同市广灵县2家、朔州市应县1家企业未停产。",
         {"大同市", "广灵县", "朔州市", "应县"}, set()),
        # the venue of an interview and the issuer's city are named aside
        ("2020年5月6日，山西省生态环境厅在太原约谈了忻州市、吕梁市政府负责人。", {"忻州市", "吕梁市"}, {"太原市"}),
        ("忻州市生态环境局通报：2020年5月6日，执法人员检查发现定襄县一家铸造厂超标排放。", {"定襄县"}, {"忻州市"}),
        # a dateline, a good example and a river's downstream are no subjects
        ("新华社太原5月6日电 督察组指出，长治市整改滞后；晋城市率先完成治理。下游运城市饮用水安全受威胁。",
         {"长治市"}, {"太原市", "晋城市", "运城市"}),
        # an address line
        ("当事人：大同市恒达铸造有限公司\n住所：山西省大同市云冈区\n2021年3月2日，我局检查发现你公司超标排放。",
         {"大同市"}, {"云冈区"}),
    ],
)
def test_chinese_roles(extract, text, subjects, mentioned):
    roles = _roles(extract, text)
    assert {k for k, r in roles.items() if r == "subject"} == subjects
    assert {k for k, r in roles.items() if r == "mentioned"} == mentioned


@pytest.mark.parametrize(
    ("text", "subjects", "mentioned"),
    [
        ("BEIJING, May 6, 2020 (Xinhua) -- Inspectors were sent to Beijing, Tianjin and Datong.",
         {"北京市", "天津市", "大同市"}, set()),
        ("TAIYUAN, May 6, 2020 (Xinhua) -- Officials of Datong were grilled at a Beijing meeting.",
         {"大同市"}, {"北京市", "太原市"}),
        ("BEIJING, May 6, 2020 (Xinhua) -- Inspectors found that Datong Hengda Textile Co. dumped waste "
         "in Shuozhou.", {"朔州市"}, {"北京市", "大同市"}),
    ],
)
def test_english_roles(extract, text, subjects, mentioned):
    roles = _roles(extract, text, "en")
    assert {k for k, r in roles.items() if r == "subject"} == subjects
    assert {k for k, r in roles.items() if r == "mentioned"} == mentioned
