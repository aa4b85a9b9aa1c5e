"""``notices batch``, ``notices query`` and ``notices stats``: argument parsing over
:mod:`notices.batch` (``batch``, ``open_store``, ``Store.stats``, ``Store.plot``)."""
from __future__ import annotations

import csv
import json
import re
import sys
from typing import Any

import click

from .common import echo_json, format_option, table

_SIZE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([kmgt]?)(?:i?b)?\s*$", re.I)


class ByteSize(click.ParamType):
    """A number of bytes: ``50000000``, ``50MB``, ``32MiB``, ``2G`` (powers of 1024)."""

    name = "bytes"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> int:
        if isinstance(value, int):
            return value
        m = _SIZE.match(str(value))
        if not m:
            self.fail(f"{value!r} is not a size such as 50000000, 50MB or 2G", param, ctx)
        scale = 1024 ** " kmgt".index((m.group(2) or " ").lower())
        return int(float(m.group(1)) * scale)


def _error_rows(errors: list[dict[str, Any]]) -> list[list[str]]:
    return [[e.get("source") or "", (e.get("error") or {}).get("type", ""),
             (e.get("error") or {}).get("message", "")] for e in errors]


def _print_summary(summary: Any, fmt: str) -> None:
    if fmt == "json":
        echo_json(summary.to_dict())
        return
    added = [f"{summary.new} new"]
    if summary.versions:
        added.append(f"{summary.versions} new versions of changed files")
    if summary.copies:
        added.append(f"{summary.copies} copies of known files")
    added.append(f"{summary.unchanged} already in the output")
    rate = summary.files / summary.seconds if summary.seconds else 0.0
    failed = f"errors   {summary.new_errors}"
    if summary.failed_again:
        failed += f"  (and {summary.failed_again} retried that failed again)"
    lines = [
        f"output   {summary.output}",
        f"files    {summary.files}  ({rate:.1f} files/s)",
        f"records  {summary.records}  ({', '.join(added)})",
        failed,
    ]
    if summary.earlier_errors:
        lines.append(f"earlier  {summary.earlier_errors} files that failed in earlier runs were not read again "
                     "(--retry-errors reads them; the errors table lists them)")
    if summary.skipped:
        lines.append(f"skipped  {len(summary.skipped)} system files and folders "
                     f"(e.g. {summary.skipped[0][0]}: {summary.skipped[0][1]})")
    click.echo("\n".join(lines))
    if summary.errors:
        click.echo("\n" + table(_error_rows(summary.errors), ["file", "error", "reason"]))


@click.command("batch")
@click.argument("inputs", nargs=-1)
@click.option("-o", "--output", default="notices.db", show_default=True,
              help="Output; its extension picks the format: .db/.sqlite (a SQLite store), .jsonl, .csv, .parquet.")
@click.option("-j", "--jobs", type=click.IntRange(min=0), default=1, show_default=True,
              help="Worker processes (0: one per CPU); with --engine dask, workers of the local cluster.")
@click.option("--engine", type=click.Choice(["local", "dask"]), default="local", show_default=True,
              help="Run here, or on a dask.distributed cluster.")
@click.option("--scheduler", metavar="ADDR",
              help="Dask scheduler address (tcp://HOST:8786); implies --engine dask. Default: a local cluster.")
@click.option("--max-bytes", type=ByteSize(), default="32MiB", show_default=True,
              help="Largest file or archive member read; larger ones become error records.")
@click.option("--max-total-bytes", type=ByteSize(), default="16GiB", show_default=True,
              help="Most one archive may expand to.")
@click.option("--max-ratio", type=click.FloatRange(min=1), default=100, show_default=True,
              help="Most an archive member may expand over its compressed size (zip bombs).")
@click.option("--timeout", type=click.FloatRange(min=0), default=120, show_default=True,
              help="Seconds one file may take; 0 for no limit.")
@click.option("--retry-errors", is_flag=True, help="Read again the files that failed in earlier runs.")
@click.option("--reextract", is_flag=True,
              help="Extract the notices of the store (-o) again from their stored text, in place; no inputs.")
@click.option("--commit-every", type=click.IntRange(min=1), default=256, hidden=True)
@click.option("--format", "fmt", type=click.Choice(["table", "json", "csv", "parquet"]), default="table",
              show_default=True,
              help="Summary as a table or JSON; csv or parquet: -o is a folder, written with the store's "
                   "tables as flat files (and the store itself, notices.db, to resume from).")
