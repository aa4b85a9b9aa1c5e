"""Walking the inputs of a batch: files, folders and archives, one file's bytes at a time.

:func:`walk` yields an :class:`Item` for every file it meets — its bytes and their hash, or the
reason it could not be read — so that every input is accounted for. Folders are walked in name
order, following symbolic links but never around a loop. ``.zip`` and ``.tar`` (plain, gz, bz2,
xz) archives are read member by member, never extracted to disk: a member's name is only ever a
label (``archive.zip!dir/a.txt``), and the limits of :class:`Limits` stop zip bombs before they
expand. Archives inside archives are read too, up to a depth.
"""
from __future__ import annotations

import hashlib
import io
import os
import stat
import tarfile
import zipfile
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import IO

from ..errors import NoticesError

KiB, MiB, GiB = 1024, 1024**2, 1024**3
_BLOCK = 1 * MiB
DEFAULT_MAX_BYTES = 32 * MiB
DEFAULT_MAX_TOTAL_BYTES = 16 * GiB
DEFAULT_MAX_RATIO = 100.0


@dataclass(frozen=True, slots=True)
class Limits:
    """What one input may cost. ``max_bytes`` bounds one file or member; ``max_total_bytes`` what
    one archive may expand to; ``max_ratio`` how much a member (zip) or the stream (tar) may
    expand over its compressed size, once past ``ratio_floor`` bytes; ``max_depth`` how deep
    archives inside archives are opened."""

    max_bytes: int = DEFAULT_MAX_BYTES
    max_total_bytes: int = DEFAULT_MAX_TOTAL_BYTES
    max_ratio: float = DEFAULT_MAX_RATIO
    ratio_floor: int = 1 * MiB
    max_depth: int = 2


@dataclass(slots=True)
class Item:
    """One file met on the walk: its bytes (``raw``), or why it has none (``error``: type and
    message), or why it is not an input at all (``skipped``: system files such as .DS_Store)."""

    source: str
    raw: bytes | None = None
    sha256: str | None = None
    error: tuple[str, str] | None = None
    skipped: str | None = None


ARCHIVE_SUFFIXES = {
    ".zip": "zip",
    ".tar": "tar", ".tar.gz": "tar", ".tgz": "tar", ".tar.bz2": "tar", ".tbz2": "tar",
    ".tar.xz": "tar", ".txz": "tar",
}


def archive_kind(name: str) -> str | None:
    lower = name.lower()
    for suffix in sorted(ARCHIVE_SUFFIXES, key=len, reverse=True):
        if lower.endswith(suffix):
            return ARCHIVE_SUFFIXES[suffix]
    return None


def _system_file(name: str) -> str | None:
    """Why a name is operating-system furniture rather than an input, or None."""
    parts = PurePosixPath(name.replace("\\", "/")).parts
    if "__MACOSX" in parts:
        return "macOS resource fork folder __MACOSX"
    base = parts[-1] if parts else name
    if base in (".DS_Store", "Thumbs.db", "desktop.ini", "ehthumbs.db"):
        return f"system file {base}"
    if base.startswith("._"):
        return "macOS resource fork (._ file)"
    return None


def unsafe_member_name(name: str) -> str | None:
    """Why an archive member name would point outside the archive, or None when it is safe."""
    norm = name.replace("\\", "/")
    if norm.startswith("/") or (len(norm) > 1 and norm[1] == ":" and norm[0].isalpha()):
        return "an absolute path"
    if ".." in norm.split("/"):
        return "a '../' path that climbs out of the archive"
    if "\x00" in name:
        return "a NUL character"
    return None


def _error(source: str, exc: NoticesError | str, type_: str = "read_error") -> Item:
    if isinstance(exc, NoticesError):
        return Item(source, error=(exc.type, exc.message))
    return Item(source, error=(type_, exc))


def _found(source: str, raw: bytes) -> Item:
    return Item(source, raw=raw, sha256=hashlib.sha256(raw).hexdigest())


def walk(inputs: Iterable[str | os.PathLike[str]], limits: Limits | None = None,
         exclude: Iterable[str | os.PathLike[str]] = ()) -> Iterator[Item]:
    """Every file under ``inputs`` (files, folders, archives), in order, as :class:`Item` s;
    the files of ``exclude`` (the output being written, when it lies among the inputs) are
    passed over."""
    limits = limits or Limits()
    skip = _Exclude(exclude)
    for given in inputs:
        path = Path(given)
        source = os.fspath(given)
        try:
            st = path.stat()
        except FileNotFoundError:
            yield _error(source, "broken symbolic link" if path.is_symlink() else "no such file or folder")
            continue
        except OSError as exc:
            yield _error(source, f"cannot read: {exc.strerror or exc}")
            continue
        if stat.S_ISDIR(st.st_mode):
            yield from _walk_folder(path, source, limits, skip)
        elif not skip(path):
            yield from _walk_file(path, source, st, limits)


