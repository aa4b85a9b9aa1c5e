"""The record as an editable form, and the posted form back as a record.

The lists are tables whose fields are named ``KIND-N-COLUMN`` (``figures-3-value``); the
notice's own fields have plain names (``title``, ``date``). Hidden fields keep what the clerk
does not edit (spans, levels) and the values first shown (``orig_*``), so that an edit carries
over to what depends on it, unless that was edited too:

- a new figure value rewrites the figure's wording (``108微克/立方米`` → ``95微克/立方米``),
  which is what the letters print;
- a new deadline amount or unit rewrites its wording, and with a new notice date, its due date;
- a new city name (or short name: ``晋城``) or code is looked up in the gazetteer for its code,
  province and English name;
- a figure's city or an official's org may be written short (``晋城``): it is made the canonical
  name of the notice's city it means, so the letters find it.

:func:`from_form` never raises on posted data: every item is built (with a placeholder where a
value is bad) and what was wrong is listed in ``errors``, so rows and record stay aligned.
"""
from __future__ import annotations

import datetime as dt
import json
import math
import re
import unicodedata
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from ..letters.filters import cn_date, en_date, number, short_name, to_date
from .i18n import Msg, msg
from ..record import Authority, City, Company, Deadline, Figure, Official, Record, Sanction

NOTICE_KINDS = ("interview", "inspection", "rectification", "sanction", "other")
CITY_ROLES = ("subject", "mentioned")
FIGURE_ROLES = ("actual", "target", "count", "other")
FIGURE_CHANGES = ("none", "up", "down")  # a figure's change; "none" is the record's null
DEADLINE_UNITS = ("working_day", "day", "month", "date")
MAX_ROWS = 2000  # per table; rows numbered past it are ignored
MAX_AMOUNT = 3660  # the longest deadline counted, in days, working days or months
FIRST_YEAR, LAST_YEAR = 1900, 2100  # the dates a notice, a deadline or a letter may have


@dataclass(frozen=True, slots=True)
class Column:
    name: str
    label: str  # a message key (col.cities.name)
    input: str = "text"  # text, date, select or hidden
    choices: tuple[str, ...] = ()
    size: str = "m"  # xs, s, m or l: how wide the input is drawn
    options: str = ""  # the message keys of the choices: opt.city_role (+ .subject)


@dataclass(frozen=True, slots=True)
class Table:
    kind: str  # the record field: cities
    mark: str  # the highlight kind of its mentions: city
    columns: tuple[Column, ...]

    @property
    def title(self) -> str:  # message keys
        return f"table.{self.kind}"

    @property
    def noun(self) -> str:  # what one row is called in messages
        return f"noun.{self.kind}"

    @property
    def visible(self) -> tuple[Column, ...]:
        return tuple(c for c in self.columns if c.input != "hidden")

    @property
    def hidden(self) -> tuple[Column, ...]:
        return tuple(c for c in self.columns if c.input == "hidden")


def _hidden(*names: str) -> tuple[Column, ...]:
    return tuple(Column(name, name, "hidden") for name in names)


TABLES: tuple[Table, ...] = (
    Table("cities", "city", (
        Column("name", "col.cities.name"),
        Column("role", "col.cities.role", "select", CITY_ROLES, "s", "opt.city_role"),
        Column("code", "col.cities.code", size="s"),
        Column("province", "col.cities.province", size="s"),
        *_hidden("name_en", "level", "spans", "orig_name", "orig_code"))),
    Table("officials", "official", (
        Column("name", "col.officials.name", size="s"),
        Column("title", "col.officials.title", size="s"),
        Column("org", "col.officials.org"),
        Column("name_en", "col.officials.name_en"),
        *_hidden("span", "orig_name", "orig_name_en"))),
    Table("figures", "figure", (
        Column("value", "col.figures.value", size="xs"),
        Column("unit", "col.figures.unit", size="s"),
        Column("text", "col.figures.text"),
        Column("subject", "col.figures.subject"),
        Column("city", "col.figures.city", size="s"),
        Column("role", "col.figures.role", "select", FIGURE_ROLES, "s", "opt.figure_role"),
        Column("change", "col.figures.change", "select", FIGURE_CHANGES, "xs", "opt.figure_change"),
        *_hidden("span", "orig_value", "orig_text"))),
    Table("deadlines", "deadline", (
        Column("text", "col.deadlines.text", size="l"),
        Column("amount", "col.deadlines.amount", size="xs"),
        Column("unit", "col.deadlines.unit", "select", DEADLINE_UNITS, "s", "opt.unit"),
        Column("due", "col.deadlines.due", "date", size="s"),
        *_hidden("span", "orig_amount", "orig_unit", "orig_due", "orig_text"))),
    Table("companies", "company", (
        Column("name", "col.companies.name", size="l"),
        *_hidden("span"))),
    Table("sanctions", "sanction", (
        Column("text", "col.sanctions.text", size="l"),
        *_hidden("span"))),
)
TABLE_BY_KIND = {t.kind: t for t in TABLES}

