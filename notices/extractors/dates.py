"""Dates and deadlines: the notice's date, and the time limits it imposes.

``notices_dates`` finds every date, claims it (so that 2018年 or "May 3" is never a figure), and
fixes the notice date: a header or dateline first, then the date of the reported act, then the
source's metadata. A year-less date takes its year from the text or the metadata, never from
today. ``notices_deadlines`` finds 20个工作日内 / "within 20 working days" / 年底前 / "by the end of
June" and resolves each ``due`` from the notice date (working days per the holiday table).
"""
from __future__ import annotations

import calendar
import re
from datetime import date, timedelta

from spacy.language import Language
from spacy.tokens import Doc

from ..numerals import EN_WORDS, MAX_NUMBER_CHARS, parse_en_words, parse_number
from .lexicon import lexicon
from .mentions import DATE, DEADLINE, DateInfo, DeadlineInfo, NoticeView, Taken, mark_done, require, view


from ..months import MONTH_NUMBERS as MONTHS, month_number
from ..deadlines import add_months, due_date  # noqa: F401 - add_months: the name earlier code imported
_MONTH = r"(?P<mon>(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*)\.?"
_YEAR = r"(?:19|20)\d{2}"

ZH_PATTERNS = [
    ("full", re.compile(rf"(?P<y>{_YEAR})\s*年\s*(?P<m>\d{{1,2}})\s*月\s*(?P<d>\d{{1,2}})\s*[日号]?")),
    ("full", re.compile(rf"(?<![\d.])(?P<y>{_YEAR})[-/.](?P<m>\d{{1,2}})[-/.](?P<d>\d{{1,2}})(?![\d])")),
    ("md", re.compile(r"(?P<rel>今年|去年|明年|当年|同年)?(?<![\d.])(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*[日号]")),
    ("ym", re.compile(rf"(?P<y>{_YEAR})\s*年\s*(?P<m>\d{{1,2}})\s*月")),
    ("y", re.compile(rf"(?P<y>{_YEAR})\s*年(?:度)?")),
    ("m", re.compile(r"(?P<rel>今年|去年|明年)?(?<![\d.])(?P<m>\d{1,2})\s*月(?:份|底|末|初|中旬|上旬|下旬)?")),
    ("y", re.compile(r"(?P<rel>今年|去年|明年)")),
]
EN_PATTERNS = [
    ("full", re.compile(rf"\b{_MONTH}\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s*(?:-|–|to)\s*\d{{1,2}}(?:st|nd|rd|th)?,?\s*(?P<y>{_YEAR})\b")),
    ("full", re.compile(rf"\b{_MONTH}\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?,?\s*(?P<y>{_YEAR})\b")),
    ("full", re.compile(rf"\b(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s+{_MONTH}\s+(?P<y>{_YEAR})\b")),
    ("full", re.compile(rf"(?<![\d.])(?P<y>{_YEAR})[-/.](?P<m>\d{{1,2}})[-/.](?P<d>\d{{1,2}})(?!\d)")),
    ("md", re.compile(rf"\b{_MONTH}\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\b(?:\s+(?P<rel>this year|last year|next year))?")),
    ("md", re.compile(rf"\b(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH}\b")),
    ("ym", re.compile(rf"\b{_MONTH}\s+(?:of\s+)?(?P<y>{_YEAR})\b")),
    ("y", re.compile(rf"(?<!number )(?<!No\. )(?<!No\.)(?<!#)(?<![\d,.])(?P<y>{_YEAR})(?!\d|,\d|%|\s*(?:percent|yuan|tons?|enterprises|problems|people|cases))")),
    ("m", re.compile(rf"\b(?:in|since|until|from|to|during|end of|early|late|mid-?)\s+{_MONTH}\b")),
]

HEADER_KEYS = re.compile(r"(发布时间|发布日期|时间|日期|来源|信息来源|(?i:Published|Updated|Posted|Date|Release|Source|Time)\s*[:：]|\bBy\b|Xinhua|China Daily|Chinadaily|CGTN)")
ZH_DATELINE = re.compile(r"(?m)^[^\n。，,]{0,30}?(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*日\s*(?:电|讯|报道|消息)")
EN_DATELINE = re.compile(
    rf"(?m)^\s*(?:[A-Z][A-Za-z .'-]{{1,40}},\s*){{0,2}}{_MONTH}\s+(?P<d>\d{{1,2}})(?:,?\s*(?P<y>{_YEAR}))?\s*"
    rf"(?:[-—–]+|\([^)\n]{{1,40}}\)\s*(?:[-—–]+)?)")
