"""Figures: every quantity a notice reports, as a number with its unit.

Percentages (3.7%, 3.2个百分点, "15.7 percent"), concentrations (68微克/立方米, μg/m³), money and
weights with their multipliers (30万吨 → 300000 t, "1.2 million yuan"), and counts with their
measure word and noun as written (1819个问题 → 个问题, "5,584 enterprises"). Chinese numerals are
converted (二十 → 20). Dates, deadlines, ranks (倒数第二, "second to last"), names (PM2.5,
2+26, 十三五) and document numbers are not figures. ``role`` is ``target`` when the clause sets
a goal, ``actual`` for a measured result, ``count`` for a number of things.
"""
from __future__ import annotations

import re
from functools import cache

from spacy.language import Language
from spacy.tokens import Doc

from ..numerals import EN_FRACTIONS, EN_SCALES, EN_WORDS, MAX_NUMBER_CHARS, parse_en_words, parse_number
from .lexicon import alternation, lexicon
from .mentions import (COMPANY, DATE, DEADLINE, FIGURE, OFFICIAL, PLACE, FigureInfo, NoticeView,
                       mark_done, require, view)

Draft = NoticeView

# A number starts where no digit stands before it, and runs to at most 24 characters: a match is
# tried once per run of digits, never once per digit (a run of ten thousand 一 stays linear).
_CN_CHARS = "零〇一二两三四五六七八九十百千万亿壹贰叁肆伍陆柒捌玖拾佰仟"
_CN_NUM = rf"(?<![{_CN_CHARS}])(?=[零〇一二两三四五六七八九十壹贰叁肆伍陆柒捌玖拾])[{_CN_CHARS}]{{1,24}}"
_AR_NUM = r"(?<![\d])(?<!\d\.)(?:\d{1,3}(?:,\d{3}){1,7}(?:\.\d{1,8})?|\d{1,24}(?:\.\d{1,8})?)(?![\d])"


@cache
def _zh_pattern() -> re.Pattern[str]:
    lex = lexicon("zh")
    pct = alternation(lex["percent_units"]).pattern
    meas = alternation(list(lex["measure_units"])).pattern
    mw = alternation(lex["measure_words"]).pattern
    return re.compile(
        rf"(?P<num>{_AR_NUM}|{_CN_NUM}分之{_CN_NUM}|{_CN_NUM})\s*"
        rf"(?:(?P<pct>{pct})|(?P<meas>{meas})|(?P<mult>[万亿])?(?P<mw>{mw}))"
        rf"|百分之(?P<pctword>{_AR_NUM}|{_CN_NUM})"
        rf"|(?P<frac>{_CN_NUM}分之{_CN_NUM})"
        rf"|(?:(?<![\u4e00-\u9fff])|(?<=[约近超逾过有占达]))(?P<tenths>[二三四五六七八九])成(?![为立功本果员绩效熟长都交型分品套批就年])")


def _zh_role(draft: Draft, start: int, end: int, kind: str) -> str:
    if kind == "count":
        return "count"
    lex = lexicon("zh")
    text = draft.norm
    clause_start = max([text.rfind(ch, max(0, start - 16), start) for ch in ",;。；\n"] + [start - 16])
    before = text[clause_start + 1:start]
    after = text[end:end + 6]
    if re.search(alternation(lex["target_words"]).pattern, before) or re.match(r"\s*(?:的)?(?:目标|要求|以内|以下|左右的目标)", after):
        if not re.search(r"实际|仅|只|同比", before[-6:]):
            return "target"
    if kind in ("percent", "measure"):
        return "actual"
    return "other"


_SUBJECT_TAIL = re.compile(r"(?:同比|环比|分别|平均|累计|共|仅|只|较上年|比上年|较去年)?(?:下降了?|上升了?|增长了?|降低了?|升高了?|改善了?|反弹了?|提高了?|为|达到?|仅为?|只有|约为?|超过|高于|低于|完成|同比|环比|仅|不降反升|降至|升至)$")
_SUBJECT_HEAD = re.compile(r"^(?:的|其|全市|该市|期间|\s)+")


_CLAIMED = (DATE, PLACE, OFFICIAL, COMPANY, DEADLINE, FIGURE)