HEADER: tuple[Column, ...] = (
    Column("title", "col.header.title", size="l"),
    Column("date", "col.header.date", "date", size="s"),
    Column("kind", "col.header.kind", "select", NOTICE_KINDS, "s", "opt.kind"),
    Column("authority", "col.header.authority"),
)
HEADER_HIDDEN = ("source", "sha256", "lang", "authority_en", "orig_authority", "orig_date", "warnings")

Row = dict[str, str]
Rows = dict[str, list[Row]]

FIELD = re.compile(r"(%s)-(\d{1,6})-([a-z_]{1,20})" % "|".join(t.kind for t in TABLES))
_SHA256 = re.compile(r"[0-9a-f]{64}")
_CODE = re.compile(r"\d{6}")


@dataclass(slots=True)
class Parsed:
    """A posted form: the record it says, the values as posted (to show them again), and
    what was wrong with them, one message each."""

    record: Record
    header: dict[str, str]
    rows: Rows
    errors: list[Msg] = field(default_factory=list)
    numbers: dict[str, list[int]] = field(default_factory=dict)  # each row's number on the form


# ------------------------------------------------------------------ record → form


def _num(value: Any) -> str:
    try:
        return number(value)
    except (TypeError, ValueError):
        return "" if value is None else str(value)


def _span_text(span: Any) -> str:
    return f"{span[0]}-{span[1]}" if span else ""


def to_form(record: Record) -> tuple[dict[str, str], Rows]:
    """The values of the form's fields for ``record``: the header's, and each table's rows."""
    auth = record.authority
    header = {
        "title": record.title or "", "date": record.date or "", "kind": record.kind or "other",
        "authority": (auth.name if auth else "") or "", "authority_en": (auth.name_en if auth else "") or "",
        "source": record.source or "", "sha256": record.sha256 or "", "lang": record.lang or "",
        "orig_authority": (auth.name if auth else "") or "", "orig_date": record.date or "",
        "warnings": json.dumps(list(record.warnings), ensure_ascii=False),
    }
    rows: Rows = {
        "cities": [{
            "name": c.name, "role": c.role, "code": c.code, "province": c.province or "",
            "name_en": c.name_en or "", "level": c.level or "",
            "spans": " ".join(_span_text(s) for s in c.spans), "orig_name": c.name, "orig_code": c.code,
        } for c in record.cities],
        "officials": [{
            "name": o.name, "title": o.title or "", "org": o.org or "", "name_en": o.name_en or "",
            "span": _span_text(o.span), "orig_name": o.name, "orig_name_en": o.name_en or "",
        } for o in record.officials],
        "figures": [{
            "value": _num(f.value), "unit": f.unit, "text": f.text, "subject": f.subject or "",
            "city": f.city or "", "role": f.role, "change": f.change or "none", "span": _span_text(f.span),
            "orig_value": _num(f.value), "orig_text": f.text,
        } for f in record.figures],
        "deadlines": [{
            "text": d.text, "amount": _num(d.amount), "unit": d.unit, "due": d.due or "",
            "span": _span_text(d.span), "orig_amount": _num(d.amount), "orig_unit": d.unit,
            "orig_due": d.due or "", "orig_text": d.text,
        } for d in record.deadlines],
        "companies": [{"name": c.name, "span": _span_text(c.span)} for c in record.companies],
        "sanctions": [{"text": s.text, "span": _span_text(s.span)} for s in record.sanctions],
    }
    return header, rows


