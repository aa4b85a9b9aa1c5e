"""The one step that turns a notice's mentions into its :class:`~notices.record.Record`.

Every decision that needs more than one kind of mention is made here, once, with the whole
notice in view: which place words are only part of a company's name, which cities the notice
acts on (:mod:`.roles`), which city an official serves and a figure belongs to, what a
percentage measures, and which body performs the act. The record refers to its cities by code.
``doc.ents`` gets the non-overlapping mentions, so that ``displacy`` shows them.
"""
from __future__ import annotations

import bisect

from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import filter_spans

from ..gazetteer import load_gazetteer
from ..record import Authority, City, Company, Current, Deadline, Figure, Official, Record, Sanction
from . import figures as figures_mod
from .change import change_of, continues, in_a_list
from . import officials as officials_mod
from . import sanctions as sanctions_mod
from .kind import KINDS, authority
from .mentions import (COMPANY, DEADLINE, ENTITY_LABELS, FIGURE, OFFICIAL, PLACE, PROVINCE,
                       SANCTION, NoticeView, PlaceInfo, mark_done, require, view)
from .roles import subjects

COMPONENTS = ("notices_dates", "notices_places", "notices_officials", "notices_companies",
              "notices_deadlines", "notices_figures", "notices_sanctions", "notices_kind")


def _drop_places_in_company_names(v: NoticeView) -> None:
    """A place word inside a company's name (包头广元稀土…) is not a mention of that place; a
    name that starts with a place (邯郸市方圆…) keeps it, as the place's mention."""
    names = sorted((c.start, c.end) for c in v.infos(COMPANY))
    if not names:
        return
    starts = [a for a, _ in names]
    max_end, top = [], -1
    for _, e in names:
        top = max(top, e)
        max_end.append(top)

    def inside_a_name(p: PlaceInfo) -> bool:
        i = bisect.bisect_left(starts, p.start) - 1  # names starting before the place
        return i >= 0 and max_end[i] >= p.end

    v.remove(lambda label, info: label not in (PLACE, PROVINCE) or not inside_a_name(info))


def _cities(v: NoticeView, kind: str) -> list[City]:
    gaz = load_gazetteer()
    cities: dict[str, City] = {}
    for m in v.cities():
        div = gaz.by_code(m.code)
        if div is None:
            continue
        city = cities.get(m.code)
        if city is None:
            prov = gaz.province_of(div)
            province = prov.name if prov and prov.code != div.code else (
                div.name if div.level == "municipality" else None)
            now = gaz.current(div.code)
            city = cities[m.code] = City(
                name=div.name, code=div.code, name_en=div.name_en, province=province,
                level=div.level, role="mentioned", spans=[],
                current=Current(now.code, now.name) if now is not None else None)
        city.spans.append((m.start, m.end))
    acted_on = subjects(v, v.cities(), kind)
    for city in cities.values():
        if city.code in acted_on:
            city.role = "subject"
    return list(cities.values())


def _city_before(v: NoticeView, pos: int, codes: set[str]) -> PlaceInfo | None:
    """The last city of the record named earlier in the sentence."""
    s, _ = v.sentence_at(pos)
    near = [p for p in v.places_in(s, pos) if p.code in codes]
    return near[-1] if near else None


def _officials(v: NoticeView, names: dict[str, str]) -> list[Official]:
    by_name: dict[str, Official] = {}
    for info in v.infos(OFFICIAL):
        org, code = officials_mod.org_of(v, info)
        code = code if code in names else None
        seen = by_name.get(info.name)
        if seen is None:
            by_name[info.name] = Official(name=info.name, title=info.title, org=org, name_en=info.name_en,
                                          span=(info.start, info.end), city_code=code)
        elif seen.org is None and org is not None:  # the first mention, completed by later ones
            seen.org, seen.city_code = org, code
    return list(by_name.values())


