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

from ..numerals import CN_DIGITS, EN_FRACTIONS, EN_SCALES, EN_WORDS, MAX_NUMBER_CHARS, parse_en_words, parse_number
from .lexicon import alternation, lexicon
from .mentions import (COMPANY, DATE, DEADLINE, FIGURE, OFFICIAL, PLACE, FigureInfo, NoticeView,
                       mark_done, require, view)


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
    dur = alternation(lex["duration_units"]).pattern
    # 上千人, 近百个: a bare 百/千/万 after a word of approximation is a round number
    approx = rf"(?<=[{lex['approx_before_chars']}])[百千万](?=[多余]?(?:{mw}))"
    return re.compile(
        rf"(?:(?<![\u4e00-\u9fff])|(?<=[{lex['tenths_before_chars']}]))(?P<tenths>[二三四五六七八九])成(?![{lex['tenths_not_after_chars']}])"
        rf"|百分之(?P<pctword>{_AR_NUM}|{_CN_NUM})"
        rf"|(?P<num>{_AR_NUM}|{_CN_NUM}分之{_CN_NUM}|{_CN_NUM}|{approx})[ \t\u3000]*(?P<mult>[万亿](?![元吨亩]))?(?P<more>[多余])?[ \t\u3000]*"
        rf"(?:(?P<pct>{pct})|(?P<dur>{dur})|(?P<meas>{meas})|(?P<mw>{mw}))?")


def _zh_role(draft: NoticeView, start: int, end: int, kind: str) -> str:
    if kind == "count":
        return "count"
    lex = lexicon("zh")
    text = draft.norm
    clause_start = max([text.rfind(ch, max(0, start - 16), start) for ch in ",;。；\n"] + [start - 16])
    before = text[clause_start + 1:start]
    after = text[end:end + 6]
    if lex.pattern("target_words").search(before) or lex.regex("target_after").match(after):
        if not lex.pattern("actual_words").search(before[-6:]):
            return "target"
    if kind in ("percent", "measure"):
        return "actual"
    return "other"


_CLAIMED = (DATE, PLACE, OFFICIAL, COMPANY, DEADLINE, FIGURE)


def subject_of(draft: NoticeView, start: int) -> str | None:
    """What a percentage or concentration measures: "PM2.5平均浓度" in "…PM2.5平均浓度下降3.7%"."""
    text = draft.norm
    low = max(0, start - 60)
    a = max(text.rfind(ch, low, start) for ch in ",;。；:\n、") + 1
    a = max(a, low)
    for _s, e in draft.within(a, start, _CLAIMED):
        a = max(a, e)
    b = start
    while True:
        tail = lexicon("zh").regex("subject_tail").search(text[a:b])
        if not tail or tail.start() == b - a:
            break
        b = a + tail.start()
    head = lexicon("zh").regex("subject_head").match(text[a:b])
    if head:
        a += head.end()
    seg = draft.text[a:b].strip()
    return seg if 2 <= len(seg) <= 16 else None


def _in_numeral_word(text: str, pos: int) -> bool:
    """Is the numeral at ``pos`` part of a word (一些, 进一步, 十三五)? A few matches, not a scan."""
    words = lexicon("zh").pattern("numeral_words")
    longest = max(map(len, lexicon("zh")["numeral_words"]))
    for start in range(max(0, pos - longest + 1), pos + 1):
        m = words.match(text, start)
        if m and m.end() > pos:
            return True
    return False


def _counted_noun(draft: NoticeView, pos: int) -> int:
    """End of the counted noun after a measure word (4 characters at most)."""
    lex = lexicon("zh")
    text = draft.norm
    stops = lex["noun_stop_chars"]
    stop_words = lexicon("zh").pattern("noun_stop_words")
    end = pos
    while end < len(text) and end - pos < 6 and "\u4e00" <= text[end] <= "\u9fff" and text[end] not in stops:
        if stop_words.match(text, end):
            break
        if draft.overlaps(end, end + 1, (PLACE, OFFICIAL, COMPANY)):
            break
        end += 1
    return end


_NOT_FIGURE = (DATE, DEADLINE, OFFICIAL, COMPANY)


