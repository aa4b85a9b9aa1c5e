"""``notices text``: what the readers read from a file, before any extraction."""
from __future__ import annotations

import sys

import click

from ..errors import NoticesError
from .common import echo_json, format_option


@click.command("text")
@click.argument("files", nargs=-1, required=True, metavar="FILE... | -")
@format_option("text", "json", default="text")
def text_cmd(files: tuple[str, ...], fmt: str) -> None:
    """Print the text read from each file (txt, html, docx, pdf; '-' reads stdin), with its
    title, date, encoding and the reader's warnings: what extraction starts from, so you can
    see why a record missed something.

    \b
    Examples:
      notices text page.html
      notices text notice.pdf --format json | jq .warnings
      curl -s URL | notices text -
    """
    from ..readers import read

    failed = 0
    for name in files:
        try:
            doc = read(sys.stdin.buffer.read(), source="<stdin>") if name == "-" else read(name)
        except NoticesError as exc:
            failed += 1
            click.echo(f"Error: {exc}", err=True)
            continue
        if fmt == "json":
            echo_json(doc.to_dict())
            continue
        click.echo(f"== {doc.source}")
        facts = [f"format {doc.format}"] + [f"{k} {v}" for k, v in doc.meta.items()]
        click.echo(f"   title {doc.title or '-'}")
        click.echo(f"   date {doc.date or '-'}  " + "  ".join(facts))
        for warning in doc.warnings:
            click.echo(f"   warning: {warning}")
        click.echo(doc.text)
    if failed:
        sys.exit(1)
