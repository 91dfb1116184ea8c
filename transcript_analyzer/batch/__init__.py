"""Corpus runs: many sessions on a Dask cluster, resumable, with corpus tables (see runner.py)."""

from .cluster import TLSFiles, tls_files
from .runner import BatchOptions, BatchResult, run_batch

__all__ = ["BatchOptions", "BatchResult", "TLSFiles", "run_batch", "tls_files"]