@cache
def _money_before() -> re.Pattern[str]:
    return re.compile(alternation(lexicon("zh")["money_words"]).pattern + r".{0,3}$")


@cache
def _place_count() -> re.Pattern[str]:
    """What follows the measure word in a count of places: 个市, 个县(区), 个未达标城市."""
    lex = lexicon("zh")
    mods = alternation(lex["place_count_modifiers"]).pattern
    nouns = alternation(lex["place_count_nouns"]).pattern
    not_ = alternation(lex["place_count_not"]).pattern
    return re.compile(rf"(?:{mods})?(?!{not_})(?:{nouns})")


def _counts_places_before(draft: NoticeView, m: re.Match) -> bool:
    """A bare count of the places named as its subject just before (地级市一共有15个)."""
    text = draft.norm
    end = m.end()
    if end < len(text) and "\u4e00" <= text[end] <= "\u9fff" and text[end] not in lexicon("zh")["place_count_end_chars"]:
        return False  # a noun follows: 5个问题
    ns = m.start("num")
    before = text[max(0, ns - 14):ns]
    return bool(lexicon("zh").regex("place_count_verbs_before").search(before)) and any(
        w in before for w in lexicon("zh")["place_generic_nouns"])


def _in_book_title(text: str, pos: int) -> bool:
    """Inside 《…》 (大气十条 in 《大气十条》): a name, looked for at most 24 characters back."""
    i = text.rfind("《", max(0, pos - 24), pos)
    return i >= 0 and "》" not in text[i:pos]


def _is_rank(text: str, ns: int, mw: str) -> bool:
    """前十名, 排名后10位: a rank, not a count (目前5名 is a count)."""
    lex = lexicon("zh")
    return (mw in lex["rank_words"] and ns > 0 and text[ns - 1] in lex["rank_marks"]
            and (ns < 2 or text[ns - 2] not in lex["rank_not_after_char"]))


def _duration_ok(text: str, m: re.Match, num: str, value: float) -> bool:
    """A length of time (两年, 1个月, 两周左右), not a year (2018年), a point or a limit (3天后)."""
    lex = lexicon("zh")
    dur = m.group("dur")
    if text.startswith(lexicon("zh").words("duration_not_after"), m.end()) and not (
            dur == "周" and text.startswith("左右", m.end())):
        return False
    if dur == "年" and (num[0].isdigit() and len(num) > 2 or value > 30):
        return False
    if value == 1 and not num[0].isdigit() and dur in lex["duration_units_not_one"]:
        return False  # 一天, 一小时: words, rarely a reported duration
    return True


def find_zh(draft: NoticeView) -> list[FigureInfo]:
    lex = lexicon("zh")
    text = draft.norm
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
        if m.group("num") is None:
            continue
        info = _zh_number(draft, m, lex)
        if info is not None:
            out.append(info)
    return _restated_counts_dropped(out)


_RESTATED_LOOKBACK = 16  # nouns remembered per number: bounded, so a long list stays linear


def _restated_counts_dropped(figures: list[FigureInfo]) -> list[FigureInfo]:
    """One count per number and measure word: 82件 restating 82件群众信访举报 is the same count.

    Counts whose nouns differ (13名市长, 2名县长) are kept, and so is everything but counts; the
    same count written again (五个案例, 5个案例) is scored once per string anyway."""
    seen: dict[float, list[str]] = {}
    out = []
    for f in figures:
        if f.kind == "count" and f.unit:
            units = seen.setdefault(f.value, [])
            if any(u != f.unit and (u.startswith(f.unit) or f.unit.startswith(u)) for u in units):
                continue
            if len(units) < _RESTATED_LOOKBACK:
                units.append(f.unit)
        out.append(f)
    return out


