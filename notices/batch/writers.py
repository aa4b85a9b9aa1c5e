"""The flat output writers, registered by name in :mod:`~notices.batch.formats`.

``.db``/``.sqlite`` (the default: the store of :mod:`notices.batch.store`), ``.jsonl`` (one record
per line, the record contract as is), ``.csv`` and ``.parquet`` (one row per record, lists as JSON
text). Every writer resumes: it knows the (source, sha256) pairs it already holds, and a record
committed is never lost to a crash of the process. JSON Lines and CSV are appended to (a line
cut short by a kill is dropped on reopening); Parquet, which cannot be appended to, commits
parts beside the output and merges them into it when the run ends.
"""
from __future__ import annotations

import csv
import io
import json
import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ..errors import StoreError
from ..record import SCHEMA
from .formats import (DEFAULT_WRITER, WRITER_EXTENSIONS, WRITERS, Writer, open_writer,  # noqa: F401
                      register_writer, split_payload, writer_name)


# ------------------------------------------------------------------------------- flat records

COLUMNS = ("source", "sha256", "format", "lang", "title", "date", "published", "kind", "authority",
           "authority_en", "cities", "officials", "figures", "deadlines", "companies", "sanctions", "warnings",
           "meta", "error_type", "error_message")
# the columns of a CSV written before records carried ``published`` (still read and resumed)
_COLUMNS_1 = tuple(c for c in COLUMNS if c != "published")
_LISTS = ("cities", "officials", "figures", "deadlines", "companies", "sanctions", "warnings")


def _one_line(value: Any) -> str | None:
    return None if value is None else " ".join(str(value).splitlines())


def flatten(record: dict[str, Any]) -> dict[str, str | None]:
    """One row of text columns; lists and ``meta`` as JSON, one line each."""
    auth = record.get("authority") or {}
    err = record.get("error") or {}
    row: dict[str, str | None] = {
        "source": _one_line(record.get("source")),
        "sha256": record.get("sha256"),
        "format": (record.get("meta") or {}).get("format"),
        "lang": record.get("lang"),
        "title": _one_line(record.get("title")),
        "date": record.get("date"),
        "published": record.get("published"),
        "kind": None if err else record.get("kind"),
        "authority": auth.get("name"),
        "authority_en": auth.get("name_en"),
        "meta": json.dumps(record["meta"], ensure_ascii=False) if record.get("meta") else None,
        "error_type": err.get("type"),
        "error_message": _one_line(err.get("message")),
    }
    for name in _LISTS:
        row[name] = None if err else json.dumps(record.get(name) or [], ensure_ascii=False)
    return {c: row[c] for c in COLUMNS}


def unflatten(row: dict[str, Any]) -> dict[str, Any]:
    """The record a flat row came from."""
    def get(name: str) -> Any:
        value = row.get(name)
        return None if value is None or value == "" or value != value else value  # NaN from pandas

    record: dict[str, Any] = {"schema": SCHEMA, "source": get("source")}
    if get("error_type"):
        if get("sha256"):
            record["sha256"] = get("sha256")
        record["error"] = {"type": get("error_type"), "message": get("error_message") or ""}
    else:
        record.update(sha256=get("sha256"), lang=get("lang"), title=get("title"), date=get("date"),
                      published=get("published"))
        record["authority"] = ({"name": get("authority"), "name_en": get("authority_en")}
                               if get("authority") else None)
        record["kind"] = get("kind") or "other"
        for name in _LISTS:
            record[name] = json.loads(get(name) or "[]")
    if get("meta"):
        record["meta"] = json.loads(get("meta"))
    return record


class _Keys:
    """The (source, sha256) pairs an output holds, and the errors among them."""

    def __init__(self) -> None:
        self.ok: set[tuple[str, str]] = set()
        self.errors: dict[tuple[str, str], dict[str, str]] = {}
        # Files that could not even be read have no hash: they are tried again on a rerun, and
        # written again only when the error differs.
        self.unread: set[tuple[str, str, str]] = set()

    def add(self, record: dict[str, Any]) -> bool:
        """Remember a record; False when it was there already."""
        key = (record.get("source") or "", record.get("sha256") or "")
        if key in self.ok or key in self.errors:
            return False
        err = record.get("error")
        if err and not key[1]:
            unread = (key[0], err.get("type", ""), err.get("message", ""))
            if unread in self.unread:
                return False
            self.unread.add(unread)
        elif err:
            self.errors[key] = err
        else:
            self.ok.add(key)
        return True

    def known_error(self, source: str, type_: str, message: str) -> bool:
        return (source, type_, message) in self.unread

    def seen(self, source: str, sha256: str) -> dict[str, Any] | None:
        key = (source, sha256)
        if key in self.ok:
            return {"source": source, "sha256": sha256}
        if key in self.errors:
            return {"source": source, "sha256": sha256, "error": self.errors[key]}
        return None