def batch_cmd(inputs: tuple[str, ...], output: str, jobs: int, engine: str, scheduler: str | None,
              max_bytes: int, max_total_bytes: int, max_ratio: float, timeout: float, retry_errors: bool,
              reextract: bool, commit_every: int, fmt: str) -> None:
    """Convert files, folders and .zip/.tar/.tar.gz archives of notices into a store.

    Every file gives a record or an error record naming it (archive members as
    ARCHIVE!MEMBER) and the reason. Copies of one text are one notice; reprints and the
    other-language report of one act are one event (notices events STORE). Rerunning the same
    command resumes: files already in the output are not read again, nor files that failed
    before (--retry-errors reads them). Exit code 1 only when a file failed for the first time
    in this run, so a nightly job can tell new failures from old. One run writes an output at a
    time.

    \b
    Examples:
      notices batch archive.zip pages/ -o notices.db --jobs 2
      notices batch archive.zip -o notices.db --retry-errors
      notices batch archive.zip -o tables/ --format csv
      notices batch --reextract -o notices.db
    """
    from tqdm import tqdm

    from ..batch import batch

    if reextract:
        _reextract(output, fmt)
        return
    if not inputs:
        raise click.UsageError("give the files, folders or archives to read (or --reextract)")
    export = fmt if fmt in ("csv", "parquet") else None
    if export:
        from ..batch.folders import folder_store

        if output == "notices.db":  # the default name is a store's; a folder of tables gets its own
            output = "notices-tables"
        target, output = output, str(folder_store(output, create=True))
    bar = tqdm(desc="notices", unit=" file", disable=not sys.stderr.isatty(), leave=False, file=sys.stderr,
               dynamic_ncols=True)
    errors = 0

    def on_total(total: int) -> None:
        bar.reset(total=total)

    def on_file(outcome: Any) -> None:
        nonlocal errors
        if outcome.status == "skipped":
            return
        errors += outcome.status == "error"  # earlier errors are counted, not shown
        bar.update()
        if outcome.status == "error":
            bar.set_postfix(errors=errors, refresh=False)

    try:
        summary = batch(list(inputs), output, jobs=jobs, engine=engine, scheduler=scheduler,
                        max_bytes=max_bytes, max_total_bytes=max_total_bytes, max_ratio=max_ratio,
                        timeout=timeout or None, commit_every=commit_every, retry_errors=retry_errors,
                        on_file=on_file, on_total=on_total if bar.disable is False else None)
        if export:
            from ..batch.export import export_store

            export_store(output, target, export)
    except KeyboardInterrupt:
        bar.close()
        raise click.ClickException("interrupted; what was written is kept: rerun the same command to resume") from None
    except Exception as exc:  # noqa: BLE001 - no traceback for the user; NoticesError passes through
        from ..errors import NoticesError

        bar.close()
        if isinstance(exc, NoticesError):
            raise
        raise click.ClickException(
            f"internal error ({type(exc).__name__}: {exc}); what was written is kept: rerun to resume") from None
    bar.close()
    _print_summary(summary, "json" if fmt == "json" else "table")
    if not summary.ok:
        sys.exit(1)


def _reextract(output: str, fmt: str) -> None:
    from tqdm import tqdm

    from ..batch.reextract import reextract

    bar = tqdm(desc="re-extracting", unit=" notice", disable=not sys.stderr.isatty(), leave=False, file=sys.stderr)
    result = reextract(output, on_total=lambda n: bar.reset(total=n), on_notice=lambda: bar.update())
    bar.close()
    if fmt == "json":
        echo_json(result.to_dict())
    else:
        click.echo(f"re-extracted {result.notices} notices of {output} in {result.seconds:.1f} s "
                   f"({result.changed} records changed, {result.corrected} corrected ones kept as the clerks left them)")


def _open(store_path: str):  # noqa: ANN202
    from ..batch import open_store

    return open_store(store_path)


def _cells(rows: list[tuple[Any, ...]]) -> list[list[str]]:
    return [["" if v is None else str(v) for v in row] for row in rows]


def _markdown(columns: list[str], rows: list[tuple[Any, ...]]) -> str:
    def cell(value: str) -> str:
        return " ".join(value.replace("|", "\\|").splitlines())

    lines = ["| " + " | ".join(cell(c) for c in columns) + " |", "|" + "---|" * len(columns)]
    lines += ["| " + " | ".join(cell(v) for v in row) + " |" for row in _cells(rows)]
    return "\n".join(lines)


