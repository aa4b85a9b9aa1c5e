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
from datetime import date

from spacy.language import Language
from spacy.tokens import Doc

from ..numerals import EN_WORDS, parse_en_words, parse_number
from .lexicon import lexicon
from .mentions import DATE, DEADLINE, DateInfo, DeadlineInfo, NoticeView, Taken, mark_done, require, view

Draft = NoticeView  # the functions below read a notice's view

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
    ("full", re.compile(rf"\b{_MONTH}\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y>{_YEAR})\b")),
    ("full", re.compile(rf"\b(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s+{_MONTH}\s+(?P<y>{_YEAR})\b")),
    ("full", re.compile(rf"(?<![\d.])(?P<y>{_YEAR})[-/.](?P<m>\d{{1,2}})[-/.](?P<d>\d{{1,2}})(?!\d)")),
    ("md", re.compile(rf"\b{_MONTH}\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\b(?:\s+(?P<rel>this year|last year|next year))?")),
    ("md", re.compile(rf"\b(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH}\b")),
    ("ym", re.compile(rf"\b{_MONTH}\s+(?:of\s+)?(?P<y>{_YEAR})\b")),
    ("y", re.compile(rf"(?<!number )(?<!No\. )(?<!No\.)(?<!#)(?<![\d,.])(?P<y>{_YEAR})(?!\d|,\d|%|\s*(?:percent|yuan|tons?|enterprises|problems|people|cases))")),
    ("m", re.compile(rf"\b(?:in|since|until|from|to|during|end of|early|late|mid-?)\s+{_MONTH}\b")),
]

HEADER_KEYS = re.compile(r"(发布时间|发布日期|时间|日期|来源|信息来源|Published|Updated|Posted|Date|Release|Source|Time)", re.I)
ZH_DATELINE = re.compile(r"(?m)^[^\n。]{0,30}?(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*日\s*电")
EN_DATELINE = re.compile(rf"(?m)^\s*[A-Z][A-Za-z .'-]{{1,40}},\s*{_MONTH}\s+(?P<d>\d{{1,2}})(?:,?\s*(?P<y>{_YEAR}))?\s*(?:\((?:Xinhua|China News|CNS|Reuters|Chinadaily|China Daily|AFP|[A-Za-z .]+)\)\s*)?[-—–]+")


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


def reference_year(draft: Draft, mentions: list[DateMention]) -> int | None:
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


def _header_date(draft: Draft, mentions: list[DateMention], ref: int | None) -> str | None:
    """A dateline ("新华社北京5月3日电", "BEIJING, May 3 (Xinhua) --") or a header line
    ("2018年05月03日 来源：…", "Published: 2019-07-22") among the first lines."""
    text = draft.norm
    lines = []
    pos = 0
    for line in text.splitlines(keepends=True):
        if line.strip():
            lines.append((pos, pos + len(line), line))
        pos += len(line)
        if len(lines) >= 8 or pos > 800:
            break
    head_end = lines[-1][1] if lines else 0
    m = (ZH_DATELINE if draft.lang == "zh" else EN_DATELINE).search(text[:head_end])
    if m:
        y = int(m.group("y")) if m.groupdict().get("y") else ref
        mo = _month(m)
        if y and mo:
            return _valid(y, mo, int(m.group("d")))
    for dm in mentions:
        if dm.start >= head_end:
            break
        if dm.kind != "full":
            continue
        line = next((ln for a, b, ln in lines if a <= dm.start < b), "")
        rest = line.replace(text[dm.start:dm.end], "").strip()
        if HEADER_KEYS.search(line) or (len(rest) <= 12 and not re.search(r"[,，。;；]", rest)) \
                or re.search(r"\b\d{1,2}:\d{2}\b", line):
            return _resolve(dm, ref)
    return None


