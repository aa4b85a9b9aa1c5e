"""What a script relies on: flat exports with the store's columns, one writer per output, an
exit code that tells new failures from old, named query parameters, plots in the asked format."""
from __future__ import annotations

import csv
import json
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from notices.batch import batch, open_store
from notices.batch.lock import OutputLock
from notices.batch.schema import EXPORTED, NOT_EXPORTED
from notices.cli import cli
from notices.errors import StoreError

DATA = Path(__file__).parent / "data" / "batch"


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    work = tmp_path / "in"
    work.mkdir()
    for name in ("notice-utf8.txt", "notice-en.txt", "notice-big5.txt", "page-meta.html", "notice.docx",
                 "corrupt.docx"):
        shutil.copy(DATA / name, work / name)
    return work


def _columns(db: Path, table: str) -> list[str]:
    with sqlite3.connect(db) as conn:
        return [r[1] for r in conn.execute(f"PRAGMA table_info({table})") if r[1] not in NOT_EXPORTED.get(table, ())]


@pytest.mark.parametrize("fmt", ["csv", "parquet"])
def test_folder_export_writes_flat_tables_with_the_stores_columns(tmp_path, folder, fmt):
    out = tmp_path / "tables"
    result = CliRunner().invoke(cli, ["batch", str(folder), "-o", str(out), "--format", fmt])
    assert result.exit_code == 1, result.output  # corrupt.docx
    import pandas as pd

    for table in EXPORTED:
        path = out / f"{table}.{fmt}"
        frame = pd.read_csv(path) if fmt == "csv" else pd.read_parquet(path)
        assert list(frame.columns) == _columns(out / "notices.db", table), table
        for column in frame.columns:  # flat: no JSON lists or objects in a cell
            assert not frame[column].astype(str).str.match(r"^\s*[\[{]").any(), (table, column)
    cities = pd.read_csv(out / "cities.csv") if fmt == "csv" else pd.read_parquet(out / "cities.parquet")
    assert {"city_code", "current_code", "current_name", "province"} <= set(cities.columns)
    assert "130400" in set(cities["city_code"].astype(str))
    with open_store(out) as store:  # the folder opens as a store of DataFrames
        assert len(store["cities"]) == len(cities)
    again = CliRunner().invoke(cli, ["batch", str(folder), "-o", str(out), "--format", fmt])
    assert again.exit_code == 0, again.output  # resumed from the folder's store


def test_export_command_from_a_store(tmp_path, folder):
    batch([folder], tmp_path / "s.db")
    result = CliRunner().invoke(cli, ["export", str(tmp_path / "s.db"), str(tmp_path / "x")])
    assert result.exit_code == 0, result.output
    with open(tmp_path / "x" / "officials.csv", encoding="utf-8") as fh:
        assert next(csv.reader(fh)) == _columns(tmp_path / "s.db", "officials")


