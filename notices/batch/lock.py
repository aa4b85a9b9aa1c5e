"""One writer per output: a batch holds an exclusive lock on ``.NAME.lock`` beside its output.

The lock is an ``flock`` on the lock file, so it goes when its process goes, however it ends
(kill -9 included): a stale lock file never blocks a rerun. The file holds the writer's pid, which
the refused second writer names. The lock file is removed on release while still locked; a run
that locked a file so removed sees it is no longer the one at the path and tries again.
"""
from __future__ import annotations

import os
from pathlib import Path

from ..errors import StoreError


def lock_path(output: str | os.PathLike[str]) -> Path:
    p = Path(output)
    return p.with_name(f".{p.name}.lock")


class OutputLock:
    """``with OutputLock(path):`` — or :meth:`acquire` / :meth:`release`."""

    def __init__(self, output: str | os.PathLike[str]) -> None:
        self.output = os.fspath(output)
        self.path = lock_path(output)
        self.fd: int | None = None

    def acquire(self) -> OutputLock:
        try:
            return self._acquire()
        except OSError as exc:
            raise StoreError(f"cannot write the output ({exc.strerror or exc})", path=self.output) from None

    def _acquire(self) -> OutputLock:
        import fcntl

        self.path.parent.mkdir(parents=True, exist_ok=True)
        while True:
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError:
                try:
                    holder = os.read(fd, 32).decode("ascii", "replace").strip() or "unknown"
                finally:
                    os.close(fd)
                raise StoreError(f"{self.output} is being written by another run (pid {holder})") from None
            try:
                same = os.stat(self.path).st_ino == os.fstat(fd).st_ino
            except FileNotFoundError:
                same = False
            if same:
                break
            os.close(fd)  # released and removed between our open and our lock: again
        os.ftruncate(fd, 0)
        os.write(fd, f"{os.getpid()}\n".encode())
        self.fd = fd
        return self

    def release(self) -> None:
        if self.fd is None:
            return
        fd, self.fd = self.fd, None
        try:
            os.unlink(self.path)
        except OSError:
            pass
        os.close(fd)

    def __enter__(self) -> OutputLock:
        return self.acquire()

    def __exit__(self, *exc: object) -> None:
        self.release()
