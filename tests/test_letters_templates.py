"""The shipped templates: current with their generator, and laid out per GB/T 9704-2012.

Layout is checked on rendered letters (what a clerk prints), opened with python-docx.
"""
from __future__ import annotations

import functools
import importlib.util
import io
import json
import sys
import zipfile
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn
from docx.shared import Length, Mm, Pt

from notices.letters import list_templates, render_letters
from notices.resources import templates_dir

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).parent / "data" / "letters"
SHIPPED = ["interview-notice", "interview-notice-en", "rectification-order", "rectification-order-en"]


@functools.cache
def _generator():
    spec = importlib.util.spec_from_file_location("build_templates", ROOT / "scripts" / "build_templates.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules["build_templates"] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


def _members(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


@pytest.mark.parametrize("name", SHIPPED)
def test_committed_template_is_what_the_generator_writes(name):
    built = _members(_generator().build(name))
    committed = _members((templates_dir() / f"{name}.docx").read_bytes())
    assert sorted(committed) == sorted(built)
    stale = [part for part in built if built[part] != committed[part]]
    assert not stale, f"{name}: run python scripts/build_templates.py ({stale} differ)"


def test_generation_is_deterministic():
    gen = _generator()
    assert gen.build("interview-notice") == gen.build("interview-notice")


def test_every_shipped_template_is_listed_with_its_variables():
    infos = {info.name: info for info in list_templates()}
    assert sorted(infos) == sorted(SHIPPED)
    assert {"addressee", "doc_number", "deadline", "sanctions", "date"} <= set(infos["interview-notice"].variables)
    assert {"addressee_en", "authority_en"} <= set(infos["interview-notice-en"].variables)
    assert infos["interview-notice"].lang == "zh" and infos["rectification-order-en"].lang == "en"


# ------------------------------------------------------------------ rendered layout

@pytest.fixture(scope="module")
def letters(tmp_path_factory):
    """The first letter of the sample record, rendered from each shipped template."""
    out = tmp_path_factory.mktemp("layout")
    opened = {}
    for name in SHIPPED:
        record = "jincheng-en" if name.endswith("-en") else "jincheng-zh"
        lines = (DATA / f"{record}.jsonl").read_text(encoding="utf-8").splitlines()
        results = render_letters([json.loads(lines[0])], name, out / name)
        opened[name] = docx.Document(results[0].path)
    return opened


def _close(length, mm: float) -> bool:
    return abs(length - Mm(mm)) <= Mm(0.1)


@pytest.mark.parametrize("name", SHIPPED)
@pytest.mark.parametrize(("attribute", "mm"), [
    ("page_width", 210), ("page_height", 297), ("top_margin", 37), ("bottom_margin", 35),
    ("left_margin", 28), ("right_margin", 26),
])
def test_page_is_a4_with_gb_margins(letters, name, attribute, mm):
    section = letters[name].sections[0]
    assert _close(getattr(section, attribute), mm), f"{attribute} = {getattr(section, attribute).mm:.1f} mm"


@pytest.mark.parametrize("name", SHIPPED)
def test_the_record_sheet_is_kept_on_one_page(letters, name):
    """版记: 抄送 and the 印发 line stay together when the letter runs onto another page."""
    written = [p for p in letters[name].paragraphs if p.text.strip()]
    copies, issued = written[-2], written[-1]
    assert copies.text.strip().startswith(("抄送", "Cc")) and ("印发" in issued.text or "Issued" in issued.text)
    assert copies.paragraph_format.keep_with_next


@pytest.mark.parametrize("name", SHIPPED)
def test_type_area_is_156_by_225_mm_with_22_lines(letters, name):
    section = letters[name].sections[0]
    width = section.page_width - section.left_margin - section.right_margin
    height = section.page_height - section.top_margin - section.bottom_margin
    assert _close(width, 156) and _close(height, 225)
    grid = section._sectPr.find(qn("w:docGrid"))
    assert grid.get(qn("w:type")) == "lines"  # line-only grid: LibreOffice keeps 28 characters a line
    assert int(Length(height).twips / int(grid.get(qn("w:linePitch")))) == 22


def _runs(document):
    for para in document.paragraphs:
        for run in para.runs:
            if run.text.strip():
                yield para, run


def _fonts(run) -> dict[str, str]:
    fonts = run._r.rPr.rFonts
    return {slot: fonts.get(qn(f"w:{slot}")) for slot in ("ascii", "hAnsi", "eastAsia", "cs", "hint")}


@pytest.mark.parametrize("name", SHIPPED)
def test_every_run_carries_all_four_font_slots_and_the_east_asian_language(letters, name):
    for para, run in _runs(letters[name]):
        fonts = _fonts(run)
        assert all(fonts.values()), (para.text, fonts)
        assert fonts["hint"] == "eastAsia"
        lang = run._r.rPr.find(qn("w:lang"))
        assert lang is not None and lang.get(qn("w:eastAsia")) == "zh-CN", para.text


def _paragraph(document, start: str):
    return next(p for p in document.paragraphs if p.text.startswith(start))


@pytest.mark.parametrize(("name", "title", "face", "latin"), [
    ("interview-notice", "关于约谈晋城市人民政府主要负责人的通知", "方正小标宋简体", "方正小标宋简体"),
    ("rectification-order", "关于责令晋城市限期整改的通知", "方正小标宋简体", "方正小标宋简体"),
    ("interview-notice-en", "Notice of Interview", "方正小标宋简体", "Times New Roman"),
    ("rectification-order-en", "Rectification Order", "方正小标宋简体", "Times New Roman"),
])
def test_title_is_22pt_xiaobiaosong_centred(letters, name, title, face, latin):
    para = _paragraph(letters[name], title)
    assert para.text == title
    assert para.alignment == docx.enum.text.WD_ALIGN_PARAGRAPH.CENTER
    run = para.runs[0]
    assert run.font.size == Pt(22)
    fonts = _fonts(run)
    assert fonts["eastAsia"] == face and fonts["ascii"] == latin


@pytest.mark.parametrize(("name", "start", "latin"), [
    ("interview-notice", "经评估考核", "仿宋"),
    ("rectification-order", "一、在20个工作日内", "仿宋"),
    ("interview-notice-en", "Our assessment found", "Times New Roman"),
    ("rectification-order-en", "1. Submit a rectification plan", "Times New Roman"),
])
def test_body_is_16pt_fangsong_with_a_two_character_indent(letters, name, start, latin):
    para = _paragraph(letters[name], start)
    assert para.paragraph_format.first_line_indent == Pt(32)
    for run in para.runs:
        assert run.font.size == Pt(16)
        fonts = _fonts(run)
        assert fonts["eastAsia"] == "仿宋" and fonts["ascii"] == latin
        spacing = run._r.rPr.find(qn("w:spacing"))
        assert spacing is not None and int(spacing.get(qn("w:val"))) < 0  # slightly tight


@pytest.mark.parametrize(("name", "mark"), [
    ("interview-notice", "生态环境部"), ("rectification-order", "生态环境部文件"),
    ("interview-notice-en", "Ministry of Ecology and Environment"),
])
def test_letterhead_is_a_red_mark_over_the_number_and_a_red_rule(letters, name, mark):
    paragraphs = letters[name].paragraphs
    assert paragraphs[0].text == mark
    assert str(paragraphs[0].runs[0].font.color.rgb) == "FF0000"
    number = paragraphs[1]
    assert number.text == "〔2018〕1号"
    rule = number._p.pPr.find(qn("w:pBdr")).find(qn("w:bottom"))
    assert rule.get(qn("w:color")) == "FF0000"


@pytest.mark.parametrize("name", ["interview-notice", "rectification-order"])
def test_addressee_flush_left_with_full_width_colon_and_date_in_arabic_numerals(letters, name):
    document = letters[name]
    addressee = _paragraph(document, "晋城市人民政府")
    assert addressee.text == "晋城市人民政府："
    assert not addressee.paragraph_format.first_line_indent
    assert addressee.alignment == docx.enum.text.WD_ALIGN_PARAGRAPH.LEFT
    texts = [p.text.strip() for p in document.paragraphs]
    assert "2018年5月3日" in texts and "生态环境部" in texts


@pytest.mark.parametrize(("name", "copies", "issued"), [
    ("interview-notice", "抄送：山西省人民政府。", "生态环境部办公厅\t2018年5月3日印发"),
    ("rectification-order", "抄送：山西省人民政府。", "生态环境部办公厅\t2018年5月3日印发"),
    ("interview-notice-en", "Cc: People's Government of Shanxi Province.",
     "General Office, Ministry of Ecology and Environment\tIssued 3 May 2018"),
])
def test_record_sheet_closes_the_letter(letters, name, copies, issued):
    texts = [p.text.strip("\u3000 ") for p in letters[name].paragraphs]
    assert texts[-2:] == [copies, issued]


@pytest.mark.parametrize("name", SHIPPED)
def test_page_numbers_are_4hao_dashes_odd_right_even_left(letters, name):
    document = letters[name]
    assert document.settings.odd_and_even_pages_header_footer
    section = document.sections[0]
    odd, even = section.footer.paragraphs[0], section.even_page_footer.paragraphs[0]
    assert odd.text == even.text == "— 1 —"
    assert odd.alignment == docx.enum.text.WD_ALIGN_PARAGRAPH.RIGHT
    assert even.alignment == docx.enum.text.WD_ALIGN_PARAGRAPH.LEFT
    assert all(run.font.size == Pt(14) for run in odd.runs if run.text)
    assert "PAGE" in odd._p.xml
    assert section._sectPr.find(qn("w:pgNumType")).get(qn("w:start")) == "1"


# Schema order of the property elements (ECMA-376): Word refuses files that break it.
ORDER = {
    "pPr": "pStyle keepNext keepLines pageBreakBefore framePr widowControl numPr suppressLineNumbers "
           "pBdr shd tabs suppressAutoHyphens kinsoku wordWrap overflowPunct topLinePunct autoSpaceDE "
           "autoSpaceDN bidi adjustRightInd snapToGrid spacing ind contextualSpacing mirrorIndents "
           "suppressOverlap jc textDirection textAlignment textboxTightWrap outlineLvl divId cnfStyle "
           "rPr sectPr pPrChange",
    "rPr": "rStyle rFonts b bCs i iCs caps smallCaps strike dstrike outline shadow emboss imprint "
           "noProof snapToGrid vanish webHidden color spacing w kern position sz szCs highlight u "
           "effect bdr shd fitText vertAlign rtl cs em lang eastAsianLayout specVanish oMath",
    "sectPr": "headerReference footerReference footnotePr endnotePr type pgSz pgMar paperSrc "
              "pgBorders lnNumType pgNumType cols formProt vAlign noEndnote titlePg textDirection "
              "bidi rtlGutter docGrid printerSettings sectPrChange",
    "pBdr": "top left bottom right between bar",
}


def schema_order_violations(xml: bytes) -> list[str]:
    from lxml import etree

    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    bad = []
    for parent, names in ORDER.items():
        rank = {f"{w}{n}": i for i, n in enumerate(names.split())}
        for element in etree.fromstring(xml).iter(f"{w}{parent}"):
            ranks = [rank.get(child.tag, -1) for child in element]
            if -1 in ranks or ranks != sorted(ranks):
                bad.append(f"{parent}: {[c.tag.split('}')[1] for c in element]}")
    return bad


@pytest.mark.parametrize("name", SHIPPED)
@pytest.mark.parametrize("part", ["word/document.xml", "word/footer1.xml", "word/styles.xml"])
def test_properties_are_in_schema_order(name, part):
    xml = _members((templates_dir() / f"{name}.docx").read_bytes())[part]
    assert schema_order_violations(xml) == []
