"""The letter variables a clerk writes: their types and examples, flat CSV rows, derived values.

The schema is ``notices/data/letters/variables.toml``. :func:`prepare_row` turns one row (nested
JSON/YAML, or flat CSV with ``deadline.due``, ``comparisons.1.subject`` and ``;``-separated
lists) into the shape the templates read, naming the row and column of a bad value, and fills in
what can be worked out (``you`` from ``city``, ``deadline.phrase`` from the deadline, …) with the
same functions that letters from records use.
"""
from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from ..errors import DataError
from . import lexicon, wording
from .filters import short_name, to_date
from .wording import Notes

__all__ = ["Variable", "schema", "VARIABLES", "describe", "example_row", "example_file", "prepare_row"]


@dataclass(frozen=True, slots=True)
class Variable:
    name: str
    type: str  # text, date, number, list, object, table
    description: str = ""
    example: str = ""
    example_en: str = ""
    derived: bool = False
    fields: tuple["Variable", ...] = field(default_factory=tuple)
    source: str = ""  # the variable a derived one is worked out from
    optional: bool = False  # may be left out: an empty list, no deadline, no copy

    def sample(self, lang: str) -> str:
        return (self.example_en if lang == "en" and self.example_en else self.example)


def _variable(name: str, data: Mapping[str, Any]) -> Variable:
    subs = tuple(_variable(k, v) for k, v in (data.get("fields") or {}).items())
    return Variable(name, data.get("type", "text"), data.get("description", ""), str(data.get("example", "")),
                    str(data.get("example_en", "")), bool(data.get("derived")), subs, data.get("from", ""),
                    bool(data.get("optional")))


@cache
def schema() -> dict[str, Variable]:
    import tomllib

    from ..resources import data_path

    data = tomllib.loads(data_path("letters/variables.toml").read_text(encoding="utf-8"))
    return {name: _variable(name, spec) for name, spec in data.items()}


class _Descriptions(Mapping[str, str]):
    """``VARIABLES[name]``: what each variable holds (read from the schema on first use)."""

    def __getitem__(self, key: str) -> str:
        return schema()[key].description

    def __iter__(self):  # noqa: ANN204
        return iter(schema())

    def __len__(self) -> int:
        return len(schema())


VARIABLES: Mapping[str, str] = _Descriptions()


def _for(names: Iterable[str]) -> list[Variable]:
    """The variables of ``names`` and those their derived ones are worked out from."""
    known = schema()
    names = set(names)
    names |= {known[n].source for n in names if n in known and known[n].source}
    return [known.get(n) or Variable(n, "text") for n in sorted(names, key=lambda n: (n not in known, n))]


def describe(names: Iterable[str], lang: str = "zh") -> list[dict[str, Any]]:
    """``[{name, type, description, example, derived}]`` for the given variables (and the
    fields of tables and objects, as ``comparisons.N.subject``)."""
    out = []
    for var in _for(names):
        out.append({"name": var.name, "type": var.type, "description": var.description,
                    "example": var.sample(lang), "derived": var.derived, "optional": var.optional})
        for sub in var.fields:
            dotted = f"{var.name}.N.{sub.name}" if var.type == "table" else f"{var.name}.{sub.name}"
            out.append({"name": dotted, "type": sub.type, "description": sub.description,
                        "example": sub.sample(lang), "derived": sub.derived or var.derived,
                        "optional": sub.optional or var.optional})
    return out


def example_row(names: Iterable[str], lang: str = "zh") -> dict[str, Any]:
    """A nested row of the examples of ``names`` (derived values left out: they are worked out)."""
    row: dict[str, Any] = {}
    for var in _for(names):
        if var.derived:
            continue
        if var.type == "table":
            row[var.name] = [{s.name: s.sample(lang) for s in var.fields if not s.derived}]
        elif var.type == "object":
            row[var.name] = {s.name: _typed(s, s.sample(lang)) for s in var.fields if not s.derived}
        elif var.type == "list":
            row[var.name] = [var.sample(lang)]
        else:
            row[var.name] = var.sample(lang)
    return row


def _typed(var: Variable, text: str) -> Any:
    if var.type == "number" and text:
        return float(text) if "." in text else int(text)
    return text


def example_file(names: Iterable[str], fmt: str, lang: str = "zh") -> str:
    """A ready data file (``csv`` or ``yaml``) with one example row for ``names``."""
    row = example_row(names, lang)
    if fmt == "yaml":
        import yaml

        return yaml.safe_dump([row], allow_unicode=True, sort_keys=False)
    flat = flatten(row)
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=list(flat), lineterminator="\n")
    writer.writeheader()
    writer.writerow(flat)
    return buf.getvalue()


