"""What a letter says, from a record: one context per subject city.

A context is a plain dict of strings, numbers, lists and dicts, so templates read it the same
way whether it came from a record or from a user's JSON, YAML or CSV row. The variables are
listed in :data:`VARIABLES` and documented for template writers there.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from ..record import City, Figure, Record
from .filters import doc_number, number, short_name, to_date

DEFAULT_AUTHORITY = "生态环境部"
DEFAULT_AUTHORITY_EN = "Ministry of Ecology and Environment"

VARIABLES: dict[str, str] = {
    "authority": "issuing authority (发文机关), e.g. 生态环境部",
    "authority_en": "issuing authority in English",
    "issuer": "printing office (印发机关), e.g. 生态环境部办公厅",
    "issuer_en": "printing office in English",
    "date": "date of the letter (成文日期), ISO YYYY-MM-DD",
    "year": "year of the letter",
    "doc_number": "document number (发文字号), e.g. 〔2018〕1号",
    "city": "the addressed city, canonical name (晋城市)",
    "city_short": "its short name (晋城)",
    "city_en": "its English name (Jincheng)",
    "province": "its province (山西省), or empty",
    "code": "its six-digit division code",
    "addressee": "主送机关: the city government (晋城市人民政府)",
    "addressee_en": "the city government in English",
    "cc": "抄送: the provincial government, or empty",
    "cc_en": "抄送 in English, or empty",
    "officials": "list of {name, name_en, title} serving the city",
    "comparisons": "list of {subject, actual, target, unit, actual_text, target_text}: "
                   "the city's figures against its targets",
    "counts": "list of {value, unit, text, subject}: the city's counted findings",
    "deadline": "{text, amount, unit, due} of the first deadline, or None",
    "deadlines": "every deadline, as above",
    "sanctions": "list of sanction texts",
    "companies": "list of company names",
    "cities": "every subject city of the notice (canonical names)",
    "title": "title of the source notice",
    "source": "source file of the record",
}


def letter_contexts(record: Record | Mapping[str, Any], *, date: str | dt.date | None = None,
                    first_number: int = 1, doc_prefix: str = "") -> list[dict[str, Any]]:
    """One context per subject city of ``record``, in the order the notice names them.

    ``date`` is the letter's date (成文日期); by default the record's date, else today.
    Document numbers run from ``first_number`` (``{doc_prefix}〔year〕N号``).
    """
    if not isinstance(record, Record):
        record = Record.from_dict(dict(record))
    if record.error is not None:
        raise ValueError(f"the record is an error ({record.error.type}: {record.error.message})")
    day = to_date(date) or to_date(record.date) or dt.date.today()
    subjects = record.subjects
    authority = record.authority.name if record.authority and record.authority.name else None
    authority_en = record.authority.name_en if record.authority else None
    authority = authority or DEFAULT_AUTHORITY
    authority_en = authority_en or (DEFAULT_AUTHORITY_EN if authority == DEFAULT_AUTHORITY else authority)
    base = {
        "authority": authority,
        "authority_en": authority_en,
        "issuer": f"{authority}办公厅",
        "issuer_en": f"General Office, {authority_en}",
        "date": day.isoformat(),
        "year": day.year,
        "title": record.title or "",
        "source": record.source or "",
        "cities": [c.name for c in subjects],
        "deadlines": [_deadline(d) for d in record.deadlines],
        "sanctions": [s.text for s in record.sanctions],
        "companies": [c.name for c in record.companies],
    }
    base["deadline"] = base["deadlines"][0] if base["deadlines"] else None
    contexts = []
    for offset, city in enumerate(subjects):
        ctx = dict(base)
        ctx.update(_city(city))
        ctx["doc_number"] = doc_number(day.year, first_number + offset, doc_prefix)
        ctx["officials"] = [
            {"name": o.name, "name_en": o.name_en or "", "title": o.title or ""}
            for o in record.officials if o.org == city.name
        ]
        mine = [f for f in record.figures if f.city == city.name or (f.city is None and len(subjects) == 1)]
        ctx["comparisons"] = _comparisons(mine)
        ctx["counts"] = [
            {"value": f.value, "unit": f.unit, "text": f.text, "subject": f.subject or ""}
            for f in mine if f.role == "count"
        ]
        contexts.append(ctx)
    return contexts


def _city(city: City) -> dict[str, Any]:
    province = city.province or ""
    name_en = city.name_en or city.name
    return {
        "city": city.name,
        "city_short": short_name(city),
        "city_en": name_en,
        "province": province,
        "code": city.code,
        "addressee": f"{city.name}人民政府",
        "addressee_en": f"People's Government of {name_en}",
        "cc": f"{province}人民政府" if province else "",
        "cc_en": f"People's Government of {_province_en(city)}" if province else "",
    }


_ZH_UNITS = {"working_day": "个工作日内", "day": "日内", "month": "个月内"}
_EN_UNITS = {"working_day": "working days", "day": "days", "month": "months"}


def _deadline(deadline: Any) -> dict[str, Any]:
    """The limit as the notice wrote it (``text``) and worded for each language's letters, so an
    English notice's "within 20 working days" reads 20个工作日内 in a Chinese letter."""
    text_zh = text_en = deadline.text
    if deadline.amount is not None and deadline.unit in _ZH_UNITS:
        text_zh = f"{number(deadline.amount)}{_ZH_UNITS[deadline.unit]}"
        text_en = f"within {number(deadline.amount)} {_EN_UNITS[deadline.unit]}"
    elif deadline.unit == "date" and deadline.due:
        y, m, d = (int(x) for x in deadline.due.split("-"))
        text_zh = f"{y}年{m}月{d}日前"
        text_en = f"by {dt.date(y, m, d):%B} {d}, {y}"
    return {"text": deadline.text, "text_zh": text_zh, "text_en": text_en,
            "amount": deadline.amount, "unit": deadline.unit, "due": deadline.due}


def _text(figure: Figure | None) -> str:
    if figure is None:
        return ""
    if figure.text:
        return figure.text
    return f"{number(figure.value)}{figure.unit}"


def _comparisons(figures: list[Figure]) -> list[dict[str, Any]]:
    """Pair each actual figure with the target for the same subject (either may be missing)."""
    actuals = [f for f in figures if f.role == "actual"]
    targets = [f for f in figures if f.role == "target"]
    pairs: list[tuple[Figure | None, Figure | None]] = []
    for actual in actuals:
        match = next((t for t in targets if t.subject == actual.subject and t.unit == actual.unit), None)
        if match is None:
            match = next((t for t in targets if t.unit == actual.unit and t.subject is None), None)
        if match is not None:
            targets.remove(match)
        pairs.append((actual, match))
    pairs += [(None, t) for t in targets]
    out = []
    for actual, target in pairs:
        either = actual or target
        out.append({
            "subject": (actual and actual.subject) or (target and target.subject) or "",
            "unit": either.unit,
            "actual": actual.value if actual else None,
            "target": target.value if target else None,
            "actual_text": _text(actual),
            "target_text": _text(target),
        })
    return out


def _province_en(city: City) -> str:
    """The province of a city in English, from the gazetteer: Shanxi Province, Beijing
    Municipality, Inner Mongolia Autonomous Region."""
    from ..gazetteer import load_gazetteer

    code = f"{city.code[:2]}0000"
    return load_gazetteer().english_name(code, full=True) or city.province or ""
