"""Page text as a reader sees it: the lines a PDF's text layer gives, made paragraphs again.

A PDF has no paragraphs, only lines placed on pages. :func:`reflow` drops what repeats at the
top or bottom of the pages (a running header such as 生态环境部文件, the page numbers
"— 3 —", "第3页 共8页", "Page 3 of 8") and joins the lines a paragraph was wrapped into: with no
space inside a Chinese sentence (so "浓度为2.1" + "毫克/升" reads 浓度为2.1毫克/升), a
hyphenated English word made whole again, one space between other words. A line ends a
paragraph when it is clearly shorter than the page's full lines, or when the next one is
indented. Pure functions on strings; the PDF reader calls them.
"""
from __future__ import annotations

import re
import unicodedata
from collections import Counter

_PAGE_NUMBER = re.compile(
    r"^\s*(?:[-—–－_·•]*\s*\d{1,4}\s*[-—–－_·•]*|第\s*\d{1,4}\s*页(?:\s*[,，/]?\s*共\s*\d{1,4}\s*页)?|"
    r"共\s*\d{1,4}\s*页\s*第\s*\d{1,4}\s*页|\d{1,4}\s*/\s*\d{1,4}|(?:page|p\.)\s*\d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?)\s*$",
    re.I)
_DIGITS = re.compile(r"\d+")
_WIDE = re.compile(r"[\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\uff00-\uffef\u3000-\u303f]")
# Between a Chinese character and a Latin letter or digit, PDF tools put the gap they see as a
# space ("2014 年 12 月"); Chinese text has none.
_WIDE_GAP = re.compile(r"(?<=[\u4e00-\u9fff\u3000-\u303f\uff00-\uffef]) (?=[A-Za-z0-9])|"
                       r"(?<=[A-Za-z0-9%‰℃]) (?=[\u4e00-\u9fff\u3000-\u303f\uff00-\uffef])")
_INDENT = re.compile(r"^(?:\u3000|\s{2,})")
# Lines that start a paragraph whatever the line before: a date or 来源 line under a title, the
# heads of numbered sections (一、 （二） 3．).
_OPENS = re.compile(r"^(?:(?:19|20)\d\d\s*[年\-/.]\s*\d{1,2}\s*[月\-/.]\s*\d{1,2}\s*日?(?:\s|$)|(?:来源|发布时间|发布日期|日期|时间)\s*[:：]|"
                    r"[一二三四五六七八九十]{1,3}、|[（(][一二三四五六七八九十\d]{1,3}[)）]|\d{1,2}\s*[.、．](?!\d))")
CJK_FULL, LATIN_FULL = 0.86, 0.7  # a line at least this share of a full line's width wraps on
_MIN_FULL = 30  # columns: pages of short lines only (lists, tables) are never joined
_EDGE = 3  # lines at the top and at the bottom of a page that may be furniture


def width(line: str) -> int:
    """Display width: a Chinese character is two columns, and so are the quotes and dashes of
    ambiguous width (“” — …) in a Chinese line, where Chinese fonts draw them full width."""
    wide = "WFA" if len(_WIDE.findall(line)) * 2 >= len(line) else "WF"
    return sum(2 if unicodedata.east_asian_width(ch) in wide else 1 for ch in line)


def furniture(pages: list[list[str]]) -> set[tuple[int, int]]:
    """(page, line) positions of running headers and footers and of page numbers: lines near a
    page's edge that are page numbers, or that recur (digits aside) on most pages."""
    if not pages:
        return set()
    edges: list[list[int]] = []
    for lines in pages:
        filled = [i for i, line in enumerate(lines) if line.strip()]
        edges.append(sorted(set(filled[:_EDGE] + filled[-_EDGE:])))
    counts: Counter[str] = Counter()
    for p, positions in enumerate(edges):
        counts.update({_DIGITS.sub("#", pages[p][i].strip()) for i in positions})
    recurring = {key for key, n in counts.items() if len(pages) >= 3 and n >= max(3, 0.6 * len(pages))
                 or len(pages) == 2 and n == 2 and len(key) <= 40}
    found = set()
    for p, positions in enumerate(edges):
        for i in positions:
            line = pages[p][i].strip()
            if _PAGE_NUMBER.match(line) or _DIGITS.sub("#", line) in recurring:
                found.add((p, i))
    return found


def _glue(before: str, after: str) -> str:
    """``before`` and ``after`` (a wrapped line's end and the next line) as one line."""
    if before.endswith("-") and len(before) > 1 and before[-2].isalpha() and after[:1].islower():
        return before[:-1] + after  # a word hyphenated at the wrap
    if _WIDE.match(before[-1:]) or _WIDE.match(after[:1]):
        return before + after
    if re.search(r"[\u4e00-\u9fff]\d+\.$", before) and after[:1].isdigit():
        return before + after  # 浓度为2. | 1毫克/升
    return before + " " + after


def reflow(pages: list[str]) -> str:
    """The text of the pages, furniture dropped and wrapped lines joined into paragraphs."""
    split = [page.replace("\r\n", "\n").replace("\r", "\n").split("\n") for page in pages]
    drop = furniture(split)
    lines = [line.rstrip() for p, page in enumerate(split) for i, line in enumerate(page)
             if (p, i) not in drop]
    widths = sorted(width(line.strip()) for line in lines if len(line.strip()) >= 4)
    full = widths[int(len(widths) * 0.9)] if widths else 0  # the width of a full line
    paragraphs: list[str] = []
    current, wraps = "", False
    for line in lines:
        text = line.strip()
        if not text:
            if current:
                paragraphs.append(current)
            current = ""
            continue
        if current and (_INDENT.match(line) or _OPENS.match(text) or not wraps):
            paragraphs.append(current)
            current = ""
        wraps = _wraps(text, full)
        text = _WIDE_GAP.sub("", text)
        current = _glue(current, text) if current else text
    if current:
        paragraphs.append(current)
    return "\n".join(paragraphs)


def _wraps(line: str, full: int) -> bool:
    """Whether a paragraph goes on after ``line``: the line is (nearly) as wide as a full line
    (Chinese lines fill the measure to a character; proportional Latin text less evenly). A
    full line that ends a sentence is taken as a wrap too: joining two paragraphs at a 。
    loses nothing, splitting one would."""
    if full < _MIN_FULL:
        return False
    wide = len(_WIDE.findall(line))
    return width(line) >= (CJK_FULL if wide * 2 >= len(line) else LATIN_FULL) * full
