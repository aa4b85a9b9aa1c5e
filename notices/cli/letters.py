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


def _safe(value: Any) -> Any:
    """Strings with lone surrogates (from a record's JSON escapes or a file name) made printable."""
    if isinstance(value, str):
        return value.encode("utf-8", "replace").decode("utf-8")
    if isinstance(value, dict):
        return {k: _safe(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_safe(v) for v in value]
    return value


def _report(results: list, fmt: str, source: Path, *, strict: bool = False) -> None:  # list[LetterResult]
    if fmt == "json":
        for result in results:
            echo_json(_safe(result.to_dict()))
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
        click.echo(_safe(table(rows, ["#", "city", "file", "pages", "status"])))
    _warn(results, source)
    failed = [r for r in results if not r.ok]
    if failed:
        raise click.ClickException(f"{len(failed)} of {len(results)} letters failed")
    warned = sum(len(r.warnings) for r in results)
    if strict and warned:
        raise click.ClickException(f"{source}: {warned} warning(s) to check (--strict)")


def _warn(items: Iterable[Any], source: Path) -> None:
    """``Warning: FILE: letter N (city): …`` on stderr, one line per warning."""
    for r in items:
        number = getattr(r, "index", None) or getattr(r, "number", None)
        city = f" ({r.city})" if r.city else ""
        for warning in r.warnings:
            click.echo(_safe(f"Warning: {source}: letter {number}{city}: {warning}"), err=True)


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
@click.option("--strict", is_flag=True, help="Treat any warning as an error (exit 1).")
@format_option("table")
def render_cmd(template: str, data_file: Path, out: Path, name_field: str | None, combine: bool,
               pdf: bool, strict: bool, fmt: str) -> None:
    """Render TEMPLATE (a shipped name or a .docx path) once per row of --data.

    \b
    CSV rows are flat: lists as numbered columns (comparisons.1.subject, sanctions.1) or
    ';'-separated (sanctions), objects as dotted columns (deadline.due). A ready file:
    notices templates show interview-notice --example csv > rows.csv
    notices render interview-notice --data rows.csv -o letters/
    """
    from ..letters import render
    from ..letters.rows import read_rows

    with _reported():
        rows = read_rows(data_file)
        results = render(template, rows, out, name_field=name_field, combine=combine, pdf=pdf,
                         progress=_bar)
    for r in results:
        if r.error and not r.error.startswith(str(data_file)):
            r.error = f"{data_file}: {r.error}"
    _report(results, fmt, data_file, strict=strict)


@click.command("letters")
@click.argument("records", type=click.Path(path_type=Path))
@click.option("-t", "--template", default="interview-notice", show_default=True,
              help="A shipped template name or a .docx path.")
@click.option("-o", "--out", default="letters", show_default=True, type=click.Path(path_type=Path),
              help="Output folder (or a .docx file with --combine).")
@click.option("--combine", is_flag=True, help="Write all letters into one .docx, a section each.")
@click.option("--pdf", is_flag=True, help="Also convert to PDF with LibreOffice.")
@click.option("--date", "date", metavar="YYYY-MM-DD",
              help="Date of the letters (default: the record's, else its publication date, "
                   "else today, with a warning).")
@click.option("--first-number", default=1, show_default=True, type=int,
              help="First document number (发文字号).")
@click.option("--prefix", "doc_prefix", default="",
              help="Prefix of the document numbers, e.g. 环函 (default: the config's).")
@click.option("--authority", default=None, help="发文机关 (default: the config's, else the record's).")
@click.option("--config", "config_file", type=click.Path(path_type=Path), default=None,
              help="Issuer defaults (TOML; default ~/.config/notices/letters.toml).")
@click.option("--strict", is_flag=True,
              help="Treat any warning as an error: check first, write nothing, exit 1.")
@format_option("table")
def letters_cmd(records: Path, template: str, out: Path, combine: bool, pdf: bool, date: str | None,
                first_number: int, doc_prefix: str, authority: str | None, config_file: Path | None,
                strict: bool, fmt: str) -> None:
    """Write one letter per subject city of each record in RECORDS (JSON Lines; - for stdin).

    Each letter holds only its city's facts, in the template's language and the issuer's
    voice. What the clerk must check (placeholders, facts left out, a missing date, a
    template that does not fit the record) is printed as 'Warning: FILE: letter N (city): ...'
    and given in --format json.

    \b
    Examples:
      notices extract notice.txt --format json | notices letters - -o letters/
      notices letters records.jsonl -t rectification-order --date 2018-05-03 --prefix 环函
      notices letters records.jsonl --strict     # exit 1 if anything needs checking
    """
    from ..letters import load_config, render_letters
    from ..letters.filters import to_date
    from ..letters.review import review_letters
    from ..letters.rows import read_records

    with _reported():
        try:
            day = to_date(date)
        except ValueError as exc:
            raise click.BadParameter(str(exc), param_hint="--date") from None
        config = load_config(config_file).merged(authority=authority)
        loaded = read_records(records)
        if strict:
            reviews = [r for r in review_letters(loaded, template, date=day, config=config) if r.warnings]
            if reviews:
                if fmt == "json":
                    for review in reviews:
                        echo_json(_safe(review.to_dict()))
                _warn(reviews, records)
                count = sum(len(r.warnings) for r in reviews)
                raise click.ClickException(f"{records}: {count} warning(s) to check (--strict); "
                                           "nothing written")
        results = render_letters(loaded, template, out, combine=combine, pdf=pdf, date=day,
                                 first_number=first_number, doc_prefix=doc_prefix, progress=_bar,
                                 config=config)
    _report(results, fmt, records, strict=strict)


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


@templates_cmd.command("show")
@click.argument("template")
@click.option("--example", type=click.Choice(["csv", "yaml"]), default=None,
              help="Write a ready data file with one example row instead.")
@click.option("-o", "--out", type=click.Path(path_type=Path), default=None,
              help="Write the example to this file (default: standard output).")
@format_option("table")
def show_cmd(template: str, example: str | None, out: Path | None, fmt: str) -> None:
    """List each variable of TEMPLATE with its type and an example; or write an example file.

    \b
    Examples:
      notices templates show interview-notice
      notices templates show interview-notice --example csv > rows.csv
      notices render interview-notice --data rows.csv -o letters/
    """
    from ..letters import load_template
    from ..letters.variables import describe, example_file

    with _reported():
        tpl = load_template(template)
        lang = tpl.lang or "zh"
        if example:
            text = example_file(tpl.variables, example, lang)
            if out is None:
                click.echo(text, nl=False)
            else:
                try:
                    out.write_text(text, encoding="utf-8")
                except OSError as exc:
                    raise click.ClickException(f"{out}: cannot write ({exc.strerror or exc})") from None
            return
        rows = describe(tpl.variables, lang)
    if fmt == "json":
        for row in rows:
            echo_json(row)
        return
    click.echo(table([[r["name"], r["type"] + (" (derived)" if r["derived"] else " (optional)"
                                                if r["optional"] else ""), r["example"],
                       r["description"]] for r in rows], ["variable", "type", "example", "description"]))
