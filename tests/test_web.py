"""The clerks' web app through FastAPI's test client: every route, hostile input, bad and
too-large uploads, the letters it downloads and the archive of a batch store."""
from __future__ import annotations

import html
import io
import re
import shutil
import warnings
import zipfile
from html.parser import HTMLParser
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner

with warnings.catch_warnings():  # starlette asks for httpx2 instead of httpx; both work
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

from notices.cli import cli
from notices.errors import StoreError
from notices.web import create_app

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpus"
DATA = ROOT / "tests" / "data" / "batch"
BASE = "http://127.0.0.1"
EN = {"accept-language": "en-GB,en;q=0.9"}  # the English page, whose messages most tests read

# One subject city (晋城), a figure, a deadline, an official and a company.
JINCHENG = ("生态环境部约谈晋城市政府主要负责人\n"
            "2018年5月3日，生态环境部约谈山西省晋城市人民政府主要负责人。督查发现，1至3月晋城市PM2.5平均浓度为"
            "78微克/立方米，同比上升12.5%。晋城高平市鸿达化工有限公司违法排污。约谈要求，晋城市政府要在20个工作日内"
            "制定整改方案。晋城市市长刘峰参加约谈。")
HOSTILE = "<script>alert('x')</script>\"><img src=x onerror=alert(1)>{{ 7*7 }}{% raw %}&amp;"


