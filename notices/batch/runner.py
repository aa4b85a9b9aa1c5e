"""Running a batch: inputs are walked in the main process, their bytes sent in chunks to an
engine (this process, N local processes, or a Dask cluster), and the records written in input
order as they come back, committed every few hundred.

Because results are written in order and committed in chunks, whatever a crash leaves in the
output is a prefix of the run, and the rerun skips what the output already holds (by source
and hash): killed and rerun equals run once. At most a window of chunks is in flight, so memory
does not grow with the size of the archive.
"""
from __future__ import annotations

import logging
import os
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from ..errors import BatchError
from ..record import Record
from .inputs import DEFAULT_MAX_BYTES, DEFAULT_MAX_RATIO, DEFAULT_MAX_TOTAL_BYTES, Limits, count_files, walk
from .lock import OutputLock
from .worker import DEFAULT_TIMEOUT, Task, init_worker, process_chunk
from .writers import open_writer, writer_name

ENGINES = ("local", "dask")
CHUNK_FILES = 16
CHUNK_BYTES = 4 * 1024 * 1024
# A Dask task costs more to send than a pool's: fewer, larger chunks (96 files: 1.21x the time of
# --jobs 2 on 5,000 files, against 1.25x with 32; bench_batch.py)
DASK_CHUNK_FILES = 96
DASK_CHUNK_BYTES = 8 * 1024 * 1024
COMMIT_EVERY = 256
COMMIT_SECONDS = 5.0
# How worker processes start: forkserver keeps them clear of the threads of the main process.
MP_START = "forkserver"
# What the fork server imports before forking the workers: the pipelines and readers, loaded once
# for all of them (see notices/batch/_preload.py).
PRELOAD = ["__main__", "notices.batch._preload"]


class Outcome(NamedTuple):
    """What became of one input file: ``status`` is ``new``, ``version`` (a changed file),
    ``copy`` (known bytes or an identical text under a new name), ``unchanged`` (already in the
    output), ``error`` (failed in this run), ``earlier_error`` (failed in an earlier run and not
    retried) or ``skipped``; ``record`` the record dict (an error record for the errors)."""

    source: str
    status: str
    record: dict[str, Any] | None


@dataclass
class Summary:
    """The account of a run: every file is a record, an error of this run or an earlier error
    (``files == records + len(errors) + earlier_errors``); skipped system files (.DS_Store,
    __MACOSX) are listed apart. ``ok`` is whether this run had no new failures: files that failed
    before (not retried, or retried with ``retry_errors`` and failing again) do not count."""

    output: str
    files: int = 0
    records: int = 0
    new: int = 0
    versions: int = 0
    copies: int = 0
    unchanged: int = 0
    errors: list[dict[str, Any]] = field(default_factory=list)
    earlier_errors: int = 0
    failed_again: int = 0
    skipped: list[tuple[str, str]] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def new_errors(self) -> int:
        return len(self.errors) - self.failed_again

    @property
    def ok(self) -> bool:
        return self.new_errors == 0

    def add(self, outcome: Outcome) -> None:
        if outcome.status == "skipped":
            reason = (outcome.record or {}).get("reason", "")
            self.skipped.append((outcome.source, reason))
            return
        self.files += 1
        if outcome.status == "earlier_error":
            self.earlier_errors += 1
            return
        if outcome.status == "error":
            self.errors.append(outcome.record or {})
            return
        self.records += 1
        if outcome.status == "new":
            self.new += 1
        elif outcome.status == "version":
            self.versions += 1
        elif outcome.status == "copy":
            self.copies += 1
        else:
            self.unchanged += 1

    def to_dict(self) -> dict[str, Any]:
        return {
            "output": self.output, "files": self.files, "records": self.records, "new": self.new,
            "versions": self.versions, "copies": self.copies, "unchanged": self.unchanged,
            "errors": [{"source": e.get("source"), **(e.get("error") or {})} for e in self.errors],
            "new_errors": self.new_errors, "failed_again": self.failed_again,
            "earlier_errors": self.earlier_errors,
            "skipped": [{"source": s, "reason": r} for s, r in self.skipped],
            "seconds": round(self.seconds, 3), "ok": self.ok,
        }


