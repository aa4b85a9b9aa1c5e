"""What a letter says, from a record: one context per subject city, in the letter's language.

A context is a plain dict of strings, numbers, lists and dicts, so templates read it the same
way whether it came from a record or from a user's JSON, YAML or CSV row. The variables are
described in ``notices/data/letters/variables.toml`` (see :mod:`notices.letters.variables`).

Each city's letter holds only its own facts, found by division code (``city_code``), never by
name: its officials, figures and sanctions, plus what applies to every subject (the deadlines,
a sanction that names no other city). What cannot be said in the letter's language becomes a
placeholder, and what is left out is noted; :class:`LetterPlan` carries those notes, which the
review list (:mod:`notices.letters.review`) reports.
"""
from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from ..record import City, Figure, Record
from . import lexicon, wording
from .config import LetterConfig
from .filters import cn_date, doc_number, en_date, short_name, to_date
from .wording import Notes

DEFAULT_AUTHORITY = "生态环境部"
DEFAULT_AUTHORITY_EN = "Ministry of Ecology and Environment"

# Characters a record may carry that no file can hold: lone surrogates (from JSON escapes).
_SURROGATE = re.compile("[\ud800-\udfff]")


@dataclass(slots=True)
class LetterPlan:
    """One letter to write: its context and what the clerk must check in it."""

    context: dict[str, Any]
    city: str
    city_code: str
    warnings: list[str] = field(default_factory=list)


def letter_contexts(record: Record | Mapping[str, Any], *, date: str | dt.date | None = None,
                    first_number: int = 1, doc_prefix: str = "", lang: str = "zh",
                    config: LetterConfig | None = None) -> list[dict[str, Any]]:
    """One context per subject city of ``record``, in the order the notice names them.

    ``date`` is the letter's date (成文日期); by default the record's date, else its
    publication date, else today. Document numbers run from ``first_number``
    (``{doc_prefix}〔year〕N号``). ``lang`` is the letter's language (``zh`` or ``en``).
    """
    return [plan.context for plan in plan_letters(record, date=date, first_number=first_number,
                                                  doc_prefix=doc_prefix, lang=lang, config=config)]


