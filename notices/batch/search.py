"""Full-text search of a store's notices, Chinese and English.

The ``notices_fts`` index (SQLite FTS5 with the ``trigram`` tokenizer) finds any phrase of
three or more characters, in any script, case-insensitively. Shorter terms (晋城, 约谈) have no
trigram, so they are matched with ``LIKE`` on the stored text (slower, still exact). Every term
of a query must be found. One hit per event: its best-ranked notice.
"""
from __future__ import annotations

import html
import re
from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .store import Store

#: the markers around a match in :attr:`SearchHit.snippet`
MARK_START, MARK_END = "\u2e22", "\u2e23"  # ⸢ ⸣: not in notices, unlike 【】 or []
_ELLIPSIS = "…"
SNIPPET_TOKENS = 24
_CONTEXT = 40  # characters each side of a LIKE match


@dataclass(frozen=True, slots=True)
class SearchHit:
    notice_id: int
    event_id: int | None
    title: str | None
    date: str | None
    kind: str | None
    lang: str | None
    source: str
    sources: int
    snippet: str

    def snippet_html(self) -> str:
        """The snippet escaped for HTML, matches in ``<mark>``."""
        return (html.escape(self.snippet).replace(MARK_START, "<mark>").replace(MARK_END, "</mark>"))

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def terms(query: str) -> list[str]:
    """The terms of a query: words apart, a ``"quoted phrase"`` as one term."""
    found = re.findall(r'"([^"]+)"|(\S+)', query)
    return [(a or b).strip() for a, b in found if (a or b).strip()]


def _fts_phrase(term: str) -> str:
    return '"' + term.replace('"', '""') + '"'


def _like(term: str) -> str:
    return "%" + term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def search(store: Store, query: str, *, city: str | None = None, year: int | None = None,
           kind: str | None = None, limit: int = 20, offset: int = 0) -> list[SearchHit]:
    """Notices matching every term of ``query`` (and the filters: ``city`` a name or a
    division code of a city it names, ``year``, ``kind``), one per event, best first."""
    from ..text import normalize

    words = terms(query)
    if not words:
        return []
    long = [normalize(w) for w in words if len(w) >= 3]  # the index holds normalised text
    short = [w for w in words if len(w) < 3]
    where, params = [], []
    if long:
        source = "notices_fts f JOIN notices n ON n.id = f.rowid"
        where.append("notices_fts MATCH ?")
        params.append(" AND ".join(_fts_phrase(w) for w in long))
        score = "f.rank"
    else:
        source, score = "notices n", "0"
    for w in short:
        where.append("(n.text LIKE ? ESCAPE '\\' OR n.title LIKE ? ESCAPE '\\')")
        params += [_like(w), _like(w)]
    if city:
        where.append("EXISTS (SELECT 1 FROM cities c WHERE c.notice_id = n.id AND (c.name = ? OR c.code = ?))")
        params += [city, city]
    if year is not None:
        where.append("n.year = ?")
        params.append(int(year))
    if kind:
        where.append("n.kind = ?")
        params.append(kind)
    sql = f"""
        WITH matched AS (
            SELECT n.id, n.event_id, n.date, {score} AS score,
                   row_number() OVER (PARTITION BY n.event_id ORDER BY {score}, n.id) AS nth
            FROM {source} WHERE {' AND '.join(where)})
        SELECT n.id, n.event_id, n.title, n.date, n.kind, n.lang, n.source, n.text,
               (SELECT count(*) FROM sources s JOIN notices o ON o.id = s.notice_id
                WHERE o.event_id = n.event_id)
        FROM matched m JOIN notices n ON n.id = m.id
        WHERE m.nth = 1 ORDER BY m.score, m.date DESC, m.id LIMIT ? OFFSET ?"""
    _, rows = store.execute(sql, (*params, int(limit), int(offset)))
    return [SearchHit(nid, event, title, date, kind_, lang, source_, sources, snippet(text or title or "", words))
            for nid, event, title, date, kind_, lang, source_, text, sources in rows]


def snippet(text: str, words: list[str]) -> str:
    """The part of ``text`` around the first match, every match marked."""
    from ..text import normalize

    flat = " ".join(text.split())
    folded = normalize(flat).lower()  # same length: offsets carry over
    needles = [normalize(w).lower() for w in words]
    first = min((i for i in (folded.find(n) for n in needles) if i >= 0), default=0)
    start, end = max(0, first - _CONTEXT), min(len(flat), first + _CONTEXT * 2)
    spans: list[tuple[int, int]] = []
    for needle in needles:
        pos = folded.find(needle, start)
        while 0 <= pos < end and needle:
            spans.append((pos, min(end, pos + len(needle))))
            pos = folded.find(needle, pos + len(needle))
    out, at = [], start
    for a, b in sorted(_merge(spans)):
        out += [flat[at:a], MARK_START, flat[a:b], MARK_END]
        at = b
    out.append(flat[at:end])
    return (_ELLIPSIS if start else "") + "".join(out) + (_ELLIPSIS if end < len(flat) else "")


def _merge(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for a, b in sorted(spans):
        if merged and a <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], b))
        else:
            merged.append((a, b))
    return merged