def _early_date(draft: Draft, mentions: list[DateMention], ref: int | None) -> str | None:
    """The first full date near the top (a lead such as "（记者 某某）2024年1月25日上午，…")."""
    for dm in mentions:
        if dm.start > 300:
            break
        if dm.kind == "full":
            return _resolve(dm, ref)
    return None


_FORMAL = re.compile(r"〔\d{4}〕\s*\d+\s*号|\[\d{4}\]\s*\d+\s*号|^[^\n，。,]{2,30}[：:]\s*$", re.M)


def _formal_signature(draft: Draft, mentions: list[DateMention], ref: int | None) -> str | None:
    """A formal document (a document number, a salutation line) is dated by its signature."""
    if not _FORMAL.search(draft.norm[:600]):
        return None
    return _signature_date(draft, mentions, ref)


def _act_date(draft: Draft, mentions: list[DateMention], ref: int | None) -> str | None:
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


def _signature_date(draft: Draft, mentions: list[DateMention], ref: int | None) -> str | None:
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
    return None


_FUTURE_YEAR = re.compile(r"(?:by|until|before|through|target(?:s)? for|goal(?:s)? for|plan for)\s*$", re.I)


def _in_year_range(text: str, dm: DateMention) -> bool:
    """2016-2020, 2016—2020年: a plan's span, not the year of the news."""
    return bool(re.match(r"\s*[-—–~至到]\s*(?:19|20)\d{2}", text[dm.end:dm.end + 8])
                or re.search(r"(?:19|20)\d{2}\s*[-—–~至到]\s*$", text[max(0, dm.start - 8):dm.start]))


def _is_future_year(text: str, dm: DateMention) -> bool:
    after = text[dm.end:dm.end + 4]
    return bool(_FUTURE_YEAR.search(text[max(0, dm.start - 16):dm.start])) or after.startswith(("前", "底前", "年前", "年底前"))


def _not_before_reported(found: str, mentions: list[DateMention], draft: Draft) -> str:
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


def notice_date(draft: Draft, mentions: list[DateMention]) -> tuple[str | None, int | None]:
    ref = reference_year(draft, mentions)
    for finder in (_header_date, _formal_signature, _act_date, _signature_date, _early_date):
        found = finder(draft, mentions, ref)
        if found:
            return _not_before_reported(found, mentions, draft), ref
    if draft.date_hint:
        return draft.date_hint[:10], ref
    return None, ref


@Language.factory("notices_dates", assigns=["doc.spans", "span._.date", "doc._.date", "doc._.year"])
def make_dates(nlp: Language, name: str):  # noqa: ANN201
    def component(doc: Doc) -> Doc:
        v = view(doc)
        mentions = find_dates(v.norm, v.lang)
        for dm in mentions:
            v.add(DATE, DateInfo(dm.start, dm.end, dm.kind, dm.year, dm.month, dm.day, dm.rel))
        found, ref = notice_date(v, mentions)
        doc._.date = found
        doc._.year = int(found[:4]) if found else ref
        if found is None and any(dm.kind == "md" for dm in mentions[:5]):
            v.warnings.append("the notice gives a day and month but no year; date left empty")
        if v.title is None:
            v.title = guess_title(v)
        mark_done(doc, "notices_dates")
        return doc

    return component


def guess_title(draft: Draft) -> str | None:
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

