"""Writing letters: templates found by name and compiled once, each record's letters planned and
rendered, written one file per letter or combined, with their PDFs.

The public names are re-exported by :mod:`notices.letters`; see its docstring for the API.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from ..errors import DataError, TemplateError
from ..record import Record
from .compiler import CompiledTemplate, compile_template
from .config import LetterConfig
from .context import plan_letters

Progress = Callable[[Iterable[Any]], Iterable[Any]]


@dataclass(slots=True)
class LetterResult:
    """One letter written (``path``), failed (``error``), or not due (``skipped``: a record
    with no subject city asks for no letter)."""

    index: int
    path: Path | None = None
    city: str | None = None
    source: str | None = None
    error: str | None = None
    warnings: list[str] = field(default_factory=list)
    skipped: str | None = None
    section: int | None = None
    pdf: Path | None = None
    pages: int | None = None
    city_code: str | None = None

    @property
    def ok(self) -> bool:
        return self.error is None

    def to_dict(self) -> dict[str, Any]:
        return {
            "index": self.index, "ok": self.ok, "path": str(self.path) if self.path else None,
            "city": self.city, "city_code": self.city_code, "source": self.source, "error": self.error,
            "skipped": self.skipped,
            "warnings": list(self.warnings), "section": self.section,
            "pdf": str(self.pdf) if self.pdf else None, "pages": self.pages,
        }


@dataclass(frozen=True, slots=True)
class TemplateInfo:
    name: str
    path: Path
    lang: str | None
    variables: tuple[str, ...]
    required: tuple[str, ...]


# ---------------------------------------------------------------- templates

def _templates_dir() -> Path:
    from ..resources import templates_dir

    return templates_dir()


def template_path(template: str | Path) -> Path:
    """The file of a shipped template name, or the given path to a user's ``.docx``."""
    text = str(template)
    if isinstance(template, Path) or text.lower().endswith(".docx") or "/" in text or "\\" in text:
        path = Path(template).expanduser()
        if not path.is_file():
            raise TemplateError("no such template file", path=text)
        return path
    path = _templates_dir() / f"{text}.docx"
    if not path.is_file():
        known = ", ".join(info.name for info in list_templates()) or "none"
        raise TemplateError(f"unknown template (shipped templates: {known})", path=text)
    return path


@lru_cache(maxsize=32)
def _compiled(path: str, mtime_ns: int, size: int, name: str) -> CompiledTemplate:
    return compile_template(path, name)


def load_template(template: str | Path | CompiledTemplate) -> CompiledTemplate:
    """A compiled template, cached until its file changes."""
    if isinstance(template, CompiledTemplate):
        return template
    path = template_path(template)
    stat = path.stat()
    name = path.stem if path.resolve().parent == _templates_dir().resolve() else str(template)
    return _compiled(str(path.resolve()), stat.st_mtime_ns, stat.st_size, name)


def _shipped(tpl: CompiledTemplate) -> bool:
    return tpl.path.resolve().parent == _templates_dir().resolve()


def list_templates() -> list[TemplateInfo]:
    """The shipped templates with the variables each uses."""
    out = []
    for path in sorted(_templates_dir().glob("*.docx"), key=lambda p: p.stem):
        tpl = load_template(path)
        out.append(TemplateInfo(
            name=path.stem, path=path, lang=tpl.lang,
            variables=tuple(sorted(tpl.variables)), required=tuple(sorted(tpl.required)),
        ))
    return out


def check_template(template: str | Path | CompiledTemplate,
                   data: Mapping[str, Any] | Sequence[Mapping[str, Any]] | str | Path,
                   ) -> tuple[list[str], list[str]]:
    """``(missing, unused)``: variables the template needs that some row lacks, and data keys
    no part of the template reads. Nothing is rendered."""
    from .rows import read_rows

    tpl = load_template(template)
    if isinstance(data, (str, Path)):
        rows: Sequence[Mapping[str, Any]] = read_rows(data)
    elif isinstance(data, Mapping):
        rows = [data]
    else:
        rows = list(data)
    from .variables import schema

    # a shipped template's derived and optional variables are filled in (see prepare_row)
    derived = ({name for name, var in schema().items() if var.derived or var.optional}
               if _shipped(tpl) else set())
    missing = {var for row in rows for var in tpl.required - derived if var not in row}
    sources = ({schema()[v].source for v in tpl.variables if v in schema() and schema()[v].source}
               if _shipped(tpl) else set())
    unused = {key for row in rows for key in row if key not in tpl.variables | sources}
    return sorted(missing), sorted(unused)