def _zh_number(draft: NoticeView, m: re.Match, lex) -> FigureInfo | None:  # noqa: ANN001, C901, PLR0911, PLR0912
    """The figure a number with what follows it makes, or None when it is no quantity."""
    text = draft.norm
    ns, ne = m.span("num")
    num = m.group("num")
    has_unit = any(m.group(g) for g in ("pct", "dur", "meas", "mw"))
    if "分之" in num and not has_unit and not m.group("mult"):
        value = parse_number(num)
        if value is None or draft.overlaps(ns, ne, _NOT_FIGURE + (PLACE,)):
            return None
        return FigureInfo(ns, ne, value, None, "percent", _zh_role(draft, ns, ne, "percent"))
    if not has_unit and not m.group("mult"):
        return None
    if draft.overlaps(ns, m.end(), _NOT_FIGURE) or draft.overlaps(ns, ne, (PLACE,)):
        return None  # 五家渠市: a number inside a place's name
    before = text[max(0, ns - 3):ns]
    if before.endswith(lexicon("zh").words("not_figure_before")) or re.search(r"[A-Za-z+._-]$|\d[:：]$", before):
        return None
    if text[m.end():m.end() + 1] == "+" or re.match(r"\s*[+]", text[ne:ne + 2]) or _in_book_title(text, ns):
        return None
    is_cn = not num[0].isdigit()
    if is_cn:
        if _in_numeral_word(text, ns):
            return None
        if len(num) > 1 and all(ch in CN_DIGITS for ch in num):
            return None  # 三二支沟, 二〇一八: digits read one by one are names and years
    value = parse_number(num)
    if value is None:
        if len(num) >= MAX_NUMBER_CHARS:
            _out_of_range(draft, num)
        return None
    if m.group("mult"):
        value = value * (10_000 if m.group("mult") == "万" else 100_000_000)
    end = m.end()
    unit: str | None
    if m.group("pct"):
        if m.group("mult"):
            return None
        unit = "%" if m.group("pct") == "%" else "个百分点"
        kind = "percent"
    elif m.group("dur"):
        if not _duration_ok(text, m, num, value):
            return None
        unit = draft.text[m.start("dur"):m.end("dur")]
        kind = "measure"
    elif m.group("meas"):
        raw_unit = m.group("meas")
        if raw_unit[-1].isascii() and raw_unit[-1].isalpha() and re.match(r"[A-Za-z]", text[end:end + 1]):
            return None  # 100mm is not 100 m
        unit = lex["measure_units"][raw_unit]
        value = value * lex["unit_scale"].get(raw_unit, 1)
        kind = "money" if unit == "yuan" else "measure"
    elif m.group("mw"):
        mw = m.group("mw")
        not_after = lexicon("zh").words("not_figure_after")
        if text.startswith(not_after, m.start("mw")) or text.startswith(not_after, ne):
            return None
        if _is_rank(text, ns, mw) or (mw in lex["team_words"] and draft.place_ending_at(ns)):
            return None
        if mw in lex["place_count_words"] and _place_count().match(text, m.end("mw")):
            return None
        if mw in lex["place_count_words"] and _counts_places_before(draft, m):
            return None
        noun_end = _counted_noun(draft, m.end("mw"))
        if mw in lex["measure_words_need_noun"] and noun_end == m.end("mw"):
            return None
        unit = draft.text[m.start("mw"):noun_end]
        end = noun_end
        kind = "count"
    else:  # 罚款10万: money written without 元
        if not _money_before().search(text[max(0, ns - 8):ns]):
            return None
        unit, kind = "yuan", "money"
    if is_cn and value == 1 and kind != "measure":
        return None
    if ns > 0 and text[ns - 1] == "-" and (ns < 2 or not text[ns - 2].isdigit()) and kind == "percent":
        ns -= 1
        value = -value
    if isinstance(value, float):
        value = round(value, 6)  # 2.3亿 is 230000000, not 229999999.99999997
        value = int(value) if value.is_integer() else value
    return FigureInfo(ns, end, value, unit, kind, _zh_role(draft, ns, end, kind))


def _out_of_range(draft: NoticeView, num: str) -> None:
    draft.warn(f"a number of {len(num)} characters is out of range and was left out")


# -- English -------------------------------------------------------------------------------

_EN_WORD_NUM = "|".join(sorted(EN_WORDS, key=len, reverse=True))


