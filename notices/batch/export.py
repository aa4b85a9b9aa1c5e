"""Flat exports: the store's tables as CSV or Parquet files with the same columns.

``notices batch … -o DIR --format csv`` keeps its store in ``DIR/notices.db`` (what a rerun
resumes from) and writes ``DIR/notices.csv``, ``DIR/cities.csv``, … from it at the end of each
run; ``notices export STORE DIR`` does the same for any store. Every cell is a plain value:
the one JSON column of the store (``notices.record``, the whole record, kept in the ``records``
table) is left out. Each file is written beside its place and renamed into it, so a reader never
sees half a table.
"""
from __future__ import annotations

import csv
import os
import sqlite3
from pathlib import Path

from ..errors import StoreError
from .folders import STORE_NAME, folder_store, make_folder  # noqa: F401 - where callers found them
from .schema import EXPORTED, NOT_EXPORTED

FORMATS = ("csv", "parquet")


def columns(conn: sqlite3.Connection, table: str) -> list[tuple[str, str]]:
    """(name, SQLite type) of the exported columns of a table."""
    left_out = NOT_EXPORTED.get(table, ())
    return [(row[1], row[2]) for row in conn.execute(f"PRAGMA table_info({table})")  # noqa: S608
            if row[1] not in left_out]


def export_store(store: str | os.PathLike[str], folder: str | os.PathLike[str], fmt: str = "csv") -> list[Path]:
    """Write the exported tables of ``store`` into ``folder`` as ``fmt`` files; their paths."""
    if fmt not in FORMATS:
        raise StoreError(f"unknown export format {fmt!r}; use one of {', '.join(FORMATS)}")
    from .store import open_store

    out = make_folder(folder)
    written = []
    with open_store(store) as opened:
        for table in EXPORTED:
            target = out / f"{table}.{fmt}"
            tmp = out / f".{table}.{fmt}.part"
            cols = columns(opened.conn, table)
            names = ", ".join(f'"{c}"' for c, _ in cols)
            rows = opened.conn.execute(f"SELECT {names} FROM {table} ORDER BY rowid")  # noqa: S608
            try:
                (_write_csv if fmt == "csv" else _write_parquet)(tmp, cols, rows)
                os.replace(tmp, target)
            except OSError as exc:
                tmp.unlink(missing_ok=True)
                raise StoreError(f"cannot write the export ({exc.strerror or exc})", path=str(target)) from None
            written.append(target)
    return written


def _write_csv(path: Path, cols: list[tuple[str, str]], rows: sqlite3.Cursor) -> None:
    with open(path, "w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, lineterminator="\n")
        writer.writerow([c for c, _ in cols])
        while batch := rows.fetchmany(2048):
            writer.writerows(batch)


_ARROW = {"INTEGER": "int64", "REAL": "float64", "TEXT": "string", "BLOB": "binary"}


def _write_parquet(path: Path, cols: list[tuple[str, str]], rows: sqlite3.Cursor) -> None:
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError:
        raise StoreError("writing Parquet needs pyarrow: pip install 'notices[parquet]'") from None
    schema = pa.schema([(c, getattr(pa, _ARROW.get(t.upper(), "string"))()) for c, t in cols])
    with pq.ParquetWriter(path, schema) as writer:
        while batch := rows.fetchmany(2048):
            data = list(zip(*batch))
            writer.write_table(pa.Table.from_arrays([pa.array(v, type=f.type) for v, f in zip(data, schema)],
                                                    schema=schema))
