"""The notice text cut into segments, each with the mentions that cover it, for highlighting.

Mentions come from the record's spans (``[start, end]`` into the text). They may nest (a city
inside a company's name) or overlap; :func:`segments` cuts the text at every span boundary so
that each segment has one fixed set of covering mentions, the innermost first. Spans outside
the text, empty or reversed are dropped: a stored or posted record is never trusted to fit.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass

from ..letters.filters import number
from ..record import Record
from .i18n import Day, Msg, msg

# The kinds that are highlighted, in the order the legend shows them.
KINDS = ("city", "official", "figure", "deadline", "company", "sanction")


@dataclass(frozen=True, slots=True)
class Mention:
    start: int
    end: int
    kind: str  # one of KINDS
    ref: str  # the form row it belongs to, e.g. "figures-3"
    label: Msg  # what a tooltip says about it
    subject: bool = False  # a city the notice acts on


@dataclass(frozen=True, slots=True)
class Segment:
    text: str
    mentions: tuple[Mention, ...] = ()  # innermost first; empty for plain text

    @property
    def main(self) -> Mention | None:
        return self.mentions[0] if self.mentions else None

    def title(self, t: Callable[[Msg], str]) -> str:
        """The tooltip: each covering mention's label, in the page's language."""
        return "\n".join(t(m.label) for m in self.mentions)


def _span(value: object, size: int) -> tuple[int, int] | None:
    try:
        start, end = (int(x) for x in value)  # type: ignore[union-attr]
    except (TypeError, ValueError):
        return None
    if 0 <= start < end <= size:
        return start, end
    return None


def _number(value: object) -> str:
    try:
        return number(value)
    except (TypeError, ValueError):
        return str(value)


def mentions(record: Record, size: int, rows: Mapping[str, Sequence[int]] | None = None) -> list[Mention]:
    """Every mention of ``record`` that fits a text of ``size`` characters. An item's mentions
    refer to its form row (``figures-3``): row ``rows[kind][i]`` for item ``i`` when given
    (the rows as posted, some removed), else row ``i``."""
    found: list[Mention] = []

    def refs(kind: str, i: int) -> str:
        given = rows.get(kind) if rows else None
        return f"{kind}-{given[i] if given is not None and i < len(given) else i}"

    def add(span: object, kind: str, ref: str, label: Msg, subject: bool = False) -> None:
        fitted = _span(span, size) if span is not None else None
        if fitted:
            found.append(Mention(*fitted, kind=kind, ref=ref, label=label, subject=subject))

    for i, city in enumerate(record.cities):
        label = msg("label.city", name=city.name, code=city.code, role=msg(f"opt.city_role.{city.role}"))
        for span in city.spans:
            add(span, "city", f"{refs('cities', i)}", label, subject=city.role == "subject")
    for i, o in enumerate(record.officials):
        key = "label.official_org" if o.org else "label.official_title" if o.title else "label.official"
        add(o.span, "official", refs("officials", i), msg(key, name=o.name, title=o.title or "", org=o.org or ""))
    for i, f in enumerate(record.figures):
        add(f.span, "figure", refs("figures", i),
            msg("label.figure", value=_number(f.value), unit=f.unit, role=msg(f"opt.figure_role.{f.role}")))
    for i, d in enumerate(record.deadlines):
        add(d.span, "deadline", refs("deadlines", i),
            msg("label.deadline_due", text=d.text, due=Day(d.due)) if d.due else msg("label.deadline", text=d.text))
    for i, c in enumerate(record.companies):
        add(c.span, "company", refs("companies", i), msg("label.company", name=c.name))
    for i, s in enumerate(record.sanctions):
        add(s.span, "sanction", refs("sanctions", i), msg("label.sanction", text=s.text))
    return found


def segments(text: str, found: Iterable[Mention]) -> list[Segment]:
    """``text`` cut at every mention boundary; adjacent pieces with the same mentions merged."""
    items = sorted(found, key=lambda m: (m.start, -m.end))
    cuts = sorted({0, len(text), *(m.start for m in items), *(m.end for m in items)})
    out: list[Segment] = []
    active: list[Mention] = []
    pending = iter(items)
    nxt = next(pending, None)
    for a, b in zip(cuts, cuts[1:]):
        active = [m for m in active if m.end > a]
        while nxt is not None and nxt.start <= a:
            active.append(nxt)
            nxt = next(pending, None)
        covering = tuple(sorted(active, key=lambda m: (m.end - m.start, KINDS.index(m.kind))))
        piece = text[a:b]
        if out and out[-1].mentions == covering:
            out[-1] = Segment(out[-1].text + piece, covering)
        else:
            out.append(Segment(piece, covering))
    return out


def counts(found: Iterable[Mention]) -> dict[str, int]:
    """Mentions per kind, for the legend."""
    out = dict.fromkeys(KINDS, 0)
    for m in found:
        out[m.kind] += 1
    return out


def highlight(record: Record, text: str, rows: Mapping[str, Sequence[int]] | None = None,
              ) -> tuple[list[Segment], dict[str, int]]:
    found = mentions(record, len(text), rows)
    return segments(text, found), counts(found)