class _Exclude:
    """Whether a path is one of the excluded files: names first, the real path only then."""

    def __init__(self, paths: Iterable[str | os.PathLike[str]]) -> None:
        self.real = {os.path.realpath(p) for p in paths}
        self.names = {os.path.basename(p) for p in self.real}

    def __call__(self, path: str | os.PathLike[str]) -> bool:
        return os.path.basename(path) in self.names and os.path.realpath(path) in self.real


def _walk_folder(root: Path, source: str, limits: Limits, skip: _Exclude) -> Iterator[Item]:
    """Depth first in name order, with an explicit stack (no recursion limit), following links
    to folders unless they lead back to a folder on the current path (a loop)."""
    root_st = root.stat()
    visited = {(root_st.st_dev, root_st.st_ino)}

    def listing(folder: str) -> Iterator[os.DirEntry[str]] | Item:
        try:
            with os.scandir(folder) as it:
                return iter(sorted(it, key=lambda e: e.name))
        except OSError as exc:
            return _error(folder, f"cannot list the folder: {exc.strerror or exc}")

    first = listing(source)
    if isinstance(first, Item):
        yield first
        return
    stack: list[tuple[Iterator[os.DirEntry[str]], frozenset[tuple[int, int]]]] = [
        (first, frozenset(visited))]
    while stack:
        entries, ancestors = stack[-1]
        entry = next(entries, None)
        if entry is None:
            stack.pop()
            continue
        path = entry.path
        if skip(path):
            continue
        try:
            is_link = entry.is_symlink()
            st = os.stat(path)  # follows links
        except FileNotFoundError:
            yield _error(path, "broken symbolic link")
            continue
        except OSError as exc:
            if exc.errno == 40:  # ELOOP: a link that points at itself
                yield _error(path, "symbolic link loop; not followed")
            else:
                yield _error(path, f"cannot read: {exc.strerror or exc}")
            continue
        if stat.S_ISDIR(st.st_mode):
            key = (st.st_dev, st.st_ino)
            if key in ancestors:
                target = os.path.realpath(path)
                yield _error(path, f"symbolic link loop: it leads back to {target}; not followed")
                continue
            if key in visited:  # reached again by another link: its files are already counted
                continue
            if entry.name.startswith(".") and not is_link:
                yield Item(path, skipped=f"hidden folder {entry.name}")
                continue
            visited.add(key)
            sub = listing(path)
            if isinstance(sub, Item):
                yield sub
                continue
            stack.append((sub, ancestors | {key}))
        else:
            yield from _walk_file(Path(path), path, st, limits)


def _walk_file(path: Path, source: str, st: os.stat_result, limits: Limits) -> Iterator[Item]:
    reason = _system_file(path.name)
    if reason:
        yield Item(source, skipped=reason)
        return
    if not stat.S_ISREG(st.st_mode):
        yield _error(source, "not a regular file (a device, pipe or socket); not read")
        return
    kind = archive_kind(path.name)
    if kind is not None:
        try:
            with open(path, "rb") as fh:
                yield from _walk_archive(fh, kind, source, limits, depth=0)
        except OSError as exc:
            yield _error(source, f"cannot read: {exc.strerror or exc}")
        return
    if st.st_size > limits.max_bytes:
        yield _error(source, _too_big(st.st_size, limits))
        return
    try:
        with open(path, "rb") as fh:
            raw = fh.read(limits.max_bytes + 1)
    except OSError as exc:
        yield _error(source, f"cannot read: {exc.strerror or exc}")
        return
    if len(raw) > limits.max_bytes:  # it grew while we looked
        yield _error(source, _too_big(len(raw), limits))
        return
    yield _found(source, raw)


def _too_big(size: int, limits: Limits) -> str:
    return f"{size} bytes, over the limit of {limits.max_bytes} bytes per file (--max-bytes)"


def _walk_archive(fh: IO[bytes], kind: str, source: str, limits: Limits, depth: int) -> Iterator[Item]:
    if kind == "zip":
        yield from _walk_zip(fh, source, limits, depth)
    else:
        yield from _walk_tar(fh, source, limits, depth)


