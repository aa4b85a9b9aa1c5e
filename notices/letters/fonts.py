"""Simplified Chinese faces for PDF: the SC face of each installed Noto CJK collection, on its own.

Debian's fonts-noto-cjk ships the faces as collections (``NotoSerifCJK-Regular.ttc``: JP, KR,
SC, TC, HK). The faces share one CFF table whose internal name is the Japanese one
(``NotoSerifCJKjp-Regular``), and LibreOffice names the fonts it embeds after that table, so a
PDF set in the SC face still lists ``NotoSerifCJKjp-…`` in ``pdffonts``. :func:`sc_faces` copies
the SC face of each collection into a standalone ``.otf`` in the cache folder, once (about
two seconds a face; nothing is re-drawn: the tables are the face's own, the CFF's name is set
to the face's PostScript name), and :func:`fontconfig_file` puts that folder ahead of the
system fonts, so PDFs embed ``NotoSerifCJKsc-Regular`` by name as well as by glyph form.

Which free faces stand in for the official ones is ``notices/data/fonts/fonts.conf``:
仿宋, 宋体 → Noto Serif CJK SC (then AR PL UMing CN); 方正小标宋简体/小标宋 → Noto Serif CJK SC
Bold; 黑体 → Noto Sans CJK SC; 楷体 → AR PL UKai CN.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

__all__ = ["Face", "cache_dir", "collection_faces", "sc_faces", "fontconfig_file"]

_FAMILIES = ("Noto Serif CJK SC", "Noto Sans CJK SC")
_SUFFIX = " Notices"  # the copy's family: its own name, so no application mixes it up with the original


def copy_family(family: str) -> str:
    """The family name of the standalone copy of ``family`` (Noto Serif CJK SC Notices)."""
    return family + _SUFFIX


@dataclass(frozen=True, slots=True)
class Face:
    """One face inside an installed font collection."""

    file: Path
    index: int
    family: str
    style: str


def cache_dir() -> Path:
    """``$XDG_CACHE_HOME/notices/fonts`` (``~/.cache/notices/fonts``)."""
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "notices" / "fonts"


def collection_faces() -> list[Face]:
    """The SC faces of installed Noto CJK collections (``.ttc``), from ``fc-list``."""
    exe = shutil.which("fc-list")
    if exe is None:
        return []
    try:
        out = subprocess.run([exe, "--format", "%{file}|%{index}|%{family[0]}|%{style[0]}\n"],
                             capture_output=True, text=True, timeout=60).stdout
    except (OSError, subprocess.SubprocessError):
        return []
    faces = []
    for line in out.splitlines():
        parts = line.split("|")
        if len(parts) != 4:
            continue
        file, index, family, style = parts
        if family in _FAMILIES and file.lower().endswith((".ttc", ".otc")) and index.isdigit():
            faces.append(Face(Path(file), int(index), family, style))
    return sorted(set(faces), key=lambda f: (str(f.file), f.index))


def _extract(face: Face, folder: Path) -> Path | None:
    """The face as a standalone ``.otf`` named after its PostScript name (built if stale)."""
    from fontTools.ttLib import TTCollection
    from fontTools.ttLib.tables.DefaultTable import DefaultTable

    collection = TTCollection(str(face.file), lazy=True)
    font = collection.fonts[face.index]
    ps_name = font["name"].getDebugName(6)
    if not ps_name or "/" in ps_name or ps_name.startswith("."):
        return None
    target = folder / f"{ps_name}.otf"
    if target.is_file() and target.stat().st_mtime >= face.file.stat().st_mtime:
        return target
    if "CFF " in font.reader:
        raw = font.reader["CFF "]
        family_prefix = ps_name.split("-")[0].encode("ascii", "ignore")  # NotoSerifCJKsc
        shared = _cff_prefix(raw, family_prefix)
        if shared and len(shared) == len(family_prefix) and shared != family_prefix:
            table = DefaultTable("CFF ")
            table.data = raw.replace(shared, family_prefix)  # same length: offsets unchanged
            font["CFF "] = table
    for record in font["name"].names:  # family, full and typographic family names
        if record.nameID in (1, 3, 4, 16):
            text = record.toUnicode()
            if face.family in text and copy_family(face.family) not in text:
                record.string = text.replace(face.family, copy_family(face.family))
    font.recalcBBoxes = False
    font.recalcTimestamp = False
    folder.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile(dir=folder, suffix=".part", delete=False) as tmp:
        part = Path(tmp.name)
    try:
        font.save(str(part), reorderTables=False)
        part.chmod(0o644)
        os.replace(part, target)  # another run building the same face is harmless
    finally:
        part.unlink(missing_ok=True)
    return target


def _cff_prefix(raw: bytes, wanted: bytes) -> bytes | None:
    """The CFF's own family prefix (``NotoSerifCJKjp``) where it differs from the face's only
    in its last two letters (the language tag of the collection's first face)."""
    stem = wanted[:-2]
    at = raw.find(stem)
    if at < 0:
        return None
    found = raw[at: at + len(wanted)]
    return found if found[-2:].isalpha() and found[-2:].islower() else None


def sc_faces(folder: Path | None = None) -> list[tuple[Path, str]]:
    """Standalone SC faces in ``folder`` (default :func:`cache_dir`), built where missing, each
    with the family it copies.

    Returns [] where no Noto CJK collection is installed or fontTools cannot read it; PDFs
    are then set in whatever fontconfig finds (still the SC face when the collections exist).
    """
    folder = folder or cache_dir()
    out = []
    for face in collection_faces():
        try:
            path = _extract(face, folder)
        except (OSError, ValueError, KeyError, ImportError):
            continue
        if path is not None:
            out.append((path, face.family))
    return out


def fontconfig_file(dest: Path, aliases: Path, faces: list[tuple[Path, str]]) -> Path:
    """A fontconfig file at ``dest``: the folders of ``faces``, the ``aliases`` (仿宋 → Noto
    Serif CJK SC, …), then each copied family preferred to the family it copies."""
    from xml.sax.saxutils import escape

    dirs = sorted({str(path.parent) for path, _ in faces})
    lines = ['<?xml version="1.0"?>', '<!DOCTYPE fontconfig SYSTEM "fonts.dtd">', "<fontconfig>"]
    lines += [f"  <dir>{escape(d)}</dir>" for d in dirs]
    lines += [f"  <include ignore_missing=\"no\">{escape(str(aliases))}</include>"]
    for family in sorted({family for _, family in faces}):
        lines += [f"  <alias binding=\"same\"><family>{escape(family)}</family>"
                  f"<prefer><family>{escape(copy_family(family))}</family></prefer></alias>"]
    lines += ["</fontconfig>", ""]
    dest.write_text("\n".join(lines), encoding="utf-8")
    return dest