# -------------------------------------------------------------------------------------- engines


class InlineEngine:
    """``--jobs 1``: extraction in this process, one chunk at a time."""

    chunk_files, chunk_bytes = CHUNK_FILES, CHUNK_BYTES

    def __init__(self, timeout: float | None) -> None:
        self.timeout = timeout

    def map(self, chunks: Iterable[list[Task]]) -> Iterator[list[dict[str, Any]]]:
        for chunk in chunks:
            yield process_chunk(chunk, self.timeout)

    def close(self) -> None:
        pass


def _crashed(task: Task, why: str) -> dict[str, Any]:
    return Record.failed(task[0], "internal_error", why, task[2]).to_dict()


class ProcessEngine:
    """``--jobs N``: N worker processes, each loading the pipeline once. Chunks go out in a
    bounded window and come back in order. A worker that dies (a crash in a parser, the OOM
    killer) costs only the file that killed it: its chunk is rerun file by file."""

    chunk_files, chunk_bytes = CHUNK_FILES, CHUNK_BYTES

    def __init__(self, jobs: int, timeout: float | None) -> None:
        self.jobs = jobs
        self.timeout = timeout
        self.window = 4 * jobs
        self.restarts = 0
        self.pool = self._start()

    def _start(self):  # noqa: ANN202
        import multiprocessing as mp
        from concurrent.futures import ProcessPoolExecutor

        context = mp.get_context(MP_START)
        if MP_START == "forkserver":
            context.set_forkserver_preload(PRELOAD)
        return ProcessPoolExecutor(self.jobs, mp_context=context, initializer=init_worker, initargs=(os.getpid(),))

    def _restart(self) -> None:
        self.restarts += 1
        if self.restarts > 100:
            raise BatchError("worker processes keep dying; stopped (rerun to resume)")
        self.pool.shutdown(wait=False, cancel_futures=True)
        self.pool = self._start()

    def map(self, chunks: Iterable[list[Task]]) -> Iterator[list[dict[str, Any]]]:
        pending: deque[tuple[list[Task], Any]] = deque()
        for chunk in chunks:
            pending.append((chunk, self.pool.submit(process_chunk, chunk, self.timeout)))
            while len(pending) >= self.window:
                yield self._result(pending)
        while pending:
            yield self._result(pending)

    def _result(self, pending: deque[tuple[list[Task], Any]]) -> list[dict[str, Any]]:
        from concurrent.futures.process import BrokenProcessPool

        chunk, future = pending.popleft()
        try:
            return future.result()
        except BrokenProcessPool:
            pass
        self._restart()
        out: list[dict[str, Any]] = []
        for task in chunk:  # one at a time, to find the file that kills its worker
            try:
                out.extend(self.pool.submit(process_chunk, [task], self.timeout).result())
            except BrokenProcessPool:
                out.append(_crashed(task, "the reader crashed on this file (its worker process died)"))
                self._restart()
        for i, (waiting, _) in enumerate(pending):  # they died with the pool: send them again
            pending[i] = (waiting, self.pool.submit(process_chunk, waiting, self.timeout))
        return out

    def close(self) -> None:
        self.pool.shutdown(wait=True, cancel_futures=True)
        _stop_helpers()


def _stop_helpers() -> None:
    """Stop multiprocessing's fork server and resource tracker now: left to themselves they
    outlive the command by a moment (measured by benchmarks/bench_batch.py: 2 processes still
    alive after exit). Both start again when a later pool needs them."""
    from multiprocessing import forkserver, resource_tracker

    for helper in (forkserver._forkserver, resource_tracker._resource_tracker):  # noqa: SLF001
        stop = getattr(helper, "_stop", None)
        if stop is not None:
            try:
                stop()
            except (OSError, ChildProcessError):
                pass