# ------------------------------------------------------------------ form → record


def _clean(value: Any, limit: int = 2000) -> str:
    """One line of posted text: control characters dropped, trimmed, bounded."""
    if not isinstance(value, str):
        return ""
    text = "".join(ch if ch.isprintable() else " " for ch in value[: limit * 2])
    return " ".join(text.split())[:limit]


def _number(text: str) -> float | int | None:
    """``1,819`` → 1819, ``３.７`` → 3.7; None when it is not a finite number."""
    text = unicodedata.normalize("NFKC", text).replace(",", "").replace(" ", "")
    try:
        value = float(text)
    except ValueError:
        return None
    if not math.isfinite(value):
        return None
    return int(value) if value.is_integer() and abs(value) < 1e15 else value


def _spans(text: str) -> list[tuple[int, int]]:
    out = []
    for part in text.split():
        m = re.fullmatch(r"(\d{1,9})-(\d{1,9})", part)
        if m and int(m.group(1)) < int(m.group(2)):
            out.append((int(m.group(1)), int(m.group(2))))
    return out


def _span(text: str) -> tuple[int, int] | None:
    spans = _spans(text)
    return spans[0] if spans else None


def in_range(day: dt.date | None) -> bool:
    """Whether a date is one a notice can have: a year from FIRST_YEAR to LAST_YEAR (so that
    counting a deadline from it never leaves the calendar)."""
    return day is None or FIRST_YEAR <= day.year <= LAST_YEAR


def _date(text: str) -> str | None:
    try:
        day = to_date(text)
    except ValueError:
        return None
    return day.isoformat() if day and in_range(day) else None


def _renumber(text: str, old: float | int | None, new: float | int | None) -> str | None:
    """``text`` with the one written ``old`` number replaced by ``new``; None when ``old`` is
    not written there exactly once (二十, 1.2万: the wording must be made anew)."""
    if old is None or new is None:
        return None
    pattern = re.compile(r"(?<![\d.])%s(?!\.?\d)" % re.escape(number(old)))
    if len(pattern.findall(text)) != 1:
        return None
    return pattern.sub(number(new), text)


def _figure_text(value: float | int, unit: str, lang: str | None) -> str:
    joiner = "" if lang != "en" or unit in ("%", "") else " "
    return f"{number(value)}{joiner}{unit}"


def _deadline_text(amount: float | int | None, unit: str, due: str | None, lang: str | None) -> str | None:
    lang = "en" if lang == "en" else "zh"
    if unit == "date":
        if not due:
            return None
        return f"by {en_date(due)}" if lang == "en" else f"{cn_date(due)}前"
    from ..deadlines import written

    return written(amount, unit, lang)


def _due(amount: float | int | None, unit: str, notice_date: str | None) -> str | None:
    """The due date of a relative deadline counted from the notice date, as the extractor counts."""
    day = to_date(notice_date) if notice_date else None
    if day is None or amount is None or unit not in ("working_day", "day", "month"):
        return None
    from ..deadlines import due_date

    return due_date(day, int(amount), unit)[0].isoformat()


