"""``notices browse``: the store in Datasette, on loopback (over :mod:`notices.batch.browse`)."""
from __future__ import annotations

import hashlib
import json
import os
import tempfile
from pathlib import Path

import click


@click.command("browse")
@click.argument("store")
@click.option("--host", default="127.0.0.1", show_default=True, help="Loopback address to serve on.")
@click.option("--port", type=click.IntRange(0, 65535), default=8001, show_default=True)
@click.option("--open/--no-open", "open_browser", default=True, show_default=True,
              help="Open the page in a browser.")
def browse_cmd(store: str, host: str, port: int, open_browser: bool) -> None:
    """Open a store in Datasette: facet by province, year, kind and role, search the notices'
    text, run SQL, export CSV or JSON. Needs pip install 'notices[browse]'. Ctrl-C stops it.

    \b
    Example:
      notices browse notices.db --port 8001
    """
    from ..batch.browse import datasette_command, metadata, sqlite_store

    path = sqlite_store(store).resolve()
    # Datasette reads its metadata from a file; one per store, rewritten on each start.
    tag = hashlib.sha256(str(path).encode()).hexdigest()[:16]
    meta = Path(tempfile.gettempdir()) / f"notices-browse-{tag}.json"
    try:
        meta.write_text(json.dumps(metadata(path), ensure_ascii=False), encoding="utf-8")
    except OSError as exc:
        raise click.ClickException(f"cannot write Datasette's metadata to {meta}: {exc.strerror or exc}") from None
    cmd = datasette_command(path, meta, host=host, port=port, open_browser=open_browser)
    click.echo(f"Serving {path} at http://{host}:{port}/ (Ctrl-C stops)", err=True)
    os.execv(cmd[0], cmd)  # Datasette becomes this process: signals reach it, nothing is left behind