class DaskEngine:
    """``--engine dask``: the same chunks on a ``dask.distributed`` cluster (``scheduler`` an
    address like ``tcp://host:8786``), or on a local cluster of ``jobs`` worker processes."""

    chunk_files, chunk_bytes = DASK_CHUNK_FILES, DASK_CHUNK_BYTES

    def __init__(self, scheduler: str | None, jobs: int, timeout: float | None) -> None:
        try:
            from distributed import Client, LocalCluster
        except ImportError:
            raise BatchError("--engine dask needs dask.distributed: pip install 'notices[dask]'") from None
        self.timeout = timeout
        self.cluster = None
        if scheduler:
            _check_reachable(scheduler)
        try:
            if scheduler:
                self.client = Client(scheduler, timeout="20s", set_as_default=False)
            else:
                self.cluster = _local_cluster(LocalCluster, jobs)
                self.client = Client(self.cluster, set_as_default=False)
        except (OSError, TimeoutError, ValueError) as exc:
            raise BatchError(f"cannot reach the Dask scheduler {scheduler or '(local)'}: {exc}") from None
        threads = sum(self.client.nthreads().values()) or jobs
        self.window = max(4, 4 * threads)

    def map(self, chunks: Iterable[list[Task]]) -> Iterator[list[dict[str, Any]]]:
        pending: deque[tuple[list[Task], Any]] = deque()
        for chunk in chunks:
            pending.append((chunk, self.client.submit(process_chunk, chunk, self.timeout, pure=False)))
            while len(pending) >= self.window:
                yield self._result(*pending.popleft())
        while pending:
            yield self._result(*pending.popleft())

    def _result(self, chunk: list[Task], future: Any) -> list[dict[str, Any]]:
        try:
            return future.result()
        except Exception as exc:  # noqa: BLE001 - a lost worker, a cancelled task
            return [_crashed(task, f"the Dask task failed ({type(exc).__name__}: {exc})") for task in chunk]

    def close(self) -> None:
        self.client.close()
        if self.cluster is not None:
            self.cluster.close()
            _stop_helpers()  # the local cluster's processes started a resource tracker too


def _local_cluster(cluster_class: Any, jobs: int) -> Any:
    """A local Dask cluster of ``jobs`` single-threaded worker processes, forked from a fork
    server that has imported distributed and loaded the pipelines once (Dask's default, spawn,
    made every worker import both anew: measured, 2 x 5 s of CPU on a two-core machine)."""
    import dask
    from distributed.utils import get_mp_context

    # A batch's tasks take seconds: the cluster's own clocks need not tick 50 times a second
    # (the scheduler and the nannies run in this process, beside the writer).
    quiet = {"distributed.worker.multiprocessing-method": MP_START, "distributed.admin.tick.interval": "500ms",
             "distributed.admin.system-monitor.interval": "2s", "distributed.worker.memory.monitor-interval": "1s"}
    with dask.config.set(quiet):
        if MP_START == "forkserver":
            get_mp_context()  # distributed sets its own preload the first time: ours replaces it
            get_mp_context().set_forkserver_preload(["distributed", *PRELOAD[1:]])
        return cluster_class(n_workers=jobs, threads_per_worker=1, processes=True, dashboard_address=None,
                             silence_logs=logging.ERROR)


def _check_reachable(address: str) -> None:
    """Fail at once, not after the client's timeout, when nothing listens at a tcp:// address."""
    import socket
    from urllib.parse import urlsplit

    parts = urlsplit(address if "://" in address else f"tcp://{address}")
    if parts.scheme not in ("tcp", "tls") or not parts.hostname:
        return
    try:
        with socket.create_connection((parts.hostname, parts.port or 8786), timeout=10):
            pass
    except OSError as exc:
        raise BatchError(f"cannot reach the Dask scheduler {address}: {exc.strerror or exc}") from None


def make_engine(engine: str, jobs: int, scheduler: str | None, timeout: float | None):  # noqa: ANN201
    if engine == "dask" or scheduler:
        return DaskEngine(scheduler, jobs, timeout)
    if engine != "local":
        raise BatchError(f"unknown engine {engine!r}; use one of {', '.join(ENGINES)}")
    return InlineEngine(timeout) if jobs == 1 else ProcessEngine(jobs, timeout)


# ----------------------------------------------------------------------------------------- run


