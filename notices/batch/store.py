"""The SQLite store (schema ``notices.store/2``, tables in :mod:`~notices.batch.schema`).

Every input file is a ``sources`` row. Files of identical text (after normalisation) are one
``notices`` row, with its text, title and record; a file at a known path with new text is a new
notice with the next ``version``. Notices reporting one act — near-duplicate reprints, the
Chinese and the English report — share an ``events`` row, and each notice says why it joined
(:mod:`~notices.batch.events`). Error records go to ``errors``. :func:`open_store` opens any
batch output (SQLite, JSON Lines, CSV, Parquet, an export folder) as a :class:`Store` of pandas
DataFrames, with full-text :meth:`Store.search` and the corrections API.
"""
from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator, Mapping
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from ..errors import StoreError
from ..record import SCHEMA
from ..text import normalize
from .events import (INDEX_BELOW, SIGNATURE, HashCache, Likeness, band_keys, hashes_from_bytes, hashes_likeness,
                     identity_text, shingle_hashes)
from .schema import DDL, OLD_STORE_SCHEMAS, STORE_SCHEMA, TABLES, VIEWS
from .entities import ENTITY_TABLES, insert_entities, replace_record, year_of  # noqa: F401
from .folders import folder_store
from .formats import Writer, register_writer, split_payload, writer_name
from .writers import read_records

if TYPE_CHECKING:
    import pandas as pd

    from .search import SearchHit



@dataclass(frozen=True, slots=True)
class EventSource:
    """One file of an event: the notice it holds and why it belongs to the event."""

    source: str
    format: str | None
    notice_id: int
    lang: str | None
    why: str


@dataclass(frozen=True, slots=True)
class Event:
    id: int
    title: str | None
    date: str | None
    kind: str | None
    notices: int
    sources: int
    members: list[EventSource]

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def _why(reason: str, event_reason: str | None, with_: int | None, jaccard: float | None,
         containment: float | None) -> str:
    """Why a file is part of its event, in words."""
    if reason == "identical bytes":
        return "the same bytes as another source of its notice"
    if reason == "identical text":
        return "the same text as its notice's first file, after normalisation"
    if event_reason == "near-duplicate":
        return (f"near-duplicate of notice {with_} (Jaccard {jaccard:.2f}, containment {containment:.2f})")
    if event_reason == "cross-language":
        return f"cross-language report of notice {with_}: same act date, kind and subject city"
    return "the event's first notice"


#: how many candidate events a new notice is compared with exactly (the best by MinHash estimate)
EXACT_CHECKS = 3


def _rounded(x: float | None) -> float | None:
    return None if x is None else round(x, 4)


class Joined(NamedTuple):
    """The event a new notice joins, and why (the store's ``event_*`` columns)."""

    event: int
    reason: str  # first, near-duplicate or cross-language
    other: int | None = None  # the notice it is like
    jaccard: float | None = None
    containment: float | None = None


def _first_line(text: str | None) -> str | None:
    for line in (text or "").splitlines():
        if line.strip():
            return line.strip()[:200]
    return None


