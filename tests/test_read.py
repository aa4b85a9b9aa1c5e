"""notices.read as a user meets it: files are kept whatever their bytes, what was lost is said
in warnings, PDF lines are joined as a reader would, and `notices text` shows what was read."""
from __future__ import annotations

import codecs
import json

import pytest
from click.testing import CliRunner

import notices
from notices.batch import samples
from notices.batch.worker import process_one
from notices.cli import cli
from notices.decode import decode_bytes
from notices.errors import DecodeError, ReadError, TooLong
from notices.readers.layout import reflow

NOTICE = ("生态环境部约谈邯郸市政府主要负责人\n"
          "2019年4月12日，生态环境部约谈了河北省邯郸市人民政府主要负责人。"
          "今年一季度，邯郸市化学需氧量平均浓度为2.1毫克/升，同比上升12.5%。")
FIRST_LINE = NOTICE.splitlines()[0]


def _with_stray_bytes(raw: bytes) -> bytes:
    """A UTF-8 page with two Latin-1 bytes in it, as a careless CMS template leaves them."""
    at = raw.index("今年一季度".encode())
    return raw[:at] + b"\xe9\xa0 " + raw[at:]


def test_utf8_page_with_stray_bytes_gives_a_record_with_a_warning():
    raw = _with_stray_bytes(samples.to_html(NOTICE, date="2019-04-12"))
    with pytest.raises(UnicodeDecodeError):
        raw.decode("utf-8")
    record = process_one(("site/page.html", raw, None, None))
    assert record.get("error") is None
    assert [c["name"] for c in record["cities"]] == ["邯郸市"]
    assert "2.1毫克/升" in [f["text"] for f in record["figures"]]
    assert any("not valid utf-8" in w for w in record["warnings"])


@pytest.mark.parametrize(
    ("raw", "declared", "encoding", "text", "warning"),
    [
        # the last character cut by one byte: that character is lost, not the file
        (NOTICE.encode()[:-1], None, "utf-8", NOTICE[:-1] + "\ufffd", "1 byte sequence not valid utf-8"),
        # one line saved in GB18030 inside a UTF-8 file: read as GB18030
        (NOTICE.encode() + "\n督察组进驻山东省开展环境保护督察。".encode("gb18030"), None, "utf-8",
         NOTICE + "\n督察组进驻山东省开展环境保护督察。", "1 line in GB18030"),
        # UTF-16 without a byte-order mark, either byte order
        (NOTICE.encode("utf-16-le"), None, "utf-16-le", NOTICE, None),
        (NOTICE.encode("utf-16-be"), None, "utf-16-be", NOTICE, None),
        (codecs.BOM_UTF16_LE + NOTICE.encode("utf-16-le")[:-1], None, "utf-16-le", NOTICE[:-1] + "\ufffd",
         "1 byte sequence"),
        # Latin-1 and Windows-1252 without a declaration
        ("Umweltamt Köln prüft Flüsse und Bäche.".encode("latin-1"), None, "cp1252",
         "Umweltamt Köln prüft Flüsse und Bäche.", None),
        ("“Quoted” — café, naïve…".encode("cp1252"), None, "cp1252", "“Quoted” — café, naïve…", None),
        # the declared charset is honoured (Central European text is not Windows-1252)
        ("Zażółć gęślą jaźń".encode("iso-8859-2"), "ISO-8859-2", "iso8859-2", "Zażółć gęślą jaźń", None),
        ("生態環境部約談晉城市政府".encode("big5"), "big5", "big5hkscs", "生態環境部約談晉城市政府", None),
        # soft hyphens and zero-width characters split words for the extractors: removed
        ("Um\u00adwelt\u200bschutz in 晋\u200d城市".encode(), None, "utf-8", "Umweltschutz in 晋城市", None),
    ],
    ids=["cut-last-char", "gb18030-line", "utf16le-no-bom", "utf16be-no-bom", "utf16-cut", "latin1",
         "cp1252", "declared-latin2", "declared-big5", "invisible-chars"],
)
def test_decoder_keeps_the_file(raw, declared, encoding, text, warning):
    decoded = decode_bytes(raw, declared=declared)
    assert decoded.encoding == encoding
    assert decoded.text == text
    if warning is None:
        assert decoded.warnings == []
    else:
        assert any(warning in w for w in decoded.warnings), decoded.warnings


def test_binary_data_is_still_refused():
    with pytest.raises(DecodeError):
        decode_bytes(bytes(range(256)) * 4, path="x.txt")
    with pytest.raises(DecodeError):
        decode_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(1, 200)) * 3, path="x.txt")


