"""notices browse serves the store in Datasette on loopback, with its metadata and search."""
from __future__ import annotations

import json
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from click.testing import CliRunner

from notices.batch import batch
from notices.batch.browse import metadata
from notices.cli import cli

DATA = Path(__file__).parent / "data" / "batch"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str, deadline: float) -> bytes:
    while True:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310 - loopback
                return response.read()
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.3)


def test_browse_serves_the_store_with_facets_and_search(tmp_path):
    pytest.importorskip("datasette")
    batch([DATA / "notice-utf8.txt", DATA / "page-meta.html", DATA / "notice-en.txt"], tmp_path / "store.db")
    port = _free_port()
    server = subprocess.Popen([sys.executable, "-c", "from notices.cli import main; main()", "browse", str(tmp_path / "store.db"),
                               "--port", str(port), "--no-open"],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        base = f"http://127.0.0.1:{port}/store"
        deadline = time.monotonic() + 90
        page = _get(f"{base}/notices", deadline).decode()
        assert "distinct notice text" in page  # the table's description
        found = json.loads(_get(f"{base}/notices.json?_shape=array&_search=" + urllib.parse.quote("盐城市"), deadline))
        assert [n["title"] for n in found] == ["江苏省生态环境厅约谈盐城市政府"]
        cities = json.loads(_get(f"{base}/cities.json", deadline))
        assert {"province", "role"} <= set(cities["facet_results"]["results"] if "results" in cities.get(
            "facet_results", {}) else cities.get("facet_results", {}))
    finally:
        server.terminate()
        server.wait(timeout=30)


def test_browse_is_loopback_only_and_needs_a_sqlite_store(tmp_path):
    batch([DATA / "notice-utf8.txt"], tmp_path / "s.jsonl")
    result = CliRunner().invoke(cli, ["browse", str(tmp_path / "s.jsonl"), "--no-open"])
    assert result.exit_code == 1 and "SQLite store" in result.output
    batch([DATA / "notice-utf8.txt"], tmp_path / "s.db")
    result = CliRunner().invoke(cli, ["browse", str(tmp_path / "s.db"), "--host", "0.0.0.0", "--no-open"])
    assert result.exit_code == 1 and "loopback only" in result.output


def test_metadata_describes_every_table_and_facets_the_researchers_columns(tmp_path):
    tables = metadata(tmp_path / "store.db")["databases"]["store"]["tables"]
    assert tables["notices"]["fts_table"] == "notices_fts"
    assert set(tables["notices"]["facets"]) >= {"year", "kind"}
    assert set(tables["cities"]["facets"]) >= {"province", "role"}
    assert tables["cities"]["columns"]["current_code"]