def flatten(row: Mapping[str, Any]) -> dict[str, str]:
    """A nested row as flat CSV columns: ``deadline.due``, ``comparisons.1.subject``; lists of
    text ``;``-separated."""
    flat: dict[str, str] = {}
    for key, value in row.items():
        if isinstance(value, Mapping):
            for sub, v in value.items():
                flat[f"{key}.{sub}"] = "" if v is None else str(v)
        elif isinstance(value, list) and value and all(isinstance(v, Mapping) for v in value):
            for n, item in enumerate(value, start=1):
                for sub, v in item.items():
                    flat[f"{key}.{n}.{sub}"] = "" if v is None else str(v)
        elif isinstance(value, list):
            flat[key] = ";".join(str(v) for v in value)
        else:
            flat[key] = "" if value is None else str(value)
    return flat


# ---------------------------------------------------------------- rows → contexts

class RowError(DataError):
    """A value of one row that the template cannot use; the message names the row and column."""


def prepare_row(row: Mapping[str, Any], *, index: int, lang: str = "zh",
                notes: Notes | None = None, typed: bool = True) -> dict[str, Any]:
    """``row`` in the shape the templates read, derived values filled in. Raises
    :class:`RowError` (``row N, column C: problem``) for a value of the wrong shape.

    ``typed=False`` (a user's own template, whose variables may mean something else) only
    nests the dotted columns and adds derived values the row lacks."""
    notes = notes or Notes(lang)
    out = _unflatten(row, index)
    known = schema()
    for name, value in list(out.items()):
        var = known.get(name)
        if var is not None and typed:
            out[name] = _coerce(var, value, index, name)
    if typed:
        empty = {"list": [], "table": [], "object": None}
        for name, var in known.items():
            if var.optional and name not in out:
                out[name] = empty.get(var.type, "")
    _derive(out, lang, notes)
    return out


def _unflatten(row: Mapping[str, Any], index: int) -> dict[str, Any]:
    out: dict[str, Any] = {}
    numbered: dict[str, dict[int, Any]] = {}
    for key, value in row.items():
        if not isinstance(key, str):
            raise RowError(f"row {index}: column names must be text, got {key!r}")
        if "." not in key:
            if key in out and isinstance(out[key], dict) and not isinstance(value, dict):
                raise RowError(f"row {index}, column {key}: also given as {key}.… columns")
            out[key] = value
            continue
        if isinstance(value, str) and not value.strip():
            continue  # an empty cell: nothing given
        head, _, rest = key.partition(".")
        first, _, sub = rest.partition(".")
        if first.isdigit():
            number = int(first)
            if number < 1:
                raise RowError(f"row {index}, column {key}: numbered columns start at 1")
            slot = numbered.setdefault(head, {})
            if sub:
                item = slot.setdefault(number, {})
                if not isinstance(item, dict):
                    raise RowError(f"row {index}, column {key}: {head}.{number} is also given alone")
                item[sub] = value
            else:
                slot[number] = value
        else:
            target = out.setdefault(head, {})
            if not isinstance(target, dict):
                raise RowError(f"row {index}, column {key}: {head} is also given as one value")
            target[rest] = value
    for head, items in numbered.items():
        if head in out and out[head] not in (None, ""):
            raise RowError(f"row {index}, column {head}: given both alone and as numbered columns")
        out[head] = [items[n] for n in sorted(items)]
    return out


