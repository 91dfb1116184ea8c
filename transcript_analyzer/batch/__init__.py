"""Corpus runs: many sessions on a Dask cluster, resumable, with corpus tables (see runner.py)."""

from .runner import BatchOptions, BatchResult, run_batch

__all__ = ["BatchOptions", "BatchResult", "run_batch"]
