"""Reading letter data: rows from JSON, YAML or CSV, records from JSON Lines.

Every failure is a :class:`~notices.errors.DataError` naming the file (and line, where there
is one), so the CLI prints ``Error: FILE: reason`` and never a traceback.
"""
from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

from ..errors import DataError
from ..record import Record


def _read_text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise DataError("no such file", path=str(path)) from None
    except IsADirectoryError:
        raise DataError("is a folder, not a file", path=str(path)) from None
    except UnicodeDecodeError as exc:
        raise DataError(f"not UTF-8 text ({exc.reason} at byte {exc.start})", path=str(path)) from None
    except OSError as exc:
        raise DataError(exc.strerror or str(exc), path=str(path)) from None


def read_rows(path: str | Path) -> list[dict[str, Any]]:
    """Letter data, one dict per letter, from ``.json``/``.jsonl``, ``.yaml``/``.yml`` or ``.csv``.

    JSON and YAML may hold one object (one letter) or a list of objects.
    """
    path = Path(path)
    suffix = path.suffix.lower()
    text = _read_text(path)
    if suffix == ".csv":
        rows: Any = list(csv.DictReader(text.splitlines()))
        if not rows:
            raise DataError("no rows (a header line and one line per letter are needed)", path=str(path))
    elif suffix in (".yaml", ".yml"):
        import yaml

        try:
            rows = yaml.safe_load(text)
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            where = f"line {mark.line + 1}: " if mark else ""
            raise DataError(f"{where}bad YAML: {getattr(exc, 'problem', exc)}", path=str(path)) from None
    elif suffix in (".json", ".jsonl", ".ndjson"):
        rows = _json_rows(text, path)
    else:
        raise DataError(f"unknown data format {suffix or '(none)'}; use .json, .yaml or .csv", path=str(path))
    if isinstance(rows, dict):
        rows = [rows]
    if not isinstance(rows, list) or not rows:
        raise DataError("expected an object or a list of objects, one per letter", path=str(path))
    for number, row in enumerate(rows, start=1):
        if not isinstance(row, dict):
            raise DataError(f"row {number}: expected an object, got {type(row).__name__}", path=str(path))
    return rows


def _json_rows(text: str, path: Path) -> Any:
    try:
        return json.loads(text)
    except json.JSONDecodeError as whole:
        lines = [line for line in text.splitlines() if line.strip()]
        if len(lines) < 2:
            raise DataError(f"line {whole.lineno}: bad JSON: {whole.msg}", path=str(path)) from None
    return _json_lines(text, path)


def _json_lines(text: str, path: Path) -> list[Any]:
    out = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            out.append(json.loads(line))
        except json.JSONDecodeError as exc:
            raise DataError(f"line {number}: bad JSON: {exc.msg}", path=str(path)) from None
    return out


def read_records(path: str | Path) -> list[Record]:
    """Records from JSON Lines (as ``notices extract --format json`` prints), or a JSON list.

    ``-`` reads standard input, so ``notices extract … | notices letters -`` works.
    """
    if str(path) == "-":
        import sys

        path, text = Path("<stdin>"), sys.stdin.read()
    else:
        path = Path(path)
        text = _read_text(path)
    stripped = text.lstrip()
    if stripped.startswith("["):
        try:
            items = json.loads(text)
        except json.JSONDecodeError as exc:
            raise DataError(f"line {exc.lineno}: bad JSON: {exc.msg}", path=str(path)) from None
    else:
        try:
            items = _json_lines(text, path)
        except DataError as bad_line:
            try:  # one pretty-printed object
                items = [json.loads(text)]
            except json.JSONDecodeError:
                raise bad_line from None
    if not items:
        raise DataError("no records in the file", path=str(path))
    records = []
    for number, item in enumerate(items, start=1):
        if not isinstance(item, dict):
            raise DataError(f"record {number}: expected a JSON object", path=str(path))
        try:
            records.append(Record.from_dict(item))
        except (TypeError, ValueError, AttributeError) as exc:
            raise DataError(f"record {number}: not a notices record ({exc})", path=str(path)) from None
    return records
