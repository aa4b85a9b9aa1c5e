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
    lines = [
        f"output   {summary.output}",
        f"files    {summary.files}  ({rate:.1f} files/s)",
        f"records  {summary.records}  ({', '.join(added)})",
        f"errors   {len(summary.errors)}",
    ]
    if summary.skipped:
        lines.append(f"skipped  {len(summary.skipped)} system files and folders "
                     f"(e.g. {summary.skipped[0][0]}: {summary.skipped[0][1]})")
    click.echo("\n".join(lines))
    if summary.errors:
        click.echo("\n" + table(_error_rows(summary.errors), ["file", "error", "reason"]))


@click.command("batch")
@click.argument("inputs", nargs=-1, required=True)
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
@click.option("--commit-every", type=click.IntRange(min=1), default=256, hidden=True)
@format_option("table")
def batch_cmd(inputs: tuple[str, ...], output: str, jobs: int, engine: str, scheduler: str | None,
              max_bytes: int, max_total_bytes: int, max_ratio: float, timeout: float, commit_every: int,
              fmt: str) -> None:
    """Convert files, folders and .zip/.tar/.tar.gz archives of notices into a store.

    Every file gives a record or an error record naming it (archive members as
    ARCHIVE!MEMBER) and the reason. Rerunning the same command resumes: files already in the
    output are not read again, so a killed run loses nothing. Exit code 1 when any file failed.
    """
    from tqdm import tqdm

    from ..batch import batch

    bar = tqdm(desc="notices", unit=" file", disable=not sys.stderr.isatty(), leave=False, file=sys.stderr)
    errors = 0

    def on_file(outcome: Any) -> None:
        nonlocal errors
        if outcome.status == "skipped":
            return
        errors += outcome.status == "error"
        bar.update()
        if outcome.status == "error":
            bar.set_postfix(errors=errors, refresh=False)

    try:
        summary = batch(list(inputs), output, jobs=jobs, engine=engine, scheduler=scheduler,
                        max_bytes=max_bytes, max_total_bytes=max_total_bytes, max_ratio=max_ratio,
                        timeout=timeout or None, commit_every=commit_every, on_file=on_file)
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
    _print_summary(summary, fmt)
    if not summary.ok:
        sys.exit(1)


def _open(store_path: str):  # noqa: ANN202
    from ..batch import open_store

    return open_store(store_path)


@click.command("query")
@click.argument("store")
@click.argument("sql")
@format_option("table", "csv")
def query_cmd(store: str, sql: str, fmt: str) -> None:
    """Run SQL against a batch output (tables: notices, cities, officials, figures, deadlines,
    companies, sanctions, warnings, files, errors; view: current_notices)."""
    with _open(store) as opened:
        columns, rows = opened.execute(sql)
    if fmt == "json":
        for row in rows:
            echo_json(dict(zip(columns, row)))
    elif fmt == "csv":
        writer = csv.writer(sys.stdout, lineterminator="\n")
        writer.writerow(columns)
        writer.writerows(rows)
    elif columns:
        click.echo(table([["" if v is None else str(v) for v in row] for row in rows], columns))


@click.command("stats")
@click.argument("store")
@click.option("--plot", "plot_path", metavar="FILE.png", help="Also draw interviews per province per year.")
@click.option("--top", type=click.IntRange(min=1), default=10, show_default=True, help="Cities and provinces listed.")
@format_option("table")
def stats_cmd(store: str, plot_path: str | None, top: int, fmt: str) -> None:
    """Summarise a batch output: notices per year and kind, the most interviewed cities and
    provinces, the deadlines given, the errors."""
    with _open(store) as opened:
        data = opened.stats(top=top)
        if plot_path:
            opened.plot(plot_path)
    if fmt == "json":
        if plot_path:
            data["plot"] = plot_path
        click.echo(json.dumps(data, ensure_ascii=False))
        return
    out = [f"notices  {data['notices']}  (versions {data['versions']}, files {data['files']}, "
           f"errors {data['errors']})"]

    def section(title: str, rows: list[dict[str, Any]], keys: list[str]) -> None:
        out.append(f"\n{title}")
        if rows:
            out.append(table([["" if r[k] is None else str(r[k]) for k in keys] for r in rows], keys))
        else:
            out.append("(none)")

    section("notices per year and kind", data["by_year_kind"], ["year", "kind", "notices"])
    section("most interviewed cities", data["interviewed_cities"], ["city", "code", "province", "interviews"])
    section("most interviewed provinces", data["interviewed_provinces"], ["province", "interviews"])
    section("deadlines given", data["deadlines"],
            ["unit", "deadlines", "median_amount", "min_amount", "max_amount"])
    section("errors by type", data["errors_by_type"], ["type", "errors"])
    if plot_path:
        out.append(f"\nplot written to {plot_path}")
    click.echo("\n".join(out))