# 15.10.2014 on a header line (day first)
_DMY = re.compile(rf"(?<![\d.])(?P<d>\d{{1,2}})\.(?P<m>\d{{1,2}})\.(?P<y>{_YEAR})(?![\d.])")

# relative dates: resolved against the dateline or the header line
ZH_RELATIVE = re.compile(r"(?P<off>昨日|昨天|前天|今日|今天)|(?<![\d月第至到~—\-])(?P<day>\d{1,2})\s*日(?![电讯前内以之起至到])")
EN_RELATIVE = re.compile(
    r"\b(?P<off>yesterday|today)\b|\b(?:on\s+)?(?P<wd>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b"
    r"|\bon\s+the\s+(?P<day>\d{1,2})(?:st|nd|rd|th)\b", re.I)
_OFFSETS = {"昨日": -1, "昨天": -1, "前天": -2, "今日": 0, "今天": 0, "yesterday": -1, "today": 0}
_WEEKDAYS = {d.lower(): i for i, d in enumerate(calendar.day_name)}
# "记者11日从…获悉": the day the reporter learned, not the act (when the sentence dates the act too)
_LEARNED = re.compile(r"^[^，,。]{0,12}(?:获悉|了解到|得知)")
# a law's or rule's date in the lead ("which took effect on Jan 1", "自2015年1月1日起施行") is no act
_NOT_ACT_BEFORE = re.compile(r"(?:(?:into force|into effect|took effect|takes effect|effective|enacted|revised|amended)\s+(?:on\s+|from\s+)?"
                             r"|\b(?:by|before|until|no later than|prior to|deadline of)\s+(?:the\s+end\s+of\s+)?)$", re.I)
_NO_DAY = re.compile(r"日前|近日|近期|\brecently\b|\bearlier this (?:week|month)\b", re.I)
_NOT_ACT_AFTER = re.compile(r"^\s*(?:起)?(?:施行|实施|起施行|起实施|正式施行|生效)")


def _month(m: re.Match) -> int | None:
    if m.groupdict().get("m"):
        return int(m.group("m"))
    mon = m.groupdict().get("mon")
    if mon:
        return month_number(mon)
    return None


def _valid(y: int, mo: int, d: int) -> str | None:
    try:
        return date(y, mo, d).isoformat()
    except ValueError:
        return None


class DateMention:
    __slots__ = ("start", "end", "kind", "year", "month", "day", "rel")

    def __init__(self, start: int, end: int, kind: str, year: int | None, month: int | None,
                 day: int | None, rel: str | None) -> None:
        self.start, self.end, self.kind = start, end, kind
        self.year, self.month, self.day, self.rel = year, month, day, rel


def find_dates(text: str, lang: str) -> list[DateMention]:
    patterns = ZH_PATTERNS if lang == "zh" else EN_PATTERNS
    found: list[DateMention] = []
    taken = Taken()
    for kind, pattern in patterns:
        for m in pattern.finditer(text):
            s, e = m.span()
            if e <= s or taken.overlaps(s, e):
                continue
            gd = m.groupdict()
            y = int(gd["y"]) if gd.get("y") else None
            mo = _month(m) if kind != "y" else None
            d = int(gd["d"]) if gd.get("d") else None
            if mo is not None and not 1 <= mo <= 12:
                continue
            if d is not None and not 1 <= d <= 31:
                continue
            rel = gd.get("rel")
            if kind == "y" and y is None and not rel:
                continue
            taken.add(s, e)
            found.append(DateMention(s, e, kind, y, mo, d, rel.lower() if rel else None))
    found.sort(key=lambda dm: dm.start)
    return found


def _rel_year(rel: str | None, ref: int | None) -> int | None:
    if ref is None:
        return None
    if rel in ("去年", "last year"):
        return ref - 1
    if rel in ("明年", "next year"):
        return ref + 1
    return ref


