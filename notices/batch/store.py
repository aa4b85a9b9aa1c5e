"""The SQLite store: one table of notices, one per entity kind keyed to its notice, indexed.

A notice is identified by the SHA-256 of its file's bytes. Writing a record whose bytes are
already stored adds nothing (or only the new path it was found under, in ``files``); a changed
file — a known ``source`` with new bytes — adds a new notice with the next ``version``. Error
records go to ``errors``. :func:`open_store` opens any batch output (SQLite, JSON Lines, CSV,
Parquet) as a :class:`Store` of pandas DataFrames.
"""
from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import StoreError
from ..record import SCHEMA
from .writers import Writer, register_writer, writer_name

if TYPE_CHECKING:
    import pandas as pd

STORE_SCHEMA = "notices.store/1"

_DDL = """
CREATE TABLE IF NOT EXISTS store_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS notices (
    id INTEGER PRIMARY KEY,
    sha256 TEXT NOT NULL UNIQUE,
    source TEXT NOT NULL,
    version INTEGER NOT NULL,
    format TEXT,
    lang TEXT,
    title TEXT,
    date TEXT,
    year INTEGER,
    kind TEXT,
    authority TEXT,
    authority_en TEXT,
    record TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS files (
    source TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    notice_id INTEGER NOT NULL REFERENCES notices(id),
    PRIMARY KEY (source, sha256)
);
CREATE TABLE IF NOT EXISTS errors (
    id INTEGER PRIMARY KEY,
    source TEXT NOT NULL,
    sha256 TEXT,
    type TEXT NOT NULL,
    message TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS cities (
    notice_id INTEGER NOT NULL REFERENCES notices(id),
    name TEXT NOT NULL, name_en TEXT, code TEXT, province TEXT, province_code TEXT,
    level TEXT, role TEXT, mentions INTEGER, spans TEXT
);
CREATE TABLE IF NOT EXISTS officials (
    notice_id INTEGER NOT NULL REFERENCES notices(id),
    name TEXT NOT NULL, name_en TEXT, title TEXT, org TEXT, span_start INTEGER, span_end INTEGER
);
CREATE TABLE IF NOT EXISTS figures (
    notice_id INTEGER NOT NULL REFERENCES notices(id),
    value REAL, unit TEXT, text TEXT, subject TEXT, city TEXT, role TEXT,
    span_start INTEGER, span_end INTEGER
);
CREATE TABLE IF NOT EXISTS deadlines (
    notice_id INTEGER NOT NULL REFERENCES notices(id),
    text TEXT, amount REAL, unit TEXT, due TEXT, span_start INTEGER, span_end INTEGER
);
CREATE TABLE IF NOT EXISTS companies (
    notice_id INTEGER NOT NULL REFERENCES notices(id),
    name TEXT NOT NULL, span_start INTEGER, span_end INTEGER
);
CREATE TABLE IF NOT EXISTS sanctions (
    notice_id INTEGER NOT NULL REFERENCES notices(id),
    text TEXT, amount REAL, span_start INTEGER, span_end INTEGER
);
CREATE TABLE IF NOT EXISTS warnings (
    notice_id INTEGER NOT NULL REFERENCES notices(id),
    message TEXT NOT NULL
);
CREATE UNIQUE INDEX IF NOT EXISTS errors_key ON errors (source, ifnull(sha256, ''), type, message);
CREATE INDEX IF NOT EXISTS errors_type ON errors (type);
CREATE INDEX IF NOT EXISTS notices_source ON notices (source, version);
CREATE INDEX IF NOT EXISTS notices_date ON notices (date);
CREATE INDEX IF NOT EXISTS notices_year_kind ON notices (year, kind);
CREATE INDEX IF NOT EXISTS notices_kind ON notices (kind);
CREATE INDEX IF NOT EXISTS files_sha256 ON files (sha256);
CREATE INDEX IF NOT EXISTS cities_notice ON cities (notice_id);
CREATE INDEX IF NOT EXISTS cities_code ON cities (code, role);
CREATE INDEX IF NOT EXISTS cities_name ON cities (name);
CREATE INDEX IF NOT EXISTS cities_province ON cities (province_code, role);
CREATE INDEX IF NOT EXISTS officials_notice ON officials (notice_id);
CREATE INDEX IF NOT EXISTS officials_name ON officials (name);
CREATE INDEX IF NOT EXISTS officials_org ON officials (org);
CREATE INDEX IF NOT EXISTS figures_notice ON figures (notice_id);
CREATE INDEX IF NOT EXISTS figures_unit ON figures (unit, role);
CREATE INDEX IF NOT EXISTS deadlines_notice ON deadlines (notice_id);
CREATE INDEX IF NOT EXISTS deadlines_due ON deadlines (due);
CREATE INDEX IF NOT EXISTS companies_notice ON companies (notice_id);
CREATE INDEX IF NOT EXISTS companies_name ON companies (name);
CREATE INDEX IF NOT EXISTS sanctions_notice ON sanctions (notice_id);
CREATE INDEX IF NOT EXISTS warnings_notice ON warnings (notice_id);
CREATE VIEW IF NOT EXISTS current_notices AS
    SELECT n.* FROM notices n
    WHERE n.version = (SELECT max(version) FROM notices m WHERE m.source = n.source);
"""

