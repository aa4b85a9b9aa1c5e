"""End to end in real headless Chromium (Debian's, driven by Playwright for Python): the page in
Chinese, a notice pasted, a figure edited, a missed official added by selecting his name, the
letters' panel beside the record wherever one scrolls, and the letter downloaded and opened
with python-docx."""
from __future__ import annotations

import json
import socket
import threading
import time
from pathlib import Path

import docx
import pytest

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]

pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists(),
    reason="Debian's chromium is not at /usr/bin/chromium: install it with `bash .ci/setup-browser`")

JINCHENG = ("生态环境部约谈晋城市政府主要负责人\n"
            "2018年5月3日，生态环境部约谈山西省晋城市人民政府主要负责人。督查发现，1至3月晋城市PM2.5平均浓度为"
            "78微克/立方米，同比上升12.5%。晋城高平市鸿达化工有限公司违法排污。约谈要求，晋城市政府要在20个工作日内"
            "制定整改方案。晋城市市长刘峰参加约谈。分管环保工作的吉建军表示坚决整改。")  # 吉建军 is missed
MISSED_SANCTION = "晋城市须停止审批新增排污项目。"  # the extractor finds no sanction here
HOSTILE = "\n<script>window.pwned = 1</script><img src=x onerror=\"window.pwned = 2\">"


def _serve(app):
    """``app`` on a free port of 127.0.0.1, served by uvicorn in a thread: its address, and a stop."""
    import uvicorn

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    srv = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 60
    while not srv.started:
        assert time.monotonic() < deadline and thread.is_alive(), "the server did not start"
        time.sleep(0.05)

    def stop() -> None:
        srv.should_exit = True
        thread.join(timeout=10)

    return f"http://127.0.0.1:{port}", stop


@pytest.fixture(scope="module")
def server():
    from notices.web import create_app

    url, stop = _serve(create_app())
    yield url
    stop()


@pytest.fixture(scope="module")
def archived(tmp_path_factory):
    """The app with a store holding JINCHENG (as `notices serve --db` runs it)."""
    from notices.batch import batch
    from notices.web import create_app

    root = tmp_path_factory.mktemp("browser-store")
    (root / "inbox").mkdir()
    (root / "inbox" / "jincheng.txt").write_text(JINCHENG, encoding="utf-8")
    batch([root / "inbox"], root / "notices.db")
    url, stop = _serve(create_app(db=root / "notices.db"))
    yield url
    stop()


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield chromium
        chromium.close()


def _page(browser, width: int = 1400, height: int = 1000, locale: str = "zh-CN"):
    context = browser.new_context(accept_downloads=True, viewport={"width": width, "height": height}, locale=locale)
    page = context.new_page()
    page.problems = []  # console errors (a CSP refusal, a script error) fail the test
    page.on("console", lambda msg: msg.type == "error" and page.problems.append(msg.text))
    page.on("pageerror", lambda exc: page.problems.append(str(exc)))
    return context, page


@pytest.fixture
def page(browser):
    context, page = _page(browser)
    yield page
    context.close()


@pytest.fixture
def narrow(browser):
    context, page = _page(browser, width=420, height=860)
    yield page
    context.close()


def _review(page, server: str, text: str) -> None:
    page.goto(server + "/")
    page.fill("textarea[name=text]", text)
    page.click("#review-button")
    page.wait_for_selector("#notice-text")


def test_paste_edit_a_figure_download_the_letter(page, server, tmp_path):
    _review(page, server, JINCHENG)
    assert page.locator("#notice-text mark.m-figure", has_text="78微克/立方米").count() == 1
    value = page.locator("input[name='figures-0-value']")
    assert value.input_value() == "78"
    value.fill("66")
    with page.expect_download() as info:
        page.click("#download")
    download = info.value
    assert download.suggested_filename == "001-晋城-interview-notice.docx"
    path = tmp_path / download.suggested_filename
    download.save_as(path)
    text = "\n".join(p.text for p in docx.Document(str(path)).paragraphs)
    assert "晋城市人民政府" in text
    assert "66微克/立方米" in text and "78微克" not in text
    assert page.problems == []


def test_markup_in_a_notice_is_text_and_mentions_lead_to_their_rows(page, server):
    _review(page, server, JINCHENG + HOSTILE)
    assert "<script>window.pwned = 1</script>" in page.inner_text("#notice-text")
    assert page.evaluate("window.pwned") is None
    assert page.locator("#notice-text script, #notice-text img").count() == 0
    page.click("#notice-text mark.m-deadline")  # the page's script brings its row into view and focus
    assert page.evaluate("document.activeElement.name") == "deadlines-0-text"
    assert page.locator("#notice-text mark.m-deadline.lit").count() == 1
    assert page.problems == []


def _select(page, surface: str) -> None:
    """Select ``surface`` in the notice text as a clerk would with the mouse."""
    page.evaluate("""(surface) => {
        const root = document.getElementById("notice-text");
        const at = root.textContent.indexOf(surface);
        const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
        const range = document.createRange();
        let seen = 0, node;
        while ((node = walker.nextNode())) {
            const n = node.textContent.length;
            if (seen <= at && at < seen + n) range.setStart(node, at - seen);
            if (seen < at + surface.length && at + surface.length <= seen + n) { range.setEnd(node, at + surface.length - seen); break; }
            seen += n;
        }
        const selection = window.getSelection();
        selection.removeAllRanges();
        selection.addRange(range);
    }""", surface)


