"""Places: every prefecture- and county-level division a notice names, resolved to its code.

Chinese names are found by longest match over the gazetteer's surface forms (full names, short
forms, former names); English names by capitalised word runs matched against pinyin names.
A surface that several divisions share (朝阳区, Suzhou) goes to the one the rest of the document
points at: its province or city named nearby or elsewhere. Provinces are found too, as context,
but are not cities: they are added as ``PROVINCE`` mentions, cities as ``PLACE``, each with
its code and level (``span._.place``). Roles are decided later, with the rest of the notice in
view (:mod:`notices.extractors.roles`).
"""
from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from functools import cache

from spacy.language import Language
from spacy.tokens import Doc

from ..gazetteer import Division, load_gazetteer
from ..resources import gc_paused
from .lexicon import alternation, lexicon
from .mentions import DATE, PLACE, PROVINCE, NoticeView, PlaceInfo, mark_done, require, view

CITY_LEVELS = ("municipality", "prefecture", "county")


@dataclass(frozen=True, slots=True)
class _Index:
    surfaces: dict[str, tuple[str, ...]]
    lengths: dict[str, tuple[int, ...]]  # first character -> candidate lengths, longest first


@cache
@gc_paused()
def _zh_index() -> _Index:
    gaz = load_gazetteer()
    lex = lexicon("zh")
    never = set(lex["place_never"])
    surfaces: dict[str, tuple[str, ...]] = {}
    for surface, codes in gaz.surfaces("zh").items():
        if len(surface) < 2 or surface in never:
            continue
        surfaces[surface] = codes
    lengths: dict[str, set[int]] = defaultdict(set)
    for s in surfaces:
        lengths[s[0]].add(len(s))
    return _Index(surfaces, {k: tuple(sorted(v, reverse=True)) for k, v in lengths.items()})


@cache
@gc_paused()
def _en_index() -> dict[str, tuple[str, ...]]:
    gaz = load_gazetteer()
    never = {w.lower() for w in lexicon("en")["place_never"]}
    index = {s.lower(): codes for s, codes in gaz.surfaces("en").items()
             if s.lower() not in never and len(s) >= 3}
    for variant, surface in _en_variants().items():
        index.setdefault(variant, index.get(surface.lower(), ()))
    return index


@cache
def _en_variants() -> dict[str, str]:
    """Other spellings of the gazetteer's English names: Lüliang is also written Lyuliang."""
    return {s.lower().replace("ü", "yu"): s for s in load_gazetteer().surfaces("en") if "ü" in s}


@cache
def _surname_words() -> frozenset[str]:
    from ..pinyin import common_surnames, person_name_en

    return frozenset(person_name_en(s).split()[0] for s in common_surnames() if len(s) == 1)


def _is_full_name(surface: str, div: Division) -> bool:
    low = surface.lower()
    if surface == div.name or low == div.name_en_full.lower():
        return True
    # "Yuxian County" (盂县, Yu County): the romanised full name with its English suffix
    return bool(div.name_en) and low.startswith(div.name_en.lower() + " ") and \
        low.rsplit(" ", 1)[-1] in lexicon("en")["place_full_name_suffixes"]


def _names_itself(surface: str, div: Division) -> bool:
    """The surface is the division's own name, not a former name of what it became (an undated
    莱芜市 is 莱芜市, whose record says it is now 济南市)."""
    return surface in (div.name, div.short) or surface.lower() in (div.name_en.lower(), div.name_en_full.lower())