@register_writer("sqlite", ".db", ".sqlite", ".sqlite3")
class SQLiteWriter(Writer):
    """Writes records into a SQLite store (created if missing); ``:memory:`` for a scratch one.

    Each file is a ``sources`` row. Its bytes known: nothing else is added. Its text identical
    (after normalisation) to a stored notice's: it becomes another source of that notice. Else
    it is a new notice, which joins the event of a near-duplicate or of its other-language
    report when there is one (``notices.event_reason`` says which), or starts its own."""

    def __init__(self, path: str | Path) -> None:
        self.path = str(path)
        try:
            self.conn = sqlite3.connect(self.path, isolation_level=None)  # transactions by hand
            if self.path != ":memory:":
                self.conn.execute("PRAGMA journal_mode=WAL")
                self.conn.execute("PRAGMA synchronous=NORMAL")
            self.conn.execute("PRAGMA foreign_keys=ON")
            prepare(self.conn, self.path)
            self.conn.execute("BEGIN")
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"cannot open the SQLite store ({exc})", path=self.path) from None
        self.compared = HashCache()

    def files(self) -> list[str]:
        return [self.path, *(self.path + suffix for suffix in ("-wal", "-shm", "-journal"))]

    def seen(self, source: str, sha256: str) -> dict[str, Any] | None:
        if self.conn.execute("SELECT 1 FROM sources WHERE source=? AND sha256=?", (source, sha256)).fetchone():
            return {"source": source, "sha256": sha256}
        row = self.conn.execute("SELECT type, message FROM errors WHERE source=? AND sha256=?",
                                (source, sha256)).fetchone()
        if row:
            return {"source": source, "sha256": sha256, "error": {"type": row[0], "message": row[1]}}
        return None

    def known_error(self, source: str, type_: str, message: str) -> bool:
        return self.conn.execute("SELECT 1 FROM errors WHERE source=? AND sha256 IS NULL AND type=? AND message=?",
                                 (source, type_, message)).fetchone() is not None

    def write(self, record: dict[str, Any]) -> str:
        record, doc = split_payload(record)
        try:
            return self._write(record, doc)
        except sqlite3.Error as exc:  # a full disk, a store deleted under us
            raise StoreError(f"cannot write the store ({exc}); what was committed is kept: rerun to resume",
                             path=self.path) from None

    def _write(self, record: dict[str, Any], doc: dict[str, Any]) -> str:
        source, sha = record.get("source") or "", record.get("sha256")
        c = self.conn
        if record.get("error"):
            err = record["error"]
            c.execute("DELETE FROM errors WHERE source=? AND ifnull(sha256, '')=? AND (type!=? OR message!=?)",
                      (source, sha or "", err.get("type", "error"), err.get("message", "")))
            c.execute("INSERT OR IGNORE INTO errors (source, sha256, type, message) VALUES (?,?,?,?)",
                      (source, sha, err.get("type", "error"), err.get("message", "")))
            return "error"
        fmt = (record.get("meta") or {}).get("format")
        c.execute("DELETE FROM errors WHERE source=? AND ifnull(sha256, '')=?", (source, sha or ""))
        row = c.execute("SELECT notice_id FROM sources WHERE sha256=? LIMIT 1", (sha,)).fetchone()
        if row is not None:
            cur = c.execute("INSERT OR IGNORE INTO sources (source, sha256, notice_id, format, reason)"
                            " VALUES (?,?,?,?,?)", (source, sha, row[0], fmt, "identical bytes"))
            if cur.rowcount:
                self._count_source(row[0])
            return "copy" if cur.rowcount else "known"
        key = doc.get("key") or (record.get("meta") or {}).get("text_key")
        if key:
            row = c.execute("SELECT id FROM notices WHERE text_key=? LIMIT 1", (key,)).fetchone()
            if row is not None:
                c.execute("INSERT INTO sources (source, sha256, notice_id, format, reason) VALUES (?,?,?,?,?)",
                          (source, sha, row[0], fmt, "identical text"))
                self._count_source(row[0])
                return "copy"
        version = 1 + c.execute("SELECT count(*) FROM notices WHERE source=?", (source,)).fetchone()[0]
        date = record.get("date")
        auth = record.get("authority") or {}
        text = doc.get("text")
        title = record.get("title") or _first_line(text)
        schema = record.get("schema") or SCHEMA
        as_json = json.dumps(record, ensure_ascii=False)
        # The event is found before the notice is inserted (it does not depend on the notice's
        # own rows), so the row is written once with it: updating a row holding the text took
        # a millisecond a notice, a fifth of the writer's time.
        nid = c.execute("SELECT ifnull(max(id), 0) + 1 FROM notices").fetchone()[0]  # SQLite's own choice
        blob = doc.get("minhash")
        joined = self._find_event(nid, record, doc, title)
        c.execute(
            "INSERT INTO notices (id, sha256, text_key, source, version, format, lang, title, date, published,"
            " year, kind, authority, authority_en, event_id, event_reason, event_with, event_jaccard,"
            " event_containment, schema, source_date, text, record)"
            " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            (nid, sha, key, source, version, fmt, record.get("lang"), title, date, record.get("published"),
             year_of(date), record.get("kind"), auth.get("name"), auth.get("name_en"), joined.event,
             joined.reason, joined.other, _rounded(joined.jaccard), _rounded(joined.containment), schema,
             doc.get("date"), text, as_json),
        )
        c.execute("INSERT INTO records (notice_id, version, schema, record) VALUES (?,1,?,?)", (nid, schema, as_json))
        c.execute("INSERT INTO sources (source, sha256, notice_id, format, reason) VALUES (?,?,?,?,?)",
                  (source, sha, nid, fmt, "first"))
        if text:
            folded = doc.get("normalized") or normalize(text)  # the worker folds it, when it can
            c.execute("INSERT INTO notices_fts (rowid, title, text) VALUES (?,?,?)",  # folded: see search.py
                      (nid, normalize(title or ""), folded))
        insert_entities(c, nid, record)
        if blob:
            c.execute("INSERT INTO fingerprints VALUES (?,?)", (nid, blob))
            if joined.jaccard is None or joined.jaccard < INDEX_BELOW:
                c.executemany("INSERT INTO bands VALUES (?,?)", [(key, nid) for key in band_keys(blob)])
        return "version" if version > 1 else "new"

    # ------------------------------------------------------------------------------ events

    def _count_source(self, nid: int) -> None:
        self.conn.execute("UPDATE events SET sources = sources + 1"
                          " WHERE id = (SELECT event_id FROM notices WHERE id=?)", (nid,))

    def _candidates(self, blob: bytes) -> list[int]:
        keys = band_keys(blob)
        rows = self.conn.execute(f"SELECT DISTINCT notice_id FROM bands WHERE key IN ({','.join('?' * len(keys))})",
                                 keys).fetchall()  # noqa: S608 - placeholders only
        return sorted(r[0] for r in rows)

    def _near_duplicate(self, nid: int, text: str | None, blob: bytes | None, hashes: bytes | None = None
                        ) -> tuple[int, int, Likeness] | None:
        """(event, notice, likeness) of the most alike stored notice that is a near-duplicate.

        LSH gives the candidates; their stored signatures estimate each one's Jaccard, and only
        the best few events' best notices are compared exactly (a notice reprinted a hundred
        times costs a handful of comparisons, not a hundred)."""
        if not text or not blob:
            return None
        found = self._candidates(blob)
        if not found:
            return None
        import numpy as np

        mine = np.frombuffer(blob, dtype="<u8")
        best_per_event: dict[int, tuple[float, int]] = {}
        for start in range(0, len(found), 500):
            part = found[start:start + 500]
            rows = self.conn.execute(
                f"SELECT f.notice_id, n.event_id, f.minhash FROM fingerprints f JOIN notices n ON n.id = f.notice_id"
                f" WHERE f.notice_id IN ({','.join('?' * len(part))})", part).fetchall()  # noqa: S608
            for other, event, theirs in rows:
                estimate = float(np.mean(mine == np.frombuffer(theirs, dtype="<u8")))
                if estimate > best_per_event.get(event, (-1.0, 0))[0]:
                    best_per_event[event] = (estimate, other)
        ranked = sorted(((e, o, ev) for ev, (e, o) in best_per_event.items()), reverse=True)[:EXACT_CHECKS]
        mine_hashes = hashes_from_bytes(hashes) if hashes else shingle_hashes(identity_text(text))
        best: tuple[int, int, Likeness] | None = None
        for _, other, event in ranked:
            theirs = self.compared.get(other)
            if theirs is None:
                row = self.conn.execute("SELECT text FROM notices WHERE id=?", (other,)).fetchone()
                if row is None or not row[0]:
                    continue
                theirs = self.compared.put(other, shingle_hashes(identity_text(row[0])))
            like = hashes_likeness(mine_hashes, theirs)
            if like.same and (best is None or like.jaccard > best[2].jaccard):
                best = (event, other, like)
        return best

    def _other_language(self, record: dict[str, Any]) -> tuple[int, int] | None:
        """(event, notice) of a report in the other language of the same act, or None."""
        codes = sorted({c.get("code") for c in record.get("cities") or []
                        if c.get("role") == "subject" and c.get("code")})
        if not (record.get("date") and record.get("lang") and codes and record.get("kind")):
            return None
        marks = ",".join("?" * len(codes))
        row = self.conn.execute(
            "SELECT n.event_id, n.id FROM notices n WHERE n.date=? AND n.kind=? AND n.lang!=?"
            f" AND EXISTS (SELECT 1 FROM cities c WHERE c.notice_id=n.id AND c.role='subject'"
            f" AND c.code IN ({marks})) ORDER BY n.id LIMIT 1",
            (record["date"], record["kind"], record["lang"], *codes)).fetchone()
        return (row[0], row[1]) if row else None

    def _find_event(self, nid: int, record: dict[str, Any], doc: dict[str, Any], title: str | None) -> "Joined":
        """The event a new notice ``nid`` (not inserted yet) joins, starting one when none fits."""
        c = self.conn
        near = self._near_duplicate(nid, doc.get("text"), doc.get("minhash"), doc.get("hashes"))
        if near is not None:
            event, other, like = near
            c.execute("UPDATE events SET notices = notices + 1, sources = sources + 1 WHERE id=?", (event,))
            return Joined(event, "near-duplicate", other, like.jaccard, like.containment)
        match = self._other_language(record)
        if match is not None:
            event, other = match
            c.execute("UPDATE events SET notices = notices + 1, sources = sources + 1 WHERE id=?", (event,))
            return Joined(event, "cross-language", other)
        event = c.execute("INSERT INTO events (notice_id, title, date, year, kind) VALUES (?,?,?,?,?)",
                          (nid, title, record.get("date"), year_of(record.get("date")), record.get("kind"))).lastrowid
        return Joined(event, "first")

    def commit(self) -> None:
        try:
            self.conn.execute("COMMIT")
            self.conn.execute("BEGIN")
        except sqlite3.Error as exc:  # a full disk, a store deleted under us
            raise StoreError(f"cannot write the store ({exc}); what was committed is kept: rerun to resume",
                             path=self.path) from None

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