def test_page_declaring_windows_1252_reads_its_quotes():
    raw = ('<html><head><meta charset="windows-1252"><title>Fined</title></head><body><article>'
           "<p>The bureau said the plant’s “temporary” permit had lapsed in 2018, and fined it 500,000 yuan "
           "for discharging waste water above the standard.</p></article></body></html>").encode("cp1252")
    doc = notices.read(raw, source="page.html")
    assert "plant’s “temporary” permit" in doc.text
    assert doc.warnings == []


def test_soft_hyphen_entities_do_not_split_words():
    raw = ("<html><body><article><p>The Environ&shy;mental Protection Bureau of Tang&shy;shan fined "
           "sixteen steel plants for falsified monitoring data in August.</p></article></body></html>").encode()
    assert "Environmental Protection Bureau of Tangshan" in notices.read(raw, source="page.html").text


def test_chinese_page_keeps_its_title_and_date_line_but_not_its_furniture():
    raw = """<html><head><meta charset="utf-8"><title>山西省生态环境厅约谈晋城市政府_山西省生态环境厅</title></head>
<body><div class="nav"><a href="/">首页</a> &gt; <a href="/xw">新闻动态</a></div>
<div class="article"><h1>山西省生态环境厅约谈晋城市政府</h1>
<div class="info"><span>发布时间：2021-03-05</span> <span>来源：山西省生态环境厅</span> <a href="#">打印</a></div>
<div class="body"><p>3月5日，山西省生态环境厅约谈晋城市人民政府主要负责人，指出晋城市今年以来PM2.5平均浓度同比上升8.3%，
空气质量综合指数排名全省倒数第一。</p>
<p>约谈要求，晋城市在15个工作日内制定整改方案，报省生态环境厅备案，并向社会公开。</p></div>
<div class="jiucuo"><a href="/jc">纠错</a></div>
<div class="related"><h3>相关新闻</h3><ul><li><a href="/a">太原市召开大气污染防治推进会议</a></li>
<li><a href="/b">大同市开展秸秆禁烧专项检查行动</a></li></ul></div></div>
<div class="footer">版权所有：山西省生态环境厅 晋ICP备00000000号</div></body></html>""".encode()
    doc = notices.read(raw, source="page.html")
    lines = doc.text.splitlines()
    assert lines[0] == "山西省生态环境厅约谈晋城市政府"
    assert "发布时间：2021-03-05" in lines[1] and "来源：山西省生态环境厅" in lines[1]
    assert "同比上升8.3%，空气质量综合指数" in doc.text  # a source line break is no space in Chinese
    assert (doc.title, doc.date) == ("山西省生态环境厅约谈晋城市政府", "2021-03-05")
    for furniture in ("首页", "纠错", "相关新闻", "太原市召开", "版权所有", "打印"):
        assert furniture not in doc.text


def _wrapped(lines: list[str]) -> bytes:
    return samples.to_pdf("\n".join(lines))


def test_wrapped_pdf_lines_keep_figures_whole():
    # a paragraph wrapped into full lines by a word processor; the wrap falls inside a figure
    lines = ["2019年4月12日，生态环境部约谈了河北省邯郸市人民政府主要负",
             "责人。今年一季度，邯郸市河流断面化学需氧量平均浓度为2.1",
             "毫克/升，同比上升12.5%，氨氮浓度同比上升了百分之八，排名全",
             "省倒数第一。",
             "约谈要求，邯郸市在15个工作日内制定整改方案。"]
    doc = notices.read(_wrapped(lines), source="notice.pdf")
    assert doc.text.splitlines() == ["".join(lines[:4]), lines[4]]
    record = notices.extract_document(doc)
    assert "2.1毫克/升" in [f.text for f in record.figures]


@pytest.mark.parametrize(
    ("pages", "text"),
    [
        # a running header and page numbers drop out; the sentence goes on across the page
        (["生态环境部文件\nThe ministry ordered the city to rectify the emissions of its sixteen steel\n— 1 —",
          "生态环境部文件\nplants within thirty days.\n— 2 —",
          "生态环境部文件\nThe city accepted the findings.\n— 3 —"],
         "The ministry ordered the city to rectify the emissions of its sixteen steel plants within thirty "
         "days.\nThe city accepted the findings."),
        # a word hyphenated at the wrap is whole again; a hyphen inside a word is kept
        (["Inspectors of the provincial department found that the coal-fired environ-\n"
          "mental monitoring stations of the district reported falsified data to the city."],
         "Inspectors of the provincial department found that the coal-fired environmental monitoring "
         "stations of the district reported falsified data to the city."),
        # short lines (a list of cities, a table) are never joined
        (["邯郸市\n晋城市\n阳泉市"], "邯郸市\n晋城市\n阳泉市"),
        # Page 2 of 3, 第2页 共3页 are page numbers too
        (["整改方案\nPage 1 of 2", "报送生态环境部\n第2页 共2页"], "整改方案\n报送生态环境部"),
    ],
    ids=["header-footer", "hyphenated", "short-lines", "page-x-of-y"],
)
def test_reflow_reads_pages_as_a_reader_would(pages, text):
    assert reflow(pages) == text


