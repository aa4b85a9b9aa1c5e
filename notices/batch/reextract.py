"""Records rebuilt in place from the stored texts, when the extractor has improved.

Each notice's extracted record (version 1 in ``records``) is replaced by a new extraction of its
stored text; where no clerk has corrected the notice, its columns and entity rows follow. A
corrected notice keeps its corrected record as the current one. Notices stored without text
(by ``notices.store/1``, or from JSON Lines) are left as they are.
"""
from __future__ import annotations

import json
import sqlite3
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path

from ..errors import StoreError
from ..record import SCHEMA
from .lock import OutputLock
from .entities import replace_record
from .store import prepare
from .formats import writer_name


@dataclass
class Reextracted:
    notices: int = 0
    changed: int = 0
    corrected: int = 0
    seconds: float = 0.0

    def to_dict(self) -> dict[str, float | int]:
        return asdict(self)


def reextract(path: str | Path, *, commit_every: int = 256, on_total: Callable[[int], None] | None = None,
              on_notice: Callable[[], None] | None = None) -> Reextracted:
    """Extract every stored notice of the SQLite store ``path`` again from its text."""
    from .. import extract_document
    from ..readers import Document

    started = time.monotonic()
    if not Path(path).exists() or writer_name(path) != "sqlite":
        raise StoreError("--reextract works on a SQLite store that exists (it needs the stored texts)",
                         path=str(path))
    result = Reextracted()
    with OutputLock(path):
        conn = sqlite3.connect(str(path), isolation_level=None)
        try:
            prepare(conn, str(path))
            ids = [r[0] for r in conn.execute("SELECT id FROM notices WHERE text IS NOT NULL ORDER BY id")]
            if on_total:
                on_total(len(ids))
            conn.execute("BEGIN")
            for done, nid in enumerate(ids, 1):
                text, title, fmt, source, sha, date, version, old = conn.execute(
                    "SELECT n.text, n.title, n.format, n.source, n.sha256, n.source_date, n.record_version,"
                    " r.record FROM notices n JOIN records r ON r.notice_id = n.id AND r.version = 1"
                    " WHERE n.id=?", (nid,)).fetchone()
                before = json.loads(old)
                doc = Document(text=text, source=source, sha256=sha, format=fmt or "txt", title=title, date=date)
                record = extract_document(doc).to_dict()
                record["meta"] = {**(before.get("meta") or {}), **(record.get("meta") or {})}
                result.notices += 1
                if record != before:
                    result.changed += 1
                    conn.execute("UPDATE records SET record=?, schema=? WHERE notice_id=? AND version=1",
                                 (json.dumps(record, ensure_ascii=False), SCHEMA, nid))
                    conn.execute("UPDATE notices SET schema=? WHERE id=?", (SCHEMA, nid))
                    if version == 1:
                        replace_record(conn, nid, record)
                result.corrected += version > 1
                if done % commit_every == 0:
                    conn.execute("COMMIT")
                    conn.execute("BEGIN")
                if on_notice:
                    on_notice()
            conn.execute("COMMIT")
        except sqlite3.Error as exc:
            raise StoreError(f"cannot write the store ({exc}); rerun to finish", path=str(path)) from None
        finally:
            conn.close()
    result.seconds = time.monotonic() - started
    return result
