"""Web pages: the article's main text, title and publication date.

The page is decoded by :func:`~notices.decode.decode_bytes` (its ``<meta charset>`` honoured).
The main text is trafilatura's; on top go the page title and the 发布时间/来源 line of Chinese
news and government pages, which trafilatura leaves out as furniture but which give a notice its
date and issuing office. Where trafilatura finds nothing, our own reading decides: the first
known CMS container (TRS_Editor and the like), else the element whose paragraphs carry the most
text that is not links. Title and date: the page's metadata and labelled lines first, then
trafilatura's.

Measured with ``benchmarks/bench_read.py`` on trafilatura's evaluation set (990 pages), F1:
0.925 this way; 0.926 without the title on top; 0.923 with comments kept; 0.921 with
trafilatura's ``favor_precision``, 0.919 with ``favor_recall``; 0.820 with our reading alone.
"""
from __future__ import annotations

import re
import warnings
from collections.abc import Iterator
from typing import Any

from ..decode import clean_text, decode_bytes
from ..errors import EmptyInput, ReadError
from .dates import parse_date
from .registry import Document, clean_space, register, sha256


# <meta> names (lower case) that carry the publication date, best first.
_DATE_META = (
    "pubdate", "publishdate", "publish_date", "publishtime", "published_time", "firstpublishedtime",
    "article:published_time", "og:article:published_time", "og:published_time", "datepublished",
    "dc.date.issued", "dcterms.issued", "dc.date", "dcterms.date", "date", "weibo:article:create_at",
)
_TITLE_META = ("articletitle", "og:title", "twitter:title", "dc.title", "title")
# A labelled date in the page: 发布时间：2018-05-03, 发布日期: 2018年5月3日, Published: May 3, 2018.
_DATE_LABEL = re.compile(
    r"(发布时间|发布日期|发文日期|成文日期|发表时间|发表日期|印发日期|日期|时间|"
    r"published(?:\s+on)?|publication date|release date|date)\s*[:：]?\s*"
    r"(\d{4}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}"
    r"|\d{1,2}\s+[a-z]{3,9}\.?\s+\d{4}|[a-z]{3,9}\.?\s+\d{1,2},?\s+\d{4})",
    re.I,
)
_STRONG_LABELS = ("发布时间", "发布日期", "发文日期", "成文日期", "发表时间", "发表日期", "印发日期",
                  "published", "publication date", "release date")