def reference_year(draft: NoticeView, mentions: list[DateMention]) -> int | None:
    """The year a year-less date belongs to: the metadata's, else the latest the text names."""
    if draft.date_hint:
        try:
            return date.fromisoformat(draft.date_hint[:10]).year
        except ValueError:
            pass
    years = [dm.year for dm in mentions if dm.year and 1990 <= dm.year <= 2100
             and not _is_future_year(draft.norm, dm) and not _in_year_range(draft.norm, dm)]
    return max(years) if years else None


def _resolve(dm: DateMention, ref: int | None) -> str | None:
    if dm.month is None or dm.day is None:
        return None
    y = dm.year if dm.year is not None else _rel_year(dm.rel, ref)
    if y is None:
        return None
    return _valid(y, dm.month, dm.day)


def _early_date(draft: NoticeView, mentions: list[DateMention], ref: int | None) -> str | None:
    """The first full date near the top (a lead such as "（记者 某某）2024年1月25日上午，…")."""
    for dm in mentions:
        if dm.start > 300:
            break
        if dm.kind == "full":
            return _resolve(dm, ref)
    return None


_FORMAL = re.compile(r"〔\d{4}〕\s*\d+\s*号|\[\d{4}\]\s*\d+\s*号|^[^\n，。,]{2,30}[：:]\s*$", re.M)


def _formal_signature(draft: NoticeView, mentions: list[DateMention], ref: int | None) -> str | None:
    """A formal document (a document number, a salutation line) is dated by its signature."""
    if not _FORMAL.search(draft.norm[:600]):
        return None
    return _signature_date(draft, mentions, ref)


def _act_date(draft: NoticeView, mentions: list[DateMention], ref: int | None) -> str | None:
    """The date of the first sentence that reports the act (约谈, 督察, inspected, ...)."""
    triggers = lexicon(draft.lang).act_triggers
    for s, e in draft.sentences[:8]:
        sentence = draft.norm[s:e]
        if not triggers.search(sentence):
            continue
        for dm in mentions:
            if s <= dm.start < e and dm.kind in ("full", "md"):
                return _resolve(dm, ref)
    return None


def _signature_date(draft: NoticeView, mentions: list[DateMention], ref: int | None) -> str | None:
    """A full date standing alone on one of the last lines (the date a decision is signed)."""
    text = draft.norm.rstrip()
    for dm in reversed(mentions):
        if dm.kind != "full" or len(text) - dm.end > 120:
            continue
        line_start = text.rfind("\n", 0, dm.start) + 1
        line_end = text.find("\n", dm.end)
        line = text[line_start: line_end if line_end >= 0 else len(text)].strip()
        if len(line) <= (dm.end - dm.start) + 2:
            return _resolve(dm, ref)
        tail = text[dm.end:]
        if re.match(r"[。.]?\s*(?:[(（]?(?:来源|信息来源|Source)\s*[:：][^\n。]{0,20}[)）]?)?\s*$", tail) \
                and re.search(r"[。；;]\s*$", text[max(0, dm.start - 3):dm.start]):
            return _resolve(dm, ref)  # a text run together on one line, its date last
    return None


_FUTURE_YEAR = re.compile(r"(?:by|until|before|through|target(?:s)? for|goal(?:s)? for|plan for)\s*$", re.I)


def _in_year_range(text: str, dm: DateMention) -> bool:
    """2016-2020, 2016—2020年: a plan's span, not the year of the news."""
    return bool(re.match(r"\s*[-—–~至到]\s*(?:19|20)\d{2}", text[dm.end:dm.end + 8])
                or re.search(r"(?:19|20)\d{2}\s*[-—–~至到]\s*$", text[max(0, dm.start - 8):dm.start]))


def _is_future_year(text: str, dm: DateMention) -> bool:
    after = text[dm.end:dm.end + 4]
    return bool(_FUTURE_YEAR.search(text[max(0, dm.start - 16):dm.start])) or after.startswith(("前", "底前", "年前", "年底前"))


def _not_before_reported(found: str, mentions: list[DateMention], draft: NoticeView) -> str:
    """A notice with a year-less dateline ("Jan. 17") reporting on "October to December 2017"
    is from 2018: a report does not precede the latest month with a year it reports on."""
    if draft.date_hint:
        return found
    day = date.fromisoformat(found)
    explicit_year = any(dm.year == day.year and dm.month == day.month and dm.day == day.day for dm in mentions)
    if explicit_year:
        return found
    latest = max(((dm.year, dm.month) for dm in mentions
                  if dm.year and dm.month and dm.kind in ("ym", "full")
                  and not _is_future_year(draft.norm, dm)), default=None)
    if latest and latest[0] == day.year and latest[1] > day.month:
        try:
            return day.replace(year=day.year + 1).isoformat()
        except ValueError:
            return found
    return found