def plan_letters(record: Record | Mapping[str, Any], *, date: str | dt.date | None = None,
                 first_number: int = 1, doc_prefix: str = "", lang: str = "zh",
                 config: LetterConfig | None = None, today: dt.date | None = None) -> list[LetterPlan]:
    """The letters of ``record`` with their warnings (see :func:`letter_contexts`)."""
    if not isinstance(record, Record):
        record = Record.from_dict(dict(record))
    if record.error is not None:
        raise ValueError(f"the record is an error ({record.error.type}: {record.error.message})")
    lang = "en" if lang == "en" else "zh"
    config = config or LetterConfig()
    common = Notes(lang)
    record = _scrubbed(record, common)
    if lang == "zh":
        record = _simplified(record, common)
    day = to_date(date) or to_date(record.date)
    if day is None and to_date(record.published):
        day = to_date(record.published)
        common.say(f"记录没有行为日期，成文日期取自发布日期（{cn_date(day)}），请核对",
                   f"the record has no date of the act: the letter is dated from its publication "
                   f"({en_date(day)}); check it")
    if day is None:
        day = today or dt.date.today()
        common.say(f"记录没有日期，成文日期和发文字号年份暂用今天（{cn_date(day)}），请用 --date 指定",
                   f"the record has no date: the letter and its document number use today "
                   f"({en_date(day)}); give --date")
    subjects = record.subjects
    base = _issuer(record, config, lang)
    if not config.authority and not (record.authority and record.authority.name):
        common.say(f"记录没有发文机关，暂用{DEFAULT_AUTHORITY}（可用 --authority 或 letters.toml 的 authority 指定）",
                   f"the record names no authority: the letter is from the {DEFAULT_AUTHORITY_EN} "
                   "(give --authority, or authority in letters.toml)")
    prefix = doc_prefix or config.prefix or ""
    deadlines = [_deadline(d, lang, common) for d in record.deadlines]
    base.update({
        "date": day.isoformat(),
        "year": day.year,
        "title": record.title or "",
        "source": record.source or "",
        "kind": record.kind,
        "cities": [c.name for c in subjects],
        "deadlines": deadlines,
        "deadline": deadlines[0] if deadlines else None,
        "companies": [c.name for c in record.companies],
    })
    resolve = _coder(record)
    loose = [f for f in record.figures if resolve(f.city_code, f.city) is None and f.role != "other"]
    plans = []
    for offset, city in enumerate(subjects):
        notes = Notes(lang, list(common.warnings))
        ctx = dict(base)
        ctx.update(_city(city, base["we_level"], lang))
        ctx["doc_number"] = doc_number(day.year, first_number + offset, prefix)
        ctx["officials"] = [
            {"name": o.name, "name_en": o.name_en or "", "title": o.title or ""}
            for o in record.officials if resolve(o.city_code, o.org) == city.code
        ]
        mine = [f for f in record.figures if resolve(f.city_code, f.city) == city.code]
        ctx["comparisons"] = _comparisons(mine, lang, notes, record.lang)
        ctx["counts"] = _counts(mine, lang, notes, record.lang)
        ctx["sanctions"] = _sanctions(record, city, subjects, lang, notes)
        if loose and len(subjects) > 1:
            notes.left_out(f"{len(loose)}个未标明所属城市的数字", f"{len(loose)} figure(s) tied to no city")
        elif loose:
            notes.left_out(f"{len(loose)}个未标明所属城市的数字（如 {loose[0].text}）",
                           f"{len(loose)} figure(s) tied to no city (e.g. {loose[0].text})")
        plans.append(LetterPlan(ctx, city.name, city.code, notes.warnings))
    return plans


# ---------------------------------------------------------------- the issuer and the addressee

def _issuer(record: Record, config: LetterConfig, lang: str) -> dict[str, Any]:
    authority = config.authority or (record.authority.name if record.authority else None) or DEFAULT_AUTHORITY
    authority_en = config.authority_en or (
        record.authority.name_en if record.authority and record.authority.name == authority else None)
    if not authority_en:
        authority_en = DEFAULT_AUTHORITY_EN if authority == DEFAULT_AUTHORITY else authority
    office_zh = lexicon.by_ending("office", authority, "zh") or "办公室"
    office_en = lexicon.by_ending("office", authority, "en") or "Office"
    we_zh = lexicon.by_ending("authority", authority, "zh") or "我单位"
    return {
        "authority": authority,
        "authority_en": authority_en,
        "issuer": config.issuer or f"{authority}{office_zh}",
        "issuer_en": config.issuer_en or f"{office_en}, {authority_en}",
        "signature": config.signature or authority,
        "signature_en": config.signature_en or authority_en,
        "we": we_zh if lang == "zh" else "we",
        "we_level": we_zh,
    }


def _city(city: City, we_level: str, lang: str) -> dict[str, Any]:
    province = city.province or ""
    name_en = city.name_en or city.name
    gov_zh = lexicon.by_ending("government", city.name, "zh") or "人民政府"
    gov_en = lexicon.by_ending("government", city.name, "en") or "People's Government"
    above = _above(city, we_level)
    return {
        "city": city.name,
        "city_short": short_name(city),
        "city_en": name_en,
        "province": province,
        "code": city.code,
        "level": city.level,
        "you": lexicon.by_ending("division", city.name, lang) or ("你市" if lang == "zh" else "your city"),
        "government": gov_zh if lang == "zh" else gov_en,
        "addressee": f"{city.name}{gov_zh}",
        "addressee_en": f"{gov_en} of {name_en}",
        "cc": f"{above[0]}人民政府" if above else "",
        "cc_en": f"People's Government of {above[1]}" if above else "",
    }