# The tables a researcher reads, in the order open_store lists them.
TABLES = ("notices", "cities", "officials", "figures", "deadlines", "companies", "sanctions",
          "warnings", "files", "errors")


def _span(item: dict[str, Any]) -> tuple[int | None, int | None]:
    span = item.get("span")
    return (span[0], span[1]) if span else (None, None)


def _province_code(code: str | None) -> str | None:
    return f"{code[:2]}0000" if code and len(code) == 6 and code.isdigit() else None


@register_writer("sqlite", ".db", ".sqlite", ".sqlite3")
class SQLiteWriter(Writer):
    """Writes records into a SQLite store (created if missing); ``:memory:`` for a scratch one."""

    def __init__(self, path: str | Path) -> None:
        self.path = str(path)
        try:
            self.conn = sqlite3.connect(self.path, isolation_level=None)  # transactions by hand
            if self.path != ":memory:":
                self.conn.execute("PRAGMA journal_mode=WAL")
                self.conn.execute("PRAGMA synchronous=NORMAL")
            self.conn.execute("PRAGMA foreign_keys=ON")
            self.conn.executescript(_DDL)
            row = self.conn.execute("SELECT value FROM store_meta WHERE key='schema'").fetchone()
            if row is None:
                self.conn.execute("INSERT INTO store_meta VALUES ('schema', ?), ('record_schema', ?)",
                                  (STORE_SCHEMA, SCHEMA))
            elif row[0] != STORE_SCHEMA:
                raise StoreError(f"a store of schema {row[0]!r}, not {STORE_SCHEMA!r}", path=self.path)
            self.conn.execute("BEGIN")
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"cannot open the SQLite store ({exc})", path=self.path) from None

    def files(self) -> list[str]:
        return [self.path, *(self.path + suffix for suffix in ("-wal", "-shm", "-journal"))]

    def seen(self, source: str, sha256: str) -> dict[str, Any] | None:
        if self.conn.execute("SELECT 1 FROM files WHERE source=? AND sha256=?", (source, sha256)).fetchone():
            return {"source": source, "sha256": sha256}
        row = self.conn.execute("SELECT type, message FROM errors WHERE source=? AND sha256=?",
                                (source, sha256)).fetchone()
        if row:
            return {"source": source, "sha256": sha256, "error": {"type": row[0], "message": row[1]}}
        return None

    def write(self, record: dict[str, Any]) -> str:
        source, sha = record.get("source") or "", record.get("sha256")
        c = self.conn
        if record.get("error"):
            err = record["error"]
            c.execute("INSERT OR IGNORE INTO errors (source, sha256, type, message) VALUES (?,?,?,?)",
                            (source, sha, err.get("type", "error"), err.get("message", "")))
            return "error"
        row = c.execute("SELECT id FROM notices WHERE sha256=?", (sha,)).fetchone()
        if row is not None:
            cur = c.execute("INSERT OR IGNORE INTO files VALUES (?,?,?)", (source, sha, row[0]))
            return "copy" if cur.rowcount else "known"
        version = 1 + c.execute("SELECT count(*) FROM notices WHERE source=?", (source,)).fetchone()[0]
        date = record.get("date")
        year = int(date[:4]) if isinstance(date, str) and date[:4].isdigit() else None
        auth = record.get("authority") or {}
        nid = c.execute(
            "INSERT INTO notices (sha256, source, version, format, lang, title, date, year, kind,"
            " authority, authority_en, record) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
            (sha, source, version, (record.get("meta") or {}).get("format"), record.get("lang"),
             record.get("title"), date, year, record.get("kind"), auth.get("name"), auth.get("name_en"),
             json.dumps(record, ensure_ascii=False)),
        ).lastrowid
        c.execute("INSERT INTO files VALUES (?,?,?)", (source, sha, nid))
        c.executemany("INSERT INTO cities VALUES (?,?,?,?,?,?,?,?,?,?)", [
            (nid, x.get("name"), x.get("name_en"), x.get("code"), x.get("province"),
             _province_code(x.get("code")), x.get("level"), x.get("role"), len(x.get("spans") or []),
             json.dumps(x.get("spans") or [])) for x in record.get("cities") or []])
        c.executemany("INSERT INTO officials VALUES (?,?,?,?,?,?,?)", [
            (nid, x.get("name"), x.get("name_en"), x.get("title"), x.get("org"), *_span(x))
            for x in record.get("officials") or []])
        c.executemany("INSERT INTO figures VALUES (?,?,?,?,?,?,?,?,?)", [
            (nid, x.get("value"), x.get("unit"), x.get("text"), x.get("subject"), x.get("city"),
             x.get("role"), *_span(x)) for x in record.get("figures") or []])
        c.executemany("INSERT INTO deadlines VALUES (?,?,?,?,?,?,?)", [
            (nid, x.get("text"), x.get("amount"), x.get("unit"), x.get("due"), *_span(x))
            for x in record.get("deadlines") or []])
        c.executemany("INSERT INTO companies VALUES (?,?,?,?)", [
            (nid, x.get("name"), *_span(x)) for x in record.get("companies") or []])
        c.executemany("INSERT INTO sanctions VALUES (?,?,?,?,?)", [
            (nid, x.get("text"), x.get("amount"), *_span(x)) for x in record.get("sanctions") or []])
        c.executemany("INSERT INTO warnings VALUES (?,?)", [
            (nid, str(w)) for w in record.get("warnings") or []])
        return "version" if version > 1 else "new"

    def commit(self) -> None:
        try:
            self.conn.execute("COMMIT")
            self.conn.execute("BEGIN")
        except sqlite3.Error as exc:  # a full disk, a store deleted under us
            raise StoreError(f"cannot write the store ({exc})", path=self.path) from None

    def close(self) -> None:
        if self.conn.in_transaction:
            try:
                self.conn.execute("COMMIT")
            except sqlite3.Error as exc:
                raise StoreError(f"cannot write the store ({exc})", path=self.path) from None
        if self.path != ":memory:":
            try:  # one self-contained file to hand on; not if someone is reading it right now
                self.conn.execute("PRAGMA journal_mode=DELETE")
            except sqlite3.OperationalError:
                pass
            self.conn.close()