# ---------------------------------------------------------------- rendering

@dataclass(slots=True)
class _Job:
    index: int
    stem: str
    context: Mapping[str, Any] | None
    city: str | None = None
    source: str | None = None
    error: str | None = None
    skipped: str | None = None
    fallback: str = "letter"  # the file name when ``stem`` sanitises to nothing
    warnings: list[str] = field(default_factory=list)
    city_code: str | None = None


def render(template: str | Path | CompiledTemplate, data_rows: Iterable[Mapping[str, Any]],
           out: str | Path, *, name_field: str | None = None, combine: bool = False,
           pdf: bool = False, raise_errors: bool = False, progress: Progress | None = None,
           ) -> list[LetterResult]:
    """Render one letter per row of ``data_rows`` into ``out``.

    ``out`` is a folder (one ``.docx`` per row, named from the sanitised ``name_field`` value
    or numbered) or a ``.docx`` file (one row, or all rows with ``combine=True``: one section
    each). ``pdf=True`` converts every written file with LibreOffice. A row that fails (an
    undefined variable, say) is reported in its result and the others are written, unless
    ``raise_errors`` is set.
    """
    from .variables import RowError, prepare_row
    from .wording import Notes

    tpl = load_template(template)
    stem = Path(tpl.name).stem
    lang = tpl.lang or "zh"
    shipped = _shipped(tpl)

    def jobs() -> Iterable[_Job]:
        for index, row in enumerate(data_rows, start=1):
            if not isinstance(row, Mapping):
                yield _Job(index, stem, None, error=f"row {index}: expected a mapping")
                continue
            numbered = f"{stem}-{index:04d}"
            label = row.get(name_field) if name_field else None
            name = numbered if label is None else str(label)
            notes = Notes(lang)
            try:
                context = prepare_row(row, index=index, lang=lang, notes=notes, typed=shipped)
            except RowError as exc:
                yield _Job(index, name, None, city=_first(row, "city", "addressee"), error=exc.message)
                continue
            yield _Job(index, name, context, city=_first(row, "city", "addressee"), fallback=numbered,
                       warnings=notes.warnings)

    return _write_all(tpl, jobs(), Path(out), combine=combine, pdf=pdf, raise_errors=raise_errors,
                      progress=progress, label="row")


def render_letters(records: Iterable[Record | Mapping[str, Any]], template: str | Path = "interview-notice",
                   out_dir: str | Path = "letters", *, combine: bool = False, pdf: bool = False,
                   date: str | dt.date | None = None, first_number: int = 1, doc_prefix: str = "",
                   extra: Mapping[str, Any] | None = None, raise_errors: bool = False,
                   progress: Progress | None = None, config: LetterConfig | None = None,
                   ) -> list[LetterResult]:
    """One letter per subject city of each record (see :data:`~notices.letters.variables.VARIABLES` for what it says).

    Files are named ``NNN-<city short name>-<template>.docx`` in ``out_dir``; with ``combine``
    all letters go into one ``.docx`` (``out_dir`` may name it), a section each. ``date`` sets
    the letters' date (default: each record's date); document numbers count from
    ``first_number`` with ``doc_prefix``; ``extra`` is merged into every letter's context.
    ``config`` gives the issuer's defaults (authority, prefix, signature, 印发机关). Each
    result's ``warnings`` is what the clerk must check (see :mod:`notices.letters.review`).
    """
    tpl = load_template(template)
    stem = Path(tpl.name).stem
    lang = tpl.lang or "zh"
    from .review import template_warnings

    def jobs() -> Iterable[_Job]:
        index = 0
        number = first_number
        for record in records:
            rec = record if isinstance(record, Record) else None
            try:
                rec = rec or Record.from_dict(dict(record))
                plans = plan_letters(rec, date=date, first_number=number, doc_prefix=doc_prefix,
                                     lang=lang, config=config)
            except (ValueError, TypeError, AttributeError) as exc:
                index += 1
                source = rec.source if rec else _first(record, "source")
                yield _Job(index, stem, None, source=source, error=f"record {source or index}: {exc}")
                continue
            if not plans:
                index += 1
                yield _Job(index, stem, None, source=rec.source,
                           skipped=f"record {rec.source or index}: no subject city to write to")
                continue
            kind_notes = template_warnings(tpl, rec)
            for plan in plans:
                index += 1
                number += 1
                ctx = plan.context
                if extra:
                    ctx.update(extra)
                yield _Job(index, f"{index:03d}-{ctx['city_short']}-{stem}", ctx,
                           city=plan.city, city_code=plan.city_code, source=rec.source,
                           fallback=f"{index:03d}-{stem}", warnings=kind_notes + plan.warnings)

    return _write_all(tpl, jobs(), Path(out_dir), combine=combine, pdf=pdf,
                      raise_errors=raise_errors, progress=progress, label="letter")