def subject_of(draft: Draft, start: int) -> str | None:
    """What a percentage or concentration measures: "PM2.5平均浓度" in "…PM2.5平均浓度下降3.7%"."""
    text = draft.norm
    low = max(0, start - 60)
    a = max(text.rfind(ch, low, start) for ch in ",;。；:\n、") + 1
    a = max(a, low)
    for _s, e in draft.within(a, start, _CLAIMED):
        a = max(a, e)
    b = start
    while True:
        tail = _SUBJECT_TAIL.search(text[a:b])
        if not tail or tail.start() == b - a:
            break
        b = a + tail.start()
    head = _SUBJECT_HEAD.match(text[a:b])
    if head:
        a += head.end()
    seg = draft.text[a:b].strip()
    return seg if 2 <= len(seg) <= 16 else None


def _counted_noun(draft: Draft, pos: int) -> int:
    """End of the counted noun after a measure word (4 characters at most)."""
    lex = lexicon("zh")
    text = draft.norm
    stops = lex["noun_stop_chars"]
    stop_words = lex["noun_stop_words"]
    end = pos
    while end < len(text) and end - pos < 6 and "\u4e00" <= text[end] <= "\u9fff" and text[end] not in stops:
        if any(text.startswith(w, end) for w in stop_words):
            break
        if draft.overlaps(end, end + 1, (PLACE, OFFICIAL, COMPANY)):
            break
        end += 1
    return end


def raw_is_duration(m: re.Match) -> bool:
    return m.group("meas") in ("天", "小时")


_NOT_FIGURE = (DATE, DEADLINE, OFFICIAL, COMPANY)


def find_zh(draft: Draft) -> list[FigureInfo]:
    lex = lexicon("zh")
    text = draft.norm
    not_after = tuple(sorted(lex["not_figure_after"], key=len, reverse=True))
    not_before = tuple(lex["not_figure_before"])
    numeral_words = lex["numeral_words"]
    units = lex["measure_units"]
    scales = lex["unit_scale"]
    out: list[FigureInfo] = []
    for m in _zh_pattern().finditer(text):
        if m.group("pctword") or m.group("tenths"):
            fs, fe = m.span()
            if draft.overlaps(fs, fe, _NOT_FIGURE + (PLACE,)):
                continue
            if m.group("pctword"):
                value, unit = parse_number(m.group("pctword")), "%"
            else:
                value, unit = round(parse_number(m.group("tenths")) / 10, 4), None
            if value is not None:
                out.append(FigureInfo(fs, fe, value, unit, "percent", _zh_role(draft, fs, fe, "percent")))
            continue
        if m.group("frac"):
            fs, fe = m.span("frac")
            value = parse_number(m.group("frac"))
            if value is not None and not draft.overlaps(fs, fe, _NOT_FIGURE + (PLACE,)):
                out.append(FigureInfo(fs, fe, value, None, "percent", _zh_role(draft, fs, fe, "percent")))
            continue
        ns, ne = m.span("num")
        num = m.group("num")
        if draft.overlaps(ns, m.end(), _NOT_FIGURE):
            continue
        before = text[max(0, ns - 3):ns]
        if before.endswith(not_before) or re.search(r"[A-Za-z+._-]$", before) or text[m.end():m.end() + 1] in "+":
            continue
        if re.match(r"\s*[+]", text[ne:ne + 2]):
            continue
        is_cn = not num[0].isdigit()
        if is_cn:
            if any(text.startswith(w, ns - k) for w in numeral_words for k in range(0, len(w)) if ns - k >= 0 and text.startswith(w, ns - k) and ns - k + len(w) > ns):
                continue
        value = parse_number(num)
        if value is None:
            if len(num) >= MAX_NUMBER_CHARS:
                _out_of_range(draft, num)
            continue
        kind = "count"
        end = m.end()
        unit: str | None
        if m.group("pct"):
            unit = "%" if m.group("pct") == "%" else "个百分点"
            kind = "percent"
        elif m.group("meas"):
            raw_unit = m.group("meas")
            unit = units[raw_unit]
            value = value * scales.get(raw_unit, 1)
            kind = "money" if unit == "yuan" else "measure"
            if raw_unit in ("天", "小时"):
                unit = draft.text[m.start("meas"):m.end("meas")]
        else:
            mw = m.group("mw")
            if text[m.start("mw"):].startswith(not_after) or text[ns:].startswith(("一个", "一家", "一名", "一项", "一起", "一次", "一批", "一处")):
                continue
            if m.group("mult"):
                value = value * (10_000 if m.group("mult") == "万" else 100_000_000)
            noun_end = _counted_noun(draft, m.end("mw"))
            unit = draft.text[m.start("mw"):noun_end]
            end = noun_end
            if mw in ("个", "次") and noun_end == m.end("mw") and text[noun_end:noun_end + 1] in ("月", "工", "小"):
                continue
        after_num = text[ne:ne + 4]
        if not m.group("pct") and not m.group("meas") and after_num.startswith(not_after):
            continue
        if is_cn and value == 1:
            continue
        if raw_is_duration(m) and (is_cn or re.match(r"\s*(?:后|前|内|以来|之内|以内|左右|多)", text[m.end():m.end() + 2])):
            continue
        if ns > 0 and text[ns - 1] == "-" and (ns < 2 or not text[ns - 2].isdigit()) and kind == "percent":
            ns -= 1
            value = -value
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        out.append(FigureInfo(ns, m.end(), value, unit, kind, _zh_role(draft, ns, m.end(), kind)))
    return out


