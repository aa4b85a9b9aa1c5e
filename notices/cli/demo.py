"""``notices demo``."""
from __future__ import annotations

import sys

import click

from .common import echo_json


@click.command("demo")
@click.option("-o", "--out", "out_dir", default="notices-demo", show_default=True,
              type=click.Path(file_okay=False), help="Folder for the records, the store and the letters.")
@click.option("--no-letters", is_flag=True, help="Do not write letters.")
@click.option("--no-store", is_flag=True, help="Do not build the SQLite store.")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
def demo_cmd(out_dir: str, no_letters: bool, no_store: bool, fmt: str) -> None:
    """Run the main job on the shipped corpus: extract every notice, score the records
    against the gold annotations, build an embedded SQLite store and write the letters."""
    from ..demo import run_demo
    from .extract import summarise

    show = fmt == "table"

    def on_record(record) -> None:  # noqa: ANN001
        if show:
            click.echo(summarise(record.to_dict()))

    result = run_demo(out_dir, letters=not no_letters, store=not no_store, on_record=on_record)
    written = [x for x in result.letters if x.ok]
    summary = {
        "notices": len(result.records),
        "micro_f1": round(result.micro_f1 or 0, 4),
        "f1": {k: round(v, 4) for k, v in result.field_f1.items()},
        "records": str(result.out_dir / "records.jsonl"),
        "store": str(result.store) if result.store else None,
        "store_notices": result.store_notices,
        "letters": len(written),
        "letters_dir": str(result.out_dir / "letters"),
        "errors": result.errors + [x.error for x in result.letters if not x.ok and "no subject" not in (x.error or "")],
    }
    if fmt == "json":
        echo_json(summary)
    else:
        click.echo("")
        click.echo(f"{summary['notices']} notices extracted → {summary['records']}")
        click.echo(f"micro-F1 against the corpus gold: {summary['micro_f1']:.3f}  ("
                   + ", ".join(f"{k} {v:.2f}" for k, v in summary["f1"].items()) + ")")
        if summary["store"]:
            click.echo(f"store: {summary['store']} ({summary['store_notices']} notices); "
                       f"try: notices stats {summary['store']}")
        if not no_letters:
            click.echo(f"letters: {summary['letters']} written under {summary['letters_dir']}")
        for e in summary["errors"]:
            click.echo(f"Error: {e}", err=True)
    if summary["errors"]:
        sys.exit(1)
