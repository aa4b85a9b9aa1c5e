"""Notice files in every readable format, made from plain text.

The benchmark builds its archives with these, and the tests their fixtures: a ministry-style
HTML page (GB18030 or UTF-8, the date in a ``发布时间：`` line), a Word file with a table, a PDF
with a text layer (Adobe's built-in Chinese font, so nothing is embedded) and a scanned PDF
with none.
"""
from __future__ import annotations

import html
import io
import zlib

_PAGE = """<!DOCTYPE html>
<html><head><meta http-equiv="Content-Type" content="text/html; charset={charset}">
<title>{title}_中华人民共和国生态环境部</title>
<meta name="keywords" content="约谈,督察">
</head><body>
<div class="top"><a href="/">首页</a> | <a href="/xxgk/">信息公开</a> | <a href="/hjzl/">环境质量</a></div>
<nav><ul><li><a href="/ywdt/">要闻动态</a></li><li><a href="/xwfb/">新闻发布</a></li></ul></nav>
<div class="main">
  <h1>{title}</h1>
  <div class="info">{date_line}　来源：生态环境部　【字体：<a href="#">大</a> <a href="#">中</a> <a href="#">小</a>】</div>
  <div class="TRS_Editor">
{paragraphs}
  </div>
  <div class="share">分享到：<a href="#">微信</a> <a href="#">微博</a></div>
</div>
<footer><p>版权所有：中华人民共和国生态环境部　ICP备案编号:京ICP备05009132号</p></footer>
</body></html>
"""


def split_title(text: str) -> tuple[str, str]:
    """The first line of a notice as its title, and the rest as its body."""
    first, _, rest = text.strip().partition("\n")
    return first.strip(), rest.strip() or first.strip()


def to_txt(text: str, encoding: str = "utf-8") -> bytes:
    """Plain text in ``encoding`` (``utf-8-sig`` gives a BOM; ``gb18030`` and ``big5`` too)."""
    return text.encode(encoding, errors="replace" if encoding == "big5" else "strict")


def to_html(text: str, *, date: str | None = None, encoding: str = "utf-8") -> bytes:
    """A ministry-style article page: navigation, the title, a 发布时间 line, the text, a footer."""
    title, body = split_title(text)
    paragraphs = "\n".join(f"    <p>　　{html.escape(p.strip())}</p>" for p in body.splitlines() if p.strip())
    page = _PAGE.format(
        charset="gb2312" if encoding == "gb18030" else encoding,
        title=html.escape(title),
        date_line=f"发布时间：{date}" if date else "",
        paragraphs=paragraphs,
    )
    return page.encode(encoding)


def to_docx(text: str, *, table: list[list[str]] | None = None) -> bytes:
    """A Word file: the first line as a Title paragraph, the rest as paragraphs, then ``table``."""
    import datetime as dt

    import docx

    title, body = split_title(text)
    document = docx.Document()
    document.core_properties.created = dt.datetime(2020, 1, 1)
    document.core_properties.modified = dt.datetime(2020, 1, 1)
    document.add_paragraph(title, style="Title")
    for para in body.splitlines():
        if para.strip():
            document.add_paragraph(para.strip())
    if table:
        grid = document.add_table(rows=len(table), cols=max(len(r) for r in table))
        for i, row in enumerate(table):
            for j, value in enumerate(row):
                grid.cell(i, j).text = value
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _pdf(pages: list[bytes], resources: bytes, extra: list[bytes] | None = None) -> bytes:
    """A minimal PDF: one content stream per page, shared resources, extra objects after them."""
    n_pages = len(pages)
    first_page = 3
    first_content = first_page + n_pages
    first_extra = first_content + n_pages
    objects: list[bytes] = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [" + b" ".join(b"%d 0 R" % (first_page + i) for i in range(n_pages))
        + b"] /Count %d >>" % n_pages,
    ]
    res = resources.replace(b"@", str(first_extra).encode())
    for i in range(n_pages):
        objects.append(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources "
                       + res + b" /Contents %d 0 R >>" % (first_content + i))
    for content in pages:
        data = zlib.compress(content)
        objects.append(b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(data) + data + b"\nendstream")
    objects.extend(extra or [])
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, obj in enumerate(objects, 1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + obj + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref))
    return out.getvalue()


_CJK_FONT = [
    b"<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /UniGB-UCS2-H "
    b"/DescendantFonts [@+1 0 R] >>",
    b"<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light /CIDSystemInfo "
    b"<< /Registry (Adobe) /Ordering (GB1) /Supplement 2 >> /FontDescriptor @+2 0 R >>",
    b"<< /Type /FontDescriptor /FontName /STSong-Light /Flags 6 /FontBBox [0 -200 1000 900] "
    b"/ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 880 /StemV 93 >>",
]


def _resolve(objs: list[bytes], first: int) -> list[bytes]:
    out = []
    for obj in objs:
        for k in (2, 1):
            obj = obj.replace(b"@+%d" % k, str(first + k).encode())
        out.append(obj.replace(b"@", str(first).encode()))
    return out


def to_pdf(text: str, *, lines_per_page: int = 40) -> bytes:
    """A PDF with a text layer: one line of the text per line of the page, in STSong-Light."""
    lines = [line for line in text.splitlines() if line.strip()] or [" "]
    pages = []
    for start in range(0, len(lines), lines_per_page):
        shown = b" ".join(b"<%s> Tj T*" % line.encode("utf-16-be", "replace").hex().encode()
                          for line in lines[start:start + lines_per_page])
        pages.append(b"BT /F1 11 Tf 50 800 Td 16 TL " + shown + b" ET")
    n_pages = len(pages)
    first_extra = 3 + 2 * n_pages
    return _pdf(pages, b"<< /Font << /F1 @ 0 R >> >>", _resolve(_CJK_FONT, first_extra))


def scanned_pdf(pages: int = 1) -> bytes:
    """A PDF like a scan: each page an image, no text layer."""
    width = height = 8
    pixels = zlib.compress(bytes((x * 29 + y * 7) % 256 for y in range(height) for x in range(width)))
    image = (b"<< /Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceGray "
             b"/BitsPerComponent 8 /Filter /FlateDecode /Length %d >>\nstream\n" % (width, height, len(pixels))
             + pixels + b"\nendstream")
    draw = b"q 495 0 0 742 50 50 cm /Im1 Do Q"
    return _pdf([draw] * pages, b"<< /XObject << /Im1 @ 0 R >> >>", [image])