def batch(
    inputs: str | os.PathLike[str] | Iterable[str | os.PathLike[str]],
    output: str | os.PathLike[str] = "notices.db",
    *,
    jobs: int = 1,
    engine: str = "local",
    scheduler: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    max_total_bytes: int = DEFAULT_MAX_TOTAL_BYTES,
    max_ratio: float = DEFAULT_MAX_RATIO,
    timeout: float | None = DEFAULT_TIMEOUT,
    commit_every: int = COMMIT_EVERY,
    retry_errors: bool = False,
    on_file: Callable[[Outcome], None] | None = None,
    on_total: Callable[[int], None] | None = None,
) -> Summary:
    """Convert files, folders and archives into ``output`` (its extension picks the writer:
    ``.db``/``.sqlite``, ``.jsonl``, ``.csv``, ``.parquet``); return the :class:`Summary`.

    ``jobs`` worker processes (0: one per CPU) or, with ``engine="dask"``, a Dask cluster at
    ``scheduler`` (a local one when None). Files over ``max_bytes``, archives expanding past
    ``max_total_bytes`` or ``max_ratio`` times their size, and files taking over ``timeout``
    seconds become error records. ``on_file`` is called with each file's :class:`Outcome`.
    Rerunning on the same output resumes: files already there are not read again.
    """
    started = time.monotonic()
    if isinstance(inputs, (str, os.PathLike)):
        inputs = [inputs]
    jobs = jobs or os.cpu_count() or 1
    if jobs < 1:
        raise BatchError(f"--jobs must be at least 1, not {jobs}")
    limits = Limits(max_bytes=max_bytes, max_total_bytes=max_total_bytes, max_ratio=max_ratio)
    inputs = list(inputs)
    writer_name(output)  # an unknown output type is refused before anything is made
    lock = OutputLock(output).acquire()
    try:
        writer = open_writer(output)
    except BaseException:
        lock.release()
        raise
    summary = Summary(output=os.fspath(output))
    retried: set[tuple[str, str]] = set()
    if on_total is not None:
        on_total(count_files(inputs, limits, exclude=[*writer.files(), lock.path]))

    def report(outcome: Outcome) -> None:
        summary.add(outcome)
        if on_file is not None:
            on_file(outcome)

    def chunks() -> Iterator[list[Task]]:
        chunk: list[Task] = []
        size = 0
        for item in walk(inputs, limits, exclude=[*writer.files(), lock.path]):
            if item.skipped is not None:
                report(Outcome(item.source, "skipped", {"reason": item.skipped}))
                continue
            if item.error is None and item.sha256 is not None:
                known = writer.seen(item.source, item.sha256)
                if known is not None and known.get("error") and retry_errors:
                    retried.add((item.source, item.sha256))
                elif known is not None:
                    report(Outcome(item.source, "earlier_error" if known.get("error") else "unchanged", known))
                    continue
            elif item.error is not None and writer.known_error(item.source, *item.error):
                if not retry_errors:
                    report(Outcome(item.source, "earlier_error", Record.failed(
                        item.source, *item.error).to_dict()))
                    continue
                retried.add((item.source, ""))
            chunk.append((item.source, item.raw, item.sha256, item.error))
            size += len(item.raw or b"")
            if len(chunk) >= chunk_files or size >= chunk_bytes:
                yield chunk
                chunk, size = [], 0
        if chunk:
            yield chunk

    runner = None
    chunk_files, chunk_bytes = CHUNK_FILES, CHUNK_BYTES
    try:
        runner = make_engine(engine, jobs, scheduler, timeout)
        chunk_files, chunk_bytes = runner.chunk_files, runner.chunk_bytes
        written, last_commit = 0, time.monotonic()
        for results in runner.map(chunks()):
            for record in results:
                status = writer.write(record)
                if record.get("error"):
                    status = "error"  # also when the output held it already: it failed again
                    summary.failed_again += (record.get("source") or "", record.get("sha256") or "") in retried
                elif status == "known":
                    status = "unchanged"
                report(Outcome(record.get("source") or "", status, record))
                written += 1
            if written >= commit_every or time.monotonic() - last_commit > COMMIT_SECONDS:
                writer.commit()
                written, last_commit = 0, time.monotonic()
    finally:
        try:
            try:
                writer.close()
            finally:
                if runner is not None:
                    runner.close()
        finally:
            lock.release()
    summary.seconds = time.monotonic() - started
    return summary
