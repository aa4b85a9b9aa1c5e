"""``notices extract`` and ``notices eval``."""
from __future__ import annotations

import sys
from datetime import date as _date

import click

from ..errors import NoticesError
from .common import echo_json, format_option, table


def _check_date(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    if value is None:
        return None
    try:
        return _date.fromisoformat(value).isoformat()
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date in YYYY-MM-DD form") from None


def summarise(rec: dict) -> str:
    """A readable block for one record."""
    lines = [f"== {rec.get('source') or '-'}"]
    if rec.get("error"):
        return lines[0] + f"\n   error: {rec['error']['message']}"
    auth = (rec.get("authority") or {}).get("name") or "-"
    lines.append(f"   {rec.get('title') or ''}".rstrip())
    lines.append(f"   lang {rec['lang']}  date {rec.get('date') or '-'}  kind {rec['kind']}  authority {auth}")
    if rec["cities"]:
        lines.append("   cities:    " + ", ".join(
            f"{c['name']} {c['code']}{' *' if c['role'] == 'subject' else ''}" for c in rec["cities"]))
    if rec["officials"]:
        lines.append("   officials: " + ", ".join(
            f"{o['name']} ({' '.join(x for x in (o.get('org'), o.get('title')) if x)})" for o in rec["officials"]))
    if rec["figures"]:
        lines.append("   figures:   " + "; ".join(f"{f['text']} [{f['role']}]" for f in rec["figures"]))
    if rec["deadlines"]:
        lines.append("   deadlines: " + "; ".join(f"{d['text']} → {d.get('due') or '?'}" for d in rec["deadlines"]))
    if rec["companies"]:
        lines.append("   companies: " + ", ".join(c["name"] for c in rec["companies"]))
    if rec["sanctions"]:
        lines.append("   sanctions: " + "; ".join(s["text"] for s in rec["sanctions"]))
    for w in rec.get("warnings", []):
        lines.append(f"   warning: {w}")
    return "\n".join(lines)


@click.command("extract")
@click.argument("files", nargs=-1, required=True, metavar="FILE... | -")
@click.option("--lang", type=click.Choice(["auto", "zh", "en"]), default="auto", show_default=True,
              help="Language of the notices.")
@click.option("--date", "date", callback=_check_date, metavar="YYYY-MM-DD",
              help="The notice date when the text gives none (also the year of year-less dates).")
@format_option("table", "json")
def extract_cmd(files: tuple[str, ...], lang: str, date: str | None, fmt: str) -> None:
    """Extract one record per notice file (txt, html, docx, pdf; '-' reads stdin).

    Prints JSON Lines with --format json (the notices.record/2 schema), or a readable summary.
    A file that cannot be read is reported as 'Error: FILE: reason' on stderr; the other files
    are still processed and the exit code is 1.
    """
    from ..extractors import extract_document
    from ..readers import read

    failed = 0
    for name in files:
        try:
            doc = read(sys.stdin.buffer.read(), source="<stdin>") if name == "-" else read(name)
            record = extract_document(doc, lang=None if lang == "auto" else lang, date=date)
        except NoticesError as exc:
            failed += 1
            click.echo(f"Error: {exc}", err=True)
            continue
        rec = record.to_dict()
        if fmt == "json":
            echo_json(rec)
        else:
            click.echo(summarise(rec))
    if failed:
        sys.exit(1)


@click.command("eval")
@click.argument("root", type=click.Path(exists=True), metavar="DIR")
@format_option("table", "json")
@click.option("--details", is_flag=True, help="List each file's missed and extra items.")
def eval_cmd(root: str, fmt: str, details: bool) -> None:
    """Score the extractor against gold annotations (ID.txt beside ID.gold.json) under DIR.

    Reads the corpus's gold files and gold/2 annotations of real notices alike. Prints P/R/F1 of
    places, subjects, officials, figures, deadlines and companies, the accuracy of date,
    published, kind and authority, and the overall micro-F1 over the F1 fields.

    \b
    Examples:
      notices eval corpus/
      notices eval --details corpus/zh
      notices eval --format json corpus/ | jq .overall.f1
    """
    from ..evaluate import evaluate

    report = evaluate(root)
    if fmt == "json":
        echo_json(report.to_dict())
        return
    rows = []
    for name, s in [*report.fields.items(), *((k, v) for k, v in report.extra.items() if v.gold or v.pred)]:
        label = name if name in report.fields else f"({name})"
        rows.append([label, str(s.tp), str(s.gold), str(s.pred), f"{s.precision:.3f}", f"{s.recall:.3f}", f"{s.f1:.3f}"])
    for name, a in report.accuracy.items():
        if a.n:
            rows.append([name, str(a.ok), str(a.n), "", "", "", f"acc {a.accuracy:.3f}"])
    m = report.micro
    rows.append(["overall", str(m.tp), str(m.gold), str(m.pred), f"{m.precision:.3f}", f"{m.recall:.3f}", f"{m.f1:.3f}"])
    click.echo(f"{len(report.files)} notices under {root}")
    click.echo(table(rows, ["field", "tp", "gold", "pred", "precision", "recall", "F1"]))
    if details:
        for f in report.files:
            if not f.misses and not f.extras:
                continue
            click.echo(f"\n== {f.source}")
            for k, items in f.misses.items():
                for it in items:
                    click.echo(f"  missed {k}: {it}")
            for k, items in f.extras.items():
                for it in items:
                    short = {kk: vv for kk, vv in it.items() if kk not in ("span", "spans")}
                    click.echo(f"  extra  {k}: {short}")