# Chinese government sites name article pages /t20180503_1234.html.
_URL_DATE = re.compile(r"/t((?:19|20)\d{6})_\d+")
_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_\-:.]+)""", re.I)

_DROP_TAGS = ("script", "style", "noscript", "template", "iframe", "object", "embed", "svg", "canvas",
              "nav", "aside", "form", "button", "select", "textarea", "input", "footer", "head")
_BLOCK_TAGS = ("p", "div", "section", "article", "main", "header", "h1", "h2", "h3", "h4", "h5", "h6",
               "li", "ul", "ol", "dl", "dt", "dd", "table", "tr", "blockquote", "pre", "address",
               "figure", "figcaption", "center", "hr", "tbody", "thead", "tfoot", "caption")
# Containers the common Chinese government CMSs (TRS and others) put the article in, best first.
_CONTENT_SELECTORS = (
    ("class", "TRS_Editor"), ("class", "TRS_UEDITOR"), ("id", "ContentRegion"), ("id", "zoom"),
    ("class", "pages_content"), ("class", "article-content"), ("class", "article_content"),
    ("class", "articleContent"), ("id", "articleContent"), ("class", "content_text"), ("class", "news_content"),
    ("class", "detail-content"), ("class", "detail_content"), ("class", "xl_content"), ("class", "con_text"),
    ("id", "Content"), ("tag", "article"), ("itemprop", "articleBody"), ("class", "article"), ("id", "article"),
    ("class", "content"), ("id", "content"), ("tag", "main"),
)
# Page furniture by class or id: share buttons, breadcrumbs, font-size and print links.
_JUNK_ATTR = re.compile(r"share|bdshare|breadcrumb|crumb|fontsize|font-size|print|pagination|"
                        r"related|recommend|copyright|toolbar|(^|[-_])(nav|menu|foot|footer)([-_]|$)", re.I)
_NEWLINE, _TAB = "\ue000", "\ue001"
_WS = re.compile(r"[ \t\r\n\f\v\u00a0\u200b]+")
_HAN = re.compile(r"[\u4e00-\u9fff]")


def _declared_charset(raw: bytes) -> str | None:
    m = _CHARSET.search(raw[:4096])
    return m.group(1).decode("ascii", "replace") if m else None


def _meta(soup: Any) -> dict[str, str]:
    found: dict[str, str] = {}
    for tag in soup.find_all("meta"):
        key = tag.get("name") or tag.get("property") or tag.get("itemprop") or tag.get("http-equiv")
        content = tag.get("content")
        if isinstance(key, str) and isinstance(content, str) and content.strip():
            found.setdefault(key.strip().lower(), clean_space(content))
    return found


def _page_title(soup: Any, meta: dict[str, str]) -> str | None:
    for key in _TITLE_META:
        if meta.get(key):
            return meta[key]
    headings = [clean_space(h.get_text(" ")) for h in soup.find_all(["h1", "h2"], limit=10)]
    headings = [h for h in headings if len(h) >= 4]
    title_tag = clean_space(soup.title.get_text(" ")) if soup.title else ""
    if title_tag:
        # "生态环境部约谈晋城等三市_中华人民共和国生态环境部": the article comes before the site.
        first = re.split(r"\s*(?:_|\||｜|－|——| - | – )\s*", title_tag)[0].strip()
        first = first if len(first) >= 4 else title_tag
        for h in headings:
            if h.startswith(first) or first.startswith(h) or h in title_tag:
                return h if len(h) >= len(first) else first
        return first
    return headings[0] if headings else None


def _page_date(soup: Any, meta: dict[str, str]) -> str | None:
    for key in _DATE_META:
        if key in meta and (date := parse_date(meta[key])):
            return date
    for tag in soup.find_all(["time", "span", "div", "meta"], attrs={"itemprop": "datePublished"}, limit=3):
        if date := parse_date(tag.get("content") or tag.get("datetime") or tag.get_text(" ")):
            return date
    for tag in soup.find_all("time", limit=5):
        if date := parse_date(tag.get("datetime") or tag.get_text(" ")):
            return date
    page = clean_space(soup.get_text(" "))
    labelled = [(m.group(1).lower(), parse_date(m.group(2))) for m in _DATE_LABEL.finditer(page)]
    for label, date in labelled:
        if date and label in _STRONG_LABELS:
            return date
    for label, date in labelled:
        if date:
            return date
    for link in soup.find_all("link", rel="canonical", limit=1):
        if m := _URL_DATE.search(link.get("href") or ""):
            return parse_date(m.group(1))
    if m := _URL_DATE.search(meta.get("og:url", "")):
        return parse_date(m.group(1))
    return None


_FURNITURE_TAGS = frozenset(("div", "span", "p", "ul", "section", "td"))
# A line break in the page source between two Chinese characters is not a space in the text.
# ... and in the markup, before trafilatura reads it (which makes such a break a space).
_CJK_BREAK = re.compile(r"(?<=[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef])[ \t]*\r?\n\s*(?=[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef])")
_CJK_GAP = re.compile(r"(?<=[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]) (?=[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef])")


def _measure(root: Any) -> dict[int, tuple[int, int, int]]:
    """For every element (by ``id``): its text length, the part of it inside links, and its
    Chinese characters; scripts and the like count nothing. One pass, after the children."""
    from bs4 import NavigableString

    sizes: dict[int, tuple[int, int, int]] = {}
    stack: list[tuple[Any, bool]] = [(root, False)]
    while stack:
        node, done = stack.pop()
        if not done:
            if node.name in _DROP_TAGS:
                sizes[id(node)] = (0, 0, 0)
                continue
            stack.append((node, True))
            stack.extend((child, False) for child in node.contents if not isinstance(child, NavigableString))
            continue
        text = links = han = 0
        for child in node.contents:
            if isinstance(child, NavigableString):
                if type(child) is NavigableString:
                    stripped = child.strip()
                    text += len(stripped)
                    han += len(_HAN.findall(stripped))
            else:
                t, ln, h = sizes[id(child)]
                text, han = text + t, han + h
                links += t if child.name == "a" else ln
        sizes[id(node)] = (text, links, han)
    return sizes


def _skipped(soup: Any, sizes: dict[int, tuple[int, int, int]]) -> set[int]:
    """The elements left out of the text (by ``id``): scripts and styles, navigation, forms,
    footers, and small page furniture known by its class or id (share buttons, breadcrumbs)."""
    skip = {id(tag) for tag in soup.find_all(_DROP_TAGS)}
    for tag in soup.find_all(_FURNITURE_TAGS):
        names = tag.get("class") or []
        if isinstance(tag.get("id"), str):
            names = [*names, tag["id"]]
        if names and _JUNK_ATTR.search(" ".join(names)) and sizes.get(id(tag), (0,))[0] < 200:
            skip.add(id(tag))
    return skip


def _walk_text(root: Any, skip: set[int]) -> str:
    """The text under ``root`` less the skipped elements, with a line break around each block
    element and a tab before each table cell. Iterative: no recursion limit, and no change to
    the tree (which costs bs4 time in proportion to the siblings)."""
    from bs4 import CData, NavigableString

    parts: list[str] = []
    stack: list[tuple[Any, bool]] = [(root, False)]
    while stack:
        node, closing = stack.pop()
        if closing:
            parts.append(_NEWLINE)
            continue
        if isinstance(node, NavigableString):
            if type(node) is NavigableString or isinstance(node, CData):
                parts.append(node)
            continue
        if id(node) in skip:
            continue
        if node.name == "br":
            parts.append(_NEWLINE)
            continue
        if node.name in ("td", "th"):
            parts.append(_TAB)
        if node.name in _BLOCK_TAGS:
            parts.append(_NEWLINE)
            stack.append((node, True))
        stack.extend((child, False) for child in reversed(node.contents))
    return "".join(parts)


def _layout_text(el: Any, skip: set[int]) -> str:
    text = _CJK_GAP.sub("", _WS.sub(" ", _walk_text(el, skip)))
    text = text.replace(_TAB, "\t").replace(_NEWLINE, "\n")
    lines = (re.sub(r" *\t[\t ]*", "\t", line).strip(" \t\u3000") for line in text.split("\n"))
    return "\n".join(line for line in lines if line)


def _selector_matches(tag: Any) -> Iterator[tuple[str, str]]:
    yield "tag", tag.name
    for name in tag.get("class") or ():
        yield "class", name
    if isinstance(tag.get("id"), str):
        yield "id", tag["id"]
    if isinstance(tag.get("itemprop"), str):
        yield "itemprop", tag["itemprop"]


def _main_content(body: Any, skip: set[int], sizes: dict[int, tuple[int, int, int]]) -> Any:
    # One pass over the page collects the elements of the known containers, in document order.
    wanted = set(_CONTENT_SELECTORS)
    found: dict[tuple[str, str], list[Any]] = {}
    for tag in body.find_all(True):
        if id(tag) in skip:
            continue
        for key in _selector_matches(tag):
            if key in wanted:
                found.setdefault(key, []).append(tag)
    for selector in _CONTENT_SELECTORS:
        for el in found.get(selector, ())[:3]:
            text, _, han = sizes.get(id(el), (0, 0, 0))
            if han >= 10 or text >= 80:
                return el
    # No known container: the element whose paragraphs carry the most text, less link text.
    scores: dict[int, float] = {}
    elements: dict[int, Any] = {}
    for para in body.find_all(["p", "td", "pre", "div"]):
        if id(para) in skip:
            continue
        if para.name == "div" and para.find(["p", "div", "table"], recursive=False) is not None:
            continue
        text, links, _ = sizes.get(id(para), (0, 0, 0))
        if text - links < 20:
            continue
        parent = para.parent
        for weight in (1.0, 0.5):
            if parent is None:
                break
            scores[id(parent)] = scores.get(id(parent), 0.0) + (text - links) * weight
            elements[id(parent)] = parent
            parent = parent.parent
    if scores:
        best = elements[max(scores, key=scores.__getitem__)]
        if sizes.get(id(best), (0,))[0] * 3 >= sizes.get(id(body), (0,))[0]:
            return best
    return body


# The header line of Chinese news and government pages, above the article: 发布时间：… 来源：…
_HEADER_LABEL = re.compile(r"(发布时间|发布日期|发文日期|成文日期|印发日期|发表时间|来源|信息来源|文章来源)\s*[:：]")
_HEADER_JUNK = re.compile(r"[【\[][^】\]]{0,40}[】\]]|字[体号]\s*[:：]\s*[大中小\s]+|打印(本页)?|关闭(窗口)?|"
                          r"分享到\s*[:：]?|收藏|纠错|浏览次数\s*[:：]?\s*\d*|阅读(量|次数)?\s*[:：]\s*\d*")
_TABLE_ROW = re.compile(r"^\|(.*)\|\s*$")


def _header_lines(soup: Any) -> list[str]:
    """The page's 发布时间/来源 line(s): what trafilatura leaves out as page furniture, and
    where a Chinese notice gives its date and issuing office."""
    lines: list[str] = []
    for found in soup.find_all(string=_HEADER_LABEL, limit=6):
        el = found.parent
        while el is not None and el.name in ("span", "a", "b", "strong", "em", "font", "label", "i"):
            el = el.parent
        if el is None or el.name in _DROP_TAGS:
            continue
        line = clean_space(_HEADER_JUNK.sub(" ", el.get_text(" ")))
        if 6 <= len(line) <= 160 and line not in lines and not any(line in seen for seen in lines):
            lines.append(line)
        if len(lines) == 2:
            break
    return lines


def _trafilatura(markup: str) -> Any:
    """trafilatura's reading of the page (main text and metadata), or None."""
    import logging

    logging.getLogger("trafilatura").setLevel(logging.CRITICAL)
    logging.getLogger("htmldate").setLevel(logging.CRITICAL)
    from trafilatura import bare_extraction

    try:
        # htmldate's extensive search runs dateparser over every locale (seconds on a first
        # page); the page's own date signals are read by _page_date.
        return bare_extraction(markup, include_comments=False, include_tables=True, with_metadata=True,
                               date_extraction_params={"extensive_search": False, "original_date": True})
    except Exception:  # noqa: BLE001 - its failures on a broken page: our own reading takes over
        return None