def _drop_partial_line(path: Path) -> None:
    """A kill while appending leaves a last line without its newline: cut it off."""
    size = path.stat().st_size
    if size == 0:
        return
    with open(path, "rb+") as fh:
        fh.seek(size - 1)
        if fh.read(1) == b"\n":
            return
        pos = size
        while pos > 0:
            step = min(65536, pos)
            fh.seek(pos - step)
            block = fh.read(step)
            cut = block.rfind(b"\n")
            if cut >= 0:
                fh.truncate(pos - step + cut + 1)
                return
            pos -= step
        fh.truncate(0)


class _AppendingWriter(Writer):
    """A text file appended to, one whole line per write: each line goes to the file in one
    ``write`` on an ``O_APPEND`` descriptor, and a write that fails (a full disk) is cut back off,
    so the file always ends with a whole line and stays readable and resumable."""

    fd: int
    failed = False

    def _open_append(self, path: Path) -> None:
        self.fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)

    def _append(self, text: str) -> None:
        data = text.encode("utf-8", "surrogatepass")
        end = os.lseek(self.fd, 0, os.SEEK_END)
        try:
            view = memoryview(data)
            while view:
                view = view[os.write(self.fd, view):]
        except OSError as exc:
            self.failed = True
            try:
                os.ftruncate(self.fd, end)
            except OSError:
                pass
            raise _write_error(exc, self.path) from None

    def commit(self) -> None:
        try:
            os.fsync(self.fd)
        except OSError as exc:
            raise _write_error(exc, self.path) from None

    def close(self) -> None:
        try:
            if not self.failed:  # after a failed write, its error is the one to report
                self.commit()
        finally:
            os.close(self.fd)


def _write_error(exc: OSError, path: str) -> StoreError:
    import errno

    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return StoreError("the disk is full; the output holds every whole record written before, "
                          "so free some space and rerun the same command to resume", path=path)
    return StoreError(f"cannot write the output ({exc.strerror or exc}); rerun to resume", path=path)


@register_writer("jsonl", ".jsonl", ".ndjson")
class JsonlWriter(_AppendingWriter):
    """JSON Lines, appended; reopening resumes by (source, sha256)."""

    def __init__(self, path: str | Path) -> None:
        self.path = str(path)
        self.keys = _Keys()
        p = Path(path)
        if p.exists():
            _drop_partial_line(p)
            for record in read_records(p):
                self.keys.add(record)
        self._open_append(p)

    def seen(self, source: str, sha256: str) -> dict[str, Any] | None:
        return self.keys.seen(source, sha256)

    def known_error(self, source: str, type_: str, message: str) -> bool:
        return self.keys.known_error(source, type_, message)

    def write(self, record: dict[str, Any]) -> str:
        record, _ = split_payload(record)
        if not self.keys.add(record):
            return "known"
        self._append(json.dumps(record, ensure_ascii=False) + "\n")
        return "error" if record.get("error") else "new"


@register_writer("csv", ".csv")
class CsvWriter(_AppendingWriter):
    """CSV with a header, one row per record, appended; reopening resumes by (source, sha256)."""

    def __init__(self, path: str | Path) -> None:
        self.path = str(path)
        self.keys = _Keys()
        p = Path(path)
        fresh = not p.exists() or p.stat().st_size == 0
        self.columns = COLUMNS
        if not fresh:
            _drop_partial_line(p)
            for record in read_records(p):
                self.keys.add(record)
            fresh = p.stat().st_size == 0
            if not fresh:
                with open(p, encoding="utf-8", newline="") as fh:
                    self.columns = tuple(next(csv.reader(fh), COLUMNS))  # an older file keeps its columns
        self._open_append(p)
        if fresh:
            self._append(",".join(COLUMNS) + "\n")

    def seen(self, source: str, sha256: str) -> dict[str, Any] | None:
        return self.keys.seen(_one_line(source) or "", sha256)

    def known_error(self, source: str, type_: str, message: str) -> bool:
        return self.keys.known_error(_one_line(source) or "", type_, _one_line(message) or "")

    def write(self, record: dict[str, Any]) -> str:
        record, _ = split_payload(record)
        row = flatten(record)
        if not self.keys.add({**record, "source": row["source"]}):
            return "known"
        line = io.StringIO()
        csv.DictWriter(line, fieldnames=self.columns, lineterminator="\n",
                       extrasaction="ignore").writerow(row)
        self._append(line.getvalue())
        return "error" if record.get("error") else "new"


def _arrow_schema():  # noqa: ANN202
    import pyarrow as pa

    return pa.schema([(c, pa.string()) for c in COLUMNS])


