"""What no page or post may do: hold the server (extraction runs in workers with a time limit),
come from another site, or turn an out-of-range id or date into a server error."""
from __future__ import annotations

import threading
import time
import warnings

import pytest
from click.testing import CliRunner

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

from notices.cli import cli
from notices.web import create_app
from notices.web.safety import cross_origin, host_name
from notices.web.work import Pool, TimedOut
from tests.test_web import BASE, EN, JINCHENG, form_of, messages

HOSTILE_PASTE = "（" * 10000 + "晋城市"


@pytest.fixture(scope="module")
def client():
    with TestClient(create_app(), base_url=BASE, headers=EN) as c:
        yield c


# ------------------------------------------------------------------------- time limits


def test_a_pathological_paste_does_not_hold_a_normal_review():
    with TestClient(create_app(timeout=6), base_url=BASE, headers=EN) as client:
        assert client.post("/review", data={"text": JINCHENG}).status_code == 200  # the workers are warm
        slow = {}
        thread = threading.Thread(target=lambda: slow.update(r=client.post("/review", data={"text": HOSTILE_PASTE})))
        thread.start()
        time.sleep(1)
        started = time.monotonic()
        r = client.post("/review", data={"text": JINCHENG})
        took = time.monotonic() - started
        thread.join()
    assert r.status_code == 200 and took < 3, took
    assert slow["r"].status_code == 200 or "was stopped" in messages(slow["r"].text)


def test_an_extraction_past_the_time_limit_is_stopped_with_a_message():
    long_notice = JINCHENG * 100
    with TestClient(create_app(timeout=0.05), base_url=BASE) as c:
        r = c.post("/review", data={"text": long_notice})
        assert r.status_code == 422
        assert "提取超过 0.05 秒仍未完成，已停止" in messages(r.text)
        assert long_notice in r.text  # back on the form, the paste kept


def test_a_worker_past_its_time_is_replaced():
    pool = Pool(1)
    try:
        with pytest.raises(TimedOut):
            pool.call(time.sleep, 30, timeout=0.5)
        assert pool.call(sum, [1, 2, 3], timeout=30) == 6
    finally:
        pool.close()


# ------------------------------------------------------------------------ cross-origin


@pytest.mark.parametrize("headers", [
    {"origin": "http://evil.example"},
    {"origin": "null"},
    {"origin": "http://127.0.0.1:9999"},  # another port is another site
    {"referer": "http://evil.example/page.html"},
    {"sec-fetch-site": "cross-site"},
    {"sec-fetch-site": "same-site", "origin": "http://localhost:3000"},
])
@pytest.mark.parametrize("path", ["/review", "/review/check", "/letters", "/record", "/resolve", "/review/marks"])
def test_posts_from_another_site_are_refused(client, path, headers):
    r = client.post(path, data={"text": JINCHENG}, headers=headers)
    assert r.status_code == 403
    assert "sent from another site" in messages(r.text)


def test_posts_from_the_page_itself_are_taken(client):
    for headers in ({"origin": BASE}, {"referer": BASE + "/"}, {"sec-fetch-site": "same-origin", "origin": BASE}, {}):
        assert client.post("/review", data={"text": JINCHENG}, headers=headers).status_code == 200, headers


def test_a_refused_post_is_said_in_chinese():
    with TestClient(create_app(), base_url=BASE) as c:
        r = c.post("/review", data={"text": JINCHENG}, headers={"origin": "http://evil.example"})
    assert r.status_code == 403 and "此表单来自其他网站（http://evil.example），已拒绝" in messages(r.text)


@pytest.mark.parametrize(("host", "origin", "other"), [
    ("127.0.0.1:8000", "http://127.0.0.1:8000", None),
    ("[::1]:8000", "http://[::1]:8000", None),
    ("LOCALHOST:8000", "http://localhost:8000", None),
    ("127.0.0.1:8000", "http://127.0.0.1.evil.example", "http://127.0.0.1.evil.example"),
])
def test_the_origin_is_compared_with_the_host(host, origin, other):
    assert cross_origin(host, origin, None, None) == other


# ---------------------------------------------------------------------------- loopback


@pytest.mark.parametrize(("header", "name"), [
    ("[::1]:8000", "::1"), ("[::1]", "::1"), ("127.0.0.1:8000", "127.0.0.1"), ("localhost", "localhost"), ("::1", "::1")])
def test_host_names_without_their_port(header, name):
    assert host_name(header) == name


def test_ipv6_loopback_is_served(client):
    assert client.get("/", headers={"host": "[::1]:8000"}).status_code == 200
    assert client.get("/", headers={"host": "[::2]:8000"}).status_code == 400


@pytest.mark.parametrize("given", ["::1", "[::1]"])
def test_serve_on_ipv6_loopback(monkeypatch, given):
    import uvicorn

    calls = []
    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: calls.append((app, kw)))
    result = CliRunner().invoke(cli, ["serve", "--host", given, "--port", "8080"])
    assert result.exit_code == 0, result.output
    assert "Warning" not in result.output and "http://[::1]:8080/" in result.output
    app, options = calls[0]
    assert options["host"] == "::1"
    with TestClient(app, base_url="http://[::1]:8080") as c:
        assert c.get("/").status_code == 200


# --------------------------------------------------------------------------- out of range


@pytest.mark.parametrize("date", ["9999-12-31", "10000-01-01", "0001-01-01", "2101-01-01"])
def test_notice_dates_out_of_range_are_refused(client, date):
    r = client.post("/review", data={"text": "约谈要求，晋城市政府要在20个工作日内制定整改方案。", "date": date})
    assert r.status_code == 400, r.text[:200]
    assert "out of range" in messages(r.text) or "is not a date" in messages(r.text)


@pytest.mark.parametrize(("field", "value"), [("date", "9999-12-30"), ("deadlines-0-due", "99999-01-01"),
                                              ("letter_date", "9999-12-31"), ("letter_date", "10000-01-01")])
def test_edited_dates_out_of_range_are_messages(client, field, value):
    form = form_of(client.post("/review", data={"text": JINCHENG}).text)
    form[field] = value
    for path in ("/review/check", "/letters"):
        r = client.post(path, data=form)
        assert r.status_code == 422, (path, r.status_code)
        assert messages(r.text)