def _figures(v: NoticeView, names: dict[str, str]) -> list[Figure]:
    out: list[Figure] = []
    for info in v.infos(FIGURE):
        place = _city_before(v, info.start, set(names))
        measured = info.kind in ("percent", "measure")
        subject = figures_mod.subject_of(v, info.start) if v.lang == "zh" and measured else None
        way = change_of(v.norm, info.start, info.end, v.lang) if info.kind == "percent" else None
        prev = out[-1] if out else None
        if way is None and info.kind == "percent" and prev is not None and prev.change \
                and in_a_list(v.norm, prev.span[1], info.start):
            way = prev.change  # 分别减少58.4%和40.6%: the list shares its change
        if subject is None and way and prev is not None and prev.subject \
                and continues(v.norm, prev.span[1], info.start, v.lang):
            subject = prev.subject  # …浓度为78微克/立方米，同比上升12.5%: the same concentration
        out.append(Figure(value=info.value, unit=info.unit, text=v.text[info.start:info.end],
                          subject=subject, city=names[place.code] if place else None, role=info.role,
                          span=(info.start, info.end), city_code=place.code if place else None,
                          change=way))
    return out


def _deadlines(v: NoticeView) -> list[Deadline]:
    """One deadline per limit: the same limit restated (20个工作日内 … 20个工作日内) is one."""
    seen: set[tuple] = set()
    out = []
    for info in v.infos(DEADLINE):
        key = (info.amount, info.unit, info.due, v.text[info.start:info.end] if info.unit == "date" else None)
        if key not in seen:
            seen.add(key)
            out.append(Deadline(text=v.text[info.start:info.end], amount=info.amount, unit=info.unit,
                                due=info.due, span=(info.start, info.end)))
    return out


def _companies(v: NoticeView) -> list[Company]:
    seen: set[str] = set()
    out = []
    for info in v.infos(COMPANY):
        if info.name not in seen:
            seen.add(info.name)
            out.append(Company(name=info.name, span=(info.start, info.end)))
    return out


def _sanctions(v: NoticeView, codes: set[str]) -> list[Sanction]:
    """Sanctions, each tied to the city it names (or the one named before it in its sentence)."""
    out = []
    for info in v.infos(SANCTION):
        inside = [p for p in v.places_in(info.start, info.end) if p.code in codes]
        place = inside[0] if inside else _city_before(v, info.start, codes)
        out.append(Sanction(text=info.text, span=(info.start, info.end), amount=info.amount,
                            city_code=place.code if place else None))
    return sanctions_mod.dedupe(out)


def _kind(doc: Doc) -> str:
    if not doc.cats:
        return "other"
    best = max(KINDS, key=lambda k: doc.cats.get(k, 0.0))
    return best if doc.cats.get(best, 0.0) > 0 else "other"


def assemble(doc: Doc) -> Record:
    """The record of a doc whose mentions every component has added."""
    v = view(doc)
    _drop_places_in_company_names(v)
    kind = _kind(doc)
    cities = _cities(v, kind)
    names = {c.code: c.name for c in cities}
    auth = authority(v)
    return Record(
        lang=v.lang, title=v.title, date=doc._.date, published=doc._.published,
        authority=Authority(*auth) if auth else None, kind=kind, cities=cities,
        officials=_officials(v, names), figures=_figures(v, names), deadlines=_deadlines(v),
        companies=_companies(v), sanctions=_sanctions(v, set(names)), warnings=list(v.warnings))


@Language.factory("notices_assemble", assigns=["doc._.record", "doc.ents"],
                  requires=["doc.spans", "doc.cats", "span._.place", "span._.official", "span._.figure",
                            "span._.deadline", "span._.company", "span._.sanction"])
def make_assemble(nlp: Language, name: str):  # noqa: ANN201
    def component(doc: Doc) -> Doc:
        require(doc, "notices_assemble", COMPONENTS)
        v = view(doc)
        doc._.record = assemble(doc)
        doc.ents = filter_spans(v.spans(ENTITY_LABELS))
        doc.user_data.pop("notices.view", None)  # the view is for the components, not for keeps
        mark_done(doc, "notices_assemble")
        return doc

    return component