def _plain(text: str) -> str:
    """trafilatura's text with its table rows (``| a | b |``) as tab-separated cells, as the
    other readers give them."""
    lines = []
    for line in text.splitlines():
        if m := _TABLE_ROW.match(line):
            line = "\t".join(cell.strip() for cell in m.group(1).split("|"))
        lines.append(line.strip(" \u3000"))
    return "\n".join(line for line in lines if line.strip())


def _with_head(text: str, title: str | None, header: list[str]) -> str:
    """``text`` with the title on top and the header lines under it, where they are missing."""
    missing = [h for h in header if clean_space(h) not in clean_space(text)]
    for h in header:  # a header line run into the text (a layout table's cell): its own line
        at = text.find(h)
        if at >= 0 and text[at + len(h):at + len(h) + 1] == " ":
            text = f"{text[:at + len(h)]}\n{text[at + len(h) + 1:]}"
    head = []
    if title and clean_space(title)[:40] not in clean_space(text[:400 + len(title)]):
        head.append(title)
    elif title and text.startswith(title) and missing:
        first, _, rest = text.partition("\n")
        return "\n".join([first, *missing, rest]).strip("\n")
    return "\n".join([*head, *missing, text]).strip("\n")


@register("html", ".html", ".htm", ".shtml", ".xhtml")
def read_html(raw: bytes, source: str) -> Document:
    """The article of a web page: its main text (trafilatura's reading, or ours when it finds
    none) with the title and the 发布时间/来源 line, its title and publication date."""
    from bs4 import BeautifulSoup

    decoded = decode_bytes(raw, declared=_declared_charset(raw), path=source)
    markup, notes = decoded.text, list(decoded.warnings)
    extra = {"encoding": decoded.encoding}
    if "<" not in markup[:4096]:
        # A text file that merely carries an .html name: read it as text.
        text, title, date = markup.strip(), None, None
    else:
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                soup = BeautifulSoup(markup, "lxml")
        except Exception as exc:  # noqa: BLE001 - the parser's failures are this file's problem
            raise ReadError(f"not a readable HTML page ({type(exc).__name__}: {exc})", path=source) from None
        meta = _meta(soup)
        title = _page_title(soup, meta)
        date = _page_date(soup, meta)
        found = _trafilatura(_CJK_BREAK.sub("", markup))
        text = _plain(clean_text(found.text)[0]) if found is not None and found.text else ""
        if found is not None:
            title = title or (clean_space(found.title) or None)
            date = date or (parse_date(found.date) if found.date else None)
            if found.sitename:
                extra["site"] = clean_space(found.sitename)
        if not text.strip():
            sizes = _measure(soup)
            skip = _skipped(soup, sizes)
            text = _layout_text(_main_content(soup.body or soup, skip, sizes), skip)
        text = _with_head(text, title, _header_lines(soup))
        extra.update({k: meta[k] for k in ("source", "author", "keywords") if meta.get(k)})
    if not text.strip():
        raise EmptyInput("the page has no text", path=source)
    return Document(text=text, source=source, sha256=sha256(raw), format="html", title=title,
                    date=date, meta=extra, warnings=notes)