def _above(city: City, we_level: str) -> tuple[str, str] | None:
    """The government a letter is copied to: a county's city, a city's province (for a
    ministry; a province's own department writes to its cities without a copy)."""
    from ..gazetteer import load_gazetteer

    gaz = load_gazetteer()
    div = gaz.by_code(city.code) if city.code else None
    if div is not None and div.level == "county":
        up = gaz.prefecture_of(div) or gaz.province_of(div)
        if up is not None and up.code != div.code:
            return up.name, up.name_en_full or up.name_en
    if div is not None and div.level == "municipality":
        return None
    if city.province and we_level == "我部":
        return city.province, _province_en(city.province)
    return None


# ---------------------------------------------------------------- the city's own facts

def _coder(record: Record):  # noqa: ANN202
    """Figure, official → division code: the item's ``city_code``; for a ``/1`` record, which
    has none, the name of one of the record's own cities, when no other city there shares it."""
    names: dict[str, set[str]] = {}
    for c in record.cities:
        names.setdefault(c.name, set()).add(c.code)

    def resolve(code: str | None, name: str | None) -> str | None:
        if code:
            return code
        codes = names.get(name or "")
        return next(iter(codes)) if codes and len(codes) == 1 else None

    return resolve


def _figure_text(f: Figure | None, lang: str, notes: Notes, source_lang: str | None) -> str:
    if f is None:
        return ""
    return wording.figure_text(f.value, f.unit, f.text, lang, notes, source_lang=source_lang)


_CHANGE = {"up": "上升", "down": "下降"}  # a figure's change (the record's words) as the direction table's


def _comparisons(figures: list[Figure], lang: str, notes: Notes, source_lang: str | None,
                 ) -> list[dict[str, Any]]:
    """Each actual figure with the target for the same subject (either may be missing), worded."""
    def indicator(f: Figure) -> str | None:
        return (lexicon.indicator(f.subject) or None) if f.subject else None

    actuals = [f for f in figures if f.role == "actual"]
    targets = [f for f in figures if f.role == "target"]
    pairs: list[tuple[Figure | None, Figure | None]] = []
    for actual in actuals:
        match = next((t for t in targets
                      if indicator(t) == indicator(actual) and t.unit == actual.unit), None)
        if match is None:
            match = next((t for t in targets if t.unit == actual.unit and indicator(t) is None), None)
        if match is not None:
            targets.remove(match)
        pairs.append((actual, match))
    pairs += [(None, t) for t in targets]
    out = []
    for actual, target in pairs:
        either = actual or target
        raw = (actual and actual.subject) or (target and target.subject) or ""
        found = lexicon.direction_of(raw) or lexicon.direction_of(_CHANGE.get(actual and actual.change, ""))
        item = {
            "subject": lexicon.indicator(raw),
            "change": (found[0] if lang == "zh" else found[1]) if found else "",
            "unit": either.unit,
            "actual": actual.value if actual else None,
            "target": target.value if target else None,
            "actual_text": _figure_text(actual, lang, notes, source_lang),
            "target_text": _figure_text(target, lang, notes, source_lang),
        }
        item["text"] = wording.comparison(item, lang, notes)
        if item["text"]:
            out.append(item)
    return out


def _counts(figures: list[Figure], lang: str, notes: Notes, source_lang: str | None) -> list[dict[str, Any]]:
    out, seen = [], set()
    for f in figures:
        if f.role != "count":
            continue
        item = {"value": f.value, "unit": f.unit, "text": f.text, "subject": f.subject or ""}
        worded = wording.count(item, lang, notes, source_lang=source_lang)
        if worded and worded not in seen:
            seen.add(worded)
            out.append({**item, "text": worded})
    return out


_FINE = re.compile(r"罚款|罚金|处罚|fined?\b|penalt", re.I)