def _member(source: str, name: str, raw: bytes, limits: Limits, depth: int) -> Iterator[Item]:
    """A member read whole: an archive inside the archive is opened in turn."""
    kind = archive_kind(name)
    if kind is None:
        yield _found(source, raw)
    elif depth + 1 > limits.max_depth:
        yield _error(source, f"an archive nested {depth + 1} deep, over the limit of {limits.max_depth}; not opened")
    else:
        yield from _walk_archive(io.BytesIO(raw), kind, source, limits, depth + 1)


# ---------------------------------------------------------------------------------------- zip


def _walk_zip(fh: IO[bytes], source: str, limits: Limits, depth: int) -> Iterator[Item]:
    try:
        zf = zipfile.ZipFile(fh)
        infos = zf.infolist()
    except zipfile.BadZipFile as exc:
        reason = ("not a zip archive, or a truncated one (no central directory at its end)"
                  if "not a zip file" in str(exc) else f"a damaged zip archive ({exc})")
        yield _error(source, reason)
        return
    except (OSError, EOFError, ValueError, NotImplementedError, zipfile.LargeZipFile) as exc:
        yield _error(source, f"a damaged zip archive ({type(exc).__name__}: {exc})")
        return
    with zf:
        expanded = compressed = 0
        for index, info in enumerate(infos):
            name = info.filename
            label = f"{source}!{name}"
            if info.is_dir():
                continue
            if why := unsafe_member_name(name):
                yield _error(label, f"unsafe member name: {why}; not read (nothing is ever written to disk)")
                continue
            if why := _system_file(name):
                yield Item(label, skipped=why)
                continue
            if stat.S_ISLNK(info.external_attr >> 16):
                yield _error(label, "a symbolic link inside the archive; not followed")
                continue
            if info.flag_bits & 0x1:
                yield _error(label, "an encrypted member; it needs a password")
                continue
            if info.file_size > limits.max_bytes:
                yield _error(label, _too_big(info.file_size, limits))
                continue
            ratio = info.file_size / max(1, info.compress_size)
            if info.file_size > limits.ratio_floor and ratio > limits.max_ratio:
                yield _error(label, f"expands {ratio:.0f} times ({info.compress_size} to {info.file_size} bytes), "
                                    f"over the limit of {limits.max_ratio:.0f} (a zip bomb?); not read")
                continue
            if expanded + info.file_size > limits.max_total_bytes or (
                    expanded > limits.ratio_floor * 16 and expanded / max(1, compressed) > limits.max_ratio):
                for rest in infos[index:]:
                    if not rest.is_dir():
                        yield _error(f"{source}!{rest.filename}",
                                     f"not read: the archive expands past the limit of {limits.max_total_bytes} "
                                     f"bytes or {limits.max_ratio:.0f} times its size (a zip bomb?)")
                return
            try:
                with zf.open(info) as member:
                    raw = member.read(limits.max_bytes + 1)
            except (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError, RuntimeError,
                    NotImplementedError) as exc:
                yield _error(label, f"a damaged archive member ({type(exc).__name__}: {exc})")
                continue
            expanded += len(raw)
            compressed += info.compress_size
            if len(raw) > limits.max_bytes:
                yield _error(label, _too_big(len(raw), limits))
                continue
            yield from _member(label, name, raw, limits, depth)


# ---------------------------------------------------------------------------------------- tar


class _Counting(io.RawIOBase):
    """Counts the compressed bytes a tar stream has consumed, to watch its expansion ratio."""

    def __init__(self, fh: IO[bytes]) -> None:
        self.fh = fh
        self.count = 0

    def readable(self) -> bool:
        return True

    def read(self, size: int = -1) -> bytes:
        data = self.fh.read(size)
        self.count += len(data)
        return data

    def readinto(self, buffer) -> int:  # noqa: ANN001
        data = self.read(len(buffer))
        buffer[: len(data)] = data
        return len(data)