@register_writer("parquet", ".parquet")
class ParquetWriter(Writer):
    """Parquet: each commit writes a part file into ``.NAME.parts/`` beside the output; closing
    merges the output and the parts into a new output (replaced atomically) and removes them."""

    def __init__(self, path: str | Path) -> None:
        try:
            import pyarrow  # noqa: F401
        except ImportError:
            raise StoreError("writing Parquet needs pyarrow: pip install 'notices[parquet]'",
                             path=str(path)) from None
        self.path = str(path)
        p = Path(path)
        self.parts = p.with_name(f".{p.name}.parts")
        self.keys = _Keys()
        self.rows: list[dict[str, str | None]] = []
        for record in read_records(p) if p.exists() else ():
            self.keys.add(record)
        for part in self._part_files():
            for record in _parquet_records(part):
                self.keys.add(record)

    def files(self) -> list[str]:
        return [self.path, str(self.parts), str(Path(self.path).with_name(f".{Path(self.path).name}.merging"))]

    def _part_files(self) -> list[Path]:
        return sorted(self.parts.glob("part-*.parquet")) if self.parts.is_dir() else []

    def seen(self, source: str, sha256: str) -> dict[str, Any] | None:
        return self.keys.seen(source, sha256)

    def known_error(self, source: str, type_: str, message: str) -> bool:
        return self.keys.known_error(source, type_, message)

    def write(self, record: dict[str, Any]) -> str:
        record, _ = split_payload(record)
        if not self.keys.add(record):
            return "known"
        self.rows.append(flatten(record))
        return "error" if record.get("error") else "new"

    def commit(self) -> None:
        if not self.rows:
            return
        import pyarrow as pa
        import pyarrow.parquet as pq

        try:
            self.parts.mkdir(exist_ok=True)
        except OSError as exc:
            raise _write_error(exc, self.path) from None
        existing = self._part_files()
        number = int(existing[-1].stem.split("-")[1]) + 1 if existing else 1
        final = self.parts / f"part-{number:06d}.parquet"
        tmp = self.parts / f"tmp-{number:06d}.parquet"
        try:
            pq.write_table(pa.Table.from_pylist(self.rows, schema=_arrow_schema()), tmp)
            os.replace(tmp, final)
        except OSError as exc:  # a full disk: the parts committed before stay whole
            tmp.unlink(missing_ok=True)
            raise _write_error(exc, self.path) from None
        self.rows = []

    def close(self) -> None:
        self.commit()
        parts = self._part_files()
        if not parts:
            if not Path(self.path).exists():  # an empty run still leaves a valid, empty file
                import pyarrow.parquet as pq

                pq.write_table(_arrow_schema().empty_table(), self.path)
            return
        import pyarrow as pa
        import pyarrow.parquet as pq

        schema = _arrow_schema()
        tmp = Path(self.path).with_name(f".{Path(self.path).name}.merging")
        keys = _Keys()  # a kill between replacing the output and removing the parts leaves both
        with pq.ParquetWriter(tmp, schema) as out:
            for source in ([Path(self.path)] if Path(self.path).exists() else []) + parts:
                for batch in pq.ParquetFile(source).iter_batches(batch_size=2048):
                    rows = [r for r in batch.to_pylist() if keys.add(unflatten(r))]
                    if rows:
                        out.write_table(pa.Table.from_pylist(rows, schema=schema))
        os.replace(tmp, self.path)
        shutil.rmtree(self.parts, ignore_errors=True)


def _parquet_records(path: Path) -> Iterator[dict[str, Any]]:
    import pyarrow.parquet as pq

    try:
        for batch in pq.ParquetFile(path).iter_batches(batch_size=2048):
            for row in batch.to_pylist():
                yield unflatten(row)
    except Exception as exc:  # noqa: BLE001 - pyarrow's errors for a file that is not Parquet
        raise StoreError(f"not a readable Parquet file ({exc})", path=str(path)) from None


def read_records(path: str | Path) -> Iterator[dict[str, Any]]:
    """The records of a JSON Lines, CSV or Parquet output, in order."""
    p = Path(path)
    name = writer_name(p)
    if name == "jsonl":
        with open(p, encoding="utf-8") as fh:
            for number, line in enumerate(fh, 1):
                if not line.strip():
                    continue
                try:
                    record = json.loads(line)
                except json.JSONDecodeError:
                    record = None
                if not isinstance(record, dict) or "source" not in record:
                    raise StoreError(f"line {number} is not a notice record", path=str(p))
                yield record
    elif name == "csv":
        with open(p, encoding="utf-8", newline="") as fh:
            reader = csv.DictReader(fh)
            if reader.fieldnames is not None and tuple(reader.fieldnames) not in (COLUMNS, _COLUMNS_1):
                raise StoreError("not a notices CSV file (its header differs)", path=str(p))
            for row in reader:
                yield unflatten(row)
    elif name == "parquet":
        yield from _parquet_records(p)
    else:
        raise StoreError(f"not a JSON Lines, CSV or Parquet output (a {name} store: open it with open_store)",
                         path=str(p))
