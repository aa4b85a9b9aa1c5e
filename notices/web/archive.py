"""The archive: a batch store searched by city, province, year and kind, and its notices opened.

The store keeps records, not texts. A notice opened for review gets its text back from its
source file when that is still at hand (a file, or a member of an archive, found from the
working folder or the store's folder) and its bytes still have the stored SHA-256; otherwise
the record is shown without its text. Nothing but a file with the stored hash is ever shown.
"""
from __future__ import annotations

import hashlib
import json
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from ..errors import NoticesError, StoreError
from ..record import Record
from .i18n import Msg, msg

MAX_RESULTS = 200
MAX_SOURCE_BYTES = 32 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class Query:
    """What the clerk searches for; empty fields match everything."""

    city: str = ""
    province: str = ""
    year: int | None = None
    kind: str = ""

    @property
    def empty(self) -> bool:
        return not (self.city or self.province or self.year or self.kind)


@dataclass(frozen=True, slots=True)
class Hit:
    id: int
    date: str | None
    title: str | None
    kind: str | None
    source: str
    subjects: str  # the subject cities, 、-separated


@dataclass(frozen=True, slots=True)
class Opened:
    """A stored notice: its record, its text when its source was found, else why not."""

    id: int
    record: Record
    text: str | None
    note: Msg | None = None


def _like(text: str) -> str:
    return "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def _codes(surface: str, levels: tuple[str, ...]) -> list[str]:
    """The division codes a name means (Chinese, short or English), at the given levels."""
    from ..gazetteer import load_gazetteer

    return [d.code for d in load_gazetteer().lookup(surface) if d.level in levels]


class Archive:
    """A batch store opened for the web app, one connection per request (SQLite connections
    stay in their thread). A SQLite store is read in place, read-only; any other batch output
    (JSON Lines, CSV, Parquet) is loaded once and kept as an in-memory database image."""

    def __init__(self, path: str | Path) -> None:
        from ..batch import open_store
        from ..batch.writers import writer_name

        self.path = Path(path)
        store = open_store(self.path)  # a missing or broken store fails here, before serving
        try:
            self.count = store.count("notices")
            self._image = None if writer_name(self.path) == "sqlite" else store.conn.serialize()
        except sqlite3.Error as exc:
            raise StoreError(f"not a notices store ({exc})", path=str(path)) from None
        finally:
            store.close()

    @contextmanager
    def _open(self) -> Iterator[object]:
        from ..batch import open_store
        from ..batch.store import Store

        if self._image is None:
            store = open_store(self.path)
        else:
            conn = sqlite3.connect(":memory:")
            conn.deserialize(self._image)
            store = Store(conn, str(self.path))
        try:
            yield store
        finally:
            store.close()

    def facets(self) -> tuple[list[str], list[int]]:
        """The provinces and years there are, for the search form."""
        with self._open() as store:
            _, provinces = store.execute(
                "SELECT province FROM cities WHERE ifnull(province, '') != '' "
                "GROUP BY province ORDER BY min(province_code), province")
            _, years = store.execute(
                "SELECT DISTINCT year FROM current_notices WHERE year IS NOT NULL ORDER BY year DESC")
        return [p for (p,) in provinces], [int(y) for (y,) in years]

    def search(self, query: Query, limit: int = MAX_RESULTS) -> tuple[list[Hit], int]:
        """The newest notices matching ``query`` (at most ``limit``) and how many match in all."""
        where, params = ["1=1"], []
        if query.city:
            codes = _codes(query.city, ("municipality", "prefecture", "county"))
            where.append("EXISTS (SELECT 1 FROM cities c WHERE c.notice_id = n.id AND ("
                         "c.name LIKE ? ESCAPE '\\' OR c.name_en LIKE ? ESCAPE '\\'"
                         + "".join(" OR c.code = ?" for _ in codes) + "))")
            params += [_like(query.city), _like(query.city), *codes]
        if query.province:
            codes = _codes(query.province, ("province", "municipality"))
            where.append("EXISTS (SELECT 1 FROM cities c WHERE c.notice_id = n.id AND ("
                         "c.province LIKE ? ESCAPE '\\'"
                         + "".join(" OR c.province_code = ?" for _ in codes) + "))")
            params += [_like(query.province), *codes]
        if query.year:
            where.append("n.year = ?")
            params.append(query.year)
        if query.kind:
            where.append("n.kind = ?")
            params.append(query.kind)
        condition = " AND ".join(where)
        with self._open() as store:
            _, rows = store.execute(
                "SELECT n.id, n.date, n.title, n.kind, n.source, (SELECT group_concat(name, '、') "
                "FROM cities c WHERE c.notice_id = n.id AND c.role = 'subject') "
                f"FROM current_notices n WHERE {condition} "  # noqa: S608 - fixed fragments only
                "ORDER BY n.date IS NULL, n.date DESC, n.id LIMIT ?", (*params, limit))
            _, ((total,),) = store.execute(
                f"SELECT count(*) FROM current_notices n WHERE {condition}", tuple(params))  # noqa: S608
        hits = [Hit(int(i), date, title, kind, source or "", subjects or "")
                for i, date, title, kind, source, subjects in rows]
        return hits, int(total)

    def open(self, notice_id: int) -> Opened | None:
        """The stored notice ``notice_id``, or None when there is none."""
        with self._open() as store:
            _, rows = store.execute("SELECT record, source, sha256 FROM notices WHERE id = ?", (notice_id,))
        if not rows:
            return None
        raw, source, sha = rows[0]
        try:
            record = Record.from_dict(json.loads(raw))
        except (ValueError, TypeError, AttributeError) as exc:
            raise NoticesError(f"notice {notice_id}: the stored record cannot be read ({exc})") from None
        text = recover_text(source or "", sha or "", [Path.cwd(), self.path.resolve().parent])
        note = None
        if text is None:
            note = msg("note.no_text", source=source or "")
        return Opened(notice_id, record, text, note)


def recover_text(source: str, sha256: str, roots: list[Path]) -> str | None:
    """The text of ``source`` (a path, or ``archive.zip!member``) when a file with the hash
    ``sha256`` is found there, directly or under one of ``roots``; else None."""
    from ..readers import read_bytes

    if not source or not sha256:
        return None
    outer, _, member = source.partition("!")
    given = Path(outer)
    paths = [given] if given.is_absolute() else [root / given for root in roots]
    for path in dict.fromkeys(paths):
        try:
            if not path.is_file():
                continue
            if member:
                raw, label = _member(path, sha256)
            else:
                if path.stat().st_size > MAX_SOURCE_BYTES:
                    continue
                raw, label = path.read_bytes(), source
                if hashlib.sha256(raw).hexdigest() != sha256:
                    continue
            if raw is not None:
                return read_bytes(raw, label).text
        except (NoticesError, OSError):
            continue
    return None


def _member(path: Path, sha256: str) -> tuple[bytes | None, str]:
    from ..batch.inputs import walk

    for item in walk([path]):
        if item.raw is not None and item.sha256 == sha256:
            return item.raw, item.source
    return None, ""
