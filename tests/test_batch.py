"""Batch conversion of files, folders and archives: every file accounted for, hostile inputs
turned into error records that name the file, the archive member and the reason."""
from __future__ import annotations

import io
import json
import os
import shutil
import sqlite3
import tarfile
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from notices.batch import Limits, batch, open_store
from notices.batch.inputs import walk
from notices.cli import cli

DATA = Path(__file__).parent / "data" / "batch"
GOOD = ["notice-utf8.txt", "notice-gb18030.txt", "notice-big5.txt", "notice-en.txt", "page-trs.html",
        "page-meta.html", "page-en.html", "notice.docx", "notice.pdf"]
NOTICE = (DATA / "notice-utf8.txt").read_bytes()
MiB = 1024 * 1024


def _zip(path: Path, members: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return path


def _tar(path: Path, members: dict[str, bytes], mode: str = "w:gz") -> Path:
    with tarfile.open(path, mode) as tf:
        for name, data in members.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tf.addfile(info, io.BytesIO(data))
    return path


def outcomes(output: Path) -> dict[str, str]:
    """source -> "ok" or "error type: message", from what the store holds."""
    found: dict[str, str] = {}
    with open_store(output) as store:
        for record in store.records():
            err = record.get("error")
            found[record["source"]] = f"{err['type']}: {err['message']}" if err else "ok"
        for source in store.files["source"]:
            found.setdefault(source, "ok")
    return found


# --- hostile inputs: each builder makes the input in tmp_path and returns it, and the outcomes
# --- expected for sources ending so ("ok", or the error type and a part of its message).

def empty_file(tmp: Path) -> Path:
    (tmp / "empty.txt").write_bytes(b"")
    return tmp / "empty.txt"


def binary_garbage(tmp: Path) -> Path:
    (tmp / "garbage.txt").write_bytes(os.urandom(4096))
    return tmp / "garbage.txt"


def renamed_non_zip(tmp: Path) -> Path:
    (tmp / "notices.zip").write_bytes(NOTICE)
    return tmp / "notices.zip"


def truncated_zip(tmp: Path) -> Path:
    whole = _zip(tmp / "whole.zip", {f"n{i}.txt": NOTICE + os.urandom(300) for i in range(3)}).read_bytes()
    (tmp / "whole.zip").unlink()
    (tmp / "cut.zip").write_bytes(whole[: len(whole) // 2])
    return tmp / "cut.zip"


def zip_bomb(tmp: Path) -> Path:
    # 16 MiB of zeros deflate to ~16 KiB: a ratio near 1000, refused before it is expanded
    return _zip(tmp / "bomb.zip", {"ok.txt": NOTICE, "zeros.txt": bytes(16 * MiB)})


def zip_overlong_total(tmp: Path) -> Path:
    # each member is small, but together they pass the archive's limit (set to 2 MiB below)
    return _zip(tmp / "many.zip", {f"part{i}.txt": os.urandom(600 * 1024) for i in range(5)})


def tar_gz_bomb(tmp: Path) -> Path:
    return _tar(tmp / "bomb.tar.gz", {"ok.txt": NOTICE, "zeros.txt": bytes(48 * MiB)})


def zip_climbing_names(tmp: Path) -> Path:
    return _zip(tmp / "evil.zip", {"../evil.txt": NOTICE, "/etc/evil.txt": NOTICE, "..\\win.txt": NOTICE,
                                   "C:/evil.txt": NOTICE, "fine/ok.txt": NOTICE})


def tar_climbing_names(tmp: Path) -> Path:
    return _tar(tmp / "evil.tar", {"../../evil.txt": NOTICE, "/abs.txt": NOTICE, "ok.txt": NOTICE}, mode="w")


def tar_symlink_member(tmp: Path) -> Path:
    path = tmp / "links.tar.gz"
    with tarfile.open(path, "w:gz") as tf:
        link = tarfile.TarInfo("passwd.txt")
        link.type, link.linkname = tarfile.SYMTYPE, "/etc/passwd"
        tf.addfile(link)
        info = tarfile.TarInfo("ok.txt")
        info.size = len(NOTICE)
        tf.addfile(info, io.BytesIO(NOTICE))
    return path


def truncated_tar_gz(tmp: Path) -> Path:
    whole = _tar(tmp / "whole.tar.gz", {"a.txt": NOTICE, "b.txt": os.urandom(200_000)}).read_bytes()
    (tmp / "whole.tar.gz").unlink()
    (tmp / "cut.tar.gz").write_bytes(whole[: len(whole) * 2 // 3])
    return tmp / "cut.tar.gz"


def symlink_loop(tmp: Path) -> Path:
    folder = tmp / "site"
    (folder / "2018").mkdir(parents=True)
    (folder / "2018" / "a.txt").write_bytes(NOTICE)
    (folder / "2018" / "up").symlink_to("..")
    (folder / "self").symlink_to("self")
    return folder


def oversize_file(tmp: Path) -> Path:
    with open(tmp / "huge.txt", "wb") as fh:  # 50 MB, sparse: refused before it is read
        fh.truncate(50_000_000)
    return tmp / "huge.txt"


def corrupt_docx(tmp: Path) -> Path:
    return Path(shutil.copy(DATA / "corrupt.docx", tmp / "corrupt.docx"))


def corrupt_pdf(tmp: Path) -> Path:
    return Path(shutil.copy(DATA / "corrupt.pdf", tmp / "corrupt.pdf"))


def scanned_pdf(tmp: Path) -> Path:
    return Path(shutil.copy(DATA / "scanned.pdf", tmp / "scanned.pdf"))


def nested_zip(tmp: Path) -> Path:
    inner = _zip(tmp / "inner.zip", {"deep/a.txt": NOTICE}).read_bytes()
    (tmp / "inner.zip").unlink()
    return _zip(tmp / "outer.zip", {"inner.zip": inner, "b.txt": NOTICE})


def unsupported_type(tmp: Path) -> Path:
    (tmp / "photo.jpg").write_bytes(b"\xff\xd8\xff\xe0" + os.urandom(100))
    return tmp / "photo.jpg"


def missing_path(tmp: Path) -> Path:
    return tmp / "no-such-folder"


@pytest.mark.parametrize(
    ("build", "limits", "expected"),
    [
        (empty_file, {}, {"empty.txt": "empty: the file is empty"}),
        (binary_garbage, {}, {"garbage.txt": "decode_error: "}),
        (renamed_non_zip, {}, {"notices.zip": "read_error: not a zip archive"}),
        (truncated_zip, {}, {"cut.zip": "read_error: not a zip archive, or a truncated one"}),
        (zip_bomb, {}, {"bomb.zip!ok.txt": "ok", "bomb.zip!zeros.txt": "read_error: expands"}),
        (zip_overlong_total, {"max_total_bytes": 2 * MiB},
         {"many.zip!part0.txt": "decode_error", "many.zip!part3.txt": "read_error: not read: the archive expands past",
          "many.zip!part4.txt": "read_error: not read: the archive expands past"}),
        (tar_gz_bomb, {}, {"bomb.tar.gz!ok.txt": "ok", "bomb.tar.gz!zeros.txt": "read_error: not read",
                           "bomb.tar.gz": "read_error: the archive expands past its limits"}),
        (zip_climbing_names, {},
         {"evil.zip!../evil.txt": "read_error: unsafe member name", "evil.zip!/etc/evil.txt": "read_error: unsafe member name",
          "evil.zip!..\\win.txt": "read_error: unsafe member name", "evil.zip!C:/evil.txt": "read_error: unsafe member name",
          "evil.zip!fine/ok.txt": "ok"}),
        (tar_climbing_names, {},
         {"evil.tar!../../evil.txt": "read_error: unsafe member name", "evil.tar!/abs.txt": "read_error: unsafe member name",
          "evil.tar!ok.txt": "ok"}),
        (tar_symlink_member, {}, {"links.tar.gz!passwd.txt": "read_error: a symbolic link", "links.tar.gz!ok.txt": "ok"}),
        (truncated_tar_gz, {}, {"cut.tar.gz!a.txt": "ok", "cut.tar.gz!b.txt": "read_error: truncated",
                                "cut.tar.gz": "read_error: "}),
        (symlink_loop, {}, {"site/2018/a.txt": "ok", "site/2018/up": "read_error: symbolic link loop",
                            "site/self": "read_error: symbolic link loop"}),
        (oversize_file, {"max_bytes": 10_000_000}, {"huge.txt": "read_error: 50000000 bytes, over the limit of 10000000"}),
        (corrupt_docx, {}, {"corrupt.docx": "read_error: not a valid Word .docx file"}),
        (corrupt_pdf, {}, {"corrupt.pdf": "read_error: not a readable PDF"}),
        (scanned_pdf, {}, {"scanned.pdf": "empty: the PDF has no text layer (2 pages"}),
        (nested_zip, {}, {"outer.zip!inner.zip!deep/a.txt": "ok", "outer.zip!b.txt": "ok"}),
        (unsupported_type, {}, {"photo.jpg": "unsupported_format: unsupported file type '.jpg'"}),
        (missing_path, {}, {"no-such-folder": "read_error: no such file or folder"}),
    ],
)
def test_hostile_input_is_accounted_for(tmp_path, build, limits, expected):
    work = tmp_path / "in"
    work.mkdir()
    given = build(work)
    before = set(tmp_path.rglob("*"))
    summary = batch([given], tmp_path / "out.db", **limits)
    found = outcomes(tmp_path / "out.db")
    named = {source.removeprefix(str(work) + os.sep): outcome for source, outcome in found.items()}
    for source, outcome in expected.items():
        assert source in named, f"{source} not accounted for in {sorted(named)}"
        assert named[source].startswith(outcome), (source, named[source])
    assert summary.files == summary.records + len(summary.errors) == len(found)
    assert summary.ok == all(o == "ok" for o in named.values())
    # nothing was extracted anywhere: the only new files are the store's
    assert {p for p in set(tmp_path.rglob("*")) - before if not p.name.startswith("out.db")} == set()


def test_walk_reads_archives_member_by_member(tmp_path):
    _zip(tmp_path / "a.zip", {"x/1.txt": b"one", "x/2.txt": b"two", "__MACOSX/x/._1.txt": b"junk"})
    _tar(tmp_path / "b.tar.gz", {"y/3.txt": b"three"})
    (tmp_path / "c.txt").write_bytes(b"four")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "config").write_bytes(b"[core]")
    items = list(walk([tmp_path], Limits()))
    read = {Path(i.source).name if "!" not in i.source else i.source.split("!", 1)[1]: i.raw
            for i in items if i.raw is not None}
    assert read == {"x/1.txt": b"one", "x/2.txt": b"two", "y/3.txt": b"three", "c.txt": b"four"}
    skipped = {Path(i.source).name for i in items if i.skipped}
    assert skipped == {".git", "._1.txt"}


def test_max_bytes_applies_to_archive_members(tmp_path):
    _zip(tmp_path / "a.zip", {"small.txt": NOTICE, "big.txt": NOTICE * 100})
    items = {i.source.split("!")[1]: i for i in walk([tmp_path / "a.zip"], Limits(max_bytes=len(NOTICE) * 10))}
    assert items["small.txt"].raw == NOTICE
    assert items["big.txt"].raw is None and "over the limit" in items["big.txt"].error[1]


def test_mixed_folder_every_file_accounted_for(tmp_path):
    folder = tmp_path / "archive"
    folder.mkdir()
    for name in GOOD + ["corrupt.docx", "corrupt.pdf", "scanned.pdf"]:
        shutil.copy(DATA / name, folder / name)
    _zip(folder / "more.zip", {f"zip/{name}": (DATA / name).read_bytes() for name in GOOD})
    _tar(folder / "more.tar.gz", {f"tar/{name}": (DATA / name).read_bytes() for name in GOOD[:3]})
    (folder / "empty.txt").write_bytes(b"")
    (folder / "loop").symlink_to(".")
    result = CliRunner().invoke(cli, ["batch", str(folder), "-o", str(tmp_path / "out.db"), "--format", "json"])
    assert result.exit_code == 1, result.output
    summary = json.loads(result.output)
    found = outcomes(tmp_path / "out.db")
    expected_ok = ({str(folder / n) for n in GOOD} | {f"{folder / 'more.zip'}!zip/{n}" for n in GOOD}
                   | {f"{folder / 'more.tar.gz'}!tar/{n}" for n in GOOD[:3]})
    expected_errors = {str(folder / n) for n in ("corrupt.docx", "corrupt.pdf", "scanned.pdf", "empty.txt", "loop")}
    assert {s for s, o in found.items() if o == "ok"} == expected_ok
    assert {s for s, o in found.items() if o != "ok"} == expected_errors
    assert {e["source"] for e in summary["errors"]} == expected_errors
    assert summary["files"] == len(expected_ok) + len(expected_errors)
    assert summary["records"] == len(expected_ok)
    # the same bytes inside and outside the zip are one notice, found under two names; so are
    # the UTF-8, GB18030 and HTML copies of one text (GOOD has three of those)
    with open_store(tmp_path / "out.db") as store:
        assert store.count("notices") == len(GOOD) - 2
        assert store.count("sources") == len(expected_ok)


def test_clean_run_exits_zero_with_summary(tmp_path):
    result = CliRunner().invoke(cli, ["batch", str(DATA / "notice-utf8.txt"), str(DATA / "page-en.html"),
                                      "-o", str(tmp_path / "out.db")])
    assert result.exit_code == 0, result.output
    assert "files    2" in result.output
    assert "records  2  (2 new, 0 already in the output)" in result.output
    assert "errors   0" in result.output
    assert "Traceback" not in result.output


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["-o", "out.xlsx"], "unknown output type '.xlsx'"),
        (["--max-bytes", "lots"], "is not a size"),
        (["--engine", "spark"], "'spark' is not one of"),
        (["-o", "/proc/no-such/out.jsonl"], "cannot write the output"),
    ],
)
def test_bad_options_are_refused_without_traceback(tmp_path, args, message):
    result = CliRunner().invoke(cli, ["batch", str(DATA / "notice-utf8.txt"), *args])
    assert result.exit_code != 0
    assert message in result.output
    assert "Traceback" not in result.output


@pytest.mark.parametrize(("given", "size"), [("50000000", 50_000_000), ("50MB", 50 * MiB), ("2G", 2 * 1024 * MiB),
                                              ("512KiB", 512 * 1024)])
def test_max_bytes_accepts_sizes(tmp_path, given, size):
    with open(tmp_path / "big.txt", "wb") as fh:
        fh.truncate(size + 1)
    result = CliRunner().invoke(cli, ["batch", str(tmp_path / "big.txt"), "-o", str(tmp_path / "o.db"),
                                      "--max-bytes", given])
    assert result.exit_code == 1
    assert f"over the limit of {size} bytes" in result.output


def test_store_is_plain_sqlite(tmp_path):
    batch([DATA / "notice-utf8.txt"], tmp_path / "out.db")
    conn = sqlite3.connect(tmp_path / "out.db")
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert {"notices", "cities", "officials", "figures", "deadlines", "companies", "sanctions", "sources",
            "errors"} <= tables
    indexes = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='index'")}
    assert {"cities_code", "notices_year_kind", "deadlines_due", "officials_name"} <= indexes
    assert not (tmp_path / "out.db-wal").exists()


@pytest.mark.parametrize("output", ["notices.db", "notices.jsonl", "notices.csv", "notices.parquet"])
def test_output_inside_the_input_folder_is_not_read_as_input(tmp_path, output):
    shutil.copy(DATA / "notice-utf8.txt", tmp_path / "a.txt")
    first = batch([tmp_path], tmp_path / output, commit_every=1)
    again = batch([tmp_path], tmp_path / output, commit_every=1)
    assert (first.files, first.records, first.errors) == (1, 1, [])
    assert (again.files, again.unchanged, again.errors) == (1, 1, [])
