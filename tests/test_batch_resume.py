"""Crash safety: a batch killed with SIGKILL mid-run and run again gives the same output as one
clean run — no notice lost, none twice."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import psutil
import pytest

import notices
from notices.batch import batch, open_store
from notices.batch import samples

DATA = Path(__file__).parent / "data" / "batch"
ROOT = Path(notices.__file__).resolve().parent.parent
N_FILES = 250


def _archive(path: Path) -> Path:
    """N_FILES distinct notices, txt and html, a few broken ones among them."""
    base = (DATA / "notice-utf8.txt").read_text(encoding="utf-8")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for i in range(N_FILES):
            text = base + f"（本通知编号第{i}号。）\n"
            if i % 50 == 7:
                zf.writestr(f"site/{i:04d}.txt", b"")  # an error record now and then
            elif i % 3 == 0:
                zf.writestr(f"site/{i:04d}.html", samples.to_html(text, date="2019-04-12", encoding="gb18030"))
            else:
                zf.writestr(f"site/{i:04d}.txt", text.encode("gb18030" if i % 2 else "utf-8"))
    return path


def _held(output: Path) -> int:
    """How many records a (possibly running) output holds committed."""
    if output.suffix == ".parquet":  # parts are committed beside the output until the end
        return len(list(output.with_name(f".{output.name}.parts").glob("part-*.parquet")))
    if not output.exists():
        return 0
    if output.suffix == ".jsonl":
        return output.read_bytes().count(b"\n")
    import sqlite3

    try:
        conn = sqlite3.connect(f"{output.resolve().as_uri()}?mode=ro", uri=True, timeout=1)
        n = conn.execute("SELECT (SELECT count(*) FROM files) + (SELECT count(*) FROM errors)").fetchone()[0]
        conn.close()
        return n
    except sqlite3.Error:
        return 0


def _contents(output: Path) -> list[str]:
    with open_store(output) as store:
        return [json.dumps(r, ensure_ascii=False, sort_keys=True) for r in store.records()]


def _tables(output: Path) -> dict[str, list[list[str]]]:
    with open_store(output) as store:
        return {name: store[name].astype(str).to_numpy().tolist() for name in store}


OUTPUTS = ["killed.db", "killed.jsonl", "killed.parquet"]
JOBS = {"killed.jsonl": 2}  # this one is killed with its worker processes running


@pytest.fixture(scope="module")
def killed(tmp_path_factory) -> dict[str, tuple[Path, Path, int, list[int]]]:
    """The archive, and for each output a run killed with SIGKILL once it had committed some
    records. The runs go at once, so their start-up (the pipeline loading) overlaps."""
    tmp = tmp_path_factory.mktemp("killed")
    archive = _archive(tmp / "site.zip")
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))}
    runs = {}
    for output in OUTPUTS:
        command = [sys.executable, "-c", "from notices.cli import main; main()", "batch", str(archive),
                   "-o", str(tmp / output), "--commit-every", "10", "--jobs", str(JOBS.get(output, 1))]
        runs[output] = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    ended: dict[str, tuple[Path, Path, int, list[int]]] = {}
    deadline = time.monotonic() + 90
    try:
        while len(ended) < len(runs) and time.monotonic() < deadline:
            for output, proc in runs.items():
                if output not in ended and (_held(tmp / output) > 0 or proc.poll() is not None):
                    try:
                        children = [c.pid for c in psutil.Process(proc.pid).children(recursive=True)]
                    except psutil.Error:
                        children = []
                    proc.send_signal(signal.SIGKILL)
                    proc.wait(timeout=30)
                    ended[output] = (archive, tmp / output, proc.returncode, children)
            time.sleep(0.005)
    finally:
        for proc in runs.values():
            if proc.poll() is None:
                proc.kill()
                proc.wait()
    return ended


@pytest.mark.parametrize("output", OUTPUTS)
def test_kill_9_then_rerun_equals_a_clean_run(tmp_path, killed, output):
    archive, out, returncode, _ = killed[output]
    assert returncode == -signal.SIGKILL, "the run ended before it could be killed"
    clean_out = tmp_path / f"clean{out.suffix}"
    clean = batch([archive], clean_out)
    assert clean.files == N_FILES and len(clean.errors) == N_FILES // 50

    resumed = batch([archive], out)
    assert resumed.files == N_FILES
    assert 0 < resumed.unchanged < clean.records, "the kill should have left a part of the run"
    assert resumed.new + resumed.unchanged == clean.records
    # the errors written before the kill are earlier errors now; the rest fail in the rerun
    assert len(resumed.errors) + resumed.earlier_errors == len(clean.errors)
    if out.suffix == ".db":
        assert _tables(out) == _tables(clean_out)  # ids, versions, every row
    assert _contents(out) == _contents(clean_out)


def test_kill_9_leaves_no_worker_process_behind(killed):
    *_, returncode, children = killed["killed.jsonl"]
    assert returncode == -signal.SIGKILL
    assert len(children) >= 2, "the run should have had its workers when it was killed"

    def running(pid: int) -> bool:
        try:
            return psutil.Process(pid).status() != psutil.STATUS_ZOMBIE
        except psutil.NoSuchProcess:
            return False

    deadline = time.monotonic() + 15
    while any(running(pid) for pid in children) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert [pid for pid in children if running(pid)] == []
