"""End to end in real headless Chromium (Debian's, driven by Playwright for Python): paste a
notice, edit a figure, download the letter and find the edited figure in it with python-docx."""
from __future__ import annotations

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
            "制定整改方案。晋城市市长刘峰参加约谈。")
HOSTILE = "\n<script>window.pwned = 1</script><img src=x onerror=\"window.pwned = 2\">"


@pytest.fixture(scope="module")
def server():
    """The app on a free port of 127.0.0.1, served by uvicorn in a thread."""
    import uvicorn

    from notices.web import create_app

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    srv = uvicorn.Server(uvicorn.Config(create_app(), host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not srv.started:
        assert time.monotonic() < deadline and thread.is_alive(), "the server did not start"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(accept_downloads=True, viewport={"width": 1400, "height": 900})
    page = context.new_page()
    page.problems = []  # console errors (a CSP refusal, a script error) fail the test
    page.on("console", lambda msg: msg.type == "error" and page.problems.append(msg.text))
    page.on("pageerror", lambda exc: page.problems.append(str(exc)))
    yield page
    context.close()


def _review(page, server: str, text: str) -> None:
    page.goto(server + "/")
    page.fill("textarea[name=text]", text)
    page.click("button:has-text('Review')")
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
