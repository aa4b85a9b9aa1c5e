"""Generate the shipped letter templates in templates/ from python-docx code.

    python scripts/build_templates.py            # rewrite templates/*.docx
    python scripts/build_templates.py --check    # exit 1 if a committed template is stale

Layout per GB/T 9704-2012 (党政机关公文格式): A4; margins top 37 mm, bottom 35 mm, left 28 mm,
right 26 mm (type area 156 × 225 mm); 22 lines of 28 characters; body 3号 (16 pt) 仿宋 with a
two-character first-line indent; title 2号 (22 pt) 小标宋, centred; red issuing-authority mark
and red rule; 发文字号 〔2018〕12号; 主送机关 flush left with a full-width colon; 成文日期 in
Arabic numerals; page numbers 4号 as ``— 1 —`` (odd pages right, even pages left); 版记 (抄送,
印发机关, 印发日期) between rules at the end.

Every run carries all four font slots (ascii, hAnsi, eastAsia, cs) with ``w:hint="eastAsia"``
and ``w:lang w:eastAsia="zh-CN"``: a font on the Latin slots alone leaves Chinese in the theme
font. The grid is line-only (``w:docGrid w:type="lines"``) and characters are set 0.25 pt
tighter, so LibreOffice, which gives each character two cells under Word's
lines-and-characters grid, still fits 28 characters a line and a one-page letter on one page.

The output is deterministic (fixed dates, fixed zip timestamps): tests/test_letters_templates.py
regenerates every template and compares it with the committed file.
"""
from __future__ import annotations

import argparse
import io
import sys
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from docx import Document
from docx.enum.section import WD_SECTION_START
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Pt, Twips

ROOT = Path(__file__).resolve().parent.parent
TEMPLATES = ROOT / "templates"