class FormReader(HTMLParser):
    """The fields a browser would post from the review form: inputs, checked boxes, selects
    (their selected or first option) and textareas, inside the form or given to it by their
    ``form`` attribute (the letters' panel); buttons are not fields."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.fields: dict[str, str] = {}
        self._select: str | None = None
        self._first: str | None = None
        self._textarea: str | None = None
        self._form = False

    def handle_starttag(self, tag: str, attrs: list) -> None:
        a = dict(attrs)
        if tag == "form" and a.get("id") == "record-form":
            self._form = True
        if not (self._form or a.get("form") == "record-form" or (tag == "option" and self._select)):
            return  # fields outside the form belong to it by their form attribute
        if tag == "input" and a.get("name"):
            if a.get("type") == "checkbox" and "checked" not in a:
                return
            self.fields[a["name"]] = a.get("value") or ""
        elif tag == "select":
            self._select, self._first = a["name"], None
        elif tag == "option" and self._select:
            if self._first is None:
                self._first = a.get("value", "")
                self.fields.setdefault(self._select, self._first)
            if "selected" in a:
                self.fields[self._select] = a.get("value", "")
        elif tag == "textarea":
            self._textarea = a["name"]
            self.fields[self._textarea] = ""

    def handle_endtag(self, tag: str) -> None:
        if tag == "select":
            self._select = None
        elif tag == "textarea" and self._textarea:
            value = self.fields[self._textarea]
            self.fields[self._textarea] = value[1:] if value.startswith("\n") else value
            self._textarea = None
        elif tag == "form":
            self._form = False

    def handle_data(self, data: str) -> None:
        if self._textarea:
            self.fields[self._textarea] += data


def form_of(page: str) -> dict[str, str]:
    reader = FormReader()
    reader.feed(page)
    return reader.fields


def notice_text(page: str) -> str:
    """The notice text as shown: the highlight marks taken out."""
    m = re.search(r'<div class="notice-text"[^>]*>(.*?)</div>', page, re.S)
    assert m, "no notice text on the page"
    return html.unescape(re.sub(r"<[^>]+>", "", m.group(1)))


def marks(page: str) -> list[tuple[str, str]]:
    """(kind, text) of every highlight."""
    return [(kind, html.unescape(text)) for kind, text in
            re.findall(r'<mark class="m m-(\w+)[^"]*" data-ref="[^"]*" title="[^"]*">(.*?)</mark>', page, re.S)]


def messages(page: str) -> str:
    m = re.search(r'<div class="flash error"[^>]*>(.*?)</div>', page, re.S)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", m.group(1))).split()) if m else ""


def docx_text(raw: bytes) -> str:
    document = docx.Document(io.BytesIO(raw))
    return "\n".join(p.text for p in document.paragraphs)


@pytest.fixture(scope="module")
def client():
    with TestClient(create_app(), base_url=BASE, headers=EN) as c:
        yield c


@pytest.fixture(scope="module")
def reviewed(client):
    """The review page of JINCHENG and the form on it."""
    page = client.post("/review", data={"text": JINCHENG}).text
    return page, form_of(page)


# --------------------------------------------------------------------------------- pages


def test_home_page(client):
    r = client.get("/")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    assert 'name="text"' in r.text and 'type="file"' in r.text and "up to 10.0 MB" in r.text
    assert "script-src 'self'" in r.headers["content-security-policy"]
    assert r.headers["x-content-type-options"] == "nosniff"
    assert r.headers["cache-control"] == "no-store"


def test_static_files(client):
    assert client.get("/static/style.css").headers["content-type"].startswith("text/css")
    assert "notice-text" in client.get("/static/review.js").text


@pytest.mark.parametrize(("path", "method", "status", "message"), [
    ("/nowhere", "get", 404, "No such page: /nowhere"),
    ("/archive/abc", "get", 404, "No such page"),
    ("/letters", "get", 405, "takes a form from the review page"),
    ("/review", "get", 405, "takes a form from the review page"),
])
def test_unknown_pages_are_pages(client, path, method, status, message):
    r = getattr(client, method)(path)
    assert r.status_code == status
    assert message in messages(r.text)


def test_other_hosts_are_refused():
    """A page elsewhere that rebinds its name to 127.0.0.1 cannot read the app."""
    with TestClient(create_app(), base_url="http://evil.example") as c:
        assert c.get("/").status_code == 400


# -------------------------------------------------------------------------------- review


def test_review_highlights_every_kind(reviewed):
    page, form = reviewed
    assert notice_text(page) == JINCHENG
    found = marks(page)
    assert ("city", "晋城市") in found
    assert ("figure", "78微克/立方米") in found and ("figure", "12.5%") in found
    assert ("deadline", "20个工作日内") in found
    assert ("official", "刘峰") in found
    assert ("company", "高平市鸿达化工有限公司") in found  # 晋城 inside it is a city
    assert 'class="m m-city subject"' in page
    assert form["cities-0-name"] == "晋城市" and form["cities-0-role"] == "subject"
    assert form["figures-0-value"] == "78" and form["deadlines-0-due"] == "2018-05-31"
    assert form["template"] == "interview-notice" and form["text"] == JINCHENG
    assert "One subject city: one letter" in page


def test_review_english(client):
    text = (CORPUS / "en" / "en-01.txt").read_text(encoding="utf-8")
    r = client.post("/review", data={"text": text})
    assert r.status_code == 200
    assert notice_text(r.text) == text
    assert ("city", "Anyang") in marks(r.text)
    assert form_of(r.text)["template"] == "interview-notice-en"


@pytest.mark.parametrize("name", ["notice.docx", "notice.pdf", "page-trs.html", "notice-gb18030.txt"])
def test_review_uploads(client, name):
    raw = (DATA / name).read_bytes()
    r = client.post("/review", files={"file": (name, raw)}, data={"text": ""})
    assert r.status_code == 200, messages(r.text)
    assert any(kind == "city" for kind, _ in marks(r.text))
    assert form_of(r.text)["source"] == name


def test_windows_line_breaks(client):
    r = client.post("/review", files={"file": ("crlf.txt", JINCHENG.replace("\n", "\r\n").encode())})
    assert notice_text(r.text) == JINCHENG
    assert ("deadline", "20个工作日内") in marks(r.text)


def test_notice_text_is_escaped(client):
    """A notice with markup in it shows the markup as text; nothing of it runs."""
    r = client.post("/review", data={"text": JINCHENG + HOSTILE},
                    files={"file": ("", b"")})
    assert r.status_code == 200
    assert "<script>alert" not in r.text and "<img src=x" not in r.text
    assert "&lt;script&gt;alert(" in r.text
    assert notice_text(r.text) == JINCHENG + HOSTILE
    assert form_of(r.text)["text"] == JINCHENG + HOSTILE


def test_file_names_are_escaped(client):
    name = "<img src=x onerror=alert(1)>.txt"
    r = client.post("/review", files={"file": (name, JINCHENG.encode())})
    assert r.status_code == 200
    assert "<img src=x" not in r.text and "&lt;img src=x onerror=alert(1)&gt;.txt" in r.text


@pytest.mark.parametrize(("name", "raw", "message"), [
    pytest.param("notice.doc", b"\xd0\xcf\x11\xe0 old word", "save it as .docx", id="doc"),
    pytest.param("broken.docx", b"PK\x03\x04 not really a zip", "not a valid Word .docx file", id="broken-docx"),
    pytest.param("corrupt.docx", DATA / "corrupt.docx", "corrupt.docx", id="corrupt-docx"),
    pytest.param("scan.pdf", DATA / "scanned.pdf", "no text layer", id="scanned-pdf"),
    pytest.param("corrupt.pdf", DATA / "corrupt.pdf", "corrupt.pdf", id="corrupt-pdf"),
    pytest.param("fake.pdf", b"<html>not a pdf</html>", "not a PDF file", id="fake-pdf"),
    pytest.param("binary.txt", bytes(range(256)) * 8, "binary.txt", id="binary"),
    pytest.param("empty.txt", b"", "empty", id="empty"),
    pytest.param("../../etc/passwd", b"\x00\x01\x02", "passwd", id="path"),
])
def test_bad_uploads_say_why(client, name, raw, message):
    r = client.post("/review", files={"file": (name, raw.read_bytes() if isinstance(raw, Path) else raw)})
    assert r.status_code == 422
    said = messages(r.text)
    assert said.startswith("The file could not be read") and message in said
    assert "Traceback" not in r.text and "/etc/" not in said
    assert 'name="text"' in r.text  # the clerk is back on the form


@pytest.mark.parametrize(("data", "status", "message"), [
    ({"text": "  \n "}, 400, "Paste a notice's text, or choose a file"),
    ({}, 400, "Paste a notice's text, or choose a file"),
    ({"text": JINCHENG, "date": "3 May"}, 400, "The notice date '3 May' is not a date"),
    ({"text": "约" * 200_001}, 413, "over the limit of 200,000"),
])
def test_bad_submissions_say_why(client, data, status, message):
    r = client.post("/review", data=data)
    assert r.status_code == status
    assert message in messages(r.text)


def test_a_bad_submission_keeps_the_pasted_text(client):
    r = client.post("/review", data={"text": HOSTILE, "date": "nope"})
    assert form_of(r.text.replace('class="intake-form"', 'id="record-form"'))["text"] == HOSTILE


def test_too_large_uploads_are_refused():
    with TestClient(create_app(max_upload=64 * 1024), base_url=BASE, headers=EN) as small:
        r = small.post("/review", files={"file": ("big.txt", JINCHENG.encode() * 300)})
        assert r.status_code == 413
        assert "over the limit of 64 KB" in messages(r.text) and "Choose a smaller file" in messages(r.text)

        def chunks():  # no Content-Length: refused once the bytes pass the limit
            for _ in range(100):
                yield b"x" * 1024

        r = small.post("/review", content=chunks(), headers={"content-type": "multipart/form-data; boundary=b"})
        assert r.status_code == 413 and "over the limit of 64 KB" in messages(r.text)
        assert small.post("/review", data={"text": JINCHENG}).status_code == 200


@pytest.mark.parametrize(("body", "content_type", "message"), [
    (b"--b\r\nbroken", "multipart/form-data; boundary=b", "Paste a notice's text"),
    (b"\xff\xfe", "multipart/form-data", "The form could not be read: Missing boundary"),
    (b'{"text": "x"}', "application/json", "Paste a notice's text"),
])
def test_unreadable_forms_say_why(client, body, content_type, message):
    r = client.post("/review", content=body, headers={"content-type": content_type})
    assert r.status_code == 400 and message in messages(r.text)


def test_a_bug_is_an_apology_not_a_traceback(monkeypatch):
    import notices.web.routes

    def broken(*args, **kwargs):
        raise RuntimeError("secret internals")

    monkeypatch.setattr(notices.web.routes, "read_notice", broken)
    with TestClient(create_app(), base_url=BASE, raise_server_exceptions=False, headers=EN) as c:
        r = c.post("/review", data={"text": JINCHENG})
    assert r.status_code == 500
    assert "Something went wrong" in r.text
    assert "secret internals" not in r.text and "Traceback" not in r.text


# ------------------------------------------------------------------------------- letters


def test_letter_with_an_edited_figure(client, reviewed):
    _, form = reviewed
    r = client.post("/letters", data={**form, "figures-0-value": "66"})
    assert r.status_code == 200, messages(r.text)
    assert r.headers["content-type"] == "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    assert "filename*=UTF-8''001-%E6%99%8B%E5%9F%8E-interview-notice.docx" in r.headers["content-disposition"]
    text = docx_text(r.content)
    assert "晋城市人民政府" in text
    assert "66微克/立方米" in text and "78微克" not in text
    assert "2018年5月31日" in text  # the deadline's due date


def test_letters_of_several_cities_come_zipped(client):
    text = (CORPUS / "zh" / "zh-a01.txt").read_text(encoding="utf-8")
    form = form_of(client.post("/review", data={"text": text}).text)
    r = client.post("/letters", data={**form, "template": "rectification-order", "letter_date": "2015-01-05",
                                      "doc_prefix": "环函", "first_number": "7"})
    assert r.status_code == 200, messages(r.text)
    assert r.headers["content-type"] == "application/zip"
    assert 'filename="rectification-order-2014-12-09.zip"' in r.headers["content-disposition"]
    with zipfile.ZipFile(io.BytesIO(r.content)) as zf:
        names = zf.namelist()
        assert names == ["001-沧州-rectification-order.docx", "002-承德-rectification-order.docx"]
        first = docx_text(zf.read(names[0]))
    assert "沧州市人民政府" in first and "环函〔2015〕7号" in first and "2015年1月5日" in first


def test_english_letters(client):
    text = (CORPUS / "en" / "en-03.txt").read_text(encoding="utf-8")
    form = form_of(client.post("/review", data={"text": text}).text)
    r = client.post("/letters", data=form)
    assert r.status_code == 200, messages(r.text)
    with zipfile.ZipFile(io.BytesIO(r.content)) as zf:
        assert all(name.endswith("-interview-notice-en.docx") for name in zf.namelist())
        assert "People's Government of" in docx_text(zf.read(zf.namelist()[0]))


def test_values_never_run_as_template_code(client, reviewed):
    """Templates stay sandboxed: what a clerk types is printed, never evaluated."""
    _, form = reviewed
    typed = "{{ 7*7 }}{% for x in ().__class__.__base__.__subclasses__() %}{% endfor %}<w:p/>"
    r = client.post("/letters", data={**form, "figures-0-text": typed})
    assert r.status_code == 200, messages(r.text)
    assert typed in docx_text(r.content)


@pytest.mark.parametrize(("changes", "message"), [
    ({"figures-0-value": "seventy"}, "Figure 1: the value 'seventy' is not a number"),
    ({"cities-0-role": "mentioned"}, "No letter to write: no city is marked 'subject'"),
    ({"cities-0-remove": "1"}, "No letter to write"),
    ({"template": "../../../etc/passwd.docx"}, "Unknown template '../../../etc/passwd.docx'"),
    ({"template": "/tmp/evil.docx"}, "Unknown template"),
    ({"letter_date": "tomorrow"}, "The letters' date 'tomorrow' is not a date"),
    ({"first_number": "-3"}, "must be a whole number from 1"),
])
def test_letters_refused_with_a_message(client, reviewed, changes, message):
    _, form = reviewed
    r = client.post("/letters", data={**form, **changes})
    assert r.status_code == 422
    assert message in messages(r.text)
    again = form_of(r.text)  # the clerk's edits are still there, and the text highlighted
    assert all(again[k] == v for k, v in changes.items() if k.startswith(("figures", "cities")) and k in again)
    assert ("figure", "78微克/立方米") in marks(r.text)


def test_letters_from_a_hostile_form(client):
    """A form from nowhere: no text, odd fields. A page with messages, never a crash."""
    r = client.post("/letters", data={"cities-0-name": HOSTILE, "figures-5-value": "1e999", "text": HOSTILE,
                                      "template": "interview-notice", "sha256": "x"})
    assert r.status_code == 422
    assert "not a known city or county" in messages(r.text)
    assert "<script>alert" not in r.text and "<img src=x" not in r.text


def test_check_applies_the_edits(client, reviewed):
    _, form = reviewed
    r = client.post("/review/check", data={**form, "cities-0-name": "阳泉", "figures-0-value": "66",
                                           "deadlines-0-amount": "30", "figures-2-value": "5",
                                           "figures-2-unit": "个问题", "figures-2-role": "count"})
    assert r.status_code == 200
    again = form_of(r.text)
    assert (again["cities-0-name"], again["cities-0-code"], again["cities-0-province"]) == ("阳泉市", "140300", "山西省")
    assert again["figures-0-text"] == "66微克/立方米" and again["figures-2-text"] == "5个问题"
    assert (again["deadlines-0-text"], again["deadlines-0-due"]) == ("30个工作日内", "2018-06-14")
    assert ("figure", "78微克/立方米") in marks(r.text)  # the text itself is the notice's


def test_record_json(client, reviewed):
    _, form = reviewed
    r = client.post("/record", data={**form, "figures-0-value": "66"})
    assert r.status_code == 200 and r.headers["content-type"].startswith("application/json")
    record = r.json()
    assert record["schema"] == "notices.record/2"
    assert record["figures"][0] == {"value": 66, "unit": "μg/m³", "text": "66微克/立方米", "subject": "PM2.5平均浓度",
                                    "city": "晋城市", "role": "actual", "span": [73, 81],
                                    "city_code": "140500", "change": None}
    bad = client.post("/record", data={**form, "deadlines-0-due": "soon"})
    assert bad.status_code == 422 and "is not a date" in messages(bad.text)


# ------------------------------------------------------------------------------- archive


def make_store(root: Path, texts: dict[str, str]) -> Path:
    """A store as `notices batch` writes it from root/inbox: two corpus notices (沧州, 安阳)
    and ``texts`` (file name: text; ``a.zip!b.txt`` is a member of a zip)."""
    from notices.batch import batch

    inbox = root / "inbox"
    inbox.mkdir()
    shutil.copy(CORPUS / "zh" / "zh-a01.txt", inbox / "cangzhou.txt")
    shutil.copy(CORPUS / "en" / "en-01.txt", inbox / "anyang.txt")
    for name, text in texts.items():
        outer, _, member = name.partition("!")
        if member:
            with zipfile.ZipFile(inbox / outer, "a") as zf:
                zf.writestr(member, text)
        else:
            (inbox / name).write_text(text, encoding="utf-8")
    batch([inbox], root / "notices.db")
    return root / "notices.db"


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    """A store of three notices: two files and one member of a zip."""
    return make_store(tmp_path_factory.mktemp("archive"), {"more.zip!2018/jincheng.txt": JINCHENG})


@pytest.fixture(scope="module")
def archive(store):
    with TestClient(create_app(db=store), base_url=BASE, headers=EN) as c:
        yield c


def _hits(page: str) -> list[str]:
    return [html.unescape(t) for t in re.findall(r'<td><a href="/archive/\d+">(.*?)</a></td>', page)]


@pytest.mark.parametrize(("query", "titles"), [
    ({}, 3),
    ({"city": "沧州"}, ["环境保护部约谈河北省沧州、承德两市政府主要负责人"]),
    ({"city": "Cangzhou"}, ["环境保护部约谈河北省沧州、承德两市政府主要负责人"]),
    ({"city": "130900"}, 0),  # a code is not a name
    ({"province": "山西"}, ["生态环境部约谈晋城市政府主要负责人"]),
    ({"province": "Henan"}, 1),
    ({"year": "2014"}, 2),
    ({"year": "2018", "kind": "interview"}, ["生态环境部约谈晋城市政府主要负责人"]),
    ({"kind": "sanction"}, 0),
    ({"city": "'; DROP TABLE notices; --"}, 0),
    ({"city": "%"}, 0),
])
def test_archive_search(archive, query, titles):
    r = archive.get("/archive", params=query)
    assert r.status_code == 200
    hits = _hits(r.text)
    if isinstance(titles, int):
        assert len(hits) == titles
    else:
        assert hits == titles
    if not hits:
        assert "No notice matches" in r.text
    assert len(_hits(archive.get("/archive").text)) == 3  # the store is intact


@pytest.mark.parametrize(("query", "message"), [
    ({"year": "twenty"}, "The year 'twenty' is not a year"),
    ({"kind": "<script>"}, "Unknown kind '<script>'"),
])
def test_archive_bad_queries(archive, query, message):
    r = archive.get("/archive", params=query)
    assert r.status_code == 400 and message in messages(r.text)
    assert "<script>" not in r.text.split("</header>", 1)[1]


def test_archive_opens_a_notice_for_review(archive):
    page = archive.get("/archive", params={"city": "晋城"}).text
    link = re.search(r'href="(/archive/\d+)"', page).group(1)
    r = archive.get(link)
    assert r.status_code == 200
    assert notice_text(r.text) == JINCHENG  # found again inside more.zip
    assert ("figure", "78微克/立方米") in marks(r.text)
    form = form_of(r.text)
    assert form["source"].endswith("more.zip!2018/jincheng.txt")
    letter = archive.post("/letters", data={**form, "figures-0-value": "70"})
    assert "70微克/立方米" in docx_text(letter.content)


def test_archive_shows_the_text_the_store_keeps(archive, store):
    page = archive.get("/archive", params={"city": "安阳"}).text
    link = re.search(r'href="(/archive/\d+)"', page).group(1)
    source = store.parent / "inbox" / "anyang.txt"
    kept = source.read_bytes()
    source.write_bytes(kept + b"changed")  # the file changed since: the store's own text is shown
    try:
        r = archive.get(link)
    finally:
        source.write_bytes(kept)
    assert r.status_code == 200
    assert notice_text(r.text) == kept.decode("utf-8")
    assert ("city", "Anyang") in marks(r.text)


def test_archive_notice_without_its_text_or_source(store, tmp_path):
    """An older store keeps no texts: the text comes from the source file, else the record alone."""
    import sqlite3

    old = tmp_path / "old.db"
    shutil.copy(store, old)
    with sqlite3.connect(old) as conn:
        conn.execute("UPDATE notices SET text = NULL")
    source = store.parent / "inbox" / "anyang.txt"
    kept = source.read_bytes()
    with TestClient(create_app(db=old), base_url=BASE, headers=EN) as c:
        page = c.get("/archive", params={"city": "安阳"}).text
        link = re.search(r'href="(/archive/\d+)"', page).group(1)
        assert notice_text(c.get(link).text) == kept.decode("utf-8")  # found beside the store
        source.write_bytes(kept + b"changed")
        try:
            r = c.get(link)
        finally:
            source.write_bytes(kept)
    assert r.status_code == 200
    assert "is not at hand (or has changed since)" in r.text
    assert 'class="notice-text"' not in r.text
    assert form_of(r.text)["cities-0-name"] == "安阳市"


def test_archive_unknown_notice(archive):
    r = archive.get("/archive/999999")
    assert r.status_code == 404 and "The store has no notice 999999" in messages(r.text)


@pytest.mark.parametrize("notice_id", ["12345678901234567890", "9223372036854775808", "0"])
def test_archive_ids_out_of_range_are_not_found(archive, notice_id):
    r = archive.get(f"/archive/{notice_id}")
    assert r.status_code == 404 and f"The store has no notice {notice_id}" in messages(r.text)


def test_archive_without_a_store(client):
    r = client.get("/archive")
    assert r.status_code == 200
    assert "No store is open" in r.text and "notices serve --db notices.db" in r.text
    r = client.get("/archive/1")
    assert r.status_code == 404 and "No store is open" in r.text


def test_a_missing_store_fails_at_start(tmp_path):
    with pytest.raises(StoreError, match="no such store"):
        create_app(db=tmp_path / "missing.db")
    (tmp_path / "junk.db").write_bytes(b"not sqlite at all" * 100)
    with pytest.raises(StoreError):
        create_app(db=tmp_path / "junk.db")


# ----------------------------------------------------------------------------------- CLI


@pytest.fixture
def served(monkeypatch):
    import uvicorn

    calls = []
    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: calls.append((app, kw)))
    return calls


def test_serve_defaults_to_this_machine(served):
    result = CliRunner().invoke(cli, ["serve"])
    assert result.exit_code == 0, result.output
    app, options = served[0]
    assert options == {"host": "127.0.0.1", "port": 8000, "log_level": "warning"}
    assert "Warning" not in result.output and "http://127.0.0.1:8000/" in result.output
    with TestClient(app, base_url=BASE) as c:
        assert c.get("/").status_code == 200


def test_serve_warns_off_this_machine(served, store):
    result = CliRunner().invoke(cli, ["serve", "--host", "0.0.0.0", "--port", "8123", "--db", str(store)])
    assert result.exit_code == 0, result.output
    assert "Warning: listening on 0.0.0.0, not only on this machine" in result.output
    app, options = served[0]
    assert options["host"] == "0.0.0.0" and options["port"] == 8123
    with TestClient(app, base_url="http://192.168.1.20:8123") as c:
        assert len(_hits(c.get("/archive").text)) == 3


def test_serve_with_a_missing_store(served, tmp_path):
    result = CliRunner().invoke(cli, ["serve", "--db", str(tmp_path / "nope.db")])
    assert result.exit_code == 1
    assert "Error:" in result.output and "no such store" in result.output
    assert served == []


def test_serve_help():
    result = CliRunner().invoke(cli, ["serve", "--help"])
    assert result.exit_code == 0
    for option in ("--host", "--port", "--db", "--max-upload"):
        assert option in result.output


def test_a_figures_change_is_on_the_form_and_a_clerk_can_correct_it(client, reviewed):
    _, form = reviewed
    n = next(k.split("-")[1] for k, v in form.items() if k.endswith("-text") and v == "12.5%")
    assert form[f"figures-{n}-change"] == "up"  # 同比上升12.5%
    record = client.post("/record", data={**form, f"figures-{n}-change": "down"}).json()
    assert next(f for f in record["figures"] if f["text"] == "12.5%")["change"] == "down"
    record = client.post("/record", data={**form, f"figures-{n}-change": "none"}).json()
    assert next(f for f in record["figures"] if f["text"] == "12.5%")["change"] is None
