"""Full-text search of a store: Chinese phrases of any length, English words, filters, snippets."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from notices.batch import batch, open_store
from notices.batch.search import MARK_END, MARK_START
from notices.cli import cli

DATA = Path(__file__).parent / "data" / "batch"


@pytest.fixture(scope="module")
def store(tmp_path_factory) -> Path:
    work = tmp_path_factory.mktemp("search")
    folder = work / "in"
    folder.mkdir()
    for name in ("notice-utf8.txt", "notice-big5.txt", "notice-en.txt", "page-meta.html", "page-en.html",
                 "page-dateline.html"):
        shutil.copy(DATA / name, folder / name)
    batch([folder], work / "out.db")
    return work / "out.db"


@pytest.mark.parametrize(
    ("query", "found"),
    [
        ("平均浓度", {"notice-utf8.txt", "notice-big5.txt"}),  # the Big5 text is traditional: 平均濃度
        ("盐城市", {"page-meta.html"}),  # three characters: the trigram index
        ("邯郸", {"notice-utf8.txt"}),  # two characters: no trigram, matched on the text
        ("air quality", {"notice-en.txt"}),
        ("TANGSHAN", {"page-en.html"}),  # any case
        ('"steel plant" Tangshan', {"page-en.html"}),
        ("督察组", {"page-dateline.html"}),
        ("不存在的短语", set()),
    ],
)
def test_search_finds_notices_by_phrase(store, query, found):
    with open_store(store) as opened:
        hits = opened.search(query)
    assert {Path(h.source).name for h in hits} == found


def test_a_hit_has_its_event_and_a_marked_snippet(store):
    with open_store(store) as opened:
        (hit,) = opened.search("盐城市")
        assert hit.event_id is not None and hit.kind == "interview" and hit.date
        assert f"{MARK_START}盐城市{MARK_END}" in hit.snippet
        assert "<mark>盐城市</mark>" in hit.snippet_html()


def test_search_filters_by_city_year_and_kind(store):
    with open_store(store) as opened:
        assert opened.search("约谈", city="邯郸市") and not opened.search("约谈", city="盐城市", year=2019)
        assert {h.kind for h in opened.search("生态环境部", kind="interview")} == {"interview"}
        assert opened.search("约谈", city="130400") == opened.search("约谈", city="邯郸市")
        assert len(opened.search("约谈", limit=1)) == 1
        assert opened.search("约谈", offset=100) == []


def test_search_command_prints_highlighted_hits_and_json(store):
    result = CliRunner().invoke(cli, ["search", str(store), "盐城市"])
    assert result.exit_code == 0, result.output
    assert "[盐城市]" in result.output and "page-meta.html" in result.output
    result = CliRunner().invoke(cli, ["search", str(store), "平均浓度", "--format", "json"])
    hits = [json.loads(line) for line in result.output.splitlines()]
    assert len(hits) == 2 and all(MARK_START in h["snippet"] for h in hits)


def test_hostile_queries_are_only_text(store):
    with open_store(store) as opened:
        for query in ('"', "NEAR(", "a OR b", "*", "'; DROP TABLE notices; --", "%", "_"):
            opened.search(query)  # no SQL or FTS syntax error
        assert opened.count("notices") == 6
