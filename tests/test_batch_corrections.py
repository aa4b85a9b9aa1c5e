"""Clerks' corrections kept in the store (the extracted record too, and who changed what when),
corrected notices exported as gold files that notices eval scores against; records rebuilt from
the stored text; a store of the first schema still read."""
from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner

from notices.batch import batch, open_store
from notices.cli import cli
from notices.errors import DataError, StoreError

DATA = Path(__file__).parent / "data" / "batch"


@pytest.fixture
def store(tmp_path: Path) -> Path:
    batch([DATA / "notice-utf8.txt", DATA / "page-meta.html"], tmp_path / "s.db")
    return tmp_path / "s.db"


def _nid(store: Path, source: str) -> int:
    with open_store(store) as opened:
        return int(opened.query("SELECT id FROM notices WHERE source LIKE ?", (f"%{source}",))["id"][0])


def test_a_correction_is_a_new_version_and_the_extracted_record_stays(store):
    nid = _nid(store, "notice-utf8.txt")
    with open_store(store) as opened:
        extracted = opened.record(nid)
        added = {"name": "吉建军", "title": "副市长", "org": "邯郸市", "name_en": None, "span": None, "city_code": "130400"}
        version = opened.save_correction(nid, {"officials": [*extracted["officials"], added], "kind": "interview"},
                                         editor="王科员")
        assert version == 2
        assert opened.record(nid)["officials"][-1]["name"] == "吉建军"
        assert opened.record(nid, corrected=False) == extracted
        log = opened.query("SELECT field, editor, version, saved_at, new FROM corrections WHERE notice_id=?", (nid,))
        assert list(log["field"]) == ["officials"] and set(log["editor"]) == {"王科员"}
        assert "吉建军" in log["new"][0] and log["saved_at"][0].endswith("Z")
        # the tables follow the corrected record
        names = opened.query("SELECT name, city_code FROM officials WHERE notice_id=?", (nid,))
        assert ("吉建军", "130400") in set(map(tuple, names.to_numpy().tolist()))
        assert opened.save_correction(nid, {"date": "2019-04-13"}, editor="李科长") == 3
        assert opened.query("SELECT date FROM notices WHERE id=?", (nid,))["date"][0] == "2019-04-13"


def test_a_correction_needs_an_editor_a_record_and_a_sqlite_store(store, tmp_path):
    nid = _nid(store, "notice-utf8.txt")
    with open_store(store) as opened:
        with pytest.raises(DataError):
            opened.save_correction(nid, {"kind": "sanction"}, editor=" ")
        with pytest.raises(StoreError, match="no notice"):
            opened.save_correction(99999, {"kind": "sanction"}, editor="王科员")
        with pytest.raises(DataError):
            opened.save_correction(nid, {"cities": [{"nom": "x"}]}, editor="王科员")
    batch([DATA / "notice-utf8.txt"], tmp_path / "o.jsonl")
    with open_store(tmp_path / "o.jsonl") as flat, pytest.raises(StoreError, match="SQLite"):
        flat.save_correction(1, {"kind": "sanction"}, editor="王科员")


def test_export_gold_writes_corrected_notices_that_eval_reads(store, tmp_path):
    nid = _nid(store, "notice-utf8.txt")
    with open_store(store) as opened:
        record = opened.record(nid)
        opened.save_correction(nid, {"kind": "interview", "companies": [{"name": "邯郸市某某钢铁有限公司", "span": None}]},
                               editor="王科员")
    result = CliRunner().invoke(cli, ["export-gold", str(store), str(tmp_path / "gold")])
    assert result.exit_code == 0, result.output
    gold = json.loads((tmp_path / "gold" / f"notice-{nid}.gold.json").read_text(encoding="utf-8"))
    assert gold["format"] == "gold/2" and gold["companies"] == ["邯郸市某某钢铁有限公司"]
    assert [c["name"] for c in gold["cities"]] == [c["name"] for c in record["cities"]]
    assert (tmp_path / "gold" / f"notice-{nid}.txt").read_text(encoding="utf-8") == (
        DATA / "notice-utf8.txt").read_text(encoding="utf-8")
    assert len(list((tmp_path / "gold").iterdir())) == 2  # only the corrected notice
    scored = CliRunner().invoke(cli, ["eval", str(tmp_path / "gold"), "--format", "json"])
    assert scored.exit_code == 0, scored.output
    report = json.loads(scored.output)
    assert report["fields"]["companies"]["fn"] == 1  # the company the extractor missed


