"""Imported by the fork server of ``--jobs N`` before it forks the workers: the extraction
pipelines load once there, and every worker starts with them (pages shared until written),
instead of each worker spending its own 2.5 s of CPU loading them (measured with
``benchmarks/bench_batch.py``). Never raises: a broken pipeline shows up file by file."""
from __future__ import annotations

import gc

from .worker import warm_up

warm_up()
# What is loaded now lives as long as the workers: out of the collector's sight, a worker's
# collections do not walk it (nor copy the pages it shares with the fork server to do so).
gc.freeze()
