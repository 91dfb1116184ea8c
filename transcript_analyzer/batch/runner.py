"""Corpus runs on Dask: an embedded private cluster (cluster.py) or an existing scheduler, models
loaded once per worker, one task per file, resumable (finished sessions are skipped by key), and
corpus tables rebuilt from every finished session at the end."""

from __future__ import annotations

import dataclasses
import hashlib
import json
import logging
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Sequence

from ..config import AnalyzeConfig
from ..errors import AnalyzerError, ModelError
from ..io.atomic import write_files
from ..resources import sha256_file
from ..markers.custom import select
from .cluster import TLSFiles, connect
from .inputs import Job, config_hash, discover, keyed
from .worker import DONE, PLUGIN, AnalyzerPlugin, Outcome, process

log = logging.getLogger(__name__)
Progress = Callable[[Outcome, int, int], None]


@dataclass(frozen=True)
class BatchOptions:
    """How to run: where, how wide, and what to redo."""

    workers: int | None = None  # local worker processes (default: one per core)
    scheduler: str | None = None  # address of an existing Dask scheduler, e.g. tls://host:8786
    tls: TLSFiles | None = None  # credentials for a tls:// scheduler (else from the Dask config)
    force: bool = False  # redo finished sessions
    corpus: str | None = None  # corpus name in the tables (default: the output folder's name)
    convokit: bool = False  # also write a ConvoKit corpus folder
    connect_timeout: float = 30.0  # seconds to wait for an existing scheduler


@dataclass(frozen=True)
class BatchResult:
    out_dir: Path
    total: int
    skipped: int
    analysed: int
    failed: int
    utterances: int
    seconds: float
    tables: tuple[Path, ...]
    failures: tuple[dict, ...]

    @property
    def ok(self) -> bool:
        return self.failed == 0


def run_batch(inputs: Sequence[str | Path], out_dir: str | Path, config: AnalyzeConfig,
              options: BatchOptions | None = None, progress: Progress | None = None) -> BatchResult:
    """Analyse every input into ``out_dir/sessions/<id>/`` and write the corpus tables."""
    started = time.perf_counter()
    options = options or BatchOptions()
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    _remove_leftovers(out)
    selection = select(config.markers.markers)  # shipped markers, and custom codes ('+CODE')
    markers = selection.names
    # a retrained custom code changes the results under the same name: its weights are in the key
    custom = {name: sha256_file(folder / "weights.npz") for name, folder in selection.custom.items()
              if (folder / "weights.npz").is_file()}
    jobs = keyed(_private_ids(discover(inputs), out, config), config_hash(config, {"custom": custom}))
    todo = [j for j in jobs if options.force or not finished(out, j)]
    corpus = options.corpus or out.resolve().name
    outcomes = _run(todo, out, config, options, corpus, markers, progress) if todo else []
    by_id = {j.session_id: j for j in todo}
    for o in outcomes:
        if o.ok:
            (out / "failures" / f"{by_id[o.session_id].folder}.json").unlink(missing_ok=True)
        else:
            _record_failure(out, by_id[o.session_id], o, hide_input=config.output.redact)
    now = {j.session_id: finished(out, j) for j in jobs}  # each done.json read once more, after the run
    done = [j for j in jobs if now[j.session_id]]
    failures = _all_failures(out, [j for j in jobs if not now[j.session_id]])
    from .tables import write_corpus_tables

    tables = write_corpus_tables(out, [out / "sessions" / j.folder for j in done], markers, failures,
                                 config.output.raw_csv)
    if options.convokit:
        from .convokit import write_convokit

        tables.append(write_convokit(out, [out / "sessions" / j.folder for j in done], corpus))
    return BatchResult(out, len(jobs), len(jobs) - len(todo), sum(o.ok for o in outcomes), len(failures),
                       sum(o.utterances for o in outcomes), time.perf_counter() - started, tuple(tables),
                       tuple(failures))


def _remove_leftovers(out: Path) -> None:
    """Temporary folders a killed run left behind (their files were never renamed into place)."""
    import shutil

    for tmp in [*out.glob(".tmp-*"), *out.glob("sessions/*/.tmp-*"), *out.glob("failures/.tmp-*")]:
        shutil.rmtree(tmp, ignore_errors=True)


def finished(out: Path, job: Job) -> bool:
    """A session is finished when its done.json (written last) carries the job's key."""
    try:
        return json.loads((out / "sessions" / job.folder / DONE).read_text(encoding="utf-8")).get("key") == job.key
    except (OSError, ValueError):
        return False


def _private_ids(jobs: list[Job], out: Path, config: AnalyzeConfig) -> list[Job]:
    """With --redact, file names may identify people: sessions get opaque ids, and the map back
    to the inputs is written apart (private/input_map.csv) for the researcher alone."""
    if not config.output.redact:
        return jobs
    from .tables import csv_bytes

    opaque = [dataclasses.replace(j, session_id="s-" + hashlib.sha256(j.session_id.encode()).hexdigest()[:12])
              for j in jobs]
    rows = [{"session_id": o.session_id, "input": j.path, "original_id": j.session_id} for j, o in zip(jobs, opaque)]
    write_files(out / "private", {"input_map.csv": csv_bytes(rows, raw=config.output.raw_csv)})
    return opaque


def _record_failure(out: Path, job: Job, outcome: Outcome, hide_input: bool = False) -> dict[str, Any]:
    """A failure's row; in a redacted run without the file's path or name (private/input_map.csv
    maps the opaque id back)."""
    error = outcome.error.replace(job.path, "<input>").replace(Path(job.path).name, "<input>") if hide_input \
        else outcome.error
    row = {"input": "" if hide_input else job.path, "session_id": job.session_id, "stage": outcome.stage, "error": error,
           "time": time.strftime("%Y-%m-%dT%H:%M:%S")}
    write_files(out / "failures", {f"{job.folder}.json": json.dumps(row, ensure_ascii=False).encode("utf-8")})
    return row


def _all_failures(out: Path, unfinished: Sequence[Job]) -> list[dict[str, Any]]:
    rows = []
    for job in unfinished:
        path = out / "failures" / f"{job.folder}.json"
        if path.is_file():
            rows.append(json.loads(path.read_text(encoding="utf-8")))
    return rows


def _run(jobs: Sequence[Job], out: Path, config: AnalyzeConfig, options: BatchOptions, corpus: str,
         markers: Sequence[str], progress: Progress | None) -> list[Outcome]:
    from distributed import as_completed

    client, cluster, threads = connect(options.scheduler, options.workers, options.tls, options.connect_timeout)
    try:
        try:
            client.register_plugin(AnalyzerPlugin(config, threads), name=PLUGIN)
        except AnalyzerError:
            raise
        except Exception as e:  # e.g. a remote worker without the package or its models
            raise ModelError(f"the Dask workers could not load the analysis models ({type(e).__name__}: {e})") from e
        futures = {client.submit(process, job, str(out), corpus, markers, key=f"analyze-{job.folder}-{job.key}",
                                 pure=False): job for job in jobs}
        outcomes = []
        for future in as_completed(futures):
            outcome = _outcome(future, futures[future])
            outcomes.append(outcome)
            if progress:
                progress(outcome, len(outcomes), len(jobs))
            future.release()
        return outcomes
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def _outcome(future: Any, job: Job) -> Outcome:
    if future.status == "finished":
        return future.result()
    error = future.exception()
    return Outcome(job.session_id, False, stage="worker",
                   error=f"the worker analysing this file died or failed ({type(error).__name__}: {error})")
