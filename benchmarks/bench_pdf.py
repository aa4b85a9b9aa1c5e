"""PDF text as a reader sees it: pypdf, pypdfium2 and pdfplumber on PDFs made from the corpus.

    python benchmarks/bench_pdf.py [--work DIR] [--limit N]

Writes each corpus notice (``corpus/zh``, ``corpus/en``) as a Word file in 三号 (16 pt) type
with a running header (生态环境部文件 / Ministry of Ecology and Environment) and a page number
footer ("— 3 —"), converts them to PDF with LibreOffice (``soffice`` on the PATH), then reads
each PDF with every library, as it comes and after :func:`notices.readers.layout.reflow`.
Prints, per library and mode: the share of the source's paragraphs found whole in the text
(no space or line break where the source has none), the share found as whole lines, the
running headers and page numbers left in, and the seconds taken.
"""
from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HEADER = {"zh": "生态环境部文件", "en": "Ministry of Ecology and Environment"}


def _field(paragraph, instr: str) -> None:  # noqa: ANN001 - a python-docx paragraph
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    for kind, text in (("begin", None), (None, instr), ("separate", None), (None, "1"), ("end", None)):
        run = paragraph.add_run()._r
        if kind:
            el = OxmlElement("w:fldChar")
            el.set(qn("w:fldCharType"), kind)
        else:
            el = OxmlElement("w:instrText" if text == instr else "w:t")
            el.text = f" {text} " if text == instr else text
        run.append(el)


def make_docx(text: str, lang: str, out: Path) -> None:
    import docx
    from docx.oxml.ns import qn
    from docx.shared import Pt

    document = docx.Document()
    style = document.styles["Normal"]
    style.font.size = Pt(16)
    style.font.name = "Noto Serif CJK SC"
    style.element.rPr.rFonts.set(qn("w:eastAsia"), "Noto Serif CJK SC")
    section = document.sections[0]
    section.header.paragraphs[0].text = HEADER[lang]
    footer = section.footer.paragraphs[0]
    footer.add_run("— ")
    _field(footer, "PAGE")
    footer.add_run(" —")
    for line in text.splitlines():
        if line.strip():
            document.add_paragraph(line.strip())
    document.save(out)


def build(work: Path, limit: int | None) -> list[tuple[Path, str, str]]:
    sources = []
    for lang in ("zh", "en"):
        sources += [(p, lang) for p in sorted((ROOT / "corpus" / lang).glob("*.txt"))[:limit]]
    todo = []
    for path, lang in sources:
        docx_path = work / f"{path.stem}.docx"
        if not (work / f"{path.stem}.pdf").exists():
            make_docx(path.read_text(encoding="utf-8"), lang, docx_path)
            todo.append(str(docx_path))
    if todo:
        if not shutil.which("soffice"):
            sys.exit("Error: soffice: LibreOffice is not on the PATH (it makes the PDFs)")
        subprocess.run(["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(work), *todo],
                       check=True, capture_output=True, timeout=1800)
    return [(work / f"{p.stem}.pdf", p.read_text(encoding="utf-8"), lang) for p, lang in sources]


def pages_pypdf(raw: bytes) -> list[str]:
    import io

    from pypdf import PdfReader

    return [page.extract_text() or "" for page in PdfReader(io.BytesIO(raw)).pages]


def pages_pdfium(raw: bytes) -> list[str]:
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(raw)
    try:
        return [pdf[i].get_textpage().get_text_range() for i in range(len(pdf))]
    finally:
        pdf.close()


def pages_pdfplumber(raw: bytes) -> list[str]:
    import io

    import pdfplumber

    with pdfplumber.open(io.BytesIO(raw)) as pdf:
        return [page.extract_text() or "" for page in pdf.pages]


ENGINES: dict[str, Callable[[bytes], list[str]]] = {
    "pypdf": pages_pypdf, "pypdfium2": pages_pdfium, "pdfplumber": pages_pdfplumber}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--work", type=Path, help="keep the made files here (default: a temporary folder)")
    ap.add_argument("--limit", type=int, help="only the first N notices of each language")
    args = ap.parse_args()

    import re

    from notices.readers.layout import _PAGE_NUMBER, reflow

    work = args.work or Path(tempfile.mkdtemp(prefix="bench-pdf-"))
    work.mkdir(parents=True, exist_ok=True)
    docs = build(work, args.limit)
    pages_total = 0
    print(f"{len(docs)} notices as PDF in {work}")
    print("| library | mode | paragraphs whole | as whole lines | headers/page numbers left | seconds |")
    print("|---|---|---|---|---|---|")
    for name, engine in ENGINES.items():
        for mode in ("as extracted", "reflowed"):
            whole = lines_ok = total = furniture = 0
            started = time.perf_counter()
            for pdf, source, lang in docs:
                pages = engine(pdf.read_bytes())
                pages_total += len(pages)
                text = reflow(pages) if mode == "reflowed" else "\n".join(pages).replace("\r\n", "\n")
                text = re.sub(" +", " ", text)  # the corpus has double spaces LibreOffice does not keep
                out_lines = {line.strip() for line in text.splitlines()}
                for para in (re.sub(" +", " ", line.strip()) for line in source.splitlines()):
                    if para and para != HEADER[lang]:
                        total += 1
                        whole += para in text
                        lines_ok += para in out_lines
                furniture += sum(1 for line in out_lines
                                 if line == HEADER[lang] or _PAGE_NUMBER.match(line) and re.search(r"\d", line))
            seconds = time.perf_counter() - started
            print(f"| {name} | {mode} | {whole / total:.3f} | {lines_ok / total:.3f} | {furniture} | {seconds:.1f} |")
    print(f"({pages_total // (2 * len(ENGINES))} pages)")


if __name__ == "__main__":
    main()
