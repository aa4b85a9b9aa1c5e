"""The engines give the same records: one process, N local processes, a Dask cluster; and a
worker that dies costs only the file that killed it."""
from __future__ import annotations

import json
import os
import shutil
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from notices.batch import batch, open_store, runner
from notices.batch.worker import warm_up
from notices.cli import cli
from notices.readers import READERS, register

DATA = Path(__file__).parent / "data" / "batch"
FILES = ["notice-utf8.txt", "notice-gb18030.txt", "notice-big5.txt", "notice-en.txt", "page-trs.html",
         "page-meta.html", "page-en.html", "notice.docx", "notice.pdf", "corrupt.docx", "corrupt.pdf",
         "scanned.pdf"]


@pytest.fixture
def crashing_reader(monkeypatch):
    """A reader that kills its process, in workers forked from this one (which see it). This
    test runs first in the module, before the Dask cluster's threads exist in this process."""
    def crash(raw: bytes, source: str):  # noqa: ANN202
        os._exit(3)

    register("crash", ".crash")(crash)
    monkeypatch.setattr(runner, "MP_START", "fork")
    warm_up()  # loaded here once, the pipelines come with every forked worker
    yield
    READERS.pop("crash")
    from notices.readers import EXTENSIONS

    EXTENSIONS.pop(".crash")


def test_a_dying_worker_costs_only_its_file(tmp_path, crashing_reader):
    folder = tmp_path / "in"
    folder.mkdir()
    base = (DATA / "notice-utf8.txt").read_text(encoding="utf-8")
    for i in range(40):
        (folder / f"{i:02d}.txt").write_text(base + f"（{i}）", encoding="utf-8")
    (folder / "17.crash").write_bytes(b"boom")
    summary = batch([folder], tmp_path / "out.db", jobs=2)
    assert summary.files == 41 and summary.records == 40
    assert [(e["source"], e["error"]["type"]) for e in summary.errors] == [(str(folder / "17.crash"), "internal_error")]
    assert "the reader crashed on this file" in summary.errors[0]["error"]["message"]


@pytest.fixture(scope="module")
def inputs(tmp_path_factory) -> Path:
    """Fixtures as files, and again inside a zip with small changes, so chunks of several files go out."""
    folder = tmp_path_factory.mktemp("engines") / "in"
    folder.mkdir()
    for name in FILES:
        shutil.copy(DATA / name, folder / name)
    base = (DATA / "notice-utf8.txt").read_text(encoding="utf-8")
    with zipfile.ZipFile(folder / "more.zip", "w") as zf:
        for i in range(60):
            zf.writestr(f"more/{i:03d}.txt", base + f"（编号{i}）")
    return folder


def local_records_file(inputs: Path) -> Path:
    return inputs.parent / "local.jsonl"


@pytest.fixture(scope="module")
def local_records(inputs) -> list[dict]:
    out = local_records_file(inputs)
    summary = batch([inputs], out, jobs=1)
    assert summary.files == len(FILES) + 60
    return _records(out)


def _records(path: Path) -> list[dict]:
    with open_store(path) as store:
        return sorted(store.records(), key=lambda r: r["source"])


@pytest.fixture(scope="module")
def cluster():
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=False,
                                  dashboard_address=None) as local:
        yield local


def test_dask_cluster_records_equal_local_engine(inputs, local_records, cluster, tmp_path):
    assert len(cluster.workers) == 2
    summary = batch([inputs], tmp_path / "dask.jsonl", engine="dask", scheduler=cluster.scheduler_address)
    assert _records(tmp_path / "dask.jsonl") == local_records
    assert summary.files == len(FILES) + 60


def test_dask_from_the_command_line(inputs, local_records, cluster, tmp_path):
    result = CliRunner().invoke(cli, ["batch", str(inputs), "-o", str(tmp_path / "dask.db"), "--engine", "dask",
                                      "--scheduler", cluster.scheduler_address, "--format", "json"])
    assert result.exit_code == 1  # the fixtures include broken files
    assert json.loads(result.output)["files"] == len(FILES) + 60
    assert _records(tmp_path / "dask.db") == local_records