def _walk_tar(fh: IO[bytes], source: str, limits: Limits, depth: int) -> Iterator[Item]:
    counting = _Counting(fh)
    try:
        tf = tarfile.open(fileobj=counting, mode="r|*")  # a stream: no seeking, no index in memory
    except (tarfile.TarError, EOFError, OSError, zlib.error, ValueError) as exc:
        yield _error(source, f"not a tar archive, or a damaged one ({_reason(exc)})")
        return
    expanded = 0  # bytes decompressed so far, read or skipped
    members = 0

    def bomb() -> bool:
        return expanded > limits.ratio_floor * 16 and expanded / max(1, counting.count) > limits.max_ratio

    with tf:
        while True:
            try:
                info = tf.next()
            except (tarfile.TarError, EOFError, OSError, zlib.error, ValueError) as exc:
                yield _error(source, f"damaged or truncated archive after {members} members ({_reason(exc)}); "
                                     "the rest of it was not read")
                return
            if info is None:
                return
            expanded = max(expanded, info.offset_data)
            if bomb() or expanded > limits.max_total_bytes:
                yield _error(source, _stream_stop(expanded, counting.count, members, limits))
                return
            if info.isdir():
                continue
            members += 1
            name = info.name
            label = f"{source}!{name}"
            if why := unsafe_member_name(name):
                yield _error(label, f"unsafe member name: {why}; not read (nothing is ever written to disk)")
                continue
            if why := _system_file(name):
                yield Item(label, skipped=why)
                continue
            if info.issym() or info.islnk():
                yield _error(label, f"a {'symbolic' if info.issym() else 'hard'} link inside the archive "
                                    f"(to {info.linkname!r}); not followed")
                continue
            if not info.isfile():
                yield _error(label, "not a regular file (a device or pipe entry); not read")
                continue
            if expanded + info.size > limits.max_total_bytes:
                yield _error(source, _stream_stop(expanded + info.size, counting.count, members, limits))
                return
            keep = info.size <= limits.max_bytes
            chunks: list[bytes] = []
            got = 0
            try:
                member = tf.extractfile(info)
                while member is not None and got < info.size:
                    block = member.read(min(_BLOCK, info.size - got))
                    if not block:
                        break
                    got += len(block)
                    expanded += len(block)
                    if keep:
                        chunks.append(block)
                    if bomb():
                        yield _error(label, "not read: " + _stream_stop(expanded, counting.count, members, limits))
                        yield _error(source, _stream_stop(expanded, counting.count, members, limits))
                        return
            except (tarfile.TarError, EOFError, OSError, zlib.error, ValueError) as exc:
                yield _error(label, f"truncated or damaged member ({_reason(exc)})")
                yield _error(source, f"damaged archive after {members} members; the rest of it was not read")
                return
            if got < info.size:
                yield _error(label, f"truncated member: {got} of {info.size} bytes")
                yield _error(source, f"truncated archive after {members} members; the rest of it was not read")
                return
            if not keep:
                yield _error(label, _too_big(info.size, limits))
                continue
            yield from _member(label, name, b"".join(chunks), limits, depth)


def _stream_stop(expanded: int, compressed: int, members: int, limits: Limits) -> str:
    return (f"the archive expands past its limits ({expanded} bytes from {compressed} compressed; "
            f"limits {limits.max_total_bytes} bytes and {limits.max_ratio:.0f} times): a zip bomb? "
            f"Stopped after {members} members; the rest of it was not read")


def _reason(exc: BaseException) -> str:
    text = str(exc)
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


# ------------------------------------------------------------------------------------ counting


def count_files(inputs: Iterable[str | os.PathLike[str]], limits: Limits | None = None,
                exclude: Iterable[str | os.PathLike[str]] = ()) -> int:
    """About how many files :func:`walk` will yield, found without reading them: folders are
    listed, zip archives counted from their directory, tar archives from their headers. For the
    total of a progress bar (archives inside archives count as one file)."""
    limits = limits or Limits()
    skip = _Exclude(exclude)
    total = 0
    for given in inputs:
        path = Path(given)
        if path.is_dir():
            for folder, dirs, names in os.walk(path, followlinks=False):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                total += sum(_count_one(Path(folder, n), limits) for n in names
                             if not _system_file(n) and not skip(os.path.join(folder, n)))
        elif not skip(path):
            total += _count_one(path, limits)
    return total


def _count_one(path: Path, limits: Limits) -> int:
    kind = archive_kind(path.name)
    if kind is None:
        return 1
    try:
        if kind == "zip":
            with zipfile.ZipFile(path) as zf:
                return sum(1 for i in zf.infolist() if not i.is_dir() and not _system_file(i.filename)) or 1
        with tarfile.open(path, mode="r|*") as tf:
            count = 0
            for info in tf:
                count += info.isfile() and not _system_file(info.name)
                if info.offset_data > min(limits.max_total_bytes, GiB):  # an estimate: not worth more
                    break
            return count or 1
    except (OSError, EOFError, ValueError, zlib.error, tarfile.TarError, zipfile.BadZipFile):
        return 1  # the walk reports what is wrong with it
