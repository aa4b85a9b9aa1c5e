"""The clerks' page is Chinese first: every label, option, date and message in Chinese unless
the switch or the browser asks for English; the two message catalogues say the same things."""
from __future__ import annotations

import re
import warnings
from pathlib import Path

import pytest

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

from notices.web import create_app
from notices.web.form import from_form
from notices.web.i18n import CATALOGUES, catalogue, choose, render
from tests.test_web import BASE, JINCHENG, form_of, messages

TEMPLATES = Path(CATALOGUES).parent / "templates"
SOURCES = Path(CATALOGUES).parent


@pytest.fixture(scope="module")
def zh():
    with TestClient(create_app(), base_url=BASE) as c:  # no Accept-Language at all
        yield c


@pytest.fixture(scope="module")
def reviewed_zh(zh):
    return zh.post("/review", data={"text": JINCHENG}).text


def _visible(page: str) -> str:
    """The page's words a clerk sees: tags, scripts and the notice's own text taken out."""
    page = re.sub(r'<div class="notice-text".*?</div>', "", page, flags=re.S)
    page = re.sub(r"<textarea.*?</textarea>", "", page, flags=re.S)
    page = re.sub(r'<(input|option)[^>]*value="[^"]*"[^>]*>', "<x>", page)
    return re.sub(r"<[^>]+>", " ", page)


def test_the_home_page_is_chinese_by_default(zh):
    page = zh.get("/").text
    assert '<html lang="zh-CN">' in page
    assert "审阅通报" in page and "通报全文" in page and "自动识别" in page
    assert "Review a notice" not in page and "Notice text" not in page


def test_the_review_page_is_chinese_by_default(reviewed_zh):
    page = reviewed_zh
    assert '<html lang="zh-CN">' in page
    for words in ("通报原文", "要素", "函件", "下载函件", "应用修改", "区划代码", "截止日期", "约谈通知书"):
        assert words in page, words
    assert '<option value="subject" selected>通报对象</option>' in page
    assert '<option value="working_day" selected>工作日</option>' in page
    assert '<option value="interview" selected>约谈</option>' in page
    assert "2018年5月31日" in page  # the due date as a clerk reads it; entered as 2018-05-31
    assert 'value="2018-05-31"' in page
    assert 'title="期限：20个工作日内，截止 2018年5月31日"' in page
    english = [w for w in ("Download letters", "Apply edits", "Notice text", "Remove", "subject", "Template")
               if w in _visible(page)]
    assert english == []


def test_messages_are_chinese_by_default(zh):
    r = zh.post("/review", data={"text": JINCHENG, "date": "3 May"})
    assert r.status_code == 400
    assert messages(r.text) == "通报日期“3 May”不是日期，请按 YYYY-MM-DD 格式填写（如 2019-07-16）。"
    assert "没有此页面：/nowhere" in messages(zh.get("/nowhere").text)


def test_form_errors_are_chinese_on_the_page(zh, reviewed_zh):
    form = form_of(reviewed_zh)
    form["figures-0-value"] = "abc"
    r = zh.post("/review/check", data=form)
    assert r.status_code == 422 and "数字第 1 项：数值“abc”不是数字" in messages(r.text)


def test_the_switch_makes_the_page_english_and_keeps_it(zh):
    with TestClient(create_app(), base_url=BASE) as c:
        page = c.get("/?lang=en").text
        assert '<html lang="en">' in page and "Review a notice" in page
        assert 'href="/?lang=zh"' in page  # the switch back
        assert '<html lang="en">' in c.get("/").text  # kept in a cookie
        assert '<html lang="zh-CN">' in c.get("/?lang=zh").text


def test_the_review_page_switches_language_keeping_the_edits(zh, reviewed_zh):
    form = form_of(reviewed_zh)
    form["officials-0-title"] = "副市长"
    r = zh.post("/review/check?lang=en", data=form)
    assert '<html lang="en">' in r.text and "Download letters" in r.text
    assert form_of(r.text)["officials-0-title"] == "副市长"
    assert 'formaction="/review/check?lang=zh"' in r.text


@pytest.mark.parametrize(("accept", "lang"), [
    (None, "zh"), ("", "zh"), ("en-US,en;q=0.9", "en"), ("zh-CN,zh;q=0.9,en;q=0.8", "zh"),
    ("en;q=0.5,zh-TW;q=0.8", "zh"), ("fr-FR,fr;q=0.9", "zh"), ("en;q=0", "zh"), ("en;q=abc,zh", "zh"),
])
def test_the_browser_language_chooses_when_the_switch_has_not(accept, lang):
    assert choose(None, None, accept) == lang


def test_the_switch_wins_over_the_browser():
    assert choose("en", None, "zh-CN") == "en" and choose(None, "en", "zh-CN") == "en"
    assert choose("xx", None, "en") == "en"


def test_both_catalogues_have_every_message():
    assert set(catalogue("zh")) == set(catalogue("en"))


def test_every_message_the_code_and_pages_name_is_in_the_catalogues():
    keys = set(catalogue("zh"))
    used = set()
    for path in [*TEMPLATES.glob("*.html"), *SOURCES.glob("*.py")]:
        used |= set(re.findall(r'''\b(?:t|msg|Msg)\(\s*["']([a-z_]+\.[a-z_.-]*[a-z])["']''', path.read_text(encoding="utf-8")))
    assert used and used - keys == set()


def test_messages_fill_their_values_in_each_language():
    error = from_form({"deadlines-0-text": "x", "deadlines-0-unit": "bogus"}).errors[0]
    assert render(error, "zh") == "期限第 1 项：单位应为：工作日、日、月、日期"
    assert render(error, "en") == "Deadline 1: the unit must be one of working days, days, months, date"