def _first(row: Any, *keys: str) -> str | None:
    if not isinstance(row, Mapping):
        return None
    for key in keys:
        value = row.get(key)
        if isinstance(value, str) and value:
            return value
    return None


def _describe(job: _Job, label: str) -> str:
    return f"{label} {job.index}" + (f" ({job.city})" if job.city else "")


def _write_all(tpl: CompiledTemplate, jobs: Iterable[_Job], out: Path, *, combine: bool, pdf: bool,
               raise_errors: bool, progress: Progress | None, label: str) -> list[LetterResult]:
    from .paths import Namer

    if pdf:  # fail before writing anything when LibreOffice is missing
        from .pdf import INSTALL_HINT, PdfError, soffice

        if soffice() is None:
            raise PdfError(INSTALL_HINT)
    to_file = out.suffix.lower() == ".docx"
    folder = out.parent if to_file else out
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise DataError(f"cannot create the output folder ({exc.strerror or exc})", path=str(folder)) from None
    namer = Namer(folder)
    if to_file:
        namer.used.add(out.name.lower())
        if not combine:
            jobs = list(jobs)
            if sum(job.context is not None for job in jobs) > 1:
                raise DataError("is one .docx file but there is more than one letter: "
                                "give a folder, or combine them", path=str(out))
    results: list[LetterResult] = []
    rendered: list[tuple[LetterResult, dict[str, str]]] = []
    stream = progress(jobs) if progress else jobs
    for job in stream:
        result = LetterResult(job.index, city=job.city, source=job.source, error=job.error,
                              skipped=job.skipped, warnings=list(job.warnings), city_code=job.city_code)
        results.append(result)
        if job.context is not None:
            try:
                parts, rendering_warnings = tpl.render(job.context)
                result.warnings += rendering_warnings
                result.warnings += _placeholders_left(parts, result.warnings, tpl.lang)
            except TemplateError as exc:
                result.error = f"{_describe(job, label)}: {exc.message}"
                if raise_errors:
                    raise TemplateError(result.error, path=tpl.name) from None
            else:
                if combine:
                    rendered.append((result, parts))
                else:
                    result.path = out.resolve() if to_file else namer.path(job.stem, fallback=job.fallback)
                    _write_letter(tpl, parts, result.path)
        elif raise_errors and job.error:
            raise DataError(job.error)
    if combine and rendered:
        from .combine import combine as combine_parts
        from .package import write_package

        path = out.resolve() if to_file else namer.path(f"{Path(tpl.name).stem}-combined")
        write_package(path, combine_parts(tpl, [parts for _, parts in rendered]))
        for section, (result, _) in enumerate(rendered, start=1):
            result.path, result.section = path, section
    if pdf:
        _add_pdfs(results, combined=combine)
    return results


def _placeholders_left(parts: Mapping[str, str], warnings: list[str], lang: str | None) -> list[str]:
    """A warning for placeholders in the letter that no warning names yet (a row's own)."""
    left = sum(xml.count("【请填写") + xml.count("[FILL IN") for xml in parts.values())
    noted = sum(w.startswith(("待填写", "to fill in")) for w in warnings)
    if left <= noted:
        return []
    if (lang or "zh") == "zh":
        return [f"待填写：信函中还有{left - noted}处【请填写：…】"]
    return [f"to fill in: {left - noted} more [FILL IN: …] in the letter"]


def _write_letter(tpl: CompiledTemplate, parts: dict[str, str], path: Path) -> None:
    from .package import write_package

    try:
        write_package(path, tpl.pack(parts))
    except OSError as exc:
        raise DataError(f"cannot write ({exc.strerror or exc})", path=str(path)) from None


def _add_pdfs(results: list[LetterResult], *, combined: bool) -> None:
    from .pdf import convert, page_count, pages_per_letter

    by_file: dict[Path, list[LetterResult]] = {}
    for result in results:
        if result.ok and result.path:
            by_file.setdefault(result.path, []).append(result)
    for (path, mine), pdf_path in zip(by_file.items(), convert(list(by_file))):
        split = pages_per_letter(pdf_path, len(mine)) if combined else None
        for n, result in enumerate(mine):
            result.pdf = pdf_path
            if combined:
                result.pages = split[n] if split else None
            else:
                result.pages = page_count(pdf_path)

