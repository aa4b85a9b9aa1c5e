"""Extraction away from the server: a few worker processes, each job with a time limit.

One notice that takes long (a paste of ten thousand brackets) occupies one worker, never the
server: the other workers answer the other clerks, and when the limit is hit the worker is
killed, the clerk told so, and a fresh worker started. Jobs are module-level functions
(picklable by reference) and their arguments; a :class:`~notices.web.pages.PageError` raised
in a job is raised again here, any other failure becomes :class:`WorkerFailed`.

    pool = shared_pool(2)
    notice = pool.call(read_notice, text, None, timeout=20)   # in a thread, not the event loop
"""
from __future__ import annotations

import atexit
import logging
import queue
import socket
import subprocess
import sys
import threading
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from multiprocessing.connection import Connection
from typing import Any

log = logging.getLogger("notices.web")

DEFAULT_WORKERS = 2
DEFAULT_TIMEOUT = 20.0  # seconds one extraction may take
STARTUP = 300.0  # seconds a worker may take to start and load the pipelines


class TimedOut(Exception):
    """The job ran past its time limit; its worker was killed."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        super().__init__(f"the job took over {seconds:g} s")


class WorkerFailed(Exception):
    """The job raised something unexpected (its traceback is logged), or its worker died."""


def _warm() -> None:
    from .. import extract

    extract("2018年5月3日，生态环境部约谈晋城市人民政府主要负责人。", lang="zh")
    extract("On 3 May 2018 the ministry summoned the mayor of Anyang.", lang="en")


def serve(conn: Connection) -> None:
    """The worker process: warm the pipelines, then run jobs from ``conn`` until it closes."""
    from .pages import PageError

    try:
        _warm()
    except Exception:  # noqa: BLE001 - a job will report it
        pass
    conn.send(("ready", None))
    while True:
        try:
            fn, args, kwargs = conn.recv()
        except (EOFError, OSError, KeyboardInterrupt):
            return
        try:
            reply = ("ok", fn(*args, **kwargs))
        except PageError as exc:
            reply = ("page", exc)
        except BaseException:  # noqa: BLE001 - sent back and logged there
            reply = ("failed", traceback.format_exc())
        try:
            conn.send(reply)
        except Exception:  # noqa: BLE001 - an unpicklable result
            conn.send(("failed", traceback.format_exc()))


@dataclass
class _Worker:
    process: subprocess.Popen
    conn: Connection
    ready: bool = False

    def wait_ready(self) -> bool:
        """Wait for the worker to have loaded the pipelines (not counted in a job's time)."""
        if not self.ready:
            try:
                self.ready = bool(self.conn.poll(STARTUP)) and self.conn.recv()[0] == "ready"
            except (EOFError, OSError):
                self.ready = False
        return self.ready

    def alive(self) -> bool:
        return self.process.poll() is None

    def stop(self) -> None:
        try:
            self.conn.close()
        finally:
            if self.alive():
                self.process.kill()
            try:
                self.process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                pass


class Pool:
    """``size`` worker processes, started on first use."""

    def __init__(self, size: int = DEFAULT_WORKERS) -> None:
        self.size = max(1, size)
        self._idle: queue.Queue[_Worker] = queue.Queue()
        self._lock = threading.Lock()
        self._started = 0
        self._closed = False

    def _start(self) -> _Worker:
        # A fresh interpreter (``python -m notices.web._worker FD``), not a fork of this threaded
        # server, nor a re-run of whatever script started it; it talks over a socket pair.
        ours, theirs = socket.socketpair()
        process = subprocess.Popen([sys.executable, "-m", "notices.web._worker", str(theirs.fileno())],
                                   pass_fds=(theirs.fileno(),), stdin=subprocess.DEVNULL)
        theirs.close()
        return _Worker(process, Connection(ours.detach()))

    def _take(self) -> _Worker:
        with self._lock:
            if self._closed:
                raise WorkerFailed("the extraction workers are shut down")
            if self._idle.empty() and self._started < self.size:
                self._started += 1
                return self._start()
        return self._idle.get()

    def _replace(self, worker: _Worker) -> None:
        worker.stop()
        with self._lock:
            if self._closed:
                self._started -= 1
                return
        self._idle.put(self._start())

    def call(self, fn: Callable[..., Any], *args: Any, timeout: float = DEFAULT_TIMEOUT, **kwargs: Any) -> Any:
        """``fn(*args, **kwargs)`` in a worker; blocks (call it from a thread) until it is done,
        or raises :class:`TimedOut` after ``timeout`` seconds of work."""
        worker = self._take()
        if not worker.wait_ready():
            self._replace(worker)
            raise WorkerFailed("an extraction worker did not start")
        try:
            worker.conn.send((fn, args, kwargs))
        except Exception as exc:  # noqa: BLE001 - unpicklable job, or a dead worker
            self._give_back_or_replace(worker)
            raise WorkerFailed(f"the job could not be sent: {exc}") from None
        started = time.monotonic()
        try:
            ready = worker.conn.poll(timeout)
        except (EOFError, OSError):
            ready = False
        if not ready:
            self._replace(worker)
            if time.monotonic() - started < timeout * 0.99:
                raise WorkerFailed("the extraction worker died")
            raise TimedOut(timeout)
        try:
            kind, value = worker.conn.recv()
        except (EOFError, OSError) as exc:
            self._replace(worker)
            raise WorkerFailed(f"the extraction worker died ({exc})") from None
        self._give_back(worker)
        if kind == "page":
            raise value
        if kind == "failed":
            log.error("extraction failed in a worker:\n%s", value)
            raise WorkerFailed(value.strip().splitlines()[-1])
        return value

    def _give_back(self, worker: _Worker) -> None:
        with self._lock:
            closed = self._closed
        if closed:
            worker.stop()
        else:
            self._idle.put(worker)

    def _give_back_or_replace(self, worker: _Worker) -> None:
        if worker.alive():
            self._give_back(worker)
        else:
            self._replace(worker)

    def start(self) -> None:
        """Start the workers now (they warm up while the server starts), not on first use."""
        with self._lock:
            while self._started < self.size and not self._closed:
                self._started += 1
                self._idle.put(self._start())

    def close(self) -> None:
        with self._lock:
            self._closed = True
        while True:
            try:
                self._idle.get_nowait().stop()
            except queue.Empty:
                return


_POOLS: dict[int, Pool] = {}
_POOLS_LOCK = threading.Lock()


def shared_pool(size: int = DEFAULT_WORKERS) -> Pool:
    """The process's pool of ``size`` workers (apps in one process share it)."""
    with _POOLS_LOCK:
        pool = _POOLS.get(size)
        if pool is None or pool._closed:
            pool = _POOLS[size] = Pool(size)
            atexit.register(pool.close)  # a busy worker ends when its socket closes with us
        return pool