@click.command("query")
@click.argument("store")
@click.argument("sql")
@click.option("-p", "--param", "params", nargs=2, multiple=True, metavar="NAME VALUE",
              help="A named parameter: -p city 晋城市 fills :city in the SQL (repeatable).")
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "tsv", "markdown", "json"]), default="table",
              show_default=True, help="Output format; json prints one JSON object per row.")
def query_cmd(store: str, sql: str, params: tuple[tuple[str, str], ...], fmt: str) -> None:
    """Run SQL against a batch output (tables: notices, events, sources, cities, officials,
    figures, deadlines, companies, sanctions, warnings, errors, records, corrections; views:
    files, current_notices; notices tables STORE lists them, notices schema STORE their columns).

    \b
    Examples:
      notices query notices.db "SELECT kind, count(*) FROM events GROUP BY kind"
      notices query notices.db "SELECT n.title FROM notices n JOIN cities c ON c.notice_id = n.id
                                WHERE c.name = :city" -p city 晋城市 --format markdown
    """
    with _open(store) as opened:
        columns, rows = opened.execute(sql, {name: value for name, value in params} if params else ())
    if fmt == "json":
        for row in rows:
            echo_json(dict(zip(columns, row)))
    elif fmt in ("csv", "tsv"):
        writer = csv.writer(sys.stdout, lineterminator="\n", delimiter="," if fmt == "csv" else "\t")
        writer.writerow(columns)
        writer.writerows(rows)
    elif fmt == "markdown":
        click.echo(_markdown(columns, rows))
    elif columns:
        click.echo(table(_cells(rows), columns))


@click.command("tables")
@click.argument("store")
@format_option("table")
def tables_cmd(store: str, fmt: str) -> None:
    """List the tables of a store with their row counts and what they hold."""
    from ..batch.schema import DESCRIPTIONS

    with _open(store) as opened:
        found = opened.tables()
    rows = [(name, count, DESCRIPTIONS.get(name, ("",))[0]) for name, count in found]
    if fmt == "json":
        for name, count, about in rows:
            echo_json({"table": name, "rows": count, "description": about})
    else:
        click.echo(table(_cells(rows), ["table", "rows", "description"]))


@click.command("schema")
@click.argument("store")
@click.argument("table_name", required=False, metavar="[TABLE]")
@format_option("table")
def schema_cmd(store: str, table_name: str | None, fmt: str) -> None:
    """The columns of a store's tables (or of TABLE): name, type and meaning."""
    with _open(store) as opened:
        rows = opened.schema(table_name)
    if fmt == "json":
        for name, column, type_, about in rows:
            echo_json({"table": name, "column": column, "type": type_, "description": about})
    else:
        click.echo(table(_cells(rows), ["table", "column", "type", "description"]))


@click.command("events")
@click.argument("store")
@click.argument("event_id", type=int, required=False)
@click.option("--limit", type=click.IntRange(min=1), default=None, help="At most this many events.")
@format_option("table")
def events_cmd(store: str, event_id: int | None, limit: int | None, fmt: str) -> None:
    """List events (or the one EVENT_ID) with their sources and why each joined.

    \b
    Examples:
      notices events notices.db --limit 20
      notices events notices.db 12 --format json
    """
    with _open(store) as opened:
        found = opened.events(event_id, limit=limit)
    if event_id is not None and not found:
        raise click.ClickException(f"{store}: no event {event_id}")
    if fmt == "json":
        for event in found:
            echo_json(event.to_dict())
        return
    blocks = []
    for e in found:
        head = f"event {e.id}  {e.date or '(no date)'}  {e.kind}  {e.title or ''}  ({e.notices} notices, {e.sources} files)"
        rows = [[m.source, m.format or "", str(m.notice_id), m.lang or "", m.why] for m in e.members]
        blocks.append(head + "\n" + table(rows, ["source", "format", "notice", "lang", "why"]))
    click.echo("\n\n".join(blocks) if blocks else "(no events)")


@click.command("search")
@click.argument("store")
@click.argument("query")
@click.option("--city", help="Only notices naming this city (a name such as 晋城市, or a division code).")
@click.option("--year", type=int, help="Only notices of this year.")
@click.option("--kind", type=click.Choice(["interview", "inspection", "rectification", "sanction", "other"]),
              help="Only notices of this kind.")