class _Builder:
    """Builds the record's items from posted rows, collecting what is wrong."""

    def __init__(self, header: dict[str, str], errors: list[Msg]) -> None:
        self.lang = header["lang"] or None
        self.date = header["date"] or None
        self.date_changed = header["date"] != header["orig_date"]
        self.errors = errors
        self.cities: list[City] = []

    def fail(self, table: Table, n: int, problem: Msg) -> None:
        self.errors.append(msg("form.row", noun=msg(table.noun), n=n, problem=problem))

    def place(self, name: str) -> str | None:
        """A place as written, or the canonical name of the notice's city it means."""
        if not name:
            return None
        for city in self.cities:
            if name in (city.name, short_name(city)) or (city.name_en and name.lower() == city.name_en.lower()):
                return city.name
        return name

    def code_of(self, place: str | None) -> str | None:
        """The code of the notice's city a place names (None for a body that is no city)."""
        return next((c.code for c in self.cities if place and c.name == place), None)

    def city(self, t: Table, n: int, r: Row) -> City:
        from ..gazetteer import load_gazetteer

        name, code = r["name"], r["code"]
        role = r["role"] if r["role"] in CITY_ROLES else "mentioned"
        city = City(name=name, code=code, name_en=r["name_en"] or None, province=r["province"] or None,
                    level=r["level"] or "prefecture", role=role, spans=_spans(r["spans"]))
        gaz = load_gazetteer()
        division = None
        if code and code != r["orig_code"]:
            division = gaz.by_code(code) if _CODE.fullmatch(code) else None
            if division is None or division.level == "province":
                self.fail(t, n, msg("form.no_code", code=code))
                division = None
        elif name and (name != r["orig_name"] or not code):
            found = [d for d in gaz.lookup(name, on=self.date) or gaz.lookup(name) if d.level != "province"]
            division = found[0] if found else None
            if division is None:
                self.fail(t, n, msg("form.unknown_place", name=name))
        elif not name:
            self.fail(t, n, msg("form.name_or_code"))
        if division is not None:
            province = gaz.province_of(division)
            city.name, city.code, city.name_en = division.name, division.code, division.name_en or None
            city.province = province.name if province is not None and province.code != division.code else None
            city.level = division.level
        return city

    def official(self, t: Table, n: int, r: Row) -> Official:
        if not r["name"]:
            self.fail(t, n, msg("form.name_needed"))
        name_en = r["name_en"] or None
        if r["name"] != r["orig_name"] and r["name_en"] == r["orig_name_en"]:
            from ..pinyin import person_name_en

            name_en = person_name_en(r["name"]) or None
        org = self.place(r["org"])
        return Official(name=r["name"], title=r["title"] or None, org=org, name_en=name_en,
                        span=_span(r["span"]), city_code=self.code_of(org))

    def figure(self, t: Table, n: int, r: Row) -> Figure:
        value = _number(r["value"])
        if value is None:
            self.fail(t, n, msg("form.not_number", value=r["value"]) if r["value"] else msg("form.value_needed"))
        unit = r["unit"]
        if not unit:
            self.fail(t, n, msg("form.unit_needed"))
        role = r["role"]
        if role not in FIGURE_ROLES:
            self.fail(t, n, msg("form.role", roles=[msg(f"opt.figure_role.{x}") for x in FIGURE_ROLES]))
            role = "other"
        text = r["text"]
        old = _number(r["orig_value"])
        if value is not None and old != value and text == r["orig_text"]:
            text = _renumber(text, old, value) or _figure_text(value, unit, self.lang)
        elif not text and value is not None:
            text = _figure_text(value, unit, self.lang)
        city = self.place(r["city"])
        return Figure(value=0 if value is None else value, unit=unit, text=text, subject=r["subject"] or None,
                      city=city, role=role, span=_span(r["span"]), city_code=self.code_of(city),
                      change=r["change"] if r["change"] in ("up", "down") else None)

    def deadline(self, t: Table, n: int, r: Row) -> Deadline:
        amount = _number(r["amount"]) if r["amount"] else None
        if r["amount"] and amount is None:
            self.fail(t, n, msg("form.amount_not_number", value=r["amount"]))
        elif amount is not None and not 0 <= amount <= MAX_AMOUNT:
            self.fail(t, n, msg("form.amount_range", value=r["amount"], max=MAX_AMOUNT))
            amount = None
        unit = r["unit"]
        if unit not in DEADLINE_UNITS:
            self.fail(t, n, msg("form.unit", units=[msg(f"opt.unit.{u}") for u in DEADLINE_UNITS]))
            unit = "date"
        due = _date(r["due"]) if r["due"] else None
        if r["due"] and due is None:
            self.fail(t, n, msg("form.due_not_date", value=r["due"]))
        changed = amount != _number(r["orig_amount"]) or unit != r["orig_unit"]
        if unit == "date" and r["due"] != r["orig_due"]:
            changed = True  # an absolute deadline's wording is its date
        if (due is None and not r["due"]) or ((changed or self.date_changed) and r["due"] == r["orig_due"]):
            due = _due(amount, unit, self.date) or due
        text = r["text"]
        if changed and text == r["orig_text"]:
            renumbered = None
            if unit == r["orig_unit"] and unit != "date":
                renumbered = _renumber(text, _number(r["orig_amount"]), amount)
            text = renumbered or _deadline_text(amount, unit, due, self.lang) or r["text"]
        if not text:
            text = _deadline_text(amount, unit, due, self.lang) or ""
        if not text:
            self.fail(t, n, msg("form.wording_needed"))
        if unit == "date" and not due:
            self.fail(t, n, msg("form.date_needs_due"))
        return Deadline(text=text, amount=amount, unit=unit, due=due, span=_span(r["span"]))

    def company(self, t: Table, n: int, r: Row) -> Company:
        if not r["name"]:
            self.fail(t, n, msg("form.name_needed"))
        return Company(name=r["name"], span=_span(r["span"]))

    def sanction(self, t: Table, n: int, r: Row) -> Sanction:
        if not r["text"]:
            self.fail(t, n, msg("form.measure_needed"))
        return Sanction(text=r["text"], span=_span(r["span"]))