def _header_lines(text: str) -> list[tuple[int, int, str]]:
    """The lines above the body (the body begins at the first line holding a sentence)."""
    lines = []
    pos = 0
    for line in text.splitlines(keepends=True):
        if "。" in line or re.search(r"[a-z,]{2}\.(?:\s+[A-Z]|\s*$)", line):
            lines.append((pos, pos + len(line), line))
            break
        if line.strip():
            lines.append((pos, pos + len(line), line))
        pos += len(line)
        if len(lines) >= 8 or pos > 800:
            break
    return lines


def _dateline(draft: NoticeView, head_end: int) -> re.Match | None:
    return (ZH_DATELINE if draft.lang == "zh" else EN_DATELINE).search(draft.norm[:head_end])


def _header_line_date(draft: NoticeView, mentions: list[DateMention], lines, head_end: int,
                      dateline: re.Match | None) -> tuple[str, int] | None:
    """A full date on a header line ("2018-05-04 10:31 来源：…", "Updated: 2018-05-05", "Xinhua,
    July 17, 2014"): the date and the line's end."""
    text = draft.norm
    for dm in mentions:
        if dm.start >= head_end:
            break
        if dm.kind != "full" or (dateline is not None and dateline.start() <= dm.start < dateline.end()):
            continue
        a, b, line = next(((a, b, ln) for a, b, ln in lines if a <= dm.start < b), (0, 0, ""))
        if len(line.strip()) > 110:
            continue  # a sentence of the lead, not a header line (checked first: the work below
            # is per date, and a long line may hold thousands of them)
        rest = line.replace(text[dm.start:dm.end], " ")
        rest = re.sub(r"\b\d{1,2}:\d{2}(?::\d{2})?\s*(?:AM|PM)?", " ", rest, flags=re.I)
        rest = re.sub(r"[\s,，|:：()（）\-]+", " ", rest).strip()
        if HEADER_KEYS.search(line) or (len(rest) <= 16 and not re.search(r"[。；;!?]", rest)) \
                or re.search(r"\b\d{1,2}:\d{2}\b", line):
            found = _resolve(dm, None)
            if found:
                return found, b
    for a, b, line in lines:
        m = _DMY.search(line)
        if m and (HEADER_KEYS.search(line) or re.search(r"\b\d{1,2}:\d{2}\b", line)):
            found = _valid(int(m.group("y")), int(m.group("m")), int(m.group("d")))
            if found:
                return found, b
    return None


def _dateline_date(draft: NoticeView, dateline: re.Match | None, year: int | None,
                   published: str | None) -> str | None:
    if dateline is None:
        return None
    y = int(dateline.group("y")) if dateline.groupdict().get("y") else year
    mo = _month(dateline)
    if not (y and mo):
        return None
    found = _valid(y, mo, int(dateline.group("d")))
    if found and published and not dateline.groupdict().get("y") and found > published:
        found = _valid(y - 1, mo, int(dateline.group("d"))) or found
    return found


def _text_year(draft: NoticeView, mentions: list[DateMention], header_end: int = 0) -> int | None:
    """The latest year the text names (below its header lines), plans' target years aside."""
    years = [dm.year for dm in mentions if dm.year and 1990 <= dm.year <= 2100 and dm.start >= header_end
             and not _COMPARED.search(draft.norm[dm.end:dm.end + 4]) and not _COMPARED_EN.search(draft.norm[max(0, dm.start - 24):dm.start])
             and not _is_future_year(draft.norm, dm) and not _in_year_range(draft.norm, dm)]
    return max(years) if years else None


_COMPARED = re.compile(r"^(?:年)?(?:同期|相比|比较)")
_COMPARED_EN = re.compile(r"(?:compared with|than|from)\s+(?:the same period (?:of|in)\s+)?(?:in\s+)?$", re.I)


def _anchor_year(published: str | None, text_year: int | None) -> int | None:
    """The year a year-less date of the act takes: the publication's, unless the header is a
    mirror's, years after every year the text names (then the text's latest year)."""
    if published:
        y = int(published[:4])
        if text_year is not None and y - text_year >= 3:
            return text_year
        return y
    return text_year


