"""The record types of the public contract, schema ``notices.record/2`` (see README).

Every extractor produces these dataclasses; :meth:`Record.to_dict` gives exactly the JSON
that researchers load, letters read and the batch store holds.
"""
from __future__ import annotations

from dataclasses import dataclass, field, fields
from typing import Any

SCHEMA = "notices.record/2"
#: schemas :meth:`Record.from_dict` reads (a ``/1`` record has no ``published``, ``city_code``, ``current``)
READABLE_SCHEMAS = ("notices.record/1", SCHEMA)

Span = tuple[int, int]


def _number(value: float | int) -> float | int:
    """Whole numbers serialise as ints (1819, not 1819.0)."""
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return int(value)
    return value


@dataclass(slots=True)
class Authority:
    name: str
    name_en: str | None = None


@dataclass(slots=True)
class Current:
    """What a division is now, where it has been renamed, recoded or merged since the notice."""

    code: str
    name: str


@dataclass(slots=True)
class City:
    name: str
    code: str
    name_en: str | None = None
    province: str | None = None
    level: str = "prefecture"
    role: str = "mentioned"
    spans: list[Span] = field(default_factory=list)
    current: Current | None = None


@dataclass(slots=True)
class Official:
    name: str
    title: str | None = None
    org: str | None = None
    name_en: str | None = None
    span: Span | None = None
    city_code: str | None = None


@dataclass(slots=True)
class Figure:
    value: float | int
    unit: str
    text: str
    subject: str | None = None
    city: str | None = None
    role: str = "other"
    span: Span | None = None
    city_code: str | None = None
    change: str | None = None  # "up" or "down": which way a change figure moved (同比上升12.5%)


@dataclass(slots=True)
class Deadline:
    text: str
    amount: float | int | None
    unit: str
    due: str | None = None
    span: Span | None = None


@dataclass(slots=True)
class Company:
    name: str
    span: Span | None = None


@dataclass(slots=True)
class Sanction:
    text: str
    span: Span | None = None
    amount: float | int | None = None
    city_code: str | None = None


@dataclass(slots=True)
class ErrorInfo:
    type: str
    message: str


_LISTS = {
    "cities": City,
    "officials": Official,
    "figures": Figure,
    "deadlines": Deadline,
    "companies": Company,
    "sanctions": Sanction,
}


def _item_to_dict(item: Any) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for f in fields(item):
        value = getattr(item, f.name)
        if f.name == "value" or (f.name in ("amount",) and value is not None):
            value = _number(value)
        if f.name == "spans":
            value = [list(s) for s in value]
        elif f.name == "current":
            value = {"code": value.code, "name": value.name} if value is not None else None
        elif f.name == "span" and value is not None:
            value = list(value)
        if f.name == "amount" and isinstance(item, Sanction) and value is None:
            continue
        out[f.name] = value
    return out


def _item_from_dict(cls: type, data: dict[str, Any]) -> Any:
    names = {f.name for f in fields(cls)}
    kwargs = {k: v for k, v in data.items() if k in names}
    if "span" in kwargs and kwargs["span"] is not None:
        kwargs["span"] = tuple(kwargs["span"])
    if "spans" in kwargs:
        kwargs["spans"] = [tuple(s) for s in kwargs["spans"]]
    if kwargs.get("current"):
        kwargs["current"] = Current(kwargs["current"]["code"], kwargs["current"]["name"])
    return cls(**kwargs)


@dataclass(slots=True)
class Record:
    """One notice, as extracted. ``error`` is set (and the rest empty) when it could not be read."""

    source: str | None = None
    sha256: str | None = None
    lang: str | None = None
    title: str | None = None
    date: str | None = None
    published: str | None = None
    authority: Authority | None = None
    kind: str = "other"
    cities: list[City] = field(default_factory=list)
    officials: list[Official] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)
    deadlines: list[Deadline] = field(default_factory=list)
    companies: list[Company] = field(default_factory=list)
    sanctions: list[Sanction] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    error: ErrorInfo | None = None
    meta: dict[str, Any] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return self.error is None

    @property
    def subjects(self) -> list[City]:
        """The cities the notice acts on: the addressees of letters."""
        return [c for c in self.cities if c.role == "subject"]

    def to_dict(self) -> dict[str, Any]:
        if self.error is not None:
            out: dict[str, Any] = {"schema": SCHEMA, "source": self.source}
            if self.sha256:
                out["sha256"] = self.sha256
            out["error"] = {"type": self.error.type, "message": self.error.message}
            if self.meta:
                out["meta"] = dict(self.meta)
            return out
        out = {
            "schema": SCHEMA,
            "source": self.source,
            "sha256": self.sha256,
            "lang": self.lang,
            "title": self.title,
            "date": self.date,
            "published": self.published,
            "authority": (
                {"name": self.authority.name, "name_en": self.authority.name_en}
                if self.authority
                else None
            ),
            "kind": self.kind,
        }
        for name in _LISTS:
            out[name] = [_item_to_dict(item) for item in getattr(self, name)]
        out["warnings"] = list(self.warnings)
        if self.meta:
            out["meta"] = dict(self.meta)
        return out

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "Record":
        schema = data.get("schema", SCHEMA)
        if schema not in READABLE_SCHEMAS:
            raise ValueError(f"unknown record schema {schema!r}; expected one of "
                             f"{', '.join(READABLE_SCHEMAS)}")
        kwargs: dict[str, Any] = {
            k: data.get(k) for k in ("source", "sha256", "lang", "title", "date", "published")
        }
        kwargs["kind"] = data.get("kind") or "other"
        auth = data.get("authority")
        kwargs["authority"] = Authority(auth.get("name"), auth.get("name_en")) if auth else None
        for name, item_cls in _LISTS.items():
            kwargs[name] = [_item_from_dict(item_cls, d) for d in data.get(name) or []]
        kwargs["warnings"] = list(data.get("warnings") or [])
        err = data.get("error")
        kwargs["error"] = ErrorInfo(err.get("type", "error"), err.get("message", "")) if err else None
        kwargs["meta"] = dict(data.get("meta") or {})
        return cls(**kwargs)

    @classmethod
    def failed(cls, source: str | None, type_: str, message: str, sha256: str | None = None) -> "Record":
        return cls(source=source, sha256=sha256, error=ErrorInfo(type_, message))