def _out_of_range(draft: Draft, num: str) -> None:
    message = f"a number of {len(num)} characters is out of range and was left out"
    if message not in draft.warnings:
        draft.warnings.append(message)


# -- English -------------------------------------------------------------------------------

_EN_WORD_NUM = "|".join(sorted(EN_WORDS, key=len, reverse=True))


@cache
def _en_pattern() -> re.Pattern[str]:
    lex = lexicon("en")
    pct = alternation(lex["percent_units"], flags=re.I).pattern
    meas = alternation(list(lex["measure_units"])).pattern
    return re.compile(
        rf"(?<![\w.+-])(?:(?P<rmb>RMB|CNY|yuan)\s*)?(?P<num>{_AR_NUM}|(?:{_EN_WORD_NUM})(?:[- ](?:{_EN_WORD_NUM}))*(?:\s+(?:and\s+a\s+)?(?:half|third|thirds|quarter|quarters|fifths?))?)"
        rf"(?P<scale>\s+(?:million|billion|thousand))?"
        rf"(?:(?P<pct>\s*%|\s+(?:{pct})\b)|\s+(?P<meas>{meas})\b|(?P<rest>[ ]+[a-z][a-z-]*(?:[ ]+[a-z][a-z-]*){{0,4}}))?",
        re.I)


def _en_count_unit(draft: Draft, start: int, rest: str) -> tuple[str, int] | None:
    lex = lexicon("en")
    nouns = set(lex["count_nouns"])
    time_nouns = set(lex["time_nouns"])
    words = list(re.finditer(r"[A-Za-z][A-Za-z-]*", rest))
    for w in words:
        if w.group(0).lower() in nouns:
            between = [x.group(0).lower() for x in words[:words.index(w)]]
            if not any(b in time_nouns or b in ("of", "in", "to", "from", "by", "with", "on", "at", "was", "were", "is", "are", "had", "have", "the", "a") for b in between):
                return w.group(0), start + w.end()
            break
    for i, w in enumerate(words):
        word = w.group(0)
        low = word.lower()
        if low in time_nouns or low in ("of", "in", "to", "from", "by", "with", "on", "at", "was", "were", "is", "are", "had", "have"):
            if low == "of" and i > 0:
                return words[i - 1].group(0), start + words[i - 1].end()
            return None
        if low in nouns:
            return word, start + w.end()
        if i == 0 and low.endswith("s") and not low.endswith(("ss", "ous", "ious")) and len(low) > 3 and low not in ("was", "has", "is", "its", "this", "thus", "as", "yes", "percent"):
            nxt = words[1].group(0).lower() if len(words) > 1 else ""
            if nxt not in nouns:
                return word, start + w.end()
    return None