ZH_DEADLINES = [
    ("working_day", re.compile(rf"(?P<n>{_CN_NUM})\s*个?\s*工作日(?:内|之内|以内|前)")),
    ("day", re.compile(rf"(?<![月\d])(?P<n>{_CN_NUM})\s*(?:个)?\s*(?:自然日|日|天)(?:内|之内|以内)")),
    ("day", re.compile(rf"限期\s*(?P<n>{_CN_NUM})\s*(?:日|天)")),
    ("month", re.compile(rf"(?P<n>{_CN_NUM})\s*个月(?:内|之内|以内)")),
    ("month", re.compile(rf"(?:限期|期限为?)\s*(?P<n>{_CN_NUM})\s*个月")),
    ("date", re.compile(rf"(?:(?P<y>{_YEAR})\s*年)?(?P<m>\d{{1,2}})\s*月\s*(?P<d>\d{{1,2}})\s*日?\s*(?:前|之前|以前)")),
    ("date", re.compile(rf"(?:(?P<y>{_YEAR})\s*年)?(?P<m>\d{{1,2}})\s*月(?:底|末)\s*(?:前|之前|以前)")),
    ("date", re.compile(rf"(?:(?P<y>{_YEAR})\s*年)(?:底|末)\s*(?:前|之前|以前)")),
    ("date", re.compile(rf"(?:(?P<y>{_YEAR})\s*年|今年|当年)?(?:年底|年末)\s*(?:前|之前|以前)")),
]
EN_DEADLINES = [
    ("working_day", re.compile(rf"\bwithin\s+(?P<n>{_EN_NUM})\s+(?:working|business|work)[- ]days?\b", re.I)),
    ("day", re.compile(rf"\bwithin\s+(?P<n>{_EN_NUM})\s+(?:calendar\s+|natural\s+)?days?\b", re.I)),
    ("month", re.compile(rf"\bwithin\s+(?P<n>{_EN_NUM})\s+months?\b", re.I)),
    ("date", re.compile(rf"\b(?:by|before|no later than)\s+(?:the\s+)?end\s+of\s+{_MONTH}(?:\s+(?P<y>{_YEAR}))?", re.I)),
    ("date", re.compile(rf"\b(?:by|before|no later than|prior to)\s+(?:the\s+)?(?:end of (?:this|the) year|year[- ]end|end of (?P<y>{_YEAR}))", re.I)),
    ("date", re.compile(rf"\b(?:by|before|no later than|prior to)\s+{_MONTH}\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?(?:,?\s+(?P<y>{_YEAR}))?", re.I)),
    ("date", re.compile(rf"\b(?:by|before|no later than|prior to)\s+(?:the\s+)?(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH}(?:\s+(?P<y>{_YEAR}))?", re.I)),
]


def _amount(raw: str) -> int | None:
    raw = raw.strip()
    value = parse_number(raw)
    if value is None:
        value = parse_en_words(re.split(r"[\s-]+", raw))
    return int(value) if value is not None else None


def resolve_deadline(unit: str, amount: int | None, m: re.Match, notice: date | None,
                     ref_year: int | None) -> tuple[str | None, list[str]]:
    if unit == "date":
        gd = m.groupdict()
        year = int(gd["y"]) if gd.get("y") else (notice.year if notice else ref_year)
        if year is None:
            return None, ["a deadline date without a year, and the notice date is unknown"]
        month = _month(m) if (gd.get("m") or gd.get("mon")) else 12
        if month is None:
            return None, []
        day = int(gd["d"]) if gd.get("d") else calendar.monthrange(year, month)[1]
        try:
            due = date(year, month, day)
        except ValueError:
            return None, [f"impossible deadline date in {m.group(0)!r}"]
        if notice and not gd.get("y") and due < notice:
            due = date(year + 1, month, min(day, calendar.monthrange(year + 1, month)[1]))
        return due.isoformat(), []
    if notice is None:
        return None, [f"deadline {m.group(0)!r} not resolved: the notice date is unknown"]
    if amount is None:
        return None, []
    due, warnings = due_date(notice, amount, unit)
    return due.isoformat(), warnings


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


def find_deadlines(draft: NoticeView) -> list[DeadlineInfo]:
    """Every time limit, with its due date counted from the notice's date."""
    patterns = ZH_DEADLINES if draft.lang == "zh" else EN_DEADLINES
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
                continue
            due, warnings = resolve_deadline(unit, amount, m, notice, draft.year)
            draft.warnings.extend(w for w in warnings if w not in draft.warnings)
            taken.add(s, e)
            found.append(DeadlineInfo(s, e, amount, unit, due))
    found.sort(key=lambda d: d.start)
    return found


