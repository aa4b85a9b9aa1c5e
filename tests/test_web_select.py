"""Adding what the extractor missed by selecting it in the notice: the selection is resolved
the way the extractor resolves it (POST /resolve) and becomes a form row carrying its span;
the highlights follow the form as rows are added and removed (POST /review/marks)."""
from __future__ import annotations

import re
import warnings

import pytest

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

from notices.web import create_app
from tests.test_web import BASE, EN, form_of, marks

TEXT = ("生态环境部约谈晋城市政府主要负责人\n"
        "2018年5月3日，生态环境部约谈山西省晋城市人民政府主要负责人。督查发现，1至3月晋城市PM2.5平均浓度为"
        "78微克/立方米。约谈要求，晋城市政府要在20个工作日内制定整改方案。晋城市市长刘峰及吉建军等人参加约谈。"
        "阳泉市也被提及，需在3个月内完成整改。")


@pytest.fixture(scope="module")
def client():
    with TestClient(create_app(), base_url=BASE, headers=EN) as c:
        yield c


@pytest.fixture(scope="module")
def form(client):
    return form_of(client.post("/review", data={"text": TEXT}).text)


def _add(client, form, kind: str, surface: str, nth: int = 0) -> tuple[dict[str, str], dict]:
    start = [m.start() for m in re.finditer(re.escape(surface), TEXT)][nth]
    r = client.post("/resolve", data={**form, "add_kind": kind, "add_start": start, "add_end": start + len(surface)})
    assert r.status_code == 200, r.text
    data = r.json()
    row = form_of(f'<form id="record-form">{data["html"]}</form>')
    return row, data


def test_a_selected_name_is_added_as_an_official_with_its_span(client, form):
    assert ("official", "吉建军") not in marks(client.post("/review", data={"text": TEXT}).text)
    row, data = _add(client, form, "official", "吉建军")
    ref = data["ref"]
    assert row[f"{ref}-name"] == "吉建军" and row[f"{ref}-name_en"] == "Ji Jianjun"
    start = TEXT.index("吉建军")
    assert row[f"{ref}-span"] == f"{start}-{start + 3}"
    assert ref not in {k.rsplit("-", 1)[0] for k in form}  # a new row number, not one on the form


def test_a_selected_place_gets_its_code(client, form):
    row, data = _add(client, form, "city", "阳泉市")
    ref = data["ref"]
    assert (row[f"{ref}-name"], row[f"{ref}-code"], row[f"{ref}-province"]) == ("阳泉市", "140300", "山西省")


def test_a_selected_deadline_gets_its_due_date(client, form):
    row, data = _add(client, form, "deadline", "3个月内")
    ref = data["ref"]
    assert (row[f"{ref}-amount"], row[f"{ref}-unit"], row[f"{ref}-due"]) == ("3", "month", "2018-08-03")


def test_a_selected_figure_gets_its_value_and_unit(client, form):
    row, data = _add(client, form, "figure", "78微克/立方米")
    ref = data["ref"]
    assert row[f"{ref}-value"] == "78" and row[f"{ref}-unit"] in ("μg/m³", "微克/立方米")


def test_an_added_item_is_highlighted_and_a_removed_one_is_not(client, form):
    row, _ = _add(client, form, "official", "吉建军")
    posted = {**form, **row}
    found = client.post("/review/marks", data=posted).json()
    shown = [(k, re.sub(r"<[^>]+>", "", t)) for k, t in
             re.findall(r'<mark class="m m-(\w+)[^"]*" data-ref="[^"]*" title="[^"]*">(.*?)</mark>', found["html"])]
    assert ("official", "吉建军") in shown and ("official", "刘峰") in shown
    assert found["counts"]["official"] == 2
    removed = client.post("/review/marks", data={**posted, "officials-0-remove": "1"}).json()
    assert "刘峰</mark>" not in removed["html"] and "吉建军</mark>" in removed["html"]
    assert removed["counts"]["official"] == 1


def test_the_added_official_reaches_the_record(client, form):
    row, _ = _add(client, form, "official", "吉建军")
    page = client.post("/review/check", data={**form, **row}).text
    assert ("official", "吉建军") in marks(page)


@pytest.mark.parametrize(("changes", "status"), [
    ({"add_kind": "planet", "add_start": "0", "add_end": "3"}, 400),
    ({"add_kind": "official", "add_start": "5", "add_end": "5"}, 400),
    ({"add_kind": "official", "add_start": "0", "add_end": "100000"}, 400),
    ({"add_kind": "official", "add_start": "x", "add_end": "3"}, 400),
    ({"add_kind": "official", "add_start": "0", "add_end": "400"}, 400),  # too long a selection
])
def test_bad_selections_say_why(client, form, changes, status):
    r = client.post("/resolve", data={**form, **changes})
    assert r.status_code == status and r.json()["error"]


def test_the_review_list_sits_beside_download(client):
    page = client.post("/review", data={"text": TEXT}).text
    panel = page[page.index('id="actions"'):page.index("</section>", page.index('id="actions"'))]
    assert 'id="download"' in panel and 'id="letter-review"' in panel
    assert "Letter 1 · 晋城市" in panel


def test_the_review_list_follows_the_form(client, form):
    undated = {**form, "date": ""}
    found = client.post("/review/marks", data=undated).json()["review"]
    assert "今天" in found  # an undated record: the letter is dated today, which the clerk must check
    english = client.post("/review/marks", data={**undated, "template": "interview-notice-en"}).json()["review"]
    assert "today" in english
