"""Clerks' corrections of stored records, and the corrected notices as evaluation data.

A correction is a new version of a notice's record in ``records`` (version 1 is the extracted
record, kept); the ``corrections`` table has one row per changed field: who, when, the value
before and after. The notice's columns and entity rows follow the newest version, so queries,
stats and the archive see the corrected notice. :func:`export_gold` writes the corrected notices
in the ``gold/2`` format ``notices eval`` scores against.
"""
from __future__ import annotations

import json
import sqlite3
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from ..errors import DataError, StoreError
from ..record import Record
from .entities import replace_record
from .folders import make_folder

#: the record fields a clerk may correct (the rest — source, hash, schema, meta — stay)
FIELDS = ("lang", "title", "date", "published", "authority", "kind", "cities", "officials", "figures",
          "deadlines", "companies", "sanctions", "warnings")


def _now() -> str:
    return datetime.now(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def current_record(conn: sqlite3.Connection, notice_id: int, *, corrected: bool = True) -> dict[str, Any]:
    order = "DESC" if corrected else "ASC"
    row = conn.execute(f"SELECT record FROM records WHERE notice_id=? ORDER BY version {order} LIMIT 1",  # noqa: S608
                       (notice_id,)).fetchone()
    if row is None:
        row = conn.execute("SELECT record FROM notices WHERE id=?", (notice_id,)).fetchone()
    if row is None:
        raise StoreError(f"no notice {notice_id} in the store")
    return json.loads(row[0])


def save_correction(path: str, notice_id: int, record: dict[str, Any], *, editor: str) -> int:
    """Save ``record`` as the corrected record of ``notice_id``; the new version number."""
    if not editor or not str(editor).strip():
        raise DataError("a correction needs the name of its editor")
    try:
        Record.from_dict({**record, "schema": record.get("schema") or "notices.record/2"})
    except (TypeError, ValueError, AttributeError, KeyError) as exc:
        raise DataError(f"not a record: {exc}") from None
    try:
        conn = sqlite3.connect(path, isolation_level=None, timeout=30)
    except sqlite3.Error as exc:
        raise StoreError(f"cannot open the store for writing ({exc})", path=path) from None
    try:
        conn.execute("BEGIN IMMEDIATE")
        before = current_record(conn, notice_id)
        new = dict(before)
        for name in FIELDS:
            if name in record:
                new[name] = record[name]
        new["schema"] = before.get("schema") if before.get("schema") else "notices.record/2"
        changed = [name for name in FIELDS if new.get(name) != before.get(name)]
        (version,) = conn.execute("SELECT ifnull(max(version), 1) + 1 FROM records WHERE notice_id=?",
                                  (notice_id,)).fetchone()
        at = _now()
        text = json.dumps(new, ensure_ascii=False)
        conn.execute("INSERT INTO records (notice_id, version, schema, editor, saved_at, record) VALUES (?,?,?,?,?,?)",
                     (notice_id, version, new["schema"], editor, at, text))
        conn.executemany("INSERT INTO corrections (notice_id, version, field, editor, saved_at, old, new)"
                         " VALUES (?,?,?,?,?,?,?)", [
                             (notice_id, version, name, editor, at,
                              json.dumps(before.get(name), ensure_ascii=False),
                              json.dumps(new.get(name), ensure_ascii=False)) for name in changed])
        replace_record(conn, notice_id, new)
        conn.execute("UPDATE notices SET record_version=? WHERE id=?", (version, notice_id))
        conn.execute("COMMIT")
        return version
    except sqlite3.Error as exc:
        raise StoreError(f"cannot save the correction ({exc})", path=path) from None
    finally:
        conn.close()


# ------------------------------------------------------------------------------------ gold/2


def gold(record: dict[str, Any]) -> dict[str, Any]:
    """A record in the ``gold/2`` annotation format."""
    auth = record.get("authority") or {}
    return {
        "format": "gold/2",
        "lang": record.get("lang"),
        "date": record.get("date"),
        "published": record.get("published"),
        "kind": record.get("kind") or "other",
        "authority": auth.get("name") if isinstance(auth, dict) else auth,
        "cities": [{"name": c.get("name"), "province": c.get("province"), "role": c.get("role")}
                   for c in record.get("cities") or []],
        "officials": [{"name": o.get("name"), "title": o.get("title"), "org": o.get("org")}
                      for o in record.get("officials") or []],
        "figures": [{"value": f.get("value"), "unit": f.get("unit"), "text": f.get("text")}
                    for f in record.get("figures") or []],
        "deadlines": [{"text": d.get("text"), "amount": d.get("amount"), "unit": d.get("unit")}
                      for d in record.get("deadlines") or []],
        "companies": [c.get("name") if isinstance(c, dict) else c for c in record.get("companies") or []],
    }


def export_gold(conn: sqlite3.Connection, folder: str | Path) -> list[Path]:
    """Every corrected notice with a stored text as ``ID.txt`` + ``ID.gold.json`` in ``folder``."""
    out = make_folder(folder)
    written = []
    for nid, text in conn.execute("SELECT id, text FROM notices WHERE record_version > 1 AND text IS NOT NULL"
                                  " ORDER BY id").fetchall():
        name = f"notice-{nid}"
        try:
            (out / f"{name}.txt").write_text(text, encoding="utf-8", newline="")
            (out / f"{name}.gold.json").write_text(
                json.dumps(gold(current_record(conn, nid)), ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        except OSError as exc:
            raise StoreError(f"cannot write ({exc.strerror or exc})", path=str(out / name)) from None
        written.append(out / f"{name}.txt")
    return written