@cache
def _en_pattern() -> re.Pattern[str]:
    lex = lexicon("en")
    pct = alternation(lex["percent_units"], flags=re.I).pattern
    meas = alternation(list(lex["measure_units"])).pattern
    return re.compile(
        # digits may stand glued to a lowercase word ("sent out30 teams", a typesetting slip that
        # find_en checks); number words never ("often" holds no ten)
        rf"(?:(?<![\w.+-])(?:(?P<rmb>RMB|CNY|yuan)\s*|(?P<cur>(?:US|U\.S\.|S|HK)?\$)\s?))?"
        rf"(?P<num>(?-i:(?<![\dA-Z_.+-])){_AR_NUM}|(?<![\w.+-])(?:{_EN_WORD_NUM})(?:[- ](?:{_EN_WORD_NUM}))*(?:\s+(?:and\s+a\s+)?(?:half|third|thirds|quarter|quarters|fifths?))?)"
        rf"(?P<scale>\s+(?:million|billion|thousand))?"
        rf"(?:(?P<pct>\s*%|\s+(?:{pct})\b)|\s+(?P<meas>{meas})\b|(?=(?P<rest>[ ]+[a-z][a-z-]*(?:[ ]+[a-z][a-z-]*){{0,6}})))?",
        re.I)


def _en_count_unit(draft: NoticeView, start: int, rest: str) -> tuple[str, int] | None:
    lex = lexicon("en")
    nouns = set(lex["count_nouns"])
    time_nouns = set(lex["time_nouns"])
    not_adjective = lex.members("count_not_adjective_words")
    breaks = lex.members("count_break_words")
    articles = lex.members("count_articles")
    words = list(re.finditer(r"[A-Za-z][A-Za-z-]*", rest))
    for w in words:
        if w.group(0).lower() in nouns:
            between = [x.group(0).lower() for x in words[:words.index(w)]]
            if not any(b in time_nouns or b in breaks or b in articles for b in between):
                return w.group(0), start + w.end()
            break
    for i, w in enumerate(words):
        word = w.group(0)
        low = word.lower()
        if low in time_nouns or low in breaks:
            if low == "of" and i > 0:
                return words[i - 1].group(0), start + words[i - 1].end()
            return None
        if low in nouns:
            return word, start + w.end()
        if i <= 2 and low.endswith("s") and not low.endswith(("ss", "ous", "ious")) and len(low) > 3 and low not in lex["count_not_plural_words"] \
                and all(re.fullmatch(r"[a-z-]+", x.group(0)) and x.group(0).lower() not in not_adjective for x in words[:i]):
            nxt = words[1].group(0).lower() if len(words) > 1 else ""
            if nxt not in nouns:
                return word, start + w.end()
    return None


_EN_PARTITIVE = re.compile(
    rf"\s+of\s+(?:the|them|its|their|these|those|\d[\d,]*|{_EN_WORD_NUM})\b((?:\s+[\w,-]+){{0,3}})", re.I)
_EN_FRACTION = re.compile(r"\b(?:a|one)[- ](?P<part>third|quarter|fifth)\b(?=\s+of\b)", re.I)
_EN_SUBJECT = re.compile(r"\s+(?:were|are)\b")


def _en_bare_count(text: str, before: str, ne: int, rest: str) -> tuple[str | None, int] | None:
    """Numbers whose noun is elsewhere: "four of the violations", "28,000 of them", "640 were
    fined", and lengths of time ("every two years", "held for 15 days"; not "within 15 days",
    "two years ago")."""
    lex = lexicon("en")
    first = re.match(r"\s*([A-Za-z]+)", rest)
    word = first.group(1).lower() if first else ""
    if word in lex["time_nouns"]:
        if lex.regex("duration_not_before").search(before) or lex.regex("duration_not_after").match(text, ne + len(first.group(0))):
            return None
        return first.group(1), ne + len(first.group(0))
    part = _EN_PARTITIVE.match(text, ne)
    if part:
        words = [w.strip(",.;:-") for w in part.group(1).split()]
        if any(w.lower() in lex["place_count_nouns"] for w in words):
            return "places", ne  # "two of the three cities": a count of places
        nouns = [w for w in words if w.lower().endswith("s") and w.lower() not in EN_WORDS]
        return (nouns[0] if nouns else None), ne
    if _EN_SUBJECT.match(text, ne):
        return None, ne
    return None