def prepare(conn: sqlite3.Connection, path: str) -> None:
    """Create the tables of a new store, or upgrade an older one, on a writable connection."""
    row = None
    if conn.execute("SELECT 1 FROM sqlite_master WHERE name='store_meta'").fetchone():
        row = conn.execute("SELECT value FROM store_meta WHERE key='schema'").fetchone()
    if row is not None and row[0] in OLD_STORE_SCHEMAS:
        upgrade(conn, row[0])
    elif row is not None and row[0] != STORE_SCHEMA:
        raise StoreError(f"a store of schema {row[0]!r}, not {STORE_SCHEMA!r}", path=path)
    conn.executescript(DDL)
    if row is None:
        conn.execute("INSERT OR REPLACE INTO store_meta VALUES ('schema', ?), ('record_schema', ?)",
                     (STORE_SCHEMA, SCHEMA))
    made = conn.execute("SELECT value FROM store_meta WHERE key='signature'").fetchone()
    if made is None or made[0] != SIGNATURE:  # signatures made otherwise cannot be compared: dropped
        conn.execute("DELETE FROM fingerprints")
        conn.execute("DELETE FROM bands")
        conn.execute("INSERT OR REPLACE INTO store_meta VALUES ('signature', ?)", (SIGNATURE,))


_ADDED_COLUMNS = {
    "notices": ("text_key TEXT", "published TEXT", "event_id INTEGER", "event_reason TEXT",
                "event_with INTEGER", "event_jaccard REAL", "event_containment REAL", "schema TEXT",
                "record_version INTEGER NOT NULL DEFAULT 1", "source_date TEXT", "text TEXT"),
    "cities": ("city_code TEXT", "current_code TEXT", "current_name TEXT"),
    "officials": ("city_code TEXT",), "figures": ("city_code TEXT",), "sanctions": ("city_code TEXT",),
}


