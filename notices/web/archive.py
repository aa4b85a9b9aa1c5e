"""The archive: a batch store's events (a notice and its reprints are one), searched by their
text, filtered by city, province, year and kind, a page at a time, and opened for review in
their corrected version; a clerk's corrections saved back as new versions.

A notice opened for review shows the text the store keeps; a store without texts (an older
one) gets it back from its source file when that is still at hand (a file, or a member of an
archive, found from the working folder or the store's folder) and its bytes still have the
stored SHA-256. Nothing but a file with the stored hash is ever shown.
"""
from __future__ import annotations

import hashlib
import json
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import NoticesError, StoreError
from ..record import Record
from .i18n import Msg, msg

PAGE = 20  # events a page shows
MAX_EXPORT = 10_000  # rows a CSV export holds at most
MAX_SOURCE_BYTES = 32 * 1024 * 1024
MAX_SEARCHED = 2_000  # full-text hits filtered by province at most


@dataclass(frozen=True, slots=True)
class Query:
    """What the clerk searches for; empty fields match everything."""

    text: str = ""  # full-text terms, "a quoted phrase" as one
    city: str = ""
    province: str = ""
    year: int | None = None
    kind: str = ""
    page: int = 1

    @property
    def empty(self) -> bool:
        return not (self.text or self.city or self.province or self.year or self.kind)

    def params(self, **changes: Any) -> dict[str, str]:
        """The query as URL parameters (for links to other pages and the export)."""
        values = {"q": self.text, "city": self.city, "province": self.province,
                  "year": str(self.year or ""), "kind": self.kind, "page": str(self.page), **changes}
        return {k: str(v) for k, v in values.items() if str(v) and not (k == "page" and str(v) == "1")}


@dataclass(frozen=True, slots=True)
class Hit:
    """One event: its first notice (the one opened), how many files it has, a snippet."""

    id: int  # the notice opened for review
    event_id: int | None
    date: str | None
    title: str | None
    kind: str | None
    source: str
    subjects: str  # the subject cities, 、-separated
    sources: int = 1
    corrected: int = 1  # the record's version (above 1: corrected by a clerk)
    snippet: str = ""  # HTML: escaped, the matches in <mark>


