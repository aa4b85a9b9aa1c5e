"""PDF through LibreOffice: one ``soffice`` process for a whole batch, with our font aliases."""
from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from collections.abc import Sequence
from pathlib import Path

from ..errors import PdfError
from ..resources import data_path

INSTALL_HINT = (
    "LibreOffice is needed for --pdf and was not found (no 'soffice' on PATH); "
    "install it with: apt-get install libreoffice-writer fonts-noto-cjk fonts-arphic-uming "
    "fonts-arphic-ukai"
)


def soffice() -> str | None:
    """The LibreOffice executable, or None when it is not installed."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def fonts_conf() -> Path:
    """The fontconfig file that maps 仿宋, 小标宋, 黑体 and 楷体 to free CJK fonts (at run
    time it is included after the standalone SC faces of :mod:`notices.letters.fonts`)."""
    return data_path("fonts/fonts.conf")


def convert(files: Sequence[Path], *, timeout: float = 600) -> list[Path]:
    """Convert ``files`` to PDF beside them in one LibreOffice run; returns the PDFs, in order."""
    exe = soffice()
    if exe is None:
        raise PdfError(INSTALL_HINT)
    if not files:
        return []
    outputs = [f.with_suffix(".pdf") for f in files]
    by_dir: dict[Path, list[Path]] = {}
    for f in files:
        by_dir.setdefault(f.parent, []).append(f)
    from .fonts import fontconfig_file, sc_faces

    with tempfile.TemporaryDirectory(prefix="notices-lo-") as profile:
        config = fontconfig_file(Path(profile) / "fonts.conf", fonts_conf(), sc_faces())
        env = dict(os.environ, FONTCONFIG_FILE=str(config))
        for folder, group in by_dir.items():
            cmd = [
                exe, f"-env:UserInstallation={Path(profile).as_uri()}", "--headless", "--norestore",
                "--nologo", "--convert-to", "pdf", "--outdir", str(folder), *map(str, group),
            ]
            try:
                proc = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=timeout)
            except subprocess.TimeoutExpired:
                raise PdfError(f"LibreOffice did not finish converting in {timeout:.0f} s") from None
            if proc.returncode != 0:
                detail = (proc.stderr or proc.stdout).strip().splitlines()[-1:] or ["no output"]
                raise PdfError(f"LibreOffice failed (exit {proc.returncode}): {detail[0]}")
    missing = [str(p) for p in outputs if not p.exists()]
    if missing:
        raise PdfError(f"LibreOffice wrote no PDF for {', '.join(missing)}")
    return outputs


def page_count(pdf: Path) -> int:
    from pypdf import PdfReader

    return len(PdfReader(pdf).pages)


def pages_per_letter(pdf: Path, letters: int) -> list[int] | None:
    """Pages of each letter in a combined PDF, split where the page number restarts at 1.

    None when the numbering cannot be read (a template without page numbers, say).
    """
    from pypdf import PdfReader

    starts = []
    for index, page in enumerate(PdfReader(pdf).pages):
        text = page.extract_text() or ""
        if "— 1 —" in text or "- 1 -" in text:
            starts.append(index)
    total = len(PdfReader(pdf).pages)
    if len(starts) != letters or (starts and starts[0] != 0):
        return None
    bounds = [*starts, total]
    return [b - a for a, b in zip(bounds, bounds[1:])]