def find_zh(norm: str) -> list[tuple[int, int, str]]:
    """(start, end, surface) of every gazetteer surface, longest-leftmost, non-overlapping.

    A scan with the candidate lengths per first character. Measured against spaCy's
    ``PhraseMatcher`` (one token per character, on a doc of the normalised text) and an
    Aho-Corasick automaton (pyahocorasick, all matches then the same longest-leftmost choice;
    or ``iter_long``), all giving these same matches (best of 7, CPU, one process,
    ``benchmarks/bench_places.py``): on the corpus's 42 Chinese notices (26,143 characters)
    5.3-5.5 ms here, 6.8-6.9 ms Aho-Corasick (6.6 iter_long), 6.9-8.0 ms PhraseMatcher; on one
    100 KB text 21.8-22.8 ms, 27.0-27.2 ms, 28.5-29.1 ms. Building: the automaton 4 ms, the
    PhraseMatcher 150-230 ms (a doc per surface). The scan stays: it is the fastest.
    """
    index = _zh_index()
    lex = lexicon("zh")
    suffixes, word_ends = lex["place_suffix_chars"], lex.members("place_suffix_word_ends")
    out = []
    i, n = 0, len(norm)
    surfaces, lengths = index.surfaces, index.lengths
    while i < n:
        lens = lengths.get(norm[i])
        if lens:
            for k in lens:
                if i + k <= n and norm[i:i + k] in surfaces:
                    if norm[i + k - 1] in suffixes and norm[i + k:i + k + 1] in word_ends:
                        continue  # 河北区域 is 河北 + 区域, 邯郸市场 is 邯郸 + 市场
                    out.append((i, i + k, norm[i:i + k]))
                    i += k
                    break
            else:
                i += 1
        else:
            i += 1
    return out


_EN_RUN = re.compile(r"\b[A-Z][a-z]+(?:'[a-z]+)?(?:[- ](?:[A-Z][a-z]+(?:'[a-z]+)?))*")


@cache
def _en_suffix() -> re.Pattern[str]:
    return re.compile(r"\s+(" + alternation(lexicon("en")["place_suffixes"]).pattern + r")\b")


_CAPS_DATELINE = re.compile(r"(?m)^\s*([A-Z]{3,}(?:[ '-][A-Z]{2,})*)(?=,\s*[A-Z][a-z]{2,}\.?\s+\d)")


def find_en(norm: str) -> list[tuple[int, int, str]]:
    # "HARBIN, Nov. 17 (Xinhua) --": read the dateline's city in title case
    norm = _CAPS_DATELINE.sub(lambda m: m.group(0).title(), norm[:600]) + norm[600:]
    index = _en_index()
    org_after = set(lexicon("en")["place_org_after"])
    out = []
    for m in _EN_RUN.finditer(norm):
        words = [(w.start() + m.start(), w.end() + m.start()) for w in re.finditer(r"[A-Za-z']+", m.group(0))]
        i = 0
        while i < len(words):
            for j in range(min(len(words), i + 5), i, -1):
                start, end = words[i][0], words[j - 1][1]
                surface = norm[start:end]
                if surface.lower() in index:
                    nxt = norm[end:end + 30]
                    suffix = _en_suffix().match(nxt)
                    if suffix and (surface + suffix.group(0)).lower() in index:
                        end += suffix.end()
                        surface = norm[start:end]
                    if i > 0 and not suffix and norm[words[i - 1][1]:start] == " " and \
                            norm[words[i - 1][0]:words[i - 1][1]] in _surname_words():
                        i = j
                        break  # a given name ("Zhang Baoshan"), not the place
                    follow = words[j][0] if j < len(words) else None
                    if follow is not None and norm[follow:words[j][1]] in org_after:
                        i = j
                        break
                    out.append((start, end, surface))
                    i = j
                    break
            else:
                i += 1
    return out


