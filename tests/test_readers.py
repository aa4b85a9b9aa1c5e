"""The input readers: txt in every encoding, html (main text, title, date), docx, pdf, and the
errors each gives for what it cannot read."""
from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from notices.batch import samples
from notices.errors import DecodeError, EmptyInput, NoticesError, ReadError, UnsupportedFormat
from notices.readers import EXTENSIONS, READERS, format_of, parse_date, read_bytes, read_path

DATA = Path(__file__).parent / "data" / "batch"

FIRST_LINE = "生态环境部约谈邯郸市政府主要负责人"
TRADITIONAL = "生態環境部約談臨汾市政府主要負責人"


@pytest.mark.parametrize(
    ("name", "fmt", "title", "date", "contains", "excludes"),
    [
        ("notice-utf8.txt", "txt", None, None, [FIRST_LINE, "12.5%"], []),
        ("notice-bom.txt", "txt", None, None, [FIRST_LINE], ["\ufeff"]),
        ("notice-gb18030.txt", "txt", None, None, [FIRST_LINE, "15个工作日内"], []),
        ("notice-big5.txt", "txt", None, None, [TRADITIONAL, "20個工作日內"], []),
        ("notice-utf16.txt", "txt", None, None, [FIRST_LINE], []),
        ("notice-en.txt", "txt", None, None, ["BEIJING, March 5, 2019"], []),
        # a TRS-style ministry page declared gb2312, date in a 发布时间 line
        ("page-trs.html", "html", FIRST_LINE, "2019-04-12", [FIRST_LINE, "85微克/立方米"],
         ["首页", "版权所有", "分享到", "字体"]),
        # no known container: the paragraphs decide; title and date from meta tags
        ("page-meta.html", "html", "江苏省生态环境厅约谈盐城市政府", "2020-06-18",
         ["约谈了盐城市人民政府", "群众反映强烈，相关问题"], ["统计代码", "政务公开", "相关链接", "主办单位", "当前位置"]),
        ("page-en.html", "html", "Ministry orders Tangshan to fix steel plant emissions", "2017-08-22",
         ["16 steel plants within 30 days", "Plants fined\t9"], ["All rights reserved", "Business"]),
        ("page-dateline.html", "html", "督察组进驻山东", "2016-07-15", ["进驻山东省"], []),
        ("notice.docx", "docx", FIRST_LINE, None, [FIRST_LINE, "城市\t问题数量\t整改时限", "邯郸市\t12\t15个工作日"], []),
        ("notice.pdf", "pdf", None, None, [FIRST_LINE, "12.5%", TRADITIONAL], []),
    ],
)
def test_reader_gives_text_title_and_date(name, fmt, title, date, contains, excludes):
    doc = read_path(DATA / name)
    assert doc.format == fmt
    assert doc.title == title
    assert doc.date == date
    for text in contains:
        assert text in doc.text
    for text in excludes:
        assert text not in doc.text
    assert len(doc.sha256) == 64


@pytest.mark.parametrize(
    ("name", "error", "says"),
    [
        ("corrupt.docx", ReadError, "not a valid Word .docx file"),
        ("corrupt.pdf", ReadError, "not a readable PDF"),
        ("scanned.pdf", EmptyInput, "no text layer"),
    ],
)
def test_broken_fixture_gives_coded_error(name, error, says):
    with pytest.raises(error) as info:
        read_path(DATA / name)
    assert says in info.value.message
    assert str(DATA / name) in str(info.value)