def _sanctions(record: Record, city: City, subjects: list[City], lang: str, notes: Notes) -> list[str]:
    """The measures against this city: tied to its code, or naming no other city; never a
    company's fine."""
    others = [c for c in record.cities if c.code != city.code]
    companies = [c.name for c in record.companies if c.name]
    out = []
    for s in record.sanctions:
        text = " ".join((s.text or "").split())
        if not text:
            continue
        if s.city_code and s.city_code != city.code:
            continue
        if s.amount is not None or _FINE.search(text) or any(name in text for name in companies):
            notes.left_out(f"处罚（{text[:30]}）不是对{city.name}的措施",
                           f"a penalty ({text[:40]}) is not a measure against {city.name_en or city.name}")
            continue
        if not s.city_code:
            if _names(text, others) and not _names(text, [city]):
                continue  # another city's measure
        worded = wording.sanction(text, lang, notes)
        if worded not in out:
            out.append(worded)
    return out


def _names(text: str, cities: list[City]) -> bool:
    for c in cities:
        forms = [c.name, short_name(c.name), c.name_en or ""]
        if any(form and len(form) >= 2 and form in text for form in forms):
            return True
    return False


def _deadline(deadline: Any, lang: str, notes: Notes) -> dict[str, Any]:
    """The limit as the notice wrote it (``text``) and worded once for the letter (``phrase``)."""
    item = {"text": deadline.text, "amount": deadline.amount, "unit": deadline.unit, "due": deadline.due}
    item["phrase"] = wording.deadline_phrase(item, lang, notes)
    return item


# ---------------------------------------------------------------- clean values

def _scrubbed(record: Record, notes: Notes) -> Record:
    """The record with lone surrogates replaced by U+FFFD (a warning says where)."""
    found: list[str] = []

    def clean(value: Any, where: str) -> Any:
        if isinstance(value, str):
            if _SURROGATE.search(value):
                found.append(where)
                return _SURROGATE.sub("\ufffd", value)
            return value
        if isinstance(value, list):
            return [clean(v, where) for v in value]
        if isinstance(value, tuple):
            return tuple(clean(v, where) for v in value)
        if hasattr(value, "__dataclass_fields__"):
            for name in value.__dataclass_fields__:
                setattr(value, name, clean(getattr(value, name), f"{where}.{name}" if where else name))
            return value
        return value

    if not _has_surrogate(record):
        return record
    fresh = Record.from_dict(record.to_dict())
    clean(fresh, "")
    notes.say(f"记录中有无效字符（孤立代理项），已替换为 �：{', '.join(dict.fromkeys(found))}",
              f"invalid characters (lone surrogates) replaced with �: {', '.join(dict.fromkeys(found))}")
    return fresh


def _simplified(record: Record, notes: Notes) -> Record:
    """A Chinese letter is in simplified characters: the record's clauses converted."""
    changed = False

    def convert(item: Any, *names: str) -> None:
        nonlocal changed
        for name in names:
            value = getattr(item, name)
            if isinstance(value, str):
                new = lexicon.simplified(value)
                if new != value:
                    setattr(item, name, new)
                    changed = True

    fresh = Record.from_dict(record.to_dict())
    for s in fresh.sanctions:
        convert(s, "text")
    for f in fresh.figures:
        convert(f, "text", "subject", "unit")
    for d in fresh.deadlines:
        convert(d, "text")
    for o in fresh.officials:
        convert(o, "name", "title")
    for c in fresh.companies:
        convert(c, "name")
    if not changed:
        return record
    notes.say("记录原文为繁体字，已转为简体，请核对", "the notice is in traditional characters: converted")
    return fresh


def _has_surrogate(record: Record) -> bool:
    import json

    return _SURROGATE.search(json.dumps(record.to_dict(), ensure_ascii=False)) is not None


def _province_en(province: str) -> str:
    """A province's English name, from the gazetteer: Shanxi Province, Beijing Municipality,
    Inner Mongolia Autonomous Region."""
    from ..gazetteer import load_gazetteer

    gaz = load_gazetteer()
    div = next((d for d in gaz.lookup(province) if d.level in ("province", "municipality")), None)
    return (gaz.english_name(div.code, full=True) if div else None) or province