def upgrade(conn: sqlite3.Connection, schema: str = "notices.store/1") -> None:
    """An older store to the current schema, in one transaction (records kept as they are).

    ``/1`` → ``/2``: every notice its own event, ``files`` become ``sources`` (schema ``/1``
    records stay ``/1``). ``/2`` → ``/3``: figures gain ``change`` (null for the figures
    already stored: their records were made before the extractor gave it)."""
    conn.execute("BEGIN")
    if schema == "notices.store/1":
        _upgrade_from_1(conn)
    conn.execute("ALTER TABLE figures ADD COLUMN change TEXT")
    conn.execute("UPDATE store_meta SET value=? WHERE key='schema'", (STORE_SCHEMA,))
    conn.execute("COMMIT")


def _upgrade_from_1(conn: sqlite3.Connection) -> None:
    for table, columns in _ADDED_COLUMNS.items():
        for column in columns:
            conn.execute(f"ALTER TABLE {table} ADD COLUMN {column}")
    conn.execute("UPDATE cities SET city_code = code")
    conn.execute("UPDATE notices SET schema = json_extract(record, '$.schema'), event_id = id,"
                 " event_reason = 'first', published = json_extract(record, '$.published')")
    for statement in DDL.split("CREATE UNIQUE INDEX")[0].split(";"):  # the new tables
        if statement.strip():
            conn.execute(statement)
    conn.execute("INSERT INTO events (id, notice_id, title, date, year, kind)"
                 " SELECT id, id, title, date, year, kind FROM notices")
    conn.execute("INSERT INTO sources (source, sha256, notice_id, format, reason)"
                 " SELECT f.source, f.sha256, f.notice_id, n.format,"
                 " CASE WHEN f.source = n.source THEN 'first' ELSE 'identical bytes' END"
                 " FROM files f JOIN notices n ON n.id = f.notice_id ORDER BY f.rowid")
    conn.execute("UPDATE events SET sources = (SELECT count(*) FROM sources s WHERE s.notice_id = events.id)")
    conn.execute("INSERT INTO records (notice_id, version, schema, record)"
                 " SELECT id, 1, schema, record FROM notices")
    conn.execute("DROP VIEW IF EXISTS current_notices")
    conn.execute("DROP TABLE files")


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
        if name not in TABLES and name not in VIEWS:
            raise KeyError(name)
        if name not in self._frames:
            self._frames[name] = self.query(f"SELECT * FROM {name}")  # noqa: S608 - a fixed name
        return self._frames[name]

    def __iter__(self) -> Iterator[str]:
        return iter(TABLES)

    def __len__(self) -> int:
        return len(TABLES)

    def __getattr__(self, name: str) -> pd.DataFrame:
        if name in TABLES or name in VIEWS:
            return self[name]
        raise AttributeError(name)

    def __repr__(self) -> str:
        return (f"<Store {self.path}: {self.count('events')} events, {self.count('notices')} notices, "
                f"{self.count('sources')} sources, {self.count('errors')} errors>")

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

    # ------------------------------------------------------------------ events, search, records

    def events(self, event_id: int | None = None, *, limit: int | None = None) -> list[Event]:
        """The events (one, or all in order), each with its sources and why each joined."""
        sql = "SELECT id, title, date, kind, notices, sources FROM events"
        params: tuple[Any, ...] = ()
        if event_id is not None:
            sql, params = sql + " WHERE id=?", (int(event_id),)
        sql += " ORDER BY id" + (f" LIMIT {int(limit)}" if limit else "")
        _, rows = self.execute(sql, params)
        out = []
        for eid, title, date, kind, n_notices, n_sources in rows:
            _, members = self.execute(
                "SELECT s.source, s.format, s.reason, n.id, n.lang, n.event_reason, n.event_with,"
                " n.event_jaccard, n.event_containment FROM notices n JOIN sources s ON s.notice_id = n.id"
                " WHERE n.event_id=? ORDER BY n.id, s.id", (eid,))
            sources = [EventSource(src, fmt, nid, lang, _why(reason, ereason, ewith, jac, cont))
                       for src, fmt, reason, nid, lang, ereason, ewith, jac, cont in members]
            out.append(Event(eid, title, date, kind, n_notices, n_sources, sources))
        return out

    def search(self, query: str, *, city: str | None = None, year: int | None = None,
               kind: str | None = None, limit: int = 20, offset: int = 0) -> list[SearchHit]:
        """Full-text search (see :mod:`~notices.batch.search`): one :class:`SearchHit` per event."""
        from .search import search

        return search(self, query, city=city, year=year, kind=kind, limit=limit, offset=offset)

    def record(self, notice_id: int, *, corrected: bool = True) -> dict[str, Any]:
        """A notice's record: the newest corrected version, or as extracted (``corrected=False``)."""
        from .corrections import current_record

        try:
            return current_record(self.conn, int(notice_id), corrected=corrected)
        except sqlite3.Error as exc:
            raise StoreError(f"cannot read notice {notice_id} ({exc})", path=self.path) from None

    def save_correction(self, notice_id: int, record: dict[str, Any], *, editor: str) -> int:
        """Save a clerk's corrected record of a notice; the new version number. The extracted
        record is kept, and each changed field is logged (``corrections``: who, when, before, after)."""
        from .corrections import save_correction

        if writer_name(self.path) != "sqlite" or Path(self.path).is_dir():
            raise StoreError("corrections are saved in a SQLite store (.db), not in this output", path=self.path)
        version = save_correction(self.path, int(notice_id), record, editor=editor)
        self._frames.clear()
        return version

    def text(self, notice_id: int) -> str | None:
        """The stored text of a notice (None when the store has none)."""
        _, rows = self.execute("SELECT text FROM notices WHERE id=?", (int(notice_id),))
        return rows[0][0] if rows else None

    def tables(self) -> list[tuple[str, int]]:
        """(table, rows) of every table a researcher reads."""
        return [(name, self.count(name)) for name in TABLES]

    def schema(self, table: str | None = None) -> list[tuple[str, str, str, str]]:
        """(table, column, type, description) of the store's tables."""
        from .schema import DESCRIPTIONS

        out = []
        for name in [table] if table else TABLES:
            if name not in TABLES and name not in VIEWS:
                raise StoreError(f"no table {name!r}; tables: {', '.join(TABLES)}", path=self.path)
            described = DESCRIPTIONS.get(name, ("", {}))[1]
            for row in self.conn.execute(f"PRAGMA table_info({name})"):  # noqa: S608 - a known name
                out.append((name, row[1], row[2], described.get(row[1], "")))
        return out

    def stats(self, top: int = 10) -> dict[str, Any]:
        from .stats import stats

        return stats(self, top=top)

    def plot(self, path: str | Path) -> pd.DataFrame:
        from .stats import plot

        return plot(self, path)