def test_jsonl_stays_one_record_per_line(tmp_path, folder):
    batch([folder], tmp_path / "out.jsonl")
    lines = (tmp_path / "out.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(lines) == 6 and all(json.loads(line)["source"] for line in lines)
    assert not any("_doc" in json.loads(line) for line in lines)


def test_a_rerun_without_new_failures_exits_zero(tmp_path, folder):
    out = str(tmp_path / "out.db")
    first = CliRunner().invoke(cli, ["batch", str(folder), "-o", out])
    assert first.exit_code == 1 and "corrupt.docx" in first.output
    again = CliRunner().invoke(cli, ["batch", str(folder), "-o", out])
    assert again.exit_code == 0, again.output
    assert "earlier  1 files that failed in earlier runs" in again.output and "corrupt.docx" not in again.output
    (folder / "new-broken.pdf").write_bytes(b"%PDF-1.4 broken")
    third = CliRunner().invoke(cli, ["batch", str(folder), "-o", out, "--format", "json"])
    assert third.exit_code == 1
    assert json.loads(third.output)["new_errors"] == 1 and json.loads(third.output)["earlier_errors"] == 1


def test_retry_errors_reads_failed_files_again(tmp_path, folder):
    out = tmp_path / "out.db"
    first = batch([folder / "notice-utf8.txt", folder / "page-meta.html"], out, timeout=1e-6)  # all time out
    assert [e["error"]["type"] for e in first.errors] == ["timeout", "timeout"]
    assert batch([folder / "notice-utf8.txt", folder / "page-meta.html"], out).earlier_errors == 2
    retried = batch([folder / "notice-utf8.txt", folder / "page-meta.html"], out, retry_errors=True)
    assert (retried.errors, retried.new) == ([], 2)
    with open_store(out) as store:
        assert store.count("errors") == 0 and store.count("notices") == 2


def test_retried_files_that_fail_again_are_not_new_failures(tmp_path, folder):
    out = tmp_path / "out.db"
    batch([folder], out)
    retried = batch([folder], out, retry_errors=True)
    assert (len(retried.errors), retried.failed_again, retried.ok) == (1, 1, True)


@pytest.mark.parametrize("output", ["out.db", "out.jsonl", "out.csv", "out.parquet"])
def test_a_second_writer_is_refused_naming_the_first(tmp_path, folder, output):
    holder = subprocess.Popen([sys.executable, "-c", (
        "import sys, time; from notices.batch.lock import OutputLock\n"
        f"lock = OutputLock({str(tmp_path / output)!r}).acquire(); print('locked', flush=True); time.sleep(60)")],
        stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "locked"
        result = CliRunner().invoke(cli, ["batch", str(folder), "-o", str(tmp_path / output)])
        assert result.exit_code == 1
        assert f"Error: {tmp_path / output} is being written by another run (pid {holder.pid})" in result.output
        assert not (tmp_path / output).exists()
    finally:
        holder.kill()
        holder.wait()
    assert batch([folder], tmp_path / output).records == 5  # the lock went with its process


def test_the_lock_leaves_nothing_behind(tmp_path, folder):
    batch([folder], tmp_path / "out.jsonl")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in", "out.jsonl"]
    with OutputLock(tmp_path / "out.jsonl"), pytest.raises(StoreError, match="being written"):
        OutputLock(tmp_path / "out.jsonl").acquire()


@pytest.mark.parametrize("output", ["out.jsonl", "out.csv"])
def test_a_full_disk_is_a_clear_error_and_the_output_stays_readable(tmp_path, folder, monkeypatch, output):
    out = tmp_path / output
    batch([folder / "notice-utf8.txt"], out)
    before = out.read_bytes()
    real_write = os.write

    def full(fd: int, data: bytes) -> int:  # the disk fills half way through a line
        if os.path.realpath(f"/proc/self/fd/{fd}") == str(out.resolve()):
            real_write(fd, bytes(data)[: len(data) // 2])
            raise OSError(28, "No space left on device")
        return real_write(fd, data)

    monkeypatch.setattr(os, "write", full)
    result = CliRunner().invoke(cli, ["batch", str(folder), "-o", str(out)])
    monkeypatch.undo()
    assert result.exit_code == 1
    assert "the disk is full" in result.output and "Traceback" not in result.output
    assert out.read_bytes() == before  # the half line was cut off again
    assert batch([folder], out).records == 5  # and the run resumes


def test_query_takes_named_parameters_and_prints_tsv_and_markdown(tmp_path, folder):
    batch([folder], tmp_path / "s.db")
    args = ["query", str(tmp_path / "s.db"), "SELECT name, code FROM cities WHERE name = :city", "-p", "city", "邯郸市"]
    tsv = CliRunner().invoke(cli, [*args, "--format", "tsv"])
    assert tsv.exit_code == 0, tsv.output
    assert tsv.output.splitlines()[:2] == ["name\tcode", "邯郸市\t130400"]
    md = CliRunner().invoke(cli, [*args, "--format", "markdown"])
    assert md.output.splitlines()[:3] == ["| name | code |", "|---|---|", "| 邯郸市 | 130400 |"]


def test_tables_and_schema_describe_the_store(tmp_path, folder):
    batch([folder], tmp_path / "s.db")
    tables = CliRunner().invoke(cli, ["tables", str(tmp_path / "s.db"), "--format", "json"])
    rows = {json.loads(line)["table"]: json.loads(line) for line in tables.output.splitlines()}
    assert rows["sources"]["rows"] == 5 and rows["events"]["description"]
    schema = CliRunner().invoke(cli, ["schema", str(tmp_path / "s.db"), "cities"])
    assert schema.exit_code == 0 and "current_code" in schema.output and "Division code" in schema.output
    assert CliRunner().invoke(cli, ["schema", str(tmp_path / "s.db"), "nope"]).exit_code == 1


@pytest.mark.parametrize("name", ["p.png", "p.svg", "p.pdf"])
def test_plot_writes_the_format_its_name_says(tmp_path, folder, name):
    batch([folder], tmp_path / "s.db")
    result = CliRunner().invoke(cli, ["stats", str(tmp_path / "s.db"), "--plot", str(tmp_path / name)])
    assert result.exit_code == 0, result.output
    head = (tmp_path / name).read_bytes()[:5]
    assert head.startswith({"png": b"\x89PNG", "svg": b"<?xml", "pdf": b"%PDF"}[name[-3:]])


@pytest.mark.parametrize(("name", "message"), [("p.jpg", "not .jpg"), ("no/such/dir/p.png", "cannot write the plot")])
def test_plot_refuses_other_formats_and_bad_paths_without_traceback(tmp_path, folder, name, message):
    batch([folder], tmp_path / "s.db")
    result = CliRunner().invoke(cli, ["stats", str(tmp_path / "s.db"), "--plot", str(tmp_path / name)])
    assert result.exit_code == 1 and message in result.output and "Traceback" not in result.output


def test_plot_puts_every_year_on_its_axis(tmp_path):
    from notices.batch import open_writer
    from notices.record import City, Record

    writer = open_writer(tmp_path / "m.db")
    for year in (2015, 2019):
        writer.write(Record(source=f"{year}.txt", sha256=str(year) * 16, lang="zh", date=f"{year}-01-02",
                            kind="interview", cities=[City("邯郸市", "130400", province="河北省", role="subject")]
                            ).to_dict())
    writer.close()
    with open_store(tmp_path / "m.db") as store:
        table = store.plot(tmp_path / "p.png")
    assert list(table.columns) == [2015, 2016, 2017, 2018, 2019]
