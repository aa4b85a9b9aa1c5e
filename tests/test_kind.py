"""The kind of act a notice reports, and the body that performs it."""
import pytest


@pytest.mark.parametrize(
    ("text", "lang", "kind"),
    [
        ("中央第二生态环境保护督察组向山西省转办第五批群众信访举报件86件，其中大同市12件、朔州市9件。", "zh", "inspection"),
        ("Regulators blacklist three steel mills\n\nBEIJING, June 2, 2015 (Xinhua) -- Three mills were named.", "en", "sanction"),
        ("Over 200 officials held accountable\n\nBEIJING, June 2, 2021 (Xinhua) -- Officials were named.", "en", "sanction"),
        ("Shanxi officials scolded over smog\n\nTAIYUAN, Jan. 9, 2017 (Xinhua) -- Officials were told to act.", "en", "interview"),
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
    ],
)
def test_authority_of_the_act(extract, text, lang, authority):
    assert extract(text, lang=lang).authority.name == authority
