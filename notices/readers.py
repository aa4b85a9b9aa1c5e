"""Input readers, looked up by format name from one registry.

A reader turns a file's bytes into a :class:`Document`: the notice text plus what the container
says about it (title, publication date). Each raises a :class:`~notices.errors.NoticesError`
subclass naming the problem; nothing else escapes.

Formats: ``txt`` (any encoding :func:`~notices.text.decode` knows), ``html`` (the article's main
text, its title and publication date), ``docx`` (paragraphs and tables in reading order) and
``pdf`` (the text layer; a scanned PDF without one is an error saying so). The parsing libraries
are imported when a file of their format is first read.
"""
from __future__ import annotations

import datetime as _dt
import hashlib
import io
import re
import warnings
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path, PurePath
from typing import Any

from .errors import DecodeError, EmptyInput, NoticesError, ReadError, UnsupportedFormat
from .text import decode


@dataclass(slots=True)
class Document:
    text: str
    source: str
    sha256: str
    format: str = "txt"
    title: str | None = None
    date: str | None = None
    meta: dict[str, str] = field(default_factory=dict)


Reader = Callable[[bytes, str], Document]
READERS: dict[str, Reader] = {}
EXTENSIONS: dict[str, str] = {}

# Formats we are asked for but cannot read, with what to do instead.
_HINTS = {
    ".doc": "the old binary Word format; save it as .docx",
    ".wps": "a WPS Office file; save it as .docx",
    ".rtf": "rich text; save it as .docx",
    ".xls": "a spreadsheet, not a notice",
    ".xlsx": "a spreadsheet, not a notice",
    ".rar": "a RAR archive; repack it as .zip or .tar.gz",
    ".7z": "a 7-Zip archive; repack it as .zip or .tar.gz",
}


def register(name: str, *extensions: str) -> Callable[[Reader], Reader]:
    """Register a reader under a format name and the file extensions it handles."""

    def deco(fn: Reader) -> Reader:
        READERS[name] = fn
        for ext in extensions:
            EXTENSIONS[ext.lower()] = name
        return fn

    return deco


def sha256(raw: bytes) -> str:
    return hashlib.sha256(raw).hexdigest()


def format_of(name: str) -> str:
    # Member names of Windows archives use backslashes; the suffix is what follows the last dot.
    suffix = PurePath(name.replace("\\", "/")).suffix.lower()
    if suffix in EXTENSIONS:
        return EXTENSIONS[suffix]
    hint = _HINTS.get(suffix)
    raise UnsupportedFormat(
        f"unsupported file type {suffix!r}" + (f": {hint}" if hint else
                                               f" (readable: {', '.join(sorted(READERS))})"),
        path=name,
    )


def read_bytes(raw: bytes, source: str, fmt: str | None = None) -> Document:
    """Read one file's bytes; ``fmt`` defaults to the format its name says."""
    fmt = fmt or format_of(source)
    if fmt not in READERS:
        raise UnsupportedFormat(f"no reader for format {fmt!r}", path=source)
    return READERS[fmt](raw, source)


def read_path(path: str | Path, *, max_bytes: int | None = None) -> Document:
    """Read one file from disk."""
    p = Path(path)
    try:
        if p.is_dir():
            raise ReadError("is a folder, not a file", path=str(path))
        size = p.stat().st_size
        if max_bytes is not None and size > max_bytes:
            raise ReadError(f"file is {size} bytes, over the limit of {max_bytes}", path=str(path))
        raw = p.read_bytes()
    except FileNotFoundError:
        raise ReadError("no such file", path=str(path)) from None
    except PermissionError:
        raise ReadError("permission denied", path=str(path)) from None
    except IsADirectoryError:
        raise ReadError("is a folder, not a file", path=str(path)) from None
    except OSError as exc:
        raise ReadError(exc.strerror or str(exc), path=str(path)) from None
    return read_bytes(raw, str(path))


# --------------------------------------------------------------------------------------- txt


@register("txt", ".txt", ".text", "")
def read_txt(raw: bytes, source: str) -> Document:
    return Document(text=decode(raw, path=source), source=source, sha256=sha256(raw), format="txt")


# -------------------------------------------------------------------------------------- dates

