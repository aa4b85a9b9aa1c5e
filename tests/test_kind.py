"""The kind of act a notice reports, and the body that performs it."""
import pytest


@pytest.mark.parametrize(
    ("text", "lang", "kind"),
    [
        ("中央第二生态环境保护督察组向山西省转办第五批群众信访举报件86件，其中大同市12件、朔州市9件。", "zh", "inspection"),
        ("Regulators blacklist three steel mills\n\nBEIJING, June 2, 2015 (Xinhua) -- Three mills were named.", "en", "sanction"),
        ("Over 200 officials held accountable\n\nBEIJING, June 2, 2021 (Xinhua) -- Officials were named.", "en", "sanction"),
        ("Shanxi officials scolded over smog\n\nTAIYUAN, Jan. 9, 2017 (Xinhua) -- Officials were told to act.", "en", "interview"),
        # a bureau's list of typical violation cases reports the penalties, even where the cases began with an inspection
        ("山西省公布2023年第三批生态环境违法典型案例\n\n现将第三批案例公布如下。案例一：执法人员现场检查发现，"
         "某公司未按规定运行污染防治设施，群众举报属实。", "zh", "sanction"),
        ("大同市2022年第一期执法典型案例\n\n案例一：2022年3月，执法人员检查时发现某厂超标排放。", "zh", "sanction"),
    ],
)
def test_kind_of_the_act(extract, text, lang, kind):
    assert extract(text, lang=lang).kind == kind


@pytest.mark.parametrize(
    ("text", "lang", "authority"),
    [
        # a team named generally in the headline is the one numbered team the text names
        ("中央环保督察组反馈山西督察情况\n\n2017年4月12日，中央第四环境保护督察组向山西省反馈督察情况。", "zh", "中央第四环境保护督察组"),
        # 省 alone takes the notice's province
        ("2021年3月2日起，省生态环境保护督察组陆续向太原、大同、朔州3市反馈督察意见。", "zh", "山西省生态环境保护督察组"),
        # the inspectorate's name of the day
        ("BEIJING, May 6, 2017 (Xinhua) -- Central environmental inspectors found that Datong in Shanxi failed "
         "to act.", "en", "中央环境保护督察组"),
        ("BEIJING, May 6, 2021 (Xinhua) -- Central environmental inspectors found that Datong in Shanxi failed "
         "to act.", "en", "中央生态环境保护督察组"),
        ("BEIJING, May 6, 2016 (Xinhua) -- The environment ministry fined a plant in Datong.", "en", "环境保护部"),
        ("BEIJING, May 6, 2019 (Xinhua) -- The environment ministry fined a plant in Datong.", "en", "生态环境部"),
        ("TAIYUAN, May 6, 2017 (Xinhua) -- The Shanxi Environmental Protection Bureau fined a plant in Datong.", "en",
         "山西省环境保护厅"),
        # the ministry's regional centre acts in its own name, before and after its 2017 renaming
        ("2016年6月12日，华北环境保护督查中心约谈了大同市人民政府分管负责人。", "zh", "华北环境保护督查中心"),
        ("2019年6月12日，生态环境部华北督察局约谈了大同市人民政府分管负责人。", "zh", "生态环境部华北督察局"),
        ("TAIYUAN, June 12, 2016 -- The North China Environmental Protection Supervision Center summoned "
         "officials of Datong.", "en", "华北环境保护督查中心"),
        # a city's or region's environmental commission office convenes the interview
        ("2022年5月9日，大同市生态环境保护委员会办公室约谈了云州区政府负责人。", "zh", "大同市生态环境保护委员会办公室"),
        ("2020年5月9日，山西省生态环境保护领导小组办公室召开会议，约谈了大同市政府负责人。", "zh",
         "山西省生态环境保护领导小组办公室"),
    ],
)
def test_authority_of_the_act(extract, text, lang, authority):
    assert extract(text, lang=lang).authority.name == authority