def _relative(draft: NoticeView, start: int, end: int, anchor: str | None) -> list[tuple[int, str]]:
    """(position, resolved date) of each relative date (昨日, 19日, "on Friday") in text[start:end]."""
    if anchor is None:
        return []
    base = date.fromisoformat(anchor)
    pattern = ZH_RELATIVE if draft.lang == "zh" else EN_RELATIVE
    out = []
    for m in pattern.finditer(draft.norm, start, end):
        gd = m.groupdict()
        if gd.get("off"):
            day = base + timedelta(days=_OFFSETS[gd["off"].lower()])
        elif gd.get("wd"):
            day = base - timedelta(days=(base.weekday() - _WEEKDAYS[gd["wd"].lower()]) % 7)
        else:
            n = int(gd["day"])
            if not 1 <= n <= 31:
                continue
            y, mo = base.year, base.month
            if n > base.day:
                y, mo = (y - 1, 12) if mo == 1 else (y, mo - 1)
            found = _valid(y, mo, n)
            if found is None:
                continue
            day = date.fromisoformat(found)
        out.append((m.start(), day.isoformat()))
    return out


def _weekday_year(draft: NoticeView, dm: DateMention, year: int) -> int:
    """"Monday (Jan 21)": the year near ``year`` in which the day falls on that weekday."""
    around = draft.norm[max(0, dm.start - 14):dm.end + 14]
    m = re.search(r"Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|星期[一二三四五六日天]|周[一二三四五六日]", around)
    if not m or dm.month is None or dm.day is None:
        return year
    word = m.group(0)
    wd = _WEEKDAYS.get(word.lower())
    if wd is None:
        wd = "一二三四五六日".find(word[-1]) if word[-1] != "天" else 6
    for y in (year, year + 1, year - 1, year + 2):
        found = _valid(y, dm.month, dm.day)
        if found and date.fromisoformat(found).weekday() == wd:
            return y
    return year


def _lead_act_date(draft: NoticeView, mentions: list[DateMention], start: int, skip: tuple[int, int] | None,
                   anchor: str | None, year: int | None, published: str | None) -> str | None:
    """The date the lead gives the act: the first sentence (after the header) that reports an act
    or dates something, its first date (a day the reporter learned of it yields to a later one)."""
    triggers = lexicon(draft.lang).act_triggers
    sentences = [(max(s, start), e) for s, e in draft.sentences if e > start][:6]
    for s, e in sentences:
        found = []
        for dm in mentions:
            if s <= dm.start < e and dm.kind in ("full", "md") and not (skip and skip[0] <= dm.start < skip[1]) \
                    and not draft.norm[dm.end:dm.end + 2].startswith(("前", "之前", "以前")) \
                    and not _NOT_ACT_BEFORE.search(draft.norm[max(0, dm.start - 24):dm.start]) \
                    and not _NOT_ACT_AFTER.match(draft.norm[dm.end:dm.end + 6]):
                found.append((dm.start, dm))
        rel = [(p, d) for p, d in _relative(draft, s, e, anchor) if not (skip and skip[0] <= p < skip[1])
               and not any(dm.start <= p < dm.end for _, dm in found)
               and not any(dm.start <= p < dm.end for dm in mentions)]
        items = sorted([(p, dm) for p, dm in found] + rel, key=lambda x: x[0])
        if not items:
            if _NO_DAY.search(draft.norm, s, e) and (triggers.search(draft.norm, s, e) or (s, e) in sentences[:3]):
                return None  # 近日公布…, "recently named": the act's day is not given
            continue
        if not triggers.search(draft.norm, s, e) and (s, e) not in sentences[:3]:
            continue
        if len(items) > 1 and _LEARNED.match(draft.norm[items[0][0]:e]):
            items = items[1:]
        pos, item = items[0]
        if isinstance(item, str):
            return item
        if item.year is not None:
            return _resolve(item, None)
        y = _rel_year(item.rel, year)
        if y is None:
            return None
        y = _weekday_year(draft, item, y)
        found_day = _valid(y, item.month, item.day)
        if found_day and published and item.rel is None and found_day > published:
            found_day = _valid(y - 1, item.month, item.day) or found_day
        return found_day
    return None


