"""PDF through LibreOffice, where it is installed: page counts, fonts, one process a batch."""
from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from notices.letters import render_letters
from notices.letters.pdf import PdfError, fonts_conf, soffice
from notices.letters.rows import read_records

DATA = Path(__file__).parent / "data" / "letters"

needs_soffice = pytest.mark.skipif(soffice() is None, reason="LibreOffice (soffice) is not installed")


def test_the_font_alias_file_maps_the_official_fonts_to_free_ones():
    text = fonts_conf().read_text(encoding="utf-8")
    for family in ("仿宋", "方正小标宋简体", "黑体", "楷体", "Noto Serif CJK SC", "AR PL UKai CN"):
        assert f"<family>{family}</family>" in text
    assert "/etc/fonts/fonts.conf" in text  # the system's fonts stay available


def test_without_libreoffice_pdf_fails_before_writing_anything(tmp_path, monkeypatch):
    monkeypatch.setattr("notices.letters.pdf.soffice", lambda: None)
    with pytest.raises(PdfError, match="apt-get install libreoffice-writer fonts-noto-cjk"):
        render_letters(read_records(DATA / "jincheng-zh.jsonl"), out_dir=tmp_path / "o", pdf=True)
    assert not (tmp_path / "o").exists()


@needs_soffice
@pytest.mark.parametrize(("template", "record"), [
    ("interview-notice", "jincheng-zh"),
    ("interview-notice-en", "jincheng-en"),
])
def test_the_sample_interview_notices_are_one_page_each(tmp_path, template, record):
    results = render_letters(read_records(DATA / f"{record}.jsonl"), template, tmp_path, pdf=True)
    assert [r.pages for r in results] == [1, 1, 1]
    assert all(r.pdf.is_file() and r.pdf.parent == tmp_path.resolve() for r in results)


@needs_soffice
def test_combined_pdf_reports_pages_per_letter(tmp_path):
    results = render_letters(read_records(DATA / "jincheng-zh.jsonl"), "rectification-order", tmp_path,
                             combine=True, pdf=True)
    assert [r.pages for r in results] == [1, 1, 1]
    assert len({r.pdf for r in results}) == 1


@needs_soffice
@pytest.mark.skipif(subprocess.run(["which", "fc-match"], capture_output=True).returncode != 0,
                    reason="fontconfig tools are not installed")
@pytest.mark.parametrize(("family", "expected"), [
    ("仿宋", "Noto Serif CJK SC"), ("方正小标宋简体", "Noto Serif CJK SC"), ("楷体", "AR PL UKai CN"),
    ("黑体", "Noto Sans CJK SC"),
])
def test_fontconfig_resolves_the_aliases(family, expected):
    import os

    found = subprocess.run(["fc-match", "-f", "%{family}", family], capture_output=True, text=True,
                           env=dict(os.environ, FONTCONFIG_FILE=str(fonts_conf())))
    if expected not in subprocess.run(["fc-list", ":", "family"], capture_output=True, text=True).stdout:
        pytest.skip(f"{expected} is not installed")
    assert expected in found.stdout


def _pdf_fonts(pdf: Path) -> list[str]:
    out = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout
    return [line.split()[0].split("+")[-1] for line in out.splitlines()[2:] if line.strip()]


@needs_soffice
@pytest.mark.skipif(subprocess.run(["which", "pdffonts"], capture_output=True).returncode != 0,
                    reason="pdffonts (poppler-utils) is not installed")
@pytest.mark.parametrize("template", ["interview-notice", "rectification-order"])
def test_the_pdf_embeds_simplified_chinese_faces(tmp_path, monkeypatch, template):
    from notices.letters.fonts import collection_faces

    if not any(f.family == "Noto Serif CJK SC" for f in collection_faces()):
        pytest.skip("fonts-noto-cjk is not installed")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    (result, *_) = render_letters(read_records(DATA / "jincheng-zh.jsonl"), template, tmp_path, pdf=True)
    names = _pdf_fonts(result.pdf)
    cjk = [n for n in names if "CJK" in n]
    assert cjk and all(n.startswith(("NotoSerifCJKsc-", "NotoSansCJKsc-")) for n in cjk), names
    assert any(n.startswith("NotoSerifCJKsc-Bold") for n in cjk)  # 小标宋's stand-in for the mark
    assert not any("CJKjp" in n for n in names)


def test_the_sc_face_is_copied_from_its_collection_with_its_own_name(tmp_path):
    from fontTools.ttLib import TTFont

    from notices.letters.fonts import collection_faces, sc_faces

    if not collection_faces():
        pytest.skip("no Noto CJK collection is installed")
    ((first, family), *_) = sc_faces(tmp_path)
    font = TTFont(first)
    ps_name = font["name"].getDebugName(6)
    assert first.name == f"{ps_name}.otf" and "CJKsc" in ps_name
    assert font["CFF "].cff.fontNames == [ps_name]
    assert font["name"].getDebugName(1) == f"{family} Notices"
    assert "中" in {chr(c) for c in font.getBestCmap()}
    again = first.stat().st_mtime_ns
    sc_faces(tmp_path)
    assert first.stat().st_mtime_ns == again  # built once