def _coerce(var: Variable, value: Any, index: int, column: str) -> Any:
    where = f"row {index}, column {column}"
    if value is None:
        return None
    kind = var.type
    if kind == "date":
        if value == "":
            return ""
        try:
            day = to_date(value)
        except ValueError:
            raise RowError(f"{where}: not a date: {value!r} (expected YYYY-MM-DD)") from None
        return day.isoformat() if day else ""
    if kind == "number":
        if value == "" or isinstance(value, (int, float)) and not isinstance(value, bool):
            return value
        try:
            text = str(value).strip().replace(",", "")
            return float(text) if "." in text else int(text)
        except ValueError:
            raise RowError(f"{where}: not a number: {value!r}") from None
    if kind == "list":
        if isinstance(value, str):
            return [part.strip() for part in value.split(";") if part.strip()]
        if isinstance(value, list):
            return [_text(v, f"{column}.{n}", index) for n, v in enumerate(value, start=1)]
        raise RowError(f"{where}: expected a list (in CSV, ';'-separated or {column}.1, {column}.2 columns)")
    if kind == "object":
        if value == "":
            return None
        if isinstance(value, str) and any(f.name == "text" for f in var.fields):
            value = {"text": value}
        if not isinstance(value, Mapping):
            raise RowError(f"{where}: expected {column}.{var.fields[0].name if var.fields else 'x'}, … "
                           f"columns (an object), got {type(value).__name__}")
        return _fields(var, value, index, column)
    if kind == "table":
        if value == "":
            return []
        if isinstance(value, Mapping):
            value = [value]
        if not isinstance(value, list):
            first = var.fields[0].name if var.fields else "x"
            raise RowError(f"{where}: expected a table: in CSV, columns {column}.1.{first}, "
                           f"{column}.2.{first}, …; got {type(value).__name__} {str(value)[:30]!r}")
        out = []
        for n, item in enumerate(value, start=1):
            if not isinstance(item, Mapping):
                raise RowError(f"row {index}, column {column}.{n}: expected {column}.{n}.… columns "
                               f"(an object), got {type(item).__name__}")
            out.append(_fields(var, item, index, f"{column}.{n}"))
        return out
    if isinstance(value, (Mapping, list)):
        raise RowError(f"{where}: expected text, got {type(value).__name__}")
    return value if isinstance(value, str) else str(value)


def _text(value: Any, column: str, index: int) -> str:
    if isinstance(value, (Mapping, list)):
        raise RowError(f"row {index}, column {column}: expected text, got {type(value).__name__}")
    return "" if value is None else str(value)


def _fields(var: Variable, value: Mapping[str, Any], index: int, column: str) -> dict[str, Any]:
    subs = {f.name: f for f in var.fields}
    return {k: (_coerce(subs[k], v, index, f"{column}.{k}") if k in subs else v) for k, v in value.items()}


def _derive(row: dict[str, Any], lang: str, notes: Notes) -> None:
    """Fill in what a row leaves out and can be worked out (as letters from records do)."""
    given = set(row)
    city = str(row.get("city") or "")
    if not city and isinstance(row.get("addressee"), str):
        city = row["addressee"].removesuffix("人民政府").removesuffix("行政公署")
    authority = str(row.get("authority") or "")
    row.setdefault("you", "你市" if lang == "zh" else "your city")
    row.setdefault("we", "我部" if lang == "zh" else "we")
    row.setdefault("government", "人民政府" if lang == "zh" else "People's Government")
    if city:
        row.setdefault("city_short", short_name(city))
        gov_zh = lexicon.by_ending("government", city, "zh") or "人民政府"
        if "you" not in given:
            row["you"] = lexicon.by_ending("division", city, lang) or row["you"]
        if "government" not in given:
            row["government"] = gov_zh if lang == "zh" else (
                lexicon.by_ending("government", city, "en") or "People's Government")
        row.setdefault("addressee", f"{city}{gov_zh}")
    if row.get("city_en"):
        row.setdefault("addressee_en", f"People's Government of {row['city_en']}")
    if authority and "we" not in given:
        row["we"] = lexicon.by_ending("authority", authority, "zh") or "我单位" if lang == "zh" else "we"
    if authority:
        row.setdefault("signature", authority)
        row.setdefault("issuer", f"{authority}{lexicon.by_ending('office', authority, 'zh') or '办公室'}")
    if row.get("authority_en"):
        row.setdefault("signature_en", row["authority_en"])
        office = lexicon.by_ending("office", authority, "en") or "Office"
        row.setdefault("issuer_en", f"{office}, {row['authority_en']}")
    if row.get("date") and "year" not in row:
        day = to_date(row["date"])
        row["year"] = day.year if day else ""
    for key, word in (("comparisons", wording.comparison), ("counts", None)):
        items = row.get(key)
        if not isinstance(items, list):
            continue
        kept = []
        for item in items:
            if not isinstance(item, dict):
                kept.append(item)
                continue
            if word is not None and not item.get("text"):
                item["text"] = word(item, lang, notes)
            if item.get("text"):
                kept.append(item)
        row[key] = kept
    deadline = row.get("deadline")
    if isinstance(deadline, dict) and not deadline.get("phrase"):
        deadline["phrase"] = wording.deadline_phrase(deadline, lang, notes)