def open_store(path: str | Path) -> Store:
    """Open a batch output (``.db``/``.sqlite``, ``.jsonl``, ``.csv``, ``.parquet``, or a folder
    written with ``--format csv|parquet``) for reading."""
    p = Path(path)
    if not p.exists():
        raise StoreError("no such store", path=str(path))
    if p.is_dir():
        p = folder_store(p)
    name = writer_name(p)
    if name == "sqlite":
        try:
            conn = sqlite3.connect(f"{p.resolve().as_uri()}?mode=ro", uri=True)
            schema = conn.execute("SELECT value FROM store_meta WHERE key='schema'").fetchone()
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"not a notices store ({exc})", path=str(path)) from None
        if schema and schema[0] in OLD_STORE_SCHEMAS:  # read an upgraded copy; the file stays as it is
            scratch = sqlite3.connect(":memory:", isolation_level=None)
            conn.backup(scratch)
            conn.close()
            prepare(scratch, str(path))
            conn = scratch
        elif not schema or schema[0] != STORE_SCHEMA:
            raise StoreError(f"a store of schema {schema[0] if schema else None!r}, not {STORE_SCHEMA!r}",
                             path=str(path))
        return Store(conn, str(path))
    scratch = SQLiteWriter(":memory:")
    for record in read_records(p):
        scratch.write(record)
    scratch.close()
    return Store(scratch.conn, str(path))