def notice_dates(draft: NoticeView, mentions: list[DateMention]) -> tuple[str | None, str | None, int | None]:
    """(the date of the act, the publication date, the reference year of year-less dates)."""
    text = draft.norm
    lines = _header_lines(text)
    head_end = lines[-1][1] if lines else 0
    dateline = _dateline(draft, head_end)
    header = _header_line_date(draft, mentions, lines, head_end, dateline)
    text_year = _text_year(draft, mentions, header[1] if header else 0)
    published = header[0] if header else None
    ref = reference_year(draft, mentions)
    if published is None and draft.date_hint:
        published = draft.date_hint[:10]
    year = _anchor_year(published, text_year) or ref
    on_line = _dateline_date(draft, dateline, year, published)
    if published is None and on_line:
        published = on_line
        if not dateline.groupdict().get("y") and not draft.date_hint:
            published = _not_before_reported(on_line, mentions, draft)
            on_line = published
    anchor = on_line or published
    body = max(header[1] if header else 0, dateline.start() if dateline else 0)
    skip = dateline.span() if dateline else None
    formal = bool(_FORMAL.search(text[:600]))
    act = _formal_signature(draft, mentions, ref)
    if act is None and not (formal and published):
        act = _lead_act_date(draft, mentions, body, skip, anchor, year, published)
        if act and published is None and not draft.date_hint and act[:4] == str(ref):
            act = _not_before_reported(act, mentions, draft)
    if act is None:
        act = on_line
    if act is None and published is None:
        for finder in (_act_date, _signature_date, _early_date):
            act = finder(draft, mentions, ref)
            if act:
                act = _not_before_reported(act, mentions, draft)
                break
    return act, published, int((act or published)[:4]) if (act or published) else ref


@Language.factory("notices_dates", assigns=["doc.spans", "span._.date", "doc._.date", "doc._.published",
                                             "doc._.year"])
def make_dates(nlp: Language, name: str):  # noqa: ANN201
    def component(doc: Doc) -> Doc:
        v = view(doc)
        mentions = find_dates(v.norm, v.lang)
        for dm in mentions:
            v.add(DATE, DateInfo(dm.start, dm.end, dm.kind, dm.year, dm.month, dm.day, dm.rel))
        act, published, year = notice_dates(v, mentions)
        doc._.date = act or published
        doc._.published = published
        doc._.year = year
        if doc._.date is None and any(dm.kind == "md" for dm in mentions[:5]):
            v.warnings.append("the notice gives a day and month but no year; date left empty")
        if v.title is None:
            v.title = guess_title(v)
        mark_done(doc, "notices_dates")
        return doc

    return component


def guess_title(draft: NoticeView) -> str | None:
    """The first line, when it reads as a headline (short, no sentence punctuation)."""
    for line in draft.text.splitlines():
        line = line.strip()
        if not line:
            continue
        if 6 <= len(line) <= (60 if draft.lang == "zh" else 160) and not re.search(r"[。；;]|[.!?]\s*$|电\s*[(（]", line):
            if HEADER_KEYS.match(line) or re.fullmatch(r"[\d\s年月日:./-]+", line):
                continue
            return line
        return None
    return None


# -- deadlines ---------------------------------------------------------------------------

# a number is tried once per run of digits (never once per digit) and is at most 24 long
_CN_NUM = r"(?<![\d零一二两三四五六七八九十百])(?:\d{1,24}|[零一二两三四五六七八九十百]{1,24})"
_EN_NUM = r"(?:\d+|(?:" + "|".join(sorted(EN_WORDS, key=len, reverse=True)) + r")(?:[- ](?:one|two|three|four|five|six|seven|eight|nine))?)"

