"""``notices serve``: argument parsing only; the app is :func:`notices.web.create_app`."""
from __future__ import annotations

from pathlib import Path

import click


@click.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on. Anything but this machine (127.0.0.1, ::1, localhost) "
                   "lets others on the network read the notices.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535), help="Port to listen on.")
@click.option("--db", type=click.Path(path_type=Path, dir_okay=False),
              help="A store written by `notices batch` (.db, .jsonl, .csv, .parquet) for the archive page.")
@click.option("--max-upload", "max_upload_mb", default=10.0, show_default=True, type=click.FloatRange(min=0.001),
              metavar="MB", help="Largest upload (or pasted form) accepted, in megabytes.")
@click.option("--timeout", default=20.0, show_default=True, type=click.FloatRange(min=0.1), metavar="SECONDS",
              help="Longest one notice's extraction may take; past it the clerk is told so and the work stopped.")
@click.option("--workers", default=2, show_default=True, type=click.IntRange(1, 64),
              help="Extraction processes: this many notices are read at once, each apart from the server.")
def serve_cmd(host: str, port: int, db: Path | None, max_upload_mb: float, timeout: float, workers: int) -> None:
    """Start the clerks' web page (Chinese first; English by the page's switch or the
    browser's language): paste or upload a notice, review and correct what was found, add
    what was missed by selecting it, download the letters; search the archive with --db.

    \b
    Examples:
      notices serve                          # http://127.0.0.1:8000/
      notices serve --db notices.db          # with the archive of a batch store
      notices serve --host ::1 --port 8080   # IPv6 loopback: http://[::1]:8080/
    """
    import uvicorn

    from ..web import create_app
    from ..web.safety import LOCAL_HOSTS, is_loopback

    host = host.strip()
    if host.startswith("[") and host.endswith("]"):
        host = host[1:-1]  # [::1] as written in a URL
    local = is_loopback(host)
    if not local:
        click.echo(f"Warning: listening on {host}, not only on this machine: anyone who can reach "
                   f"port {port} can read and submit notices. Use --host 127.0.0.1 to keep it local.", err=True)
    app = create_app(db=db, max_upload=int(max_upload_mb * 1024 * 1024),
                     allowed_hosts=[*LOCAL_HOSTS, host] if local else None, workers=workers, timeout=timeout)
    shown = f"[{host}]" if ":" in host else host
    click.echo(f"notices: serving on http://{shown}:{port}/" + (f" with the store {db}" if db else "")
               + " (Ctrl+C to stop)", err=True)
    uvicorn.run(app, host=host, port=port, log_level="warning")