@click.option("--limit", type=click.IntRange(min=1), default=20, show_default=True)
@click.option("--offset", type=click.IntRange(min=0), default=0, show_default=True)
@format_option("table")
def search_cmd(store: str, query: str, city: str | None, year: int | None, kind: str | None, limit: int,
               offset: int, fmt: str) -> None:
    """Full-text search of the notices of a store, Chinese and English; one hit per event.

    Every word of QUERY must be found; "quoted words" are one phrase.

    \b
    Examples:
      notices search notices.db 大气污染
      notices search notices.db 约谈 --city 晋城市 --year 2019
      notices search notices.db "air quality" --format json
    """
    from ..batch.search import MARK_END, MARK_START

    with _open(store) as opened:
        hits = opened.search(query, city=city, year=year, kind=kind, limit=limit, offset=offset)
    if fmt == "json":
        for hit in hits:
            echo_json(hit.to_dict())
        return
    if not hits:
        click.echo("(no notices found)")
        return
    color = sys.stdout.isatty()
    for hit in hits:
        snippet = hit.snippet.replace(MARK_START, "\033[1;31m" if color else "[").replace(
            MARK_END, "\033[0m" if color else "]")
        click.echo(f"notice {hit.notice_id}  event {hit.event_id}  {hit.date or ''}  {hit.kind}  "
                   f"{hit.title or ''}  ({hit.sources} files)\n  {snippet}\n  {hit.source}\n")


@click.command("export")
@click.argument("store")
@click.argument("folder")
@click.option("--format", "fmt", type=click.Choice(["csv", "parquet"]), default="csv", show_default=True)
def export_cmd(store: str, folder: str, fmt: str) -> None:
    """Write the tables of a store into FOLDER as flat CSV or Parquet files, the same columns.

    \b
    Example:
      notices export notices.db tables/ --format parquet
    """
    from ..batch.export import export_store

    for path in export_store(store, folder, fmt):
        click.echo(str(path))


@click.command("export-gold")
@click.argument("store")
@click.argument("folder")
def export_gold_cmd(store: str, folder: str) -> None:
    """Write the notices clerks corrected as gold/2 files (ID.txt + ID.gold.json) that
    notices eval FOLDER scores the extractor against.

    \b
    Example:
      notices export-gold notices.db gold/ && notices eval gold/
    """
    from ..batch.corrections import export_gold

    with _open(store) as opened:
        written = export_gold(opened.conn, folder)
    click.echo(f"{len(written)} corrected notices written to {folder}")


@click.command("stats")
@click.argument("store")
@click.option("--plot", "plot_path", metavar="FILE.png|svg|pdf",
              help="Also draw interview events per province per year (format by extension).")
@click.option("--top", type=click.IntRange(min=1), default=10, show_default=True, help="Cities and provinces listed.")
@format_option("table")
def stats_cmd(store: str, plot_path: str | None, top: int, fmt: str) -> None:
    """Summarise a batch output: events per year and kind, the most interviewed cities and
    provinces, the deadlines given, the errors. Counts are of events: a notice with its copies,
    reprints and other-language reports counts once."""
    if plot_path:
        from ..batch.stats import plot_format

        plot_format(plot_path)
    with _open(store) as opened:
        data = opened.stats(top=top)
        if plot_path:
            opened.plot(plot_path)
    if fmt == "json":
        if plot_path:
            data["plot"] = plot_path
        click.echo(json.dumps(data, ensure_ascii=False))
        return
    out = [f"events   {data['events']}  (notices {data['notices']}, versions {data['versions']}, "
           f"files {data['files']}, errors {data['errors']})"]

    def section(title: str, rows: list[dict[str, Any]], keys: list[str]) -> None:
        out.append(f"\n{title}")
        if rows:
            out.append(table([["" if r[k] is None else str(r[k]) for k in keys] for r in rows], keys))
        else:
            out.append("(none)")

    section("events per year and kind", data["by_year_kind"], ["year", "kind", "events"])
    section("most interviewed cities", data["interviewed_cities"], ["city", "code", "province", "interviews"])
    section("most interviewed provinces", data["interviewed_provinces"], ["province", "interviews"])
    section("deadlines given", data["deadlines"],
            ["unit", "deadlines", "median_amount", "min_amount", "max_amount"])
    section("errors by type", data["errors_by_type"], ["type", "errors"])
    if plot_path:
        out.append(f"\nplot written to {plot_path}")
    click.echo("\n".join(out))