def test_reextract_rebuilds_records_from_the_stored_text(store):
    nid = _nid(store, "page-meta.html")
    with sqlite3.connect(store) as conn:  # as if an older extractor had missed every city
        old = json.loads(conn.execute("SELECT record FROM records WHERE notice_id=?", (nid,)).fetchone()[0])
        spoiled = {**old, "cities": [], "schema": "notices.record/1"}
        conn.execute("UPDATE records SET record=?, schema='notices.record/1' WHERE notice_id=?",
                     (json.dumps(spoiled, ensure_ascii=False), nid))
        conn.execute("UPDATE notices SET record=?, schema='notices.record/1' WHERE id=?",
                     (json.dumps(spoiled, ensure_ascii=False), nid))
        conn.execute("DELETE FROM cities WHERE notice_id=?", (nid,))
    with open_store(store) as opened:
        assert opened.record(nid)["schema"] == "notices.record/1"  # a /1 record stays readable
    result = CliRunner().invoke(cli, ["batch", "--reextract", "-o", str(store), "--format", "json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["changed"] == 1
    with open_store(store) as opened:
        assert opened.record(nid)["cities"] == old["cities"]
        assert opened.query("SELECT schema FROM notices WHERE id=?", (nid,))["schema"][0] == "notices.record/2"
        assert len(opened.query("SELECT * FROM cities WHERE notice_id=?", (nid,))) == len(old["cities"])


def test_reextract_keeps_corrected_records(store):
    nid = _nid(store, "notice-utf8.txt")
    with open_store(store) as opened:
        opened.save_correction(nid, {"kind": "sanction"}, editor="王科员")
    CliRunner().invoke(cli, ["batch", "--reextract", "-o", str(store)])
    with open_store(store) as opened:
        assert opened.record(nid)["kind"] == "sanction"


OLD_STORE = """
CREATE TABLE store_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE notices (id INTEGER PRIMARY KEY, sha256 TEXT NOT NULL UNIQUE, source TEXT NOT NULL,
    version INTEGER NOT NULL, format TEXT, lang TEXT, title TEXT, date TEXT, year INTEGER, kind TEXT,
    authority TEXT, authority_en TEXT, record TEXT NOT NULL);
CREATE TABLE files (source TEXT NOT NULL, sha256 TEXT NOT NULL, notice_id INTEGER NOT NULL,
    PRIMARY KEY (source, sha256));
CREATE TABLE errors (id INTEGER PRIMARY KEY, source TEXT NOT NULL, sha256 TEXT, type TEXT NOT NULL,
    message TEXT NOT NULL);
CREATE TABLE cities (notice_id INTEGER NOT NULL, name TEXT NOT NULL, name_en TEXT, code TEXT, province TEXT,
    province_code TEXT, level TEXT, role TEXT, mentions INTEGER, spans TEXT);
CREATE TABLE officials (notice_id INTEGER NOT NULL, name TEXT NOT NULL, name_en TEXT, title TEXT, org TEXT,
    span_start INTEGER, span_end INTEGER);
CREATE TABLE figures (notice_id INTEGER NOT NULL, value REAL, unit TEXT, text TEXT, subject TEXT, city TEXT,
    role TEXT, span_start INTEGER, span_end INTEGER);
CREATE TABLE deadlines (notice_id INTEGER NOT NULL, text TEXT, amount REAL, unit TEXT, due TEXT,
    span_start INTEGER, span_end INTEGER);
CREATE TABLE companies (notice_id INTEGER NOT NULL, name TEXT NOT NULL, span_start INTEGER, span_end INTEGER);
CREATE TABLE sanctions (notice_id INTEGER NOT NULL, text TEXT, amount REAL, span_start INTEGER, span_end INTEGER);
CREATE TABLE warnings (notice_id INTEGER NOT NULL, message TEXT NOT NULL);
INSERT INTO store_meta VALUES ('schema', 'notices.store/1'), ('record_schema', 'notices.record/1');
"""


def test_a_store_of_the_first_schema_is_read_and_upgraded_when_written(tmp_path):
    path = tmp_path / "old.db"
    record = {"schema": "notices.record/1", "source": "a.txt", "sha256": "a" * 64, "lang": "zh", "title": "t",
              "date": "2018-05-03", "authority": None, "kind": "interview",
              "cities": [{"name": "晋城市", "code": "140500", "province": "山西省", "role": "subject", "spans": [[0, 3]]}],
              "officials": [], "figures": [], "deadlines": [], "companies": [], "sanctions": [], "warnings": []}
    with sqlite3.connect(path) as conn:
        conn.executescript(OLD_STORE)
        conn.execute("INSERT INTO notices VALUES (1, ?, 'a.txt', 1, 'txt', 'zh', 't', '2018-05-03', 2018,"
                     " 'interview', NULL, NULL, ?)", ("a" * 64, json.dumps(record, ensure_ascii=False)))
        conn.execute("INSERT INTO files VALUES ('a.txt', ?, 1)", ("a" * 64,))
        conn.execute("INSERT INTO cities VALUES (1, '晋城市', NULL, '140500', '山西省', '140000', 'prefecture',"
                     " 'subject', 1, '[[0, 3]]')")
    with open_store(path) as opened:  # read as it is
        assert opened.record(1)["schema"] == "notices.record/1"
        assert opened.stats()["events"] == 1 and opened.count("sources") == 1
    summary = batch([DATA / "notice-utf8.txt"], path)  # written: upgraded in place
    assert summary.new == 1
    with open_store(path) as opened:
        assert opened.count("events") == 2
        assert set(opened.query("SELECT schema FROM notices")["schema"]) == {"notices.record/1", "notices.record/2"}
        assert opened.query("SELECT city_code FROM cities WHERE notice_id=1")["city_code"][0] == "140500"
        # rows written after the upgrade land in their columns (the added ones are last in the table)
        new = opened.query("SELECT province, code, city_code FROM cities WHERE notice_id=2")
        assert all(p.endswith("省") for p in new["province"]) and list(new["code"]) == list(new["city_code"])


def test_a_store_of_the_second_schema_gains_the_change_of_figures_when_written(tmp_path):
    path = tmp_path / "v2.db"
    batch([DATA / "notice-en.txt"], path)
    with sqlite3.connect(path) as conn:  # as a notices.store/2 store was: figures without change
        conn.execute("ALTER TABLE figures DROP COLUMN change")
        conn.execute("UPDATE store_meta SET value='notices.store/2' WHERE key='schema'")
    with open_store(path) as opened:  # read as it is
        assert opened.count("notices") == 1
    batch([DATA / "notice-utf8.txt"], path)
    with open_store(path) as opened:
        assert opened.query("SELECT value FROM store_meta WHERE key='schema'")["value"][0] == "notices.store/3"
        changes = opened.query("SELECT notice_id, change FROM figures")
        assert set(changes[changes.notice_id == 2]["change"].dropna()) == {"up"}  # 同比上升12.5%
        assert changes[changes.notice_id == 1]["change"].isna().all()