def _resolve(mentions: list[tuple[int, int, str]], draft: NoticeView) -> list[PlaceInfo]:
    """Pick one division per mention, using the other mentions as evidence."""
    gaz = load_gazetteer()
    lex = lexicon(draft.lang)
    needs_parent = set(lex.get("place_needs_parent", []))
    on = draft.date or draft.date_hint
    variants = _en_variants() if draft.lang == "en" else {}
    cands = [(s, e, surf, gaz.lookup(variants.get(surf.lower(), surf), on=on)) for s, e, surf in mentions]
    cands = [c for c in cands if c[3]]
    # evidence: provinces and prefectures named unambiguously
    prov_votes: dict[str, int] = defaultdict(int)
    pref_votes: dict[str, int] = defaultdict(int)
    for _, _, _, divs in cands:
        if len({d.province_code for d in divs}) == 1:
            prov_votes[divs[0].province_code] += 1
        if len(divs) == 1:
            pref = gaz.prefecture_of(divs[0])
            if pref is not None:
                pref_votes[pref.code] += 1
    full_seen = {surf for _, _, surf, divs in cands if any(_is_full_name(surf, d) for d in divs)}
    out: list[PlaceInfo] = []
    prev: PlaceInfo | None = None
    for s, e, surf, divs in cands:
        adjacent_parent = None
        if prev is not None and prev.end >= s - 1:
            adjacent_parent = prev.code

        def score(d: Division) -> tuple:
            pref = gaz.prefecture_of(d)
            near = adjacent_parent in (d.parent_code, d.province_code, pref.code if pref else None)
            return (near, pref_votes.get(pref.code, 0) if pref else 0, prov_votes.get(d.province_code, 0),
                    d.level != "county", _names_itself(surf, d), -int(d.code))

        provinces = [d for d in divs if d.level in ("province", "municipality")]
        if provinces and any(d.level == "county" for d in divs) and \
                not any(_is_full_name(surf, d) for d in divs if d.level == "county"):
            divs = provinces  # "河北" in "北京、天津、河北", "Hebei": the province, no 河北区
        best = max(divs, key=score)
        if best.level == "municipality" and draft.lang == "zh" and not surf.endswith("市") and \
                (_ZH_DATELINE_PLACE.match(draft.norm, e) or _zh_agency_before().search(draft.norm, max(0, s - 6), s)):
            continue  # 新华社北京5月3日电: a dateline's place
        if best.level == "county":
            full = _is_full_name(surf, best)
            near_parent = adjacent_parent and adjacent_parent in (best.parent_code, best.province_code)
            if surf in needs_parent and not near_parent:
                continue
            if draft.lang == "zh" and surf.endswith("区") and len(divs) > 3 and not near_parent:
                pref = gaz.prefecture_of(best)
                if not (pref and pref_votes.get(pref.code)):
                    continue
            if not full:
                # a county's short form only restates a full name given elsewhere, except an
                # unambiguous English name ("Taixing")
                en_alone = draft.lang == "en" and len(divs) == 1 and len(surf) >= 6
                if best.name not in full_seen and best.name_en_full not in full_seen and not en_alone:
                    if not (adjacent_parent and adjacent_parent == best.parent_code):
                        continue
        mention = PlaceInfo(s, e, best.code, best.level)
        out.append(mention)
        prev = mention
    return out


_ZH_DATELINE_PLACE = re.compile(r"\s*\d{1,2}\s*月\s*\d{1,2}\s*日\s*(?:电|讯)")


@cache
def _zh_agency_before() -> re.Pattern[str]:
    return re.compile("(?:" + alternation(lexicon("zh")["news_agencies"]).pattern + r")\s*$")


def _is_city(draft: NoticeView, m: PlaceInfo) -> bool:
    if m.level in ("prefecture", "county"):
        return True
    if m.level == "municipality":
        # Beijing, Tianjin, Shanghai, Chongqing are cities wherever named, except inside a
        # region's name (Beijing-Tianjin-Hebei, 北京、天津、河北及周边地区)
        text = draft.norm
        if re.match(r"\s*[-–]\s*[A-Z]", text[m.end:m.end + 3]) or re.search(r"[A-Za-z]\s*[-–]\s*$", text[max(0, m.start - 3):m.start]):
            return False
        return not _REGION_AFTER.match(text, m.end)
    return False


# the list is bounded ({0,6}): tried after every mention, an unbounded one would run to the end of
# "Beijing, Tianjin and Beijing, …" each time
_REGION_AFTER = re.compile(r"(?i)(?:[,、，]?\s*(?:and\s+)?(?:天津|北京|Tianjin|Beijing|河北|Hebei)){0,6}"
                           r"(?:\s*(?:and|及其?|和)\s*(?:its\s+|the\s+)?(?:surrounding|neighbou?ring|周边)\s*(?:areas?|regions?|地区))")


@Language.factory("notices_places", assigns=["doc.spans", "span._.place"],
                  requires=["span._.date"])
def make_places(nlp: Language, name: str):  # noqa: ANN201
    def component(doc: Doc) -> Doc:
        require(doc, "notices_places", ("notices_dates",))
        v = view(doc)
        raw = find_zh(v.norm) if v.lang == "zh" else find_en(v.norm)
        raw = [r for r in raw if not v.overlaps(r[0], r[1], (DATE,))]
        for m in _resolve(raw, v):
            v.add(PLACE if _is_city(v, m) else PROVINCE, m)
        mark_done(doc, "notices_places")
        return doc

    return component
