"""What runs on a worker (a local process, a Dask worker, or the main process for ``--jobs 1``):
bytes in, record dicts out (each with a ``_doc`` beside the record for the store: the text, its
identity key, MinHash signature, folded text and shingle hashes, see :mod:`~notices.batch.events`:
whatever can be computed here is, so that the one process writing the store does little). Never raises: whatever goes wrong with one file becomes that file's
error record, so one bad file cannot lose its neighbours.
"""
from __future__ import annotations

import os
import signal
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from ..errors import NoticesError
from ..record import Record

# One unit of work: (source, raw bytes or None, sha256 or None, (error type, message) or None).
Task = tuple[str, bytes | None, str | None, tuple[str, str] | None]

DEFAULT_TIMEOUT = 120.0


class _TimeLimit(BaseException):
    """Not an ``Exception``: the readers' and parsers' broad handlers must not swallow it."""


@contextmanager
def _time_limit(seconds: float | None) -> Iterator[None]:
    """Stop one file that takes too long (a pathological PDF), where signals can do it: in a
    process's main thread. Elsewhere (Dask worker threads) the file runs to its end."""
    usable = (seconds and hasattr(signal, "setitimer")
              and threading.current_thread() is threading.main_thread())
    if not usable:
        yield
        return

    def alarm(signum: int, frame: object) -> None:
        raise _TimeLimit

    previous = signal.signal(signal.SIGALRM, alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def process_one(task: Task, timeout: float | None = DEFAULT_TIMEOUT) -> dict[str, Any]:
    """Read and extract one file: its record, or its error record, as a dict."""
    from .. import extract_document  # the public API, wherever its module lives
    from ..readers import read
    from .events import fingerprint

    source, raw, sha, error = task
    if error is not None or raw is None:
        type_, message = error or ("read_error", "no bytes were read")
        return Record.failed(source, type_, message, sha).to_dict()
    try:
        with _time_limit(timeout):
            doc = read(raw, source=source)
            record = extract_document(doc)
            mark = fingerprint(doc.text)
        record.meta = {**record.meta, "format": doc.format, "text_key": mark.key}
        out = record.to_dict()
        out["_doc"] = {"text": doc.text, "key": mark.key, "minhash": mark.signature, "date": doc.date,
                       "normalized": mark.normalized, "hashes": mark.hashes}
        return out
    except NoticesError as exc:
        return Record.failed(source, exc.type, exc.message, sha).to_dict()
    except _TimeLimit:
        return Record.failed(source, "timeout", f"reading took longer than {timeout:g} s; stopped", sha).to_dict()
    except RecursionError:
        return Record.failed(source, "read_error", "nested too deeply to read", sha).to_dict()
    except Exception as exc:  # noqa: BLE001 - a bug or a library failure must not stop the batch
        return Record.failed(source, "internal_error", f"{type(exc).__name__}: {exc}", sha).to_dict()


def process_chunk(tasks: list[Task], timeout: float | None = DEFAULT_TIMEOUT) -> list[dict[str, Any]]:
    return [process_one(task, timeout) for task in tasks]


_warm = False


def warm_up() -> None:
    """Load the extraction pipelines and every reader (with the libraries they import on first
    use: trafilatura, python-docx, pypdf...), once, before a worker's first file: in the fork
    server that forks the local workers, or in a Dask worker. Measured: a worker otherwise spent
    about 1 s of CPU on first-use imports besides the 2.5 s of loading the pipelines."""
    global _warm
    if _warm:
        return
    _warm = True
    try:
        from .. import extract, extract_document
        from ..readers import read
        from . import samples
        from .events import fingerprint

        zh = "生态环境部约谈晋城市政府主要负责人。\n生态环境部于2019年4月12日约谈晋城市政府主要负责人。"
        extract(zh, lang="zh")
        extract("The ministry summoned officials of Jincheng on 12 April 2019.", lang="en")
        for name, raw in (("warm.txt", samples.to_txt(zh, "gb18030")), ("warm.html", samples.to_html(zh)),
                          ("warm.docx", samples.to_docx(zh)), ("warm.pdf", samples.to_pdf(zh))):
            doc = read(raw, source=name)
            extract_document(doc)
            fingerprint(doc.text * 4)
    except Exception:  # noqa: BLE001 - a broken pipeline shows up as error records, file by file
        pass


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat", "rb") as fh:  # a zombie is dead, though kill(pid, 0) works
            return fh.read().rsplit(b")", 1)[1].split()[0] != b"Z"
    except FileNotFoundError:
        return False
    except OSError:
        pass
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        pass
    return True


def init_worker(main_pid: int) -> None:
    """Start a local worker process: it ends itself when the batch that started it is gone
    (killed, even with -9), which the process pool does not notice, and loads the pipelines."""
    parent = os.getppid()

    def watch() -> None:
        while True:
            time.sleep(1.0)
            if os.getppid() != parent or not _alive(main_pid):
                os._exit(1)

    threading.Thread(target=watch, name="notices-watch-batch", daemon=True).start()
    warm_up()