def find_en(draft: Draft) -> list[FigureInfo]:
    lex = lexicon("en")
    text = draft.norm
    units = lex["measure_units"]
    scales = {k.lower(): v for k, v in lex["unit_scale"].items()}
    ordinal_words = set(lex["ordinal_words"])
    out: list[FigureInfo] = []
    for m in _en_pattern().finditer(text):
        ns, ne = m.span("num")
        num = m.group("num")
        if draft.overlaps(ns, ne, _NOT_FIGURE):
            continue
        before = text[max(0, ns - 12):ns]
        if re.search(r"(?:PM|No\.|Article|COD|SO|NO|[+]|\d[.,])\s*$", before, re.I) or re.match(r"[+]|\.\d|st\b|nd\b|rd\b|th\b|-(?:year|day|month)", text[ne:ne + 5]):
            continue
        if re.search(r"\b(?:the|these|those|all|both)\s+$", before, re.I) and not num[0].isdigit():
            continue
        is_word = not num[0].isdigit()
        if is_word and num.lower() in ("hundred", "thousand", "dozen", "zero"):
            continue
        value = parse_number(num) if not is_word else _en_word_value(num)
        if value is None:
            if len(num) >= MAX_NUMBER_CHARS:
                _out_of_range(draft, num)
            continue
        scale = (m.group("scale") or "").strip().lower()
        if scale:
            value = value * EN_SCALES[scale]
        end = m.end("scale") if scale else ne
        if m.group("pct"):
            pct = m.group("pct").strip().lower()
            unit = "percentage points" if "point" in pct else "%"
            kind = "percent"
            end = m.end("pct")
        elif m.group("meas"):
            raw = m.group("meas")
            unit = units.get(raw) or units.get(raw.lower()) or raw
            value = value * scales.get(raw.lower(), 1)
            kind = "money" if unit == "yuan" else "measure"
            end = m.end("meas")
        elif m.group("rmb"):
            unit, kind = "yuan", "money"
        elif is_word and re.search(r"(?:half|third|thirds|quarter|quarters|fifths?)$", num, re.I):
            unit, kind = None, "percent"
        elif m.group("rest"):
            found = _en_count_unit(draft, m.start("rest"), m.group("rest"))
            if found is None:
                continue
            unit, end = found
            if unit.lower() in ordinal_words:
                continue
            if is_word and unit.lower() in ("cities", "counties", "districts", "provinces", "places", "localities", "regions", "municipalities"):
                continue
            kind = "count"
        else:
            continue
        if not m.group("pct") and not m.group("meas") and not scale and not m.group("rmb") and re.fullmatch(r"(?:19|20)\d{2}", num):
            continue
        if is_word and value == 1 and kind == "count":
            continue
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        start = m.start("rmb") if m.group("rmb") else ns
        out.append(FigureInfo(start, end, value, unit, kind, _en_role(draft, ns, end, kind)))
    return out


def _en_word_value(num: str) -> float | int | None:
    parts = re.split(r"[\s-]+", num.lower())
    frac = [p for p in parts if p in EN_FRACTIONS]
    if frac:
        whole = [p for p in parts if p not in EN_FRACTIONS and p not in ("and", "a")]
        numerator = parse_en_words(whole) if whole else 1
        if numerator is None:
            return None
        return round(numerator / EN_FRACTIONS[frac[0]], 4)
    return parse_en_words(parts)


def _en_role(draft: Draft, start: int, end: int, kind: str) -> str:
    if kind == "count":
        return "count"
    text = draft.norm
    before = text[max(0, start - 60):start].lower()
    clause = re.split(r"[,;.]", before)[-1]
    if re.search(r"\b(?:target|goal|required|requirement|must|should|aim|quota|no more than|at least|not exceed)\b", clause + text[end:end + 25].lower()):
        if not re.search(r"\b(?:dropped|fell|decreased|declined|rose|increased|only)\b", clause[-25:]):
            return "target"
    if kind in ("percent", "measure"):
        return "actual"
    return "other"


@Language.factory("notices_figures", assigns=["doc.spans", "span._.figure"],
                  requires=["span._.date", "span._.deadline", "span._.official", "span._.company"])
def make_figures(nlp: Language, name: str):  # noqa: ANN201
    def component(doc: Doc) -> Doc:
        require(doc, "notices_figures", ("notices_dates", "notices_places", "notices_officials",
                                         "notices_companies", "notices_deadlines"))
        v = view(doc)
        for info in (find_zh(v) if v.lang == "zh" else find_en(v)):
            v.add(FIGURE, info)
        mark_done(doc, "notices_figures")
        return doc

    return component