_BEFORE = r"\s*(?:前|之前|以前)"
_REL_YEAR = r"(?P<rel>今年|明年|次年|当年|本年|去年)"
ZH_DEADLINES = [
    ("working_day", re.compile(rf"(?P<n>{_CN_NUM})\s*个?\s*工作日(?:内|之内|以内|前)")),
    ("day", re.compile(rf"(?<![月\d])(?P<n>{_CN_NUM})\s*(?:个)?\s*(?:自然日|日|天)(?:内|之内|以内)")),
    ("day", re.compile(rf"限期\s*(?P<n>{_CN_NUM})\s*(?:日|天)")),
    ("month", re.compile(rf"(?P<n>{_CN_NUM})\s*个月(?:内|之内|以内)")),
    ("month", re.compile(rf"(?:限期|期限为?)\s*(?P<n>{_CN_NUM})\s*个月")),
    ("date", re.compile(rf"(?P<every>每月)(?P<d>\d{{1,2}})\s*日{_BEFORE}")),
    ("date", re.compile(rf"(?:(?P<y>{_YEAR})\s*年|{_REL_YEAR})?(?P<m>\d{{1,2}})\s*月\s*(?P<d>\d{{1,2}})\s*日?{_BEFORE}")),
    ("date", re.compile(rf"(?:(?P<y>{_YEAR})\s*年|{_REL_YEAR})?(?P<m>\d{{1,2}})\s*月(?:底|末){_BEFORE}")),
    ("date", re.compile(rf"(?P<mrel>本月|当月|下月|下个月)(?:底|末){_BEFORE}")),
    ("date", re.compile(rf"(?:(?P<y>{_YEAR})\s*年|{_REL_YEAR})?第?(?P<q>[一二三四1-4])\s*季度(?:末|底)?{_BEFORE}")),
    ("date", re.compile(rf"(?:(?P<y>{_YEAR})\s*年)(?:底|末){_BEFORE}")),
    ("date", re.compile(rf"(?:(?P<y>{_YEAR})\s*年|{_REL_YEAR})?(?:年底|年末|底){_BEFORE}")),
    # a deadline imposed earlier and missed: 应于2011年淘汰
    ("date", re.compile(rf"(?:(?<=应于)|(?<=应在)|(?<=应当于)|(?<=要求于))(?P<y>{_YEAR})\s*年(?:底|末)?(?:前)?(?=[\u4e00-\u9fff])")),
]
EN_DEADLINES = [
    ("working_day", re.compile(rf"\bwithin\s+(?P<n>{_EN_NUM})\s+(?:working|business|work)[- ]days?\b", re.I)),
    ("day", re.compile(rf"\bwithin\s+(?P<n>{_EN_NUM})\s+(?:calendar\s+|natural\s+)?days?\b", re.I)),
    ("month", re.compile(rf"\bwithin\s+(?P<n>{_EN_NUM})\s+months?\b", re.I)),
    ("date", re.compile(rf"\b(?:by|before|no later than)\s+(?:the\s+)?end\s+of\s+{_MONTH}(?:\s+(?P<y>{_YEAR}))?", re.I)),
    ("date", re.compile(rf"\b(?:by|before|no later than|prior to)\s+(?:the\s+)?(?:end of (?:(?P<rel>this|last|next)|the) year|year[- ]end|end of (?P<y>{_YEAR}))", re.I)),
    ("date", re.compile(rf"\b(?:by|before|no later than|prior to)\s+{_MONTH}\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?(?:,?\s+(?P<y>{_YEAR}))?", re.I)),
    ("date", re.compile(rf"\b(?:by|before|no later than|prior to)\s+(?:the\s+)?(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH}(?:\s+(?P<y>{_YEAR}))?", re.I)),
    ("date", re.compile(rf"\b(?:by|before)\s+(?P<y>{_YEAR})\b(?!\d|[,.]\d|\s*(?:percent|%|yuan|tons?|t\b))", re.I)),
]
# "By the end of 2019, governments had settled ...": a report of what was done, no deadline
_EN_DONE = re.compile(r"[^.;]{0,140}?(?:\b(?:had|has|have)\s+(?:been\s+|already\s+)?[a-z]+(?:ed|en|t)\b"
                      r"|\b(?:was|were)\s+(?:completed|done|finished|met|closed|achieved)\b)", re.I)
_REL_SHIFT = {"明年": 1, "次年": 1, "next": 1, "去年": -1, "last": -1}


def _amount(raw: str) -> int | None:
    raw = raw.strip()
    value = parse_number(raw)
    if value is None:
        value = parse_en_words(re.split(r"[\s-]+", raw))
    return int(value) if value is not None else None


def resolve_deadline(unit: str, amount: int | None, m: re.Match, notice: date | None,
                     ref_year: int | None) -> tuple[str | None, list[str]]:
    if unit == "date":
        return _resolve_due_date(m, notice, ref_year)
    if notice is None:
        return None, [f"deadline {m.group(0)!r} not resolved: the notice date is unknown"]
    if amount is None:
        return None, []
    due, warnings = due_date(notice, amount, unit)
    return due.isoformat(), warnings