def test_pdf_with_too_many_pages_is_refused_before_reading(monkeypatch):
    from notices.readers import pdf

    monkeypatch.setattr(pdf, "MAX_PAGES", 3)
    raw = samples.to_pdf("\n".join(f"{c}的整改情况" for c in "甲乙丙丁戊"), lines_per_page=1)
    with pytest.raises(ReadError) as info:
        notices.read(raw, source="big.pdf")
    assert "5 pages, over the limit of 3" in info.value.message


@pytest.mark.parametrize(
    ("raw", "fmt"),
    [(samples.to_pdf(NOTICE), "pdf"), (samples.to_docx(NOTICE), "docx"), (samples.to_html(NOTICE), "html"),
     (NOTICE.encode("gb18030"), "txt")],
)
def test_read_bytes_without_a_name_tells_the_format(raw, fmt):
    doc = notices.read(raw)
    assert doc.format == fmt
    assert FIRST_LINE in doc.text


def test_read_path_and_source(tmp_path):
    path = tmp_path / "notice.txt"
    path.write_bytes(NOTICE.encode("utf-8"))
    assert notices.read(path).source == str(path)
    doc = notices.read(str(path), source="archive.zip!notice.txt")
    assert (doc.source, doc.text) == ("archive.zip!notice.txt", NOTICE)
    with pytest.raises(ReadError) as info:
        notices.read(tmp_path / "missing.txt")
    assert "no such file" in str(info.value)


def test_notice_longer_than_the_pipeline_limit_is_extracted(monkeypatch):
    from notices.pipeline import DEFAULT_SEGMENTER, load

    nlp = load("zh", DEFAULT_SEGMENTER)
    monkeypatch.setattr(nlp, "max_length", 500)
    text = NOTICE + "\n" + "督察组进驻后受理群众举报并转办地方。" * 60
    record = notices.extract(text, lang="zh")
    assert [c["name"] for c in record.to_dict()["cities"]] == ["邯郸市"]


def test_notice_over_the_size_limit_is_refused_clearly(monkeypatch):
    from notices import extractors

    monkeypatch.setattr(extractors, "MAX_CHARS", 100)
    with pytest.raises(TooLong) as info:
        notices.extract(NOTICE * 3, source="huge.txt")
    assert "over the limit of 100" in str(info.value) and "huge.txt" in str(info.value)


def test_lone_surrogate_is_replaced_with_a_warning():
    record = notices.extract(NOTICE.replace("主要", "主\ud800要"))
    assert any("surrogate" in w for w in record.warnings)
    json.dumps(record.to_dict(), ensure_ascii=False).encode("utf-8")  # writable as UTF-8


@pytest.fixture()
def run():
    return lambda *args, input=None: CliRunner().invoke(cli, list(args), input=input)


def test_text_command_shows_what_was_read_and_why(run, tmp_path):
    page = tmp_path / "page.html"
    page.write_bytes(_with_stray_bytes(samples.to_html(NOTICE, date="2019-04-12")))
    result = run("text", str(page))
    assert result.exit_code == 0, result.output
    assert "title 生态环境部约谈邯郸市政府主要负责人" in result.output
    assert "date 2019-04-12" in result.output
    assert "warning: 1 byte sequence not valid utf-8" in result.output or "warning: 2 byte" in result.output
    assert "邯郸市化学需氧量平均浓度为2.1毫克/升" in result.output


def test_text_command_json_and_stdin(run, tmp_path):
    result = run("text", "--format", "json", "-", input=NOTICE.encode("utf-16-le"))
    assert result.exit_code == 0, result.output
    doc = json.loads(result.output)
    assert doc["text"] == NOTICE and doc["meta"]["encoding"] == "utf-16-le" and doc["warnings"] == []


def test_text_command_names_a_bad_file_and_goes_on(run, tmp_path):
    good = tmp_path / "good.txt"
    good.write_text(NOTICE, encoding="utf-8")
    result = run("text", str(tmp_path / "missing.txt"), str(good))
    assert result.exit_code == 1
    assert f"Error: {tmp_path / 'missing.txt'}: no such file" in result.output
    assert FIRST_LINE in result.output
