"""Export folders: a folder holding a batch's store (``notices.db``) beside its flat tables."""
from __future__ import annotations

import os
from pathlib import Path

from ..errors import StoreError

STORE_NAME = "notices.db"


def make_folder(folder: str | os.PathLike[str]) -> Path:
    """A folder to write into, made when missing; a clear error when it cannot be."""
    path = Path(folder)
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise StoreError(f"cannot make the folder ({exc.strerror or exc})", path=str(path)) from None
    return path


def folder_store(folder: str | os.PathLike[str], *, create: bool = False) -> Path:
    """The store inside an export folder."""
    path = Path(folder)
    if path.exists() and not path.is_dir():
        raise StoreError("an export folder is asked for (--format csv or parquet), and this is a file",
                         path=str(path))
    if create:
        make_folder(path)
    elif not (path / STORE_NAME).exists():
        raise StoreError(f"not a notices export folder (no {STORE_NAME} in it)", path=str(path))
    return path / STORE_NAME