def _resolve_due_date(m: re.Match, notice: date | None, ref_year: int | None) -> tuple[str | None, list[str]]:
    """The due date of 6月30日前, 明年6月底前, 第三季度末前, 下月底前, 每月25日前, "by the end of last year"."""
    gd = m.groupdict()
    rel = (gd.get("rel") or "").lower()
    year = int(gd["y"]) if gd.get("y") else (notice.year if notice else ref_year)
    if year is None:
        return None, ["a deadline date without a year, and the notice date is unknown"]
    year += _REL_SHIFT.get(rel, 0)
    if gd.get("q"):
        month = 3 * ("一二三四".find(gd["q"]) + 1 if gd["q"] in "一二三四" else int(gd["q"]))
    elif gd.get("mrel") or gd.get("every"):
        if notice is None:
            return None, [f"deadline {m.group(0)!r} not resolved: the notice date is unknown"]
        month = notice.month + (1 if gd.get("mrel", "").startswith("下") else 0)
        if month > 12:
            year, month = year + 1, 1
    else:
        month = _month(m) if (gd.get("m") or gd.get("mon")) else 12
    if month is None:
        return None, []
    day = int(gd["d"]) if gd.get("d") else calendar.monthrange(year, month)[1]
    try:
        due = date(year, month, day)
    except ValueError:
        return None, [f"impossible deadline date in {m.group(0)!r}"]
    if notice and not gd.get("y") and not rel and due < notice:
        if gd.get("every"):
            month = notice.month % 12 + 1
            year = year + 1 if month == 1 else year
        else:
            year += 1
        due = date(year, month, min(day, calendar.monthrange(year, month)[1]))
    return due.isoformat(), []


@Language.factory("notices_deadlines", assigns=["doc.spans", "span._.deadline"],
                  requires=["doc._.date"])
def make_deadlines(nlp: Language, name: str):  # noqa: ANN201
    def component(doc: Doc) -> Doc:
        require(doc, "notices_deadlines", ("notices_dates",))
        v = view(doc)
        for d in find_deadlines(v):
            v.add(DEADLINE, d)
        mark_done(doc, "notices_deadlines")
        return doc

    return component


# 1 followed by 400 zeros before 个工作日内: too long for a number (_CN_NUM), left out with a warning
_ZH_HUGE = re.compile(rf"(?<!\d)\d{{{MAX_NUMBER_CHARS + 1},}}(?=\s*(?:个?\s*工作日|个月|个?\s*(?:自然日|日|天)(?:内|之内|以内)))")


def _huge_deadline(draft: NoticeView, length: int) -> None:
    draft.warn(f"a deadline's number of {length} characters is out of range and was left out")


def find_deadlines(draft: NoticeView) -> list[DeadlineInfo]:
    """Every time limit, with its due date counted from the date of the act."""
    patterns = ZH_DEADLINES if draft.lang == "zh" else EN_DEADLINES
    if draft.lang == "zh":
        for m in _ZH_HUGE.finditer(draft.norm):
            _huge_deadline(draft, len(m.group(0)))
    notice = date.fromisoformat(draft.date) if draft.date else None
    taken = Taken()
    found: list[DeadlineInfo] = []
    for unit, pattern in patterns:
        for m in pattern.finditer(draft.norm):
            s, e = m.span()
            if taken.overlaps(s, e):
                continue
            amount = _amount(m.group("n")) if "n" in m.groupdict() and m.group("n") else None
            if unit != "date" and (amount is None or amount <= 0 or amount > 1000):
                if amount is None and len(m.group("n") or "") > MAX_NUMBER_CHARS:
                    _huge_deadline(draft, len(m.group("n")))
                continue
            if unit == "date" and draft.lang == "en" and draft.norm[e - 1] != "." \
                    and _EN_DONE.match(draft.norm, e):
                continue
            due, warnings = resolve_deadline(unit, amount, m, notice, draft.year)
            for warning in warnings:
                draft.warn(warning)
            taken.add(s, e)
            found.append(DeadlineInfo(s, e, amount, unit, due))
    found.sort(key=lambda d: d.start)
    return found