def _zip(members: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return out.getvalue()


@pytest.mark.parametrize(
    ("source", "raw", "error", "says"),
    [
        ("empty.txt", b"", EmptyInput, "empty"),
        ("blank.html", b"  \n\t ", EmptyInput, "empty"),
        ("garbage.txt", bytes(range(256)) * 8, DecodeError, "binary"),
        ("garbage.html", b"\x00\x01\x02\x03" * 100, DecodeError, "binary"),
        ("garbage.docx", b"\x89PNG\r\n\x1a\n" + bytes(200), ReadError, "not a valid Word .docx file"),
        ("not-word.docx", _zip({"hello.txt": b"hi"}), ReadError, "not a readable Word .docx file"),
        ("bomb.docx", _zip({"word/document.xml": b"<" + b"a" * (8 * 1024 * 1024)}), ReadError, "zip bomb"),
        ("text.pdf", "纯文本，不是PDF".encode(), ReadError, "no %PDF header"),
        ("truncated.pdf", samples.to_pdf(FIRST_LINE)[:200], ReadError, "not a readable PDF"),
        ("empty-page.html", b"<html><body><script>x=1</script></body></html>", EmptyInput, "no text"),
        ("word.doc", b"\xd0\xcf\x11\xe0", UnsupportedFormat, "save it as .docx"),
        ("image.jpg", b"\xff\xd8\xff", UnsupportedFormat, "unsupported file type '.jpg'"),
    ],
)
def test_unreadable_bytes_give_coded_error(source, raw, error, says):
    with pytest.raises(error) as info:
        read_bytes(raw, source)
    assert says in info.value.message


@pytest.mark.parametrize(
    ("name", "fmt"),
    [("a.txt", "txt"), ("README", "txt"), ("a.HTM", "html"), ("a.shtml", "html"), ("x.zip!dir\\b.docx", "docx"),
     ("archive.tar.gz!2018/notice.PDF", "pdf")],
)
def test_format_follows_the_name(name, fmt):
    assert format_of(name) == fmt


@pytest.mark.parametrize(
    ("value", "iso"),
    [("2018-05-03", "2018-05-03"), ("2018年5月3日", "2018-05-03"), ("2018/5/3 10:00", "2018-05-03"),
     ("2018-05-03T09:15:00+08:00", "2018-05-03"), ("May 3, 2018", "2018-05-03"), ("3 May 2018", "2018-05-03"),
     ("20180503", "2018-05-03"), ("2018-02-30", None), ("发布时间：不详", None)],
)
def test_parse_date(value, iso):
    assert parse_date(value) == iso


@pytest.mark.parametrize(
    ("markup", "title", "date"),
    [
        # the <title> less the site name; 发布时间 with 年月日
        ("<title>约谈晋城市_生态环境部</title><p>发布时间：2018年05月03日</p><p>正文内容足够长的一段文字在这里。</p>",
         "约谈晋城市", "2018-05-03"),
        # a labelled 发布日期 wins over an earlier unlabelled 时间 line
        ("<div>时间：2017-01-01</div><div>发布日期：2018-05-03</div><p>正文内容足够长的一段文字在这里。</p>",
         None, "2018-05-03"),
        # <time datetime>
        ("<h1>An English headline here</h1><time datetime='2019-11-02'>Nov 2</time><p>Body text of the article.</p>",
         "An English headline here", "2019-11-02"),
        # no date anywhere: None, never today
        ("<h1>无日期的通知标题</h1><p>这是一段没有日期的正文文字。</p>", "无日期的通知标题", None),
    ],
)
def test_html_title_and_date_patterns(markup, title, date):
    doc = read_bytes(f"<html><body>{markup}</body></html>".encode(), "page.html")
    assert (doc.title, doc.date) == (title, date)


def test_html_declared_gb2312_page_in_gb18030_only_characters():
    # 镕 is outside GB2312: a page declaring gb2312 is read as GB18030, its superset
    text = "国务院总理朱镕基视察环保工作\n朱镕基总理听取了生态环境情况汇报。"
    raw = samples.to_html(text, encoding="gb18030")
    assert b"charset=gb2312" in raw
    doc = read_bytes(raw, "page.html")
    assert "朱镕基总理听取了" in doc.text


def test_docx_merged_cells_read_once():
    import docx

    document = docx.Document()
    table = document.add_table(rows=2, cols=3)
    merged = table.cell(0, 0).merge(table.cell(0, 2))
    merged.text = "整改任务清单"
    for j, value in enumerate(["邯郸市", "15", "2019-05-06"]):
        table.cell(1, j).text = value
    out = io.BytesIO()
    document.save(out)
    doc = read_bytes(out.getvalue(), "table.docx")
    assert doc.text.splitlines() == ["整改任务清单", "邯郸市\t15\t2019-05-06"]


def test_pdf_pages_in_order():
    # distinct lines: a line that recurs on most pages, digits aside, is a running header
    lines = [f"{city}的整改情况" for city in ("邯郸市", "晋城市", "阳泉市", "沧州市", "承德市", "临汾市", "盐城市")]
    doc = read_bytes(samples.to_pdf("\n".join(lines), lines_per_page=2), "pages.pdf")
    assert doc.text.splitlines() == lines


def test_every_format_has_a_reader():
    assert set(READERS) == {"txt", "html", "docx", "pdf"}
    assert {EXTENSIONS[e] for e in (".txt", ".html", ".htm", ".docx", ".pdf")} == {"txt", "html", "docx", "pdf"}


@pytest.mark.parametrize("suffix", [".txt", ".html", ".docx", ".pdf"])
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(raw=st.binary(max_size=2048))
def test_arbitrary_bytes_never_escape_as_other_errors(suffix, raw):
    try:
        doc = read_bytes(raw, f"fuzz{suffix}")
    except NoticesError:
        return
    assert isinstance(doc.text, str) and doc.text.strip()


@pytest.mark.parametrize("suffix", [".docx", ".pdf"])
@settings(max_examples=25, deadline=None)
@given(cut=st.integers(min_value=0, max_value=10_000), flip=st.integers(min_value=0, max_value=255))
def test_damaged_documents_give_coded_errors(suffix, cut, flip):
    good = (DATA / f"notice{suffix}").read_bytes()
    cut = cut % len(good)
    damaged = good[:cut] + bytes([good[cut] ^ (flip or 1)]) + good[cut + 1:]
    try:
        read_bytes(damaged, f"damaged{suffix}")
    except NoticesError:
        pass


def test_plain_text_named_html_is_read_as_text():
    doc = read_bytes("生态环境部约谈邯郸市政府\n第二行文字。".encode("gb18030"), "saved.html")
    assert doc.text == "生态环境部约谈邯郸市政府\n第二行文字。"
    assert doc.title is None


PAGE_SHAPES = {
    "deep": lambda n: "<div>" * n + FIRST_LINE + "</div>" * n,
    "wide": lambda n: f"<p>{FIRST_LINE}</p>" * n,
    "junk-in-junk": lambda n: '<div class="share">' * n + "分享" + "</div>" * n + f"<p>{FIRST_LINE}</p>",
    "junk-siblings": lambda n: '<div class="share">分享</div>' * n + f"<p>{FIRST_LINE}</p>",
}


@pytest.mark.parametrize("shape", sorted(PAGE_SHAPES))
def test_hostile_page_shapes_take_time_in_proportion_to_size(shape):
    """Eight times the elements may take about eight times as long, not sixty-four."""
    import time

    def seconds(n: int) -> float:
        raw = f"<html><body>{PAGE_SHAPES[shape](n)}</body></html>".encode()
        started = time.perf_counter()
        doc = read_bytes(raw, f"{shape}.html")
        assert FIRST_LINE in doc.text
        return time.perf_counter() - started

    small = min(seconds(800) for _ in range(2))
    assert seconds(6400) < 24 * small + 0.2