# Page (twips: 1 mm = 56.7 twips). GB/T 9704 §5.2.
PAGE_W, PAGE_H = 11906, 16838  # A4
TOP, BOTTOM, LEFT, RIGHT = 2098, 1984, 1587, 1474  # 37, 35, 28, 26 mm
TEXT_W = PAGE_W - LEFT - RIGHT  # 8845 = 156 mm
TEXT_H = PAGE_H - TOP - BOTTOM  # 12756 = 225 mm
LINES = 22
LINE = TEXT_H // LINES  # 579 twips = 28.95 pt: 22 lines fill the type area
CHAR_SPACING = -5  # twentieths of a point: 16 pt - 0.25 pt, so 28 characters fit 156 mm
BODY_PT, TITLE_PT, MARK_PT, PAGE_NO_PT, SHEET_PT = 16, 22, 42, 14, 14
CHAR = BODY_PT * 20  # one body character, in twips
RED = "FF0000"
RULE_SIZE, RULE_SPACE = 12, 8  # red rule 1.5 pt thick, 8 pt under the number
RULE_TWIPS = (RULE_SIZE // 8 + RULE_SPACE) * 20 + 10  # what the rule adds to its paragraph

FANGSONG, XIAOBIAOSONG, SONGTI = "仿宋", "方正小标宋简体", "宋体"
TIMES = "Times New Roman"
FIXED_DATE = "2018-05-03T00:00:00Z"


@dataclass(frozen=True)
class Lang:
    """The script a template is written in: the Latin font and the language tag of its runs."""

    tag: str  # w:lang w:val
    latin: str | None  # None: the East-Asian face on every slot
    mark_pt: int
    mark_lines: int  # grid lines the authority mark takes


ZH = Lang("zh-CN", None, MARK_PT, 2)
EN = Lang("en-US", TIMES, 24, 1)  # a Latin name is long: one line, smaller


def rpr(lang: Lang, face: str, size: float, *, color: str | None = None, bold: bool = False,
        spacing: bool = True):  # noqa: ANN201
    """A run's properties with every font slot set (the point of the whole exercise)."""
    latin = lang.latin or face
    half_points = int(size * 2)
    return parse_xml(
        f"<w:rPr {nsdecls('w')}>"
        f'<w:rFonts w:ascii="{latin}" w:hAnsi="{latin}" w:eastAsia="{face}" w:cs="{latin}"'
        f' w:hint="eastAsia"/>'
        + ("<w:b/><w:bCs/>" if bold else "")
        + (f'<w:color w:val="{color}"/>' if color else "")
        + (f'<w:spacing w:val="{CHAR_SPACING}"/>' if spacing else "")
        + f'<w:sz w:val="{half_points}"/><w:szCs w:val="{half_points}"/>'
        f'<w:lang w:val="{lang.tag}" w:eastAsia="zh-CN" w:bidi="ar-SA"/>'
        "</w:rPr>"
    )


class Builder:
    """Paragraph by paragraph, each run with explicit fonts and every line on the 28.95 pt grid."""

    def __init__(self, lang: Lang, title: str) -> None:
        self.lang = lang
        self.doc = Document()
        self._setup(title)

    # ---- document-wide settings
    def _setup(self, title: str) -> None:
        doc = self.doc
        section = doc.sections[0]
        section.start_type = WD_SECTION_START.NEW_PAGE
        section.page_width, section.page_height = Twips(PAGE_W), Twips(PAGE_H)
        section.top_margin, section.bottom_margin = Twips(TOP), Twips(BOTTOM)
        section.left_margin, section.right_margin = Twips(LEFT), Twips(RIGHT)
        section.header_distance, section.footer_distance = Twips(850), Twips(1134)  # 15, 20 mm
        section.gutter = Twips(0)
        sect = section._sectPr
        grid = sect.find(qn("w:docGrid"))
        grid.set(qn("w:type"), "lines")
        grid.set(qn("w:linePitch"), str(LINE))
        page_numbers = parse_xml(f'<w:pgNumType {nsdecls("w")} w:fmt="decimal" w:start="1"/>')
        sect.find(qn("w:pgMar")).addnext(page_numbers)
        doc.settings.odd_and_even_pages_header_footer = True
        settings = doc.settings.element
        theme_lang = settings.find(qn("w:themeFontLang"))
        theme_lang.set(qn("w:eastAsia"), "zh-CN")
        self._styles()
        self._footers(section)
        props = doc.core_properties
        props.title, props.author, props.last_modified_by = title, "notices", "notices"
        props.comments = "Generated by scripts/build_templates.py; Jinja tags as in docxtpl."
        props.revision = 1
        import datetime as dt

        when = dt.datetime.fromisoformat(FIXED_DATE.replace("Z", "+00:00")).replace(tzinfo=None)
        props.created = props.modified = when

    def _styles(self) -> None:
        """Explicit fonts in the defaults and Normal (no theme fonts); unused styles dropped."""
        styles = self.doc.styles.element
        latent = styles.find(qn("w:latentStyles"))
        styles.remove(latent)
        keep = {"Normal", "DefaultParagraphFont", "TableNormal", "NoList", "Header", "HeaderChar",
                "Footer", "FooterChar"}
        for style in styles.findall(qn("w:style")):
            if style.get(qn("w:styleId")) not in keep:
                styles.remove(style)
        defaults = styles.find(qn("w:docDefaults"))
        rpr_default = defaults.find(qn("w:rPrDefault"))
        rpr_default.remove(rpr_default[0])
        rpr_default.append(rpr(self.lang, FANGSONG, BODY_PT))
        ppr_default = defaults.find(qn("w:pPrDefault"))
        ppr_default.remove(ppr_default[0])
        ppr_default.append(parse_xml(
            f'<w:pPr {nsdecls("w")}><w:autoSpaceDE w:val="0"/><w:autoSpaceDN w:val="0"/>'
            f'<w:spacing w:before="0" w:after="0" w:line="{LINE}"'
            ' w:lineRule="exact"/></w:pPr>'
        ))
        normal = self.doc.styles["Normal"]
        normal.element.get_or_add_rPr()
        normal_rpr = normal.element.rPr
        normal.element.replace(normal_rpr, rpr(self.lang, FANGSONG, BODY_PT))
        normal.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY

    def _footers(self, section) -> None:  # noqa: ANN001
        """Page numbers ``— 1 —`` in 4号 宋体: odd pages right, even pages left, a character in."""
        for footer, align in ((section.footer, "right"), (section.even_page_footer, "left")):
            footer.is_linked_to_previous = False
            para = footer.paragraphs[0]
            para.style = self.doc.styles["Footer"]
            fmt = para.paragraph_format
            fmt.alignment = WD_ALIGN_PARAGRAPH.RIGHT if align == "right" else WD_ALIGN_PARAGRAPH.LEFT
            indent = Twips(PAGE_NO_PT * 20)
            if align == "right":
                fmt.right_indent = indent
            else:
                fmt.left_indent = indent
            fmt.line_spacing = 1.0
            self._run(para, "— ", SONGTI, PAGE_NO_PT, spacing=False)
            for kind, text in (("begin", None), (None, " PAGE "), ("separate", None), (None, "1"),
                               ("end", None)):
                run = para.add_run()
                run._r.insert(0, rpr(self.lang, SONGTI, PAGE_NO_PT, spacing=False))
                if kind:
                    run._r.append(parse_xml(f'<w:fldChar {nsdecls("w")} w:fldCharType="{kind}"/>'))
                elif text.strip() == "PAGE":
                    run._r.append(parse_xml(
                        f'<w:instrText {nsdecls("w")} xml:space="preserve">{text}</w:instrText>'))
                else:
                    run.add_text(text)
            self._run(para, " —", SONGTI, PAGE_NO_PT, spacing=False)

    # ---- runs and paragraphs
    def _run(self, para, text: str, face: str, size: float, **kw):  # noqa: ANN001, ANN202
        run = para.add_run()
        run._r.insert(0, rpr(self.lang, face, size, **kw))
        if text:
            run.text = text  # a tab becomes <w:tab/>, as Word writes it
        return run

    def _para(self, *, align=WD_ALIGN_PARAGRAPH.JUSTIFY, first_line: int = 0,  # noqa: ANN001, ANN202
              line: int = LINE, face: str = FANGSONG, size: float = BODY_PT, snap: bool = True):
        """A paragraph on exact line spacing. ``snap=False`` for lines whose font is taller than
        a grid line (mark, title): LibreOffice would give them whole extra grid lines."""
        para = self.doc.add_paragraph()
        fmt = para.paragraph_format
        fmt.alignment = align
        fmt.space_before = fmt.space_after = Pt(0)
        fmt.line_spacing = Twips(line)
        if first_line:
            fmt.first_line_indent = Twips(first_line)
        # No extra space between Chinese and Latin text or digits (〔2018〕12号, not 12 号).
        ppr = para._p.pPr
        _insert(ppr, f'<w:autoSpaceDE {nsdecls("w")} w:val="0"/>')
        _insert(ppr, f'<w:autoSpaceDN {nsdecls("w")} w:val="0"/>')
        if not snap:
            _insert(ppr, f'<w:snapToGrid {nsdecls("w")} w:val="0"/>')
        # The paragraph mark carries the same fonts, so an empty line is a body line.
        para._p.get_or_add_pPr().append(_mark_rpr(self.lang, face, size))
        return para

    def tag(self, text: str) -> None:
        """A paragraph holding only a docxtpl paragraph tag (``{%p if x %}``); it is removed."""
        self._run(self._para(), text, FANGSONG, BODY_PT)

    def blank(self) -> None:
        self._para()

    def letterhead(self, mark: str, number: str) -> None:
        """版头: the red mark, the number over the red rule, and the two lines under the rule
        that GB/T 9704 leaves before the title (less the rule's own height, to stay on grid)."""
        self.mark(mark)
        self.number(number)
        self._para(line=2 * LINE - RULE_TWIPS, snap=False)

    def mark(self, text: str) -> None:
        """发文机关标志: red, 小标宋, centred, two grid lines high (one in English)."""
        para = self._para(align=WD_ALIGN_PARAGRAPH.CENTER, line=self.lang.mark_lines * LINE,
                          face=XIAOBIAOSONG,
                          size=self.lang.mark_pt, snap=False)
        self._run(para, text, XIAOBIAOSONG, self.lang.mark_pt, color=RED,
                  bold=self.lang.latin is not None, spacing=False)

    def number(self, text: str) -> None:
        """发文字号, centred, with the red rule under it."""
        para = self._para(align=WD_ALIGN_PARAGRAPH.CENTER, snap=False)
        _border(para, bottom=("single", RULE_SIZE, RED, RULE_SPACE))
        self._run(para, text, FANGSONG, BODY_PT)

    def title(self, text: str) -> None:
        """标题, centred, then the blank line GB/T 9704 keeps before the addressee."""
        para = self._para(align=WD_ALIGN_PARAGRAPH.CENTER, face=XIAOBIAOSONG, size=TITLE_PT,
                          snap=False)
        self._run(para, text, XIAOBIAOSONG, TITLE_PT, bold=self.lang.latin is not None,
                  spacing=False)
        self.blank()

    def addressee(self, text: str) -> None:
        """主送机关: flush left, no indent."""
        self._run(self._para(align=WD_ALIGN_PARAGRAPH.LEFT), text, FANGSONG, BODY_PT)

    def body(self, text: str) -> None:
        self._run(self._para(first_line=2 * CHAR), text, FANGSONG, BODY_PT)

    def signature(self, authority: str, date: str) -> None:
        """署名 and 成文日期 centred on one tab stop, the date four characters from the right.
        (In English the authority's name is long: both flush right, two characters in.)"""
        if self.lang.latin is not None:
            for text in (authority, date):
                para = self._para(align=WD_ALIGN_PARAGRAPH.RIGHT)
                para.paragraph_format.right_indent = Twips(2 * CHAR)
                self._run(para, text, FANGSONG, BODY_PT)
            return
        date_width = 6 * CHAR  # 2018年5月3日: three full-width characters and six digits
        centre = TEXT_W - 4 * CHAR - date_width // 2
        for text in (authority, date):
            para = self._para(align=WD_ALIGN_PARAGRAPH.LEFT)
            para.paragraph_format.tab_stops.add_tab_stop(Twips(centre), WD_TAB_ALIGNMENT.CENTER)
            self._run(para, "\t" + text, FANGSONG, BODY_PT)

    def record_sheet(self, copies: str, issuer: str, issued: str) -> None:
        """版记: 抄送 and 印发机关/印发日期 in 4号 仿宋 between rules (thick, thin, thick),
        a character in from each side. The rules' height is taken from the lines, to stay on grid."""
        space = "\u3000" if self.lang.latin is None else "  "
        para = self._para(align=WD_ALIGN_PARAGRAPH.LEFT, size=SHEET_PT, line=LINE - 80)
        _border(para, top=("single", 8, "000000", 1), bottom=("single", 6, "000000", 1))
        para.paragraph_format.keep_with_next = True  # the 版记 is one block: never split over two pages
        self._run(para, space + copies, FANGSONG, SHEET_PT, spacing=False)
        para = self._para(align=WD_ALIGN_PARAGRAPH.LEFT, size=SHEET_PT, line=LINE - 40)
        _border(para, bottom=("single", 8, "000000", 1))
        para.paragraph_format.tab_stops.add_tab_stop(Twips(TEXT_W - SHEET_PT * 20),
                                                     WD_TAB_ALIGNMENT.RIGHT)
        self._run(para, f"{space}{issuer}\t{issued}", FANGSONG, SHEET_PT, spacing=False)

    def package(self) -> bytes:
        """The .docx bytes: python-docx's package without its unused parts, deterministically zipped."""
        doc = self.doc
        for rid, rel in list(doc.part.rels.items()):
            if rel.reltype.rsplit("/", 1)[-1] in ("stylesWithEffects", "customXml"):
                doc.part.drop_rel(rid)
        package_rels = doc.part.package.rels
        for rid, rel in list(package_rels.items()):
            if rel.reltype.endswith("/thumbnail"):
                del package_rels[rid]
        buf = io.BytesIO()
        doc.save(buf)
        sys.path.insert(0, str(ROOT))
        from notices.letters.package import Part, package_bytes

        with zipfile.ZipFile(buf) as archive:
            parts = [Part.pack(n, archive.read(n)) for n in sorted(archive.namelist(), key=_order)]
        return package_bytes(parts)


def _order(name: str) -> tuple[int, str]:
    first = ("[Content_Types].xml", "_rels/.rels", "word/document.xml")
    return (first.index(name), "") if name in first else (len(first), name)


def _mark_rpr(lang: Lang, face: str, size: float):  # noqa: ANN202
    return rpr(lang, face, size)


# The children of w:pPr in schema order (ECMA-376 CT_PPr).
PPR_ORDER = tuple(f"w:{t}" for t in (
    "pStyle keepNext keepLines pageBreakBefore framePr widowControl numPr suppressLineNumbers pBdr "
    "shd tabs suppressAutoHyphens kinsoku wordWrap overflowPunct topLinePunct autoSpaceDE "
    "autoSpaceDN bidi adjustRightInd snapToGrid spacing ind contextualSpacing mirrorIndents "
    "suppressOverlap jc textDirection textAlignment textboxTightWrap outlineLvl divId cnfStyle "
    "rPr sectPr pPrChange"
).split())


def _insert(ppr, xml: str):  # noqa: ANN001, ANN202
    """Add a child to a paragraph's properties in the order the schema requires (Word insists)."""
    element = parse_xml(xml)
    tag = "w:" + element.tag.split("}")[1]
    ppr.insert_element_before(element, *PPR_ORDER[PPR_ORDER.index(tag) + 1:])
    return element


def _border(para, **edges) -> None:  # noqa: ANN001
    """Paragraph borders: ``edge=(style, eighths of a point, colour, space in points)``."""
    ppr = para._p.get_or_add_pPr()
    pbdr = ppr.find(qn("w:pBdr"))
    if pbdr is None:
        pbdr = _insert(ppr, f"<w:pBdr {nsdecls('w')}/>")
    for edge in ("top", "left", "bottom", "right"):
        if edge in edges:
            style, size, color, space = edges[edge]
            pbdr.append(parse_xml(
                f'<w:{edge} {nsdecls("w")} w:val="{style}" w:sz="{size}" w:space="{space}"'
                f' w:color="{color}"/>'
            ))


# ------------------------------------------------------------------ the letters
# Shared phrases, in docxtpl syntax: {{ }} values, {% %} inline logic, {%p %} paragraph logic.
# A one-page letter has 22 lines: 8 for the letterhead, title and addressee, 3 for the
# signature, 2 for the 版记, so the body is written tight (three paragraphs, not six).

ZH_FINDINGS = (
    "{% if comparisons %}经评估考核，{{ you }}{% for c in comparisons %}{{ c.text }}"
    "{{ '；' if not loop.last else '' }}{% endfor %}。{% endif %}"
    "{% if counts %}督查中发现{{ you }}{% for f in counts %}{{ f.text }}"
    "{{ '、' if not loop.last else '' }}{% endfor %}。{% endif %}"
)
ZH_SANCTIONS = "{% if sanctions %}整改期间，{{ we }}将{{ sanctions|join('；') }}。{% endif %}"

EN_FINDINGS = (
    "{% if comparisons %}Our assessment found that in {{ you }} {% for c in comparisons %}{{ c.text }}"
    "{{ '; ' if not loop.last else '' }}{% endfor %}. {% endif %}"
    "{% if counts %}Inspections found {% for f in counts %}{{ f.text }}"
    "{{ ', ' if not loop.last else '' }}{% endfor %} in {{ you }}. {% endif %}"
)
EN_SANCTIONS = ("{% if sanctions %} Until it is complete, {{ we }} will {{ sanctions|join('; ') }}."
                "{% endif %}")


def _closing(b: Builder, authority: str, date: str, copies: str, issuer: str, issued: str) -> None:
    b.blank()
    b.signature(authority, date)
    b.record_sheet(copies, issuer, issued)


def interview_notice_zh() -> Builder:
    b = Builder(ZH, "约谈通知书")
    b.letterhead("{{ authority }}", "{{ doc_number }}")
    b.title("关于约谈{{ addressee }}主要负责人的通知")
    b.addressee("{{ addressee }}：")
    b.body(ZH_FINDINGS + "为督促{{ you }}落实生态环境保护责任，{{ we }}决定约谈{{ you }}{{ government }}"
           "主要负责人。")
    b.tag("{%p if deadline or sanctions %}")
    b.body("{% if deadline %}请{{ you }}{{ deadline.phrase }}制定整改方案报送{{ we }}"
           "{% if cc %}，并抄送{{ cc }}{% endif %}。{% endif %}" + ZH_SANCTIONS)
    b.tag("{%p endif %}")
    b.body("特此通知。")
    _closing(b, "{{ signature }}", "{{ date|cn_date }}", "{% if cc %}抄送：{{ cc }}。{% endif %}",
             "{{ issuer }}", "{{ date|cn_date }}印发")
    return b


def rectification_order_zh() -> Builder:
    b = Builder(ZH, "整改通知书")
    b.letterhead("{{ authority }}文件", "{{ doc_number }}")
    b.title("关于责令{{ city }}限期整改的通知")
    b.addressee("{{ addressee }}：")
    b.body(ZH_FINDINGS + "现责令{{ you }}限期整改，要求如下：")
    b.body("一、{% if deadline %}{{ deadline.phrase }}{% else %}限期{% endif %}制定整改方案报送{{ we }}"
           "{% if cc %}，并抄送{{ cc }}{% endif %}。")
    b.body("二、逐项整改存在的问题，整改情况向社会公开。")
    b.tag("{%p if sanctions %}")
    b.body("三、整改完成前，{{ we }}将{{ sanctions|join('；') }}。")
    b.tag("{%p endif %}")
    _closing(b, "{{ signature }}", "{{ date|cn_date }}", "{% if cc %}抄送：{{ cc }}。{% endif %}",
             "{{ issuer }}", "{{ date|cn_date }}印发")
    return b


def interview_notice_en() -> Builder:
    b = Builder(EN, "Notice of Interview")
    b.letterhead("{{ authority_en }}", "{{ doc_number }}")
    b.title("Notice of Interview")
    b.addressee("{{ addressee_en }}:")
    b.body(EN_FINDINGS + "{{ we|capitalize }} have therefore decided to interview the leaders of "
           "{{ you }}.")
    b.tag("{%p if deadline or sanctions %}")
    b.body("{% if deadline %}{{ you|capitalize }} shall submit a rectification plan to us "
           "{{ deadline.phrase }}{% if cc_en %}, with a copy to the {{ cc_en }}{% endif %}.{% endif %}"
           + EN_SANCTIONS)
    b.tag("{%p endif %}")
    _closing(b, "{{ signature_en }}", "{{ date|en_date }}", "{% if cc_en %}Cc: {{ cc_en }}.{% endif %}",
             "{{ issuer_en }}", "Issued {{ date|en_date }}")
    return b


def rectification_order_en() -> Builder:
    b = Builder(EN, "Rectification Order")
    b.letterhead("{{ authority_en }}", "{{ doc_number }}")
    b.title("Rectification Order")
    b.addressee("{{ addressee_en }}:")
    b.body(EN_FINDINGS + "{{ you|capitalize }} shall rectify as follows.")
    b.body("1. Submit a rectification plan to us {% if deadline %}{{ deadline.phrase }}"
           "{% else %}without delay{% endif %}{% if cc_en %}, with a copy to the {{ cc_en }}"
           "{% endif %}, and publish the progress of the rectification.")
    b.tag("{%p if sanctions %}")
    b.body("2. Until the rectification is complete, {{ we }} will {{ sanctions|join('; ') }}.")
    b.tag("{%p endif %}")
    _closing(b, "{{ signature_en }}", "{{ date|en_date }}", "{% if cc_en %}Cc: {{ cc_en }}.{% endif %}",
             "{{ issuer_en }}", "Issued {{ date|en_date }}")
    return b


BUILDERS: dict[str, Callable[[], Builder]] = {
    "interview-notice": interview_notice_zh,
    "interview-notice-en": interview_notice_en,
    "rectification-order": rectification_order_zh,
    "rectification-order-en": rectification_order_en,
}


def build(name: str) -> bytes:
    """The bytes of the template ``name`` (a key of :data:`BUILDERS`)."""
    return BUILDERS[name]().package()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="only report stale templates")
    parser.add_argument("--out", type=Path, default=TEMPLATES, help="folder to write to")
    args = parser.parse_args(argv)
    stale = []
    for name in BUILDERS:
        data = build(name)
        path = args.out / f"{name}.docx"
        if args.check:
            if not path.is_file() or path.read_bytes() != data:
                stale.append(name)
            continue
        args.out.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        print(f"wrote {path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}")
    if stale:
        print("stale: " + ", ".join(stale) + " (run python scripts/build_templates.py)", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
