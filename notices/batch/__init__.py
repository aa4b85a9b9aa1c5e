"""Batch conversion: files, folders and archives of notices into a queryable store.

    from notices.batch import batch, open_store
    summary = batch(["archive.zip", "pages/"], "notices.db", jobs=2)
    store = open_store("notices.db")
    store["cities"]                       # a pandas DataFrame
    store.query("SELECT kind, count(*) FROM notices GROUP BY kind")

Modules: :mod:`~notices.batch.inputs` walks inputs and archives within limits,
:mod:`~notices.batch.worker` reads and extracts one file, :mod:`~notices.batch.runner` runs the
engines (local processes, Dask), :mod:`~notices.batch.writers` holds the writers by extension,
:mod:`~notices.batch.store` the SQLite store, :mod:`~notices.batch.stats` its summaries and plot,
:mod:`~notices.batch.samples` makes notice files of every format (for benchmarks and tests).
"""
from __future__ import annotations

from .inputs import Limits
from .runner import BatchError, Outcome, Summary, batch
from .store import Store, open_store
from .formats import WRITERS, open_writer, register_writer

__all__ = ["batch", "open_store", "Store", "Summary", "Outcome", "Limits", "BatchError", "WRITERS",
           "open_writer", "register_writer"]