def _posted_rows(form: Mapping[str, str]) -> tuple[Rows, dict[str, list[int]]]:
    """The posted rows of each table, in the order shown, less removed and blank rows; and
    the number each kept row had on the form."""
    raw: dict[str, dict[int, dict[str, str]]] = {t.kind: {} for t in TABLES}
    for key, value in form.items():
        m = FIELD.fullmatch(key)
        if m and int(m.group(2)) < MAX_ROWS:
            raw[m.group(1)].setdefault(int(m.group(2)), {})[m.group(3)] = value
    rows: Rows = {}
    numbers: dict[str, list[int]] = {}
    for table in TABLES:
        kept, at = [], []
        for index, posted in sorted(raw[table.kind].items()):
            if posted.get("remove"):
                continue
            row = {c.name: _clean(posted.get(c.name, "")) for c in table.columns}
            if any(row[c.name] for c in table.visible if c.input != "select"):
                kept.append(row)
                at.append(index)
        rows[table.kind], numbers[table.kind] = kept, at
    return rows, numbers


def from_form(form: Mapping[str, str]) -> Parsed:
    """The record a posted review form says, with the errors in it (never raises)."""
    errors: list[Msg] = []
    header = {c.name: _clean(form.get(c.name, "")) for c in HEADER}
    header.update({name: _clean(form.get(name, ""), 100_000) for name in HEADER_HIDDEN})
    if header["kind"] not in NOTICE_KINDS:
        header["kind"] = "other"
    if header["lang"] not in ("zh", "en"):
        header["lang"] = ""
    if header["date"] and _date(header["date"]) is None:
        errors.append(msg("form.notice_date", value=header["date"]))
    rows, numbers = _posted_rows(form)

    build = _Builder({**header, "date": _date(header["date"]) or ""}, errors)
    makers: dict[str, Callable[[Table, int, Row], Any]] = {
        "cities": build.city, "officials": build.official, "figures": build.figure,
        "deadlines": build.deadline, "companies": build.company, "sanctions": build.sanction,
    }
    items: dict[str, list[Any]] = {}
    for table in TABLES:
        items[table.kind] = [makers[table.kind](table, n, row) for n, row in enumerate(rows[table.kind], 1)]
        if table.kind == "cities":
            build.cities = items["cities"]

    authority = header["authority"]
    authority_en = header["authority_en"] if authority == header["orig_authority"] else ""
    try:
        warnings = [str(w) for w in json.loads(header["warnings"] or "[]")][:200]
    except (ValueError, TypeError):
        warnings = []
    record = Record(
        source=header["source"] or None,
        sha256=header["sha256"] if _SHA256.fullmatch(header["sha256"]) else None,
        lang=header["lang"] or None, title=header["title"] or None, date=_date(header["date"]),
        authority=Authority(authority, authority_en or None) if authority else None,
        kind=header["kind"], warnings=warnings, **items,
    )
    return Parsed(record, header, rows, errors, numbers)


def posted(form: Any) -> dict[str, str]:
    """A starlette ``FormData`` as one string per name (uploads left out; the last value wins)."""
    return {key: value for key, value in form.multi_items() if isinstance(value, str)}