def _in_view(page, selector: str) -> bool:
    return page.evaluate("""(selector) => {
        const box = document.querySelector(selector).getBoundingClientRect();
        return box.top >= 0 && box.left >= 0 && box.bottom <= window.innerHeight && box.right <= window.innerWidth;
    }""", selector)


def test_the_page_is_chinese_by_default(page, server):
    _review(page, server, JINCHENG)
    assert page.get_attribute("html", "lang") == "zh-CN"
    assert page.inner_text("#download") == "下载函件"
    assert page.locator("select[name='cities-0-role'] option:checked").inner_text() == "通报对象"
    assert "2018年5月31日" in page.inner_text("#row-deadlines-0")
    page.click("#lang-switch")  # the switch keeps the record and turns the page English
    page.wait_for_selector("html[lang=en]")
    assert page.inner_text("#download") == "Download letters"
    assert page.problems == []


@pytest.mark.parametrize("size", ["wide", "narrow"])
def test_the_letters_panel_stays_beside_the_record(request, server, size):
    page = request.getfixturevalue("page" if size == "wide" else "narrow")
    _review(page, server, JINCHENG)
    for y in (0, 800, 5000):
        page.evaluate(f"window.scrollTo(0, {y})")
        page.wait_for_timeout(100)
        for selector in ("#download", "select[name=template]", "#letter-review"):
            assert _in_view(page, selector), (size, y, selector)
    assert page.problems == []


def _add(page, surface: str, kind: str) -> None:
    _select(page, surface)
    page.wait_for_selector("#add-bar:not([hidden])")
    page.click(f"#add-bar button[data-kind={kind}]")
    page.wait_for_selector("#add-bar", state="hidden")  # the row is in once the bar is gone
    page.wait_for_selector(f"#notice-text mark.m-{kind}:has-text('{surface}')")


def test_select_what_was_missed_add_it_and_download_it(page, server, tmp_path):
    from playwright.sync_api import expect

    _review(page, server, JINCHENG + MISSED_SANCTION)
    assert page.locator("#notice-text mark.m-official", has_text="吉建军").count() == 0
    _add(page, "吉建军", "official")
    expect(page.locator("#legend .count[data-kind=official]")).to_have_text("2")
    row = page.locator("#t-officials tbody tr:not(.new)").last
    assert row.locator("input[name$='-name']").input_value() == "吉建军"
    assert row.locator("input[name$='-name_en']").input_value() == "Ji Jianjun"
    assert row.locator("input[name$='-title']").input_value() == ""  # no post is written by him
    row.locator("input[name$='-title']").fill("副市长")  # the clerk knows it

    first = page.locator("#t-officials tbody tr:not(.new)").first  # 刘峰 removed: un-highlighted
    first.locator("input[type=checkbox]").check()
    expect(page.locator("#notice-text mark.m-official", has_text="刘峰")).to_have_count(0)
    first.locator("input[type=checkbox]").uncheck()
    expect(page.locator("#notice-text mark.m-official", has_text="刘峰")).to_have_count(1)

    _add(page, "停止审批新增排污项目", "sanction")  # the letter states an added sanction
    with page.expect_download() as info:
        page.click("#download")
    letter = tmp_path / info.value.suggested_filename
    info.value.save_as(letter)
    text = "\n".join(p.text for p in docx.Document(str(letter)).paragraphs)
    assert "晋城市人民政府" in text and "停止审批新增排污项目" in text

    with page.expect_download() as info:  # and the record the letter was written from holds him
        page.click("#record-json")
    record = json.loads(info.value.path().read_text(encoding="utf-8"))
    start = (JINCHENG + MISSED_SANCTION).index("吉建军")
    assert {"name": "吉建军", "title": "副市长", "span": [start, start + 3]}.items() <= \
        next(o for o in record["officials"] if o["name"] == "吉建军").items()
    assert page.problems == []


def test_a_saved_correction_reopens_from_the_archive(page, archived):
    page.goto(archived + "/archive")
    page.fill("input[name=q]", "晋城")
    page.click("form.search button[type=submit]")
    page.click("table.hits a")
    page.wait_for_selector("#notice-text")
    _add(page, "吉建军", "official")
    page.fill("input[name=editor]", "王芳")
    page.click("#save")
    page.wait_for_selector(".flash.note")
    assert "已将更正保存为通报" in page.inner_text(".flash.note")

    page.goto(archived + "/archive")
    assert page.locator("table.hits .badge").inner_text() == "已更正"
    page.click("table.hits a")
    page.wait_for_selector("#notice-text")
    assert "经人工更正后的版本（第 2 版）" in page.inner_text(".flash.note")
    assert page.locator("#notice-text mark.m-official", has_text="吉建军").count() == 1
    names = [page.input_value(f"input[name='officials-{i}-name']") for i in range(2)]
    assert "吉建军" in names
    assert page.problems == []