# ------------------------------------------------------------------------------------ reading


class Store(Mapping[str, "pd.DataFrame"]):
    """A batch output opened for reading: ``store["cities"]`` (or ``store.cities``) is a
    DataFrame, ``store.query(sql)`` runs SQL, ``store.stats()`` summarises, ``store.plot(png)``
    draws interviews per province per year. Works on every output format: JSON Lines, CSV and
    Parquet outputs are loaded into an in-memory SQLite store of the same tables."""

    def __init__(self, conn: sqlite3.Connection, path: str) -> None:
        self.conn = conn
        self.path = path
        self._frames: dict[str, pd.DataFrame] = {}

    # Mapping: the tables as DataFrames, read on first use.
    def __getitem__(self, name: str) -> pd.DataFrame:
        if name not in TABLES:
            raise KeyError(name)
        if name not in self._frames:
            self._frames[name] = self.query(f"SELECT * FROM {name}")  # noqa: S608 - a fixed name
        return self._frames[name]

    def __iter__(self) -> Iterator[str]:
        return iter(TABLES)

    def __len__(self) -> int:
        return len(TABLES)

    def __getattr__(self, name: str) -> pd.DataFrame:
        if name in TABLES:
            return self[name]
        raise AttributeError(name)

    def __repr__(self) -> str:
        return f"<Store {self.path}: {self.count('notices')} notices, {self.count('errors')} errors>"

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.conn.close()

    def count(self, table: str) -> int:
        return self.conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]  # noqa: S608

    def execute(self, sql: str, params: tuple[Any, ...] = ()) -> tuple[list[str], list[tuple[Any, ...]]]:
        """Run SQL; the column names and rows. Raises :class:`StoreError` on bad SQL."""
        try:
            cur = self.conn.execute(sql, params)
            rows = cur.fetchall()
        except sqlite3.Error as exc:
            raise StoreError(f"SQL error: {exc}", path=self.path) from None
        return [d[0] for d in cur.description or []], rows

    def query(self, sql: str, params: tuple[Any, ...] = ()) -> pd.DataFrame:
        import pandas as pd

        columns, rows = self.execute(sql, params)
        return pd.DataFrame.from_records(rows, columns=columns)

    def records(self) -> Iterator[dict[str, Any]]:
        """Every stored record (notices then errors) as the JSON of the record contract."""
        for (text,) in self.conn.execute("SELECT record FROM notices ORDER BY id"):
            yield json.loads(text)
        for source, sha, type_, message in self.conn.execute(
                "SELECT source, sha256, type, message FROM errors ORDER BY id"):
            rec: dict[str, Any] = {"schema": SCHEMA, "source": source}
            if sha:
                rec["sha256"] = sha
            rec["error"] = {"type": type_, "message": message}
            yield rec

    def stats(self, top: int = 10) -> dict[str, Any]:
        from .stats import stats

        return stats(self, top=top)

    def plot(self, path: str | Path) -> pd.DataFrame:
        from .stats import plot

        return plot(self, path)


def open_store(path: str | Path) -> Store:
    """Open a batch output (``.db``/``.sqlite``, ``.jsonl``, ``.csv``, ``.parquet``) for reading."""
    p = Path(path)
    if not p.exists():
        raise StoreError("no such store", path=str(path))
    name = writer_name(p)
    if name == "sqlite":
        try:
            conn = sqlite3.connect(f"{p.resolve().as_uri()}?mode=ro", uri=True)
            conn.execute("SELECT value FROM store_meta WHERE key='schema'").fetchone()
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"not a notices store ({exc})", path=str(path)) from None
        return Store(conn, str(path))
    from .writers import read_records

    scratch = SQLiteWriter(":memory:")
    for record in read_records(p):
        scratch.write(record)
    scratch.close()
    return Store(scratch.conn, str(path))
