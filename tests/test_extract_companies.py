"""Companies as real notices write them: after an address, small businesses, branches, legal
suffixes, traditional characters, a verb in front, English forms; and what is no company."""
from __future__ import annotations

import pytest


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # an address chain with no separator: the name keeps or drops it, but ends right
        ("执法人员发现，河北省邯郸市永年区讲武乡宏达铸造厂未批先建。", "宏达铸造厂"),
        # small businesses
        ("经查，泾阳县永乐镇顺发洗车行将洗车废水直排。", "顺发洗车行"),
        ("现场检查时，兴旺五金门市部存放危险废物。", "兴旺五金门市部"),
        ("东升物流违规堆放煤炭。", "东升物流"),
        ("金海酒楼油烟净化设施未运行。", "金海酒楼"),
        ("宏达农机服务部擅自焚烧废油。", "宏达农机服务部"),
        ("该县城关镇老李烧烤店油烟直排。", "老李烧烤店"),
        # a shop-like word inside a legal name
        ("三亚某某酒店管理有限公司", None),
        ("海韵酒店管理有限公司被立案查处。", "海韵酒店管理有限公司"),
        # a branch belongs to its company
        ("中国石油天然气股份有限公司贵州销售分公司被约谈。", "中国石油天然气股份有限公司贵州销售分公司"),
        # traditional characters
        ("督察組發現大唐電廠超標排放。", "大唐電廠"),
        ("寧夏某發電有限責任公司與大唐電廠均被處罰。", "大唐電廠"),
        # a verb glued in front
        ("依法关闭宏达化工有限公司。", "宏达化工有限公司"),
        ("责令关停鑫源建材有限公司。", "鑫源建材有限公司"),
        ("当地取缔了顺达塑料制品厂。", "顺达塑料制品厂"),
    ],
)
def test_company_names(extract, text, name):
    names = [c.name for c in extract(text, lang="zh").companies]
    if name is None:
        assert names == []  # anonymous: 某某
    else:
        assert len(names) == 1 and names[0].endswith(name), names


@pytest.mark.parametrize(
    "text",
    [
        "番禺区一首饰厂偷排废水。",  # "a jewellery factory": no name
        "对辖区内餐饮店开展检查。",
        "县人民医院、县第一中学和县城污水处理厂被通报。",
        "某化工有限公司被罚款。",
        "镇一带仍有不少小选矿厂。",
        "要求各地进行整改，执行情况良好。",
    ],
)
def test_not_companies(extract, text):
    assert extract(text, lang="zh").companies == []


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("Zhejiang Longda Textile Co. was fined 100,000 yuan.", ["Zhejiang Longda Textile Co."]),
        ("The bureau named Hebei Jingye Group and Tangshan Steel Co among violators.",
         ["Hebei Jingye Group", "Tangshan Steel Co"]),
        ("Anshan Iron and Steel Group Corp. and China Minmetals Corp were criticised.",
         ["Anshan Iron and Steel Group Corp.", "China Minmetals Corp"]),
        ("Inspectors visited National Energy Group on Monday. National Energy Investment "
         "Group Co., Ltd. said it would rectify.", ["National Energy Investment Group Co., Ltd."]),
        ("The Beijing Sewage Treatment Plant and a county hospital were inspected.", []),
    ],
)
def test_english_company_names(extract, text, names):
    assert [c.name for c in extract(text, lang="en").companies] == names
