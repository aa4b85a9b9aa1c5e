"""The archive a clerk can search: events (a notice and its reprints are one), full-text
search, facets by province, year and kind, pages, the current view as CSV, and corrections
saved to the store and opened again."""
from __future__ import annotations

import csv
import io
import re
import shutil
import sqlite3
import warnings

import pytest

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

from notices.web import create_app
from tests.test_web import BASE, EN, JINCHENG, form_of, make_store, marks, messages, notice_text

REPRINT = "（转载自某市政府网站）\n" + JINCHENG  # the same notice as another site printed it


def _titles(page: str) -> list[str]:
    import html

    return [html.unescape(t) for t in re.findall(r'<td><a href="/archive/\d+">(.*?)</a>', page)]


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    """沧州, 安阳, and 晋城 three times: a file, an identical copy and a reprint (one event)."""
    return make_store(tmp_path_factory.mktemp("events"), {
        "jincheng.txt": JINCHENG, "jincheng-copy.txt": JINCHENG, "jincheng-reprint.txt": REPRINT})


@pytest.fixture
def client(store, tmp_path):
    db = tmp_path / "notices.db"
    shutil.copy(store, db)  # each test corrects its own copy
    app = create_app(db=db)
    with TestClient(app, base_url=BASE, headers=EN) as c:
        c.app_state = app.state
        c.db = db
        yield c


def test_the_archive_lists_events_not_files(client):
    page = client.get("/archive").text
    titles = _titles(page)
    assert len(titles) == 3 and titles.count("生态环境部约谈晋城市政府主要负责人") == 1
    assert "2 more reprints" in page  # the copy and the reprint
    assert "3 notices match." in page


def test_full_text_search_finds_words_of_the_text(client):
    page = client.get("/archive", params={"q": "鸿达化工"}).text
    assert _titles(page) == ["生态环境部约谈晋城市政府主要负责人"]
    assert "<mark>鸿达化工</mark>" in page
    assert _titles(client.get("/archive", params={"q": "鸿达化工", "year": "2014"}).text) == []
    assert "No notice matches" in client.get("/archive", params={"q": "不存在的词语组合"}).text


def test_full_text_search_within_a_province(client):
    assert _titles(client.get("/archive", params={"q": "约谈", "province": "山西"}).text) == [
        "生态环境部约谈晋城市政府主要负责人"]
    assert len(_titles(client.get("/archive", params={"q": "约谈"}).text)) == 2


def test_facets_count_events(client):
    page = client.get("/archive").text
    assert '<option value="山西省">山西省（1）</option>' in page
    assert re.search(r'<option value="2018">2018（1）</option>', page)
    assert re.search(r'<option value="interview">interview（\d）</option>', page)


def test_pages(client):
    client.app_state.archive.page_size = 2
    first = client.get("/archive").text
    assert len(_titles(first)) == 2 and 'rel="next" href="/archive?page=2"' in first and "Page 1 of 2" in first
    second = client.get("/archive", params={"page": "2"}).text
    assert len(_titles(second)) == 1 and 'rel="prev"' in second and 'rel="next"' not in second
    assert set(_titles(first)).isdisjoint(_titles(second))
    bad = client.get("/archive", params={"page": "0"})
    assert bad.status_code == 400 and "is not a page number" in messages(bad.text)


def test_the_current_view_exports_as_csv(client):
    client.app_state.archive.page_size = 1  # every page of the view, not the one shown
    r = client.get("/archive.csv", params={"province": "山西"})
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/csv")
    assert r.content.startswith("\ufeff".encode())
    rows = list(csv.DictReader(io.StringIO(r.content.decode("utf-8-sig"))))
    assert [row["title"] for row in rows] == ["生态环境部约谈晋城市政府主要负责人"]
    assert rows[0]["files"] == "3" and rows[0]["subject cities"] == "晋城市"
    everything = list(csv.DictReader(io.StringIO(client.get("/archive.csv").content.decode("utf-8-sig"))))
    assert len(everything) == 3
    page = client.get("/archive", params={"province": "山西"}).text
    assert 'href="/archive.csv?province=%E5%B1%B1%E8%A5%BF"' in page


def test_the_csv_speaks_the_pages_language(store):
    with TestClient(create_app(db=store), base_url=BASE) as c:
        header = c.get("/archive.csv").content.decode("utf-8-sig").splitlines()[0]
    assert header == "事件编号,通报编号,日期,标题,类型,通报对象,文件数,版本,来源"


def test_a_correction_is_saved_and_opened_again(client):
    link = re.search(r'href="(/archive/\d+)"', client.get("/archive", params={"city": "晋城"}).text).group(1)
    page = client.get(link).text
    assert 'id="save"' in page
    form = form_of(page)
    assert notice_text(page) == JINCHENG
    start = JINCHENG.index("刘峰")
    changes = {"officials-0-title": "副市长", "figures-0-value": "70", "editor": "王芳"}
    saved = client.post("/review/save", data={**form, **changes})
    assert saved.status_code == 200, messages(saved.text)
    assert "saved as version 2 of notice" in saved.text
    again = client.get(link).text  # the archive opens the corrected version
    assert "as corrected by a clerk (version 2)" in again
    reopened = form_of(again)
    assert reopened["officials-0-title"] == "副市长" and reopened["figures-0-value"] == "70"
    assert ("official", "刘峰") in marks(again) and reopened["officials-0-span"] == f"{start}-{start + 2}"
    assert "corrected" in client.get("/archive").text
    with sqlite3.connect(client.db) as conn:
        fields = {f for (f,) in conn.execute("SELECT field FROM corrections WHERE editor = '王芳'")}
        versions = conn.execute("SELECT count(*) FROM records").fetchone()[0]
    assert {"officials", "figures"} <= fields and versions >= 1


def test_a_correction_needs_its_editor(client):
    link = re.search(r'href="(/archive/\d+)"', client.get("/archive", params={"city": "晋城"}).text).group(1)
    r = client.post("/review/save", data={**form_of(client.get(link).text), "editor": "  "})
    assert r.status_code == 422 and "Give the name of who corrected it" in messages(r.text)


def test_only_stored_notices_are_saved(client):
    page = client.post("/review", data={"text": JINCHENG + "另有说明。"}).text
    assert 'id="save"' not in page
    r = client.post("/review/save", data={**form_of(page), "editor": "王芳"})
    assert r.status_code == 422 and "Only a notice opened from the archive" in messages(r.text)


def test_a_pasted_notice_already_stored_can_be_corrected(client):
    page = client.post("/review", data={"text": JINCHENG}).text
    assert 'id="save"' in page and form_of(page)["stored_id"].isdigit()


def test_the_editor_is_remembered(client):
    link = re.search(r'href="(/archive/\d+)"', client.get("/archive", params={"city": "晋城"}).text).group(1)
    client.post("/review/save", data={**form_of(client.get(link).text), "editor": "王芳"})
    assert form_of(client.get(link).text)["editor"] == "王芳"
