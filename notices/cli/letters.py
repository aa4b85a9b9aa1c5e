"""``notices render``, ``notices letters``, ``notices templates``: argument parsing only.

Each command calls :mod:`notices.letters` and prints what it returns. Bad input is
``Error: FILE: reason`` and exit code 1; in a batch, failed letters are listed, the others are
written, and the exit code is 1.
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import click

from ..errors import NoticesError
from .common import echo_json, format_option, progress, table


@contextmanager
def _reported() -> Iterator[None]:
    try:
        yield
    except NoticesError as exc:
        raise click.ClickException(str(exc)) from None


def _bar(items: Iterable[Any]) -> Iterable[Any]:
    return progress(items, desc="letters", unit="letter")


def _report(results: list, fmt: str) -> None:  # list[LetterResult]
    if fmt == "json":
        for result in results:
            echo_json(result.to_dict())
    else:
        rows = []
        for r in results:
            where = r.path.name if r.path else "-"
            if r.section:
                where += f" §{r.section}"
            status = f"failed: {r.error}" if r.error else f"skipped: {r.skipped}" if r.skipped else "ok"
            if r.warnings:
                status += f" ({len(r.warnings)} warning{'s' if len(r.warnings) > 1 else ''})"
            rows.append([str(r.index), r.city or "-", where,
                         "-" if r.pages is None else str(r.pages), status])
        click.echo(table(rows, ["#", "city", "file", "pages", "status"]))
    for r in results:
        for warning in r.warnings:
            click.echo(f"Warning: letter {r.index}: {warning}", err=True)
    failed = [r for r in results if not r.ok]
    if failed:
        raise click.ClickException(f"{len(failed)} of {len(results)} letters failed")


@click.command("render")
@click.argument("template")
@click.option("--data", "data_file", required=True, type=click.Path(path_type=Path),
              help="JSON, YAML or CSV file: one letter per object or row.")
@click.option("-o", "--out", required=True, type=click.Path(path_type=Path),
              help="Output folder, or a .docx file for one letter (or with --combine).")
@click.option("--name", "name_field", metavar="FIELD",
              help="Name each file after this field of its row (sanitised).")
@click.option("--combine", is_flag=True, help="Write all letters into one .docx, a section each.")
@click.option("--pdf", is_flag=True, help="Also convert to PDF with LibreOffice.")
@format_option("table")
def render_cmd(template: str, data_file: Path, out: Path, name_field: str | None, combine: bool,
               pdf: bool, fmt: str) -> None:
    """Render TEMPLATE (a shipped name or a .docx path) once per row of --data."""
    from ..letters import render
    from ..letters.rows import read_rows

    with _reported():
        rows = read_rows(data_file)
        results = render(template, rows, out, name_field=name_field, combine=combine, pdf=pdf,
                         progress=_bar)
    _report(results, fmt)


@click.command("letters")
@click.argument("records", type=click.Path(path_type=Path))
@click.option("-t", "--template", default="interview-notice", show_default=True,
              help="A shipped template name or a .docx path.")
@click.option("-o", "--out", default="letters", show_default=True, type=click.Path(path_type=Path),
              help="Output folder (or a .docx file with --combine).")
@click.option("--combine", is_flag=True, help="Write all letters into one .docx, a section each.")
@click.option("--pdf", is_flag=True, help="Also convert to PDF with LibreOffice.")
@click.option("--date", "date", metavar="YYYY-MM-DD", help="Date of the letters (default: the record's).")
@click.option("--first-number", default=1, show_default=True, type=int,
              help="First document number (发文字号).")
@click.option("--prefix", "doc_prefix", default="", help="Prefix of the document numbers, e.g. 环函.")
@format_option("table")
def letters_cmd(records: Path, template: str, out: Path, combine: bool, pdf: bool, date: str | None,
                first_number: int, doc_prefix: str, fmt: str) -> None:
    """Write one letter per subject city of each record in RECORDS (JSON Lines; - for stdin)."""
    from ..letters import render_letters
    from ..letters.filters import to_date
    from ..letters.rows import read_records

    with _reported():
        try:
            day = to_date(date)
        except ValueError as exc:
            raise click.BadParameter(str(exc), param_hint="--date") from None
        loaded = read_records(records)
        results = render_letters(loaded, template, out, combine=combine, pdf=pdf, date=day,
                                 first_number=first_number, doc_prefix=doc_prefix, progress=_bar)
    _report(results, fmt)


@click.group("templates", invoke_without_command=True)
@format_option("table")
@click.pass_context
def templates_cmd(ctx: click.Context, fmt: str) -> None:
    """List the shipped letter templates and the variables each needs."""
    if ctx.invoked_subcommand is not None:
        return
    from ..letters import list_templates

    with _reported():
        infos = list_templates()
    if fmt == "json":
        for info in infos:
            echo_json({"name": info.name, "path": str(info.path), "lang": info.lang,
                       "variables": list(info.variables), "required": list(info.required)})
        return
    rows = [[info.name, info.lang or "-", ", ".join(info.variables)] for info in infos]
    click.echo(table(rows, ["template", "lang", "variables"]))


@templates_cmd.command("check")
@click.argument("template")
@click.option("--data", "data_file", required=True, type=click.Path(path_type=Path),
              help="JSON, YAML or CSV file to check against the template.")
@format_option("table")
def check_cmd(template: str, data_file: Path, fmt: str) -> None:
    """Report variables TEMPLATE needs that --data lacks (exit 1), and data it never uses."""
    from ..letters import check_template

    with _reported():
        missing, unused = check_template(template, data_file)
    if fmt == "json":
        echo_json({"template": template, "missing": missing, "unused": unused})
    else:
        click.echo(f"missing: {', '.join(missing) if missing else 'none'}")
        click.echo(f"unused:  {', '.join(unused) if unused else 'none'}")
    if missing:
        raise click.ClickException(f"{data_file}: lacks {len(missing)} variable(s) {template} needs")