def test_two_local_processes_equal_one(inputs, local_records, tmp_path):
    summary = batch([inputs], tmp_path / "two.jsonl", jobs=2)
    assert _records(tmp_path / "two.jsonl") == local_records
    # results are written in input order whatever the engine: the output is the same file
    assert (tmp_path / "two.jsonl").read_bytes() == local_records_file(inputs).read_bytes()
    assert summary.files == len(FILES) + 60


def test_unreachable_scheduler_is_an_error_message(tmp_path):
    result = CliRunner().invoke(cli, ["batch", str(DATA / "notice-utf8.txt"), "-o", str(tmp_path / "o.db"),
                                      "--scheduler", "tcp://127.0.0.1:9"])
    assert result.exit_code == 1
    assert "cannot reach the Dask scheduler tcp://127.0.0.1:9" in result.output
    assert "Traceback" not in result.output


@pytest.fixture
def slow_reader():
    import time

    def slow(raw: bytes, source: str):  # noqa: ANN202
        try:
            time.sleep(30)
        except Exception:  # noqa: BLE001 - a reader's broad handler must not swallow the time limit
            pass
        raise AssertionError("the time limit did not stop the reader")

    register("slow", ".slow")(slow)
    yield
    READERS.pop("slow")
    from notices.readers import EXTENSIONS

    EXTENSIONS.pop(".slow")


def test_a_file_over_the_time_limit_is_an_error_record(tmp_path, slow_reader):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.slow").write_bytes(b"zzz")
    shutil.copy(DATA / "notice-utf8.txt", folder / "b.txt")
    summary = batch([folder], tmp_path / "out.db", timeout=0.5)
    assert summary.records == 1
    assert [(e["source"], e["error"]["type"]) for e in summary.errors] == [(str(folder / "a.slow"), "timeout")]
    assert summary.seconds < 10


def _store_tables(path: Path) -> dict[str, list[tuple]]:
    import sqlite3

    conn = sqlite3.connect(path)
    try:
        names = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table' ORDER BY name")]
        return {name: sorted(conn.execute(f"SELECT * FROM {name}").fetchall(), key=repr)  # noqa: S608
                for name in names}
    finally:
        conn.close()


def test_a_store_written_by_two_processes_equals_one_written_by_one(inputs, tmp_path):
    batch([inputs], tmp_path / "one.db", jobs=1)
    batch([inputs], tmp_path / "two.db", jobs=2)
    one, two = _store_tables(tmp_path / "one.db"), _store_tables(tmp_path / "two.db")
    assert one["notices"] and one["events"] and one["errors"]
    assert one == two  # every table, row by row: notices, events and why they joined, text index


def _descendants() -> list[int]:
    """This process's descendants that are still running (not zombies), from /proc."""
    parents: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", "rb") as fh:
                fields = fh.read().rsplit(b")", 1)[1].split()
        except OSError:
            continue
        if fields[0] != b"Z":
            parents[int(entry)] = int(fields[1])
    found, todo = [], [os.getpid()]
    while todo:
        pid = todo.pop()
        children = [child for child, parent in parents.items() if parent == pid]
        found += children
        todo += children
    return found


@pytest.mark.skipif(not os.path.isdir("/proc/self"), reason="reads /proc")
@pytest.mark.parametrize("engine", ["local", "dask"])
def test_no_worker_outlives_the_batch(engine, tmp_path):
    if engine == "dask":
        pytest.importorskip("distributed")
    before = set(_descendants())
    folder = tmp_path / "in"
    folder.mkdir()
    base = (DATA / "notice-utf8.txt").read_text(encoding="utf-8")
    for i in range(6):
        (folder / f"{i}.txt").write_text(base + f"（{i}）", encoding="utf-8")
    summary = batch([folder], tmp_path / "out.db", jobs=2, engine=engine)
    assert summary.records == 6
    assert set(_descendants()) - before == set()