@dataclass(slots=True)
class Results:
    hits: list[Hit] = field(default_factory=list)
    total: int | None = 0  # None: not counted (full-text search pages on)
    more: bool = False  # a next page exists

    size: int = PAGE  # events a page holds

    @property
    def pages(self) -> int | None:
        return None if self.total is None else max(1, -(-self.total // self.size))


@dataclass(frozen=True, slots=True)
class Facet:
    value: str
    count: int


@dataclass(frozen=True, slots=True)
class Opened:
    """A stored notice: its record (the corrected version, if any), its text when at hand."""

    id: int
    record: Record
    text: str | None
    note: Msg | None = None
    version: int = 1


def _like(text: str) -> str:
    return "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def _codes(surface: str, levels: tuple[str, ...]) -> list[str]:
    """The division codes a name means (Chinese, short or English), at the given levels."""
    from ..gazetteer import load_gazetteer

    return [d.code for d in load_gazetteer().lookup(surface) if d.level in levels]


class Archive:
    """A batch store opened for the web app, one connection per request (SQLite connections
    stay in their thread). A SQLite store is read in place; any other batch output (JSON
    Lines, CSV, Parquet) is loaded once and kept as an in-memory database image, read-only."""

    def __init__(self, path: str | Path) -> None:
        from ..batch import open_store
        from ..batch.formats import writer_name

        self.path = Path(path)
        store = open_store(self.path)  # a missing or broken store fails here, before serving
        try:
            self.count = store.count("notices")
            self.writable = writer_name(self.path) == "sqlite" and not self.path.is_dir()
            self._image = None if self.writable else store.conn.serialize()
        except sqlite3.Error as exc:
            raise StoreError(f"not a notices store ({exc})", path=str(path)) from None
        finally:
            store.close()

    @contextmanager
    def _open(self) -> Iterator[Any]:
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

    # ------------------------------------------------------------------------ facets

    def facets(self) -> dict[str, list[Facet]]:
        """The provinces, years and kinds there are, each with its number of events."""
        with self._open() as store:
            _, provinces = store.execute(
                "SELECT c.province, count(DISTINCT n.event_id) FROM cities c JOIN notices n ON n.id = c.notice_id "
                "WHERE ifnull(c.province, '') != '' GROUP BY c.province ORDER BY min(c.province_code), c.province")
            _, years = store.execute("SELECT year, count(*) FROM events WHERE year IS NOT NULL "
                                     "GROUP BY year ORDER BY year DESC")
            _, kinds = store.execute("SELECT kind, count(*) FROM events WHERE ifnull(kind, '') != '' "
                                     "GROUP BY kind ORDER BY count(*) DESC, kind")
        return {"provinces": [Facet(str(p), int(n)) for p, n in provinces],
                "years": [Facet(str(y), int(n)) for y, n in years],
                "kinds": [Facet(str(k), int(n)) for k, n in kinds]}

    # ------------------------------------------------------------------------ search

    def _where(self, query: Query) -> tuple[str, list[Any]]:
        """Conditions on an event ``e`` (any of its notices' cities counts)."""
        where, params = ["1=1"], []
        if query.city:
            codes = _codes(query.city, ("municipality", "prefecture", "county"))
            where.append("EXISTS (SELECT 1 FROM cities c JOIN notices m ON m.id = c.notice_id WHERE m.event_id = e.id"
                         " AND (c.name LIKE ? ESCAPE '\\' OR c.name_en LIKE ? ESCAPE '\\'"
                         + "".join(" OR c.code = ?" for _ in codes) + "))")
            params += [_like(query.city), _like(query.city), *codes]
        if query.province:
            codes = _codes(query.province, ("province", "municipality"))
            where.append("EXISTS (SELECT 1 FROM cities c JOIN notices m ON m.id = c.notice_id WHERE m.event_id = e.id"
                         " AND (c.province LIKE ? ESCAPE '\\'" + "".join(" OR c.province_code = ?" for _ in codes) + "))")
            params += [_like(query.province), *codes]
        if query.year:
            where.append("e.year = ?")
            params.append(query.year)
        if query.kind:
            where.append("e.kind = ?")
            params.append(query.kind)
        return " AND ".join(where), params

    _HIT = ("SELECT e.notice_id, e.id, e.date, e.title, e.kind, n.source, "
            "(SELECT group_concat(name, '、') FROM cities c WHERE c.notice_id = e.notice_id AND c.role = 'subject'), "
            "e.sources, n.record_version FROM events e JOIN notices n ON n.id = e.notice_id ")

    page_size = PAGE

    def search(self, query: Query, *, limit: int | None = None) -> Results:
        """One page of the events matching ``query``: newest first, or best first when it
        searches the text."""
        limit = limit or self.page_size
        offset = (query.page - 1) * limit
        with self._open() as store:
            if query.text:
                return self._text_search(store, query, limit, offset)
            condition, params = self._where(query)
            _, rows = store.execute(
                f"{self._HIT} WHERE {condition} "  # noqa: S608 - fixed fragments only
                "ORDER BY e.date IS NULL, e.date DESC, e.id DESC LIMIT ? OFFSET ?", (*params, limit, offset))
            _, ((total,),) = store.execute(f"SELECT count(*) FROM events e WHERE {condition}", tuple(params))  # noqa: S608
        hits = [Hit(int(i), eid, date, title, kind, source or "", subjects or "", int(n or 1), int(v or 1))
                for i, eid, date, title, kind, source, subjects, n, v in rows]
        return Results(hits, int(total), offset + len(hits) < int(total), limit)

    def _text_search(self, store: Any, query: Query, limit: int, offset: int) -> Results:
        city = None
        if query.city:
            codes = _codes(query.city, ("municipality", "prefecture", "county"))
            city = codes[0] if codes else query.city
        wanted = None
        if query.province:
            condition, params = self._where(Query(province=query.province))
            _, rows = store.execute(f"SELECT e.id FROM events e WHERE {condition}", tuple(params))  # noqa: S608
            wanted = {int(eid) for (eid,) in rows}
        if wanted is None:
            found = store.search(query.text, city=city, year=query.year, kind=query.kind or None,
                                 limit=limit + 1, offset=offset)
        else:
            found = [h for h in store.search(query.text, city=city, year=query.year, kind=query.kind or None,
                                             limit=MAX_SEARCHED) if h.event_id in wanted][offset:offset + limit + 1]
        hits = []
        for h in found[:limit]:  # shown as its event (the event's title, first notice), with the match
            _, rows = store.execute(f"{self._HIT} WHERE e.id = ?", (h.event_id if h.event_id is not None else -1,))  # noqa: S608
            if rows:
                nid, eid, date, title, kind, source, subjects, sources, version = rows[0]
                hits.append(Hit(int(nid), eid, date, title, kind, source or "", subjects or "", int(sources or 1),
                                int(version or 1), h.snippet_html()))
            else:
                hits.append(Hit(h.notice_id, h.event_id, h.date, h.title, h.kind, h.source or "", "", h.sources,
                                1, h.snippet_html()))
        return Results(hits, None, len(found) > limit, limit)

    def export(self, query: Query) -> list[Hit]:
        """Every event of the current view (at most :data:`MAX_EXPORT`), for a CSV file."""
        return self.search(Query(query.text, query.city, query.province, query.year, query.kind, 1),
                           limit=MAX_EXPORT).hits

    # ------------------------------------------------------------------------ notices

    def find(self, sha256: str | None) -> int | None:
        """The stored notice of a text with this SHA-256 (a file pasted or uploaded again)."""
        if not sha256:
            return None
        with self._open() as store:
            _, rows = store.execute("SELECT notice_id FROM sources WHERE sha256 = ? UNION "
                                    "SELECT id FROM notices WHERE sha256 = ? LIMIT 1", (sha256, sha256))
        return int(rows[0][0]) if rows else None

    def open(self, notice_id: int) -> Opened | None:
        """The stored notice ``notice_id`` in its newest version, or None when there is none."""
        with self._open() as store:
            _, rows = store.execute("SELECT source, sha256, text, record_version FROM notices WHERE id = ?",
                                    (notice_id,))
            if not rows:
                return None
            source, sha, text, version = rows[0]
            try:
                record = Record.from_dict(store.record(notice_id, corrected=True))
            except (ValueError, TypeError, AttributeError, KeyError, json.JSONDecodeError) as exc:
                raise NoticesError(f"notice {notice_id}: the stored record cannot be read ({exc})") from None
        if text is None:
            text = recover_text(source or "", sha or "", [Path.cwd(), self.path.resolve().parent])
        note = None
        if text is None:
            note = msg("note.no_text", source=source or "")
        return Opened(notice_id, record, text, note, int(version or 1))

    def save(self, notice_id: int, record: Record, *, editor: str) -> int:
        """Save ``record`` as a clerk's correction of ``notice_id``; its new version number."""
        from ..batch import open_store

        if not self.writable:
            raise StoreError("corrections are saved in a SQLite store (.db), not in this output", path=str(self.path))
        with open_store(self.path) as store:
            return store.save_correction(notice_id, record.to_dict(), editor=editor)


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