def find_en(draft: NoticeView) -> list[FigureInfo]:
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
        if lex.regex("not_figure_before").search(before) or lex.regex("not_figure_after", case=True).match(text[ne:ne + 5]):
            continue
        glued = re.search(r"[a-z]+$", before)
        if glued and (len(glued.group(0)) < 2 or glued.group(0) in lex["glued_not"]):
            continue  # km2, so2, pm2.5: a unit's or a substance's name, not a number
        is_word = not num[0].isdigit()
        if is_word and num.lower() in lex["number_words_not_alone"]:
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
        elif m.group("cur"):
            unit, kind = lex["currencies"].get(m.group("cur"), "USD"), "money"
        elif is_word and re.search(r"(?:half|third|thirds|quarter|quarters|fifths?)$", num, re.I):
            unit, kind = None, "percent"
        elif m.group("rest"):
            found = _en_bare_count(text, before, ne, m.group("rest")) \
                or _en_count_unit(draft, m.start("rest"), m.group("rest"))
            if found is None:
                continue
            unit, end = found
            if unit and unit.lower() in ordinal_words:
                continue
            if unit and unit.lower() in lex["place_count_nouns"]:
                continue  # "three cities", "10 provincial regions": a count of places, not a figure
            kind = "measure" if unit and unit.lower() in lex["time_nouns"] else "count"
        else:
            continue
        if not m.group("pct") and not m.group("meas") and not scale and not m.group("rmb") and not m.group("cur") \
                and re.fullmatch(r"(?:19|20)\d{2}", num):
            continue
        if is_word and value == 1 and kind == "count":
            continue
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        start = m.start("rmb") if m.group("rmb") else m.start("cur") if m.group("cur") else ns
        out.append(FigureInfo(start, end, value, unit, kind, _en_role(draft, ns, end, kind)))
    out.extend(_en_extras(draft, out))
    return out


_EN_DURATION = re.compile(
    rf"\b(?P<num>\d{{1,3}}|{_EN_WORD_NUM}|half)-(?P<unit>year|month|day|week)\b(?!-old|\s+(?-i:(?:Action\s+)?Plan\b))|\b(?P<long>month|year|week)long\b", re.I)


def _en_extras(draft: NoticeView, found: list[FigureInfo]) -> list[FigureInfo]:
    """A one-month inspection, a monthlong tour (how long an activity lasts); doubled, double the
    standard (a multiple)."""
    text = draft.norm
    out = []
    for m in _EN_DURATION.finditer(text):
        s, e = m.span()
        if draft.overlaps(s, e, _NOT_FIGURE) or any(f.start < e and s < f.end for f in found):
            continue
        if m.group("long"):
            value, unit = 1, m.group("long").lower()
        else:
            num = m.group("num").lower()
            value = 0.5 if num == "half" else parse_number(num) if num[0].isdigit() else _en_word_value(num)
            unit = m.group("unit").lower()
        if value:
            out.append(FigureInfo(s, e, value, unit, "count", "other"))
    for m in _EN_FRACTION.finditer(text):  # one-third of them, a quarter of the tanks
        s, e = m.span()
        if draft.overlaps(s, e, _NOT_FIGURE) or any(f.start < e and s < f.end for f in found):
            continue
        value = round(1 / EN_FRACTIONS[m.group("part").lower()], 4)
        out.append(FigureInfo(s, e, value, None, "percent", _en_role(draft, s, e, "percent")))
    for m in lexicon("en").regex("multiples").finditer(text):
        s, e = m.span()
        if draft.overlaps(s, e, _NOT_FIGURE) or any(f.start < e and s < f.end for f in found):
            continue
        word = m.group("word").lower()
        value = 2 if word.startswith("doubl") else 3 if word.startswith("tripl") else 4
        out.append(FigureInfo(s, e, value, "times", "other", "actual"))
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


def _en_role(draft: NoticeView, start: int, end: int, kind: str) -> str:
    if kind == "count":
        return "count"
    text = draft.norm
    before = text[max(0, start - 60):start].lower()
    clause = re.split(r"[,;.]", before)[-1]
    lex = lexicon("en")
    if re.search(r"\b(?:" + alternation(lex["target_words"]).pattern + r")\b", clause + text[end:end + 25].lower()):
        if not re.search(r"\b(?:" + alternation(lex["actual_words"]).pattern + r")\b", clause[-25:]):
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
