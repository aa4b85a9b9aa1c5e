"""The store in Datasette (``pip install 'notices[browse]'``): its metadata and the command line.

:func:`metadata` describes every table and column (from :mod:`~notices.batch.schema`), facets
notices by year, kind and language, cities by province and role, and ties the full-text index
to the notices table, so a researcher can facet, search and export without writing SQL.
"""
from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from typing import Any

from ..errors import StoreError
from .schema import DESCRIPTIONS

LOOPBACK = ("127.0.0.1", "localhost", "::1", "[::1]")

FACETS = {
    "notices": ["year", "kind", "lang"],
    "events": ["year", "kind"],
    "cities": ["province", "role", "level"],
    "officials": ["title"],
    "figures": ["unit", "role"],
    "deadlines": ["unit"],
    "sources": ["format", "reason"],
    "errors": ["type"],
}


def metadata(store: str | Path) -> dict[str, Any]:
    """Datasette metadata for the store at ``store``."""
    tables: dict[str, Any] = {}
    for name, (about, columns) in DESCRIPTIONS.items():
        tables[name] = {"description": about, "columns": dict(columns)}
        if name in FACETS:
            tables[name]["facets"] = FACETS[name]
    tables["notices"].update(fts_table="notices_fts", fts_pk="id", sort_desc="date")
    tables["fingerprints"] = {"hidden": True}
    tables["bands"] = {"hidden": True}
    for suffix in ("", "_data", "_idx", "_docsize", "_config", "_content"):
        tables[f"notices_fts{suffix}"] = {"hidden": True}
    return {
        "title": "notices store",
        "description": "Environmental-enforcement notices: events, notices, the files they came from, "
                       "and what was extracted from them.",
        "databases": {Path(store).stem: {"tables": tables}},
    }


def datasette_command(store: str | Path, meta_file: str | Path, *, host: str = "127.0.0.1",
                      port: int = 8001, open_browser: bool = False) -> list[str]:
    """The command that serves ``store`` with Datasette on a loopback address."""
    if host not in LOOPBACK:
        raise StoreError(f"Datasette is served on loopback only (127.0.0.1, localhost, ::1), not {host}")
    if importlib.util.find_spec("datasette") is None:
        raise StoreError("notices browse needs Datasette: pip install 'notices[browse]'")
    cmd = [sys.executable, "-m", "datasette", "serve", str(store), "--host", host.strip("[]"),
           "--port", str(port), "--metadata", str(meta_file), "--setting", "facet_time_limit_ms", "1000"]
    if open_browser:
        cmd.append("--open")
    return cmd


def sqlite_store(path: str | Path) -> Path:
    """The SQLite file of a store (an export folder's notices.db), or a clear refusal."""
    from .formats import writer_name

    p = Path(path)
    if p.is_dir():
        from .folders import folder_store

        p = folder_store(p)
    if not p.exists():
        raise StoreError("no such store", path=str(path))
    if writer_name(p) != "sqlite":
        raise StoreError("Datasette opens a SQLite store (.db); write one with notices batch … -o notices.db",
                         path=str(path))
    return p
