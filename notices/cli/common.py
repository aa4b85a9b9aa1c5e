"""Options and output helpers shared by the commands."""
from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Iterator
from typing import Any, TypeVar

import click

T = TypeVar("T")


def format_option(*choices: str, default: str = "table"):  # noqa: ANN201
    """``--format`` with the given choices (``json`` is always offered, for scripts)."""
    names = list(dict.fromkeys([*choices, "json"]))
    return click.option(
        "--format", "fmt", type=click.Choice(names), default=default, show_default=True,
        help="Output format; json prints one JSON object per line.",
    )


def echo_json(obj: Any) -> None:
    click.echo(json.dumps(obj, ensure_ascii=False))


def progress(items: Iterable[T], *, total: int | None = None, desc: str = "", unit: str = "file",
             enabled: bool | None = None) -> Iterator[T]:
    """A tqdm bar on a terminal (stderr), silent in a pipe or under CI."""
    from tqdm import tqdm

    show = sys.stderr.isatty() if enabled is None else enabled
    yield from tqdm(items, total=total, desc=desc, unit=unit, disable=not show, leave=False)


def table(rows: list[list[str]], headers: list[str]) -> str:
    """A plain-text table, width-aware for CJK characters."""
    import unicodedata

    def width(s: str) -> int:
        return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in s)

    cols = [headers, *rows]
    widths = [max(width(str(r[i])) for r in cols) for i in range(len(headers))]

    def line(r: list[str]) -> str:
        return "  ".join(str(c) + " " * (w - width(str(c))) for c, w in zip(r, widths)).rstrip()

    out = [line(headers), "  ".join("-" * w for w in widths)]
    out += [line(r) for r in rows]
    return "\n".join(out)