_ISO_ISH = re.compile(r"((?:19|20)\d\d)\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})")
_COMPACT = re.compile(r"(?<!\d)((?:19|20)\d\d)(\d\d)(\d\d)(?!\d)")
_MONTHS = {m: i for i, m in enumerate(
    ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"], 1)}
_EN_DATE = re.compile(
    r"\b(?:(\d{1,2})\s+)?(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+"
    r"(?:(\d{1,2}),?\s+)?((?:19|20)\d\d)\b", re.I)


def _iso(year: str | int, month: str | int, day: str | int) -> str | None:
    try:
        return _dt.date(int(year), int(month), int(day)).isoformat()
    except ValueError:
        return None


def parse_date(value: str) -> str | None:
    """An ISO date from the forms pages use: ``2018-05-03``, ``2018年5月3日``, ``20180503``,
    ``May 3, 2018``, ``3 May 2018``, ``2018-05-03T10:00:00+08:00``. None when there is none."""
    m = _ISO_ISH.search(value)
    if m:
        return _iso(*m.groups())
    m = _EN_DATE.search(value)
    if m:
        day = m.group(1) or m.group(3)
        if day:
            return _iso(m.group(4), _MONTHS[m.group(2).lower()[:3]], day)
    m = _COMPACT.search(value)
    if m:
        return _iso(*m.groups())
    return None


# --------------------------------------------------------------------------------------- html

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
_GB_NAMES = {"gb2312", "gbk", "gb_2312-80", "x-gbk", "gb18030", "cp936", "windows-936", "euc-cn", "hz-gb-2312"}
_BIG5_NAMES = {"big5", "big5-hkscs", "x-x-big5", "cp950"}

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


def _html_text(raw: bytes, source: str) -> str:
    """Decode a page: UTF-8 if it is valid UTF-8 (pages often declare gb2312 wrongly), else the
    charset the page declares (GB names read as GB18030, their superset), else detection."""
    if b"\x00" in raw[:8192] and not raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise DecodeError("binary data, not an HTML page (NUL bytes)", path=source)
    if not raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            pass
        else:
            if not text.strip():
                raise EmptyInput("the file is empty", path=source)
            return text
        m = _CHARSET.search(raw[:4096])
        if m:
            name = m.group(1).decode("ascii", "replace").lower()
            enc = "gb18030" if name in _GB_NAMES else "big5hkscs" if name in _BIG5_NAMES else name
            try:
                return raw.decode(enc)
            except (LookupError, UnicodeDecodeError):
                pass
    return decode(raw, path=source)


def _clean(text: str | None) -> str:
    return _WS.sub(" ", text or "").strip()


def _meta(soup: Any) -> dict[str, str]:
    found: dict[str, str] = {}
    for tag in soup.find_all("meta"):
        key = tag.get("name") or tag.get("property") or tag.get("itemprop") or tag.get("http-equiv")
        content = tag.get("content")
        if isinstance(key, str) and isinstance(content, str) and content.strip():
            found.setdefault(key.strip().lower(), _clean(content))
    return found


def _page_title(soup: Any, meta: dict[str, str]) -> str | None:
    for key in _TITLE_META:
        if meta.get(key):
            return meta[key]
    headings = [_clean(h.get_text(" ")) for h in soup.find_all(["h1", "h2"], limit=10)]
    headings = [h for h in headings if len(h) >= 4]
    title_tag = _clean(soup.title.get_text(" ")) if soup.title else ""
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
    page = _clean(soup.get_text(" "))
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


@register("html", ".html", ".htm", ".shtml", ".xhtml")
def read_html(raw: bytes, source: str) -> Document:
    """The article of a web page: its main text, title and publication date."""
    from bs4 import BeautifulSoup

    markup = _html_text(raw, source)
    if "<" not in markup[:4096]:
        # A text file that merely carries an .html name: read it as text.
        text, title, date, meta = markup.strip(), None, None, {}
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
        sizes = _measure(soup)
        skip = _skipped(soup, sizes)
        text = _layout_text(_main_content(soup.body or soup, skip, sizes), skip)
        if title and _clean(title)[:40] not in _clean(text[:400 + len(title)]):
            text = f"{title}\n{text}" if text else title
    if not text.strip():
        raise EmptyInput("the page has no text", path=source)
    extra = {k: meta[k] for k in ("source", "author", "keywords") if meta.get(k)}
    return Document(text=text, source=source, sha256=sha256(raw), format="html", title=title,
                    date=date, meta=extra)


# --------------------------------------------------------------------------------------- docx

_OFFICE_MAX_EXPANDED = 512 * 1024 * 1024
_OFFICE_MAX_RATIO = 200
_OFFICE_RATIO_FLOOR = 4 * 1024 * 1024


def _check_office_zip(raw: bytes, source: str, what: str) -> None:
    """A .docx is a zip: refuse one that is not, or that would expand like a zip bomb."""
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as zf:
            infos = zf.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError) as exc:
        reason = "truncated or not a zip container" if "zip file" in str(exc) else str(exc)
        raise ReadError(f"not a valid {what} file ({reason})", path=source) from None
    total = sum(i.file_size for i in infos)
    if total > _OFFICE_MAX_EXPANDED:
        raise ReadError(f"{what} file expands to {total} bytes, over the limit of "
                        f"{_OFFICE_MAX_EXPANDED} (a zip bomb?)", path=source)
    for info in infos:
        if info.file_size > _OFFICE_RATIO_FLOOR and info.file_size > _OFFICE_MAX_RATIO * max(1, info.compress_size):
            raise ReadError(f"{what} part {info.filename!r} expands {info.file_size // max(1, info.compress_size)}"
                            f" times, over the limit of {_OFFICE_MAX_RATIO} (a zip bomb?)", path=source)


def _docx_blocks(container: Any, depth: int = 0) -> Iterator[str]:
    """Paragraphs and table rows (cells joined by tabs, merged cells once) in reading order."""
    from docx.table import Table

    for block in container.iter_inner_content():
        if isinstance(block, Table):
            for row in block.rows:
                cells: list[str] = []
                seen: set[int] = set()
                for cell in row.cells:
                    if id(cell._tc) in seen:  # a merged cell repeats across the columns it spans
                        continue
                    seen.add(id(cell._tc))
                    if depth < 3:
                        cells.append(" ".join(_docx_blocks(cell, depth + 1)))
                    else:
                        cells.append(cell.text)
                line = "\t".join(c.strip() for c in cells)
                if line.strip():
                    yield line
        else:
            text = block.text.strip()
            if text:
                yield text


@register("docx", ".docx")
def read_docx(raw: bytes, source: str) -> Document:
    """A Word document: paragraphs and tables in order; the title from its properties or a
    Title/Heading 1 paragraph."""
    _check_office_zip(raw, source, "Word .docx")
    try:
        import docx

        document = docx.Document(io.BytesIO(raw))
        lines = list(_docx_blocks(document))
        props = document.core_properties
        title = _clean(props.title) or None
        created = props.created
        if title is None:
            for para in document.paragraphs[:20]:
                style = (para.style.name if para.style is not None else "") or ""
                if para.text.strip() and (style == "Title" or style.startswith("Heading 1")):
                    title = _clean(para.text)
                    break
    except NoticesError:
        raise
    except Exception as exc:  # noqa: BLE001 - python-docx and lxml fail in many ways on broken files
        raise ReadError(f"not a readable Word .docx file ({type(exc).__name__}: {exc})", path=source) from None
    text = "\n".join(lines)
    if not text.strip():
        raise EmptyInput("the Word document has no text", path=source)
    meta = {"created": created.date().isoformat()} if isinstance(created, _dt.datetime) else {}
    return Document(text=text, source=source, sha256=sha256(raw), format="docx", title=title, meta=meta)


# ---------------------------------------------------------------------------------------- pdf

_JUNK_PDF_TITLE = re.compile(r"^(microsoft word - |untitled|无标题)|\.(docx?|wps|pdf)$", re.I)


@register("pdf", ".pdf")
def read_pdf(raw: bytes, source: str) -> Document:
    """A PDF's text layer, page by page. A PDF without one (a scan) is an error saying so."""
    if b"%PDF-" not in raw[:1024]:
        raise ReadError("not a PDF file (no %PDF header)", path=source)
    import logging

    logging.getLogger("pypdf").setLevel(logging.ERROR)  # pypdf warns on every repaired xref
    try:
        from pypdf import PdfReader

        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            reader = PdfReader(io.BytesIO(raw), strict=False)
            if reader.is_encrypted:
                try:
                    opened = reader.decrypt("")
                except Exception:  # noqa: BLE001 - unsupported encryption algorithms and the like
                    opened = 0
                if not opened:
                    raise ReadError("the PDF is encrypted; it needs a password", path=source)
            pages = [page.extract_text() or "" for page in reader.pages]
    except NoticesError:
        raise
    except Exception as exc:  # noqa: BLE001 - pypdf raises many kinds of error on broken files
        raise ReadError(f"not a readable PDF ({type(exc).__name__}: {exc})", path=source) from None
    text = "\n".join(page.strip("\n") for page in pages if page.strip())
    if not text.strip():
        raise EmptyInput(
            f"the PDF has no text layer ({len(pages)} page{'s' if len(pages) != 1 else ''}: "
            "a scanned image?); it needs OCR before it can be read", path=source)
    title, created = None, None
    try:  # metadata is a nicety: a broken info dictionary does not lose the text
        info = reader.metadata
        if info is not None:
            title = _clean(info.title) or None
            created = info.creation_date
    except Exception:  # noqa: BLE001
        pass
    if title and _JUNK_PDF_TITLE.search(title):
        title = None
    meta = {"created": created.date().isoformat()} if isinstance(created, _dt.datetime) else {}
    return Document(text=text, source=source, sha256=sha256(raw), format="pdf", title=title, meta=meta)
