"""Corpus runs on Dask: an embedded private cluster (cluster.py) or an existing scheduler, models
loaded once per worker, one task per file, resumable (finished sessions are skipped by key), and
corpus tables rebuilt from every finished session at the end."""

from __future__ import annotations

import dataclasses
import glob
import json
import logging
import re
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Sequence

from ..config import AnalyzeConfig
from ..errors import AnalyzerError, ConfigError, ModelError, OutputError, redacting
from ..io.atomic import write_files
from ..io.outfolder import check_replaceable, folder_lock, read_marker, recover_all, write_marker
from ..markers.custom import select
from ..markers.decisions import client_code_names
from ..resources import find_model, sha256_file
from .cluster import TLSFiles, connect
from .inputs import Job, check_apart, config_hash, discover, keyed
from .worker import DONE, LAYOUT, PLUGIN, AnalyzerPlugin, Outcome, process

log = logging.getLogger(__name__)
Progress = Callable[[Outcome, int, int], None]


@dataclass(frozen=True)
class BatchOptions:
    """How to run: where, how wide, and what to redo."""

    workers: int | None = None  # local worker processes (default: one per core)
    scheduler: str | None = None  # address of an existing Dask scheduler, e.g. tls://host:8786
    tls: TLSFiles | None = None  # credentials for a tls:// scheduler (else from the Dask config)
    force: bool = False  # redo finished sessions
    corpus: str | None = None  # corpus name in the tables (default: default_corpus)
    convokit: bool = False  # also write a ConvoKit corpus folder
    connect_timeout: float = 30.0  # seconds to wait for an existing scheduler
    id_map: Path | None = None  # with redaction: a CSV mapping the opaque session ids back to the inputs


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
    """Analyse every input into ``out_dir/sessions/<id>/`` and write the corpus tables. The run
    folder is locked for the whole run (a second run on it fails at once), must be new, empty or
    an earlier run's, and is never read as input (``discover`` skips it)."""
    out = Path(out_dir)
    if options and options.id_map and not config.output.redact:
        raise ConfigError("--id-map goes with --redact (without it, the session ids are the inputs' names)")
    with redacting(config.output.redact, [], [str(i) for i in inputs]):
        check_apart(inputs, out)
    with folder_lock(out, wait=0):
        check_replaceable(out, RUN_KIND, adopt=_earlier_run)
        out.mkdir(parents=True, exist_ok=True)
        marker = read_marker(out)
        if marker is None:
            write_marker(out, RUN_KIND, redacted=config.output.redact)
        elif marker.get("redacted", config.output.redact) != config.output.redact:
            raise OutputError(f"{out}: holds a {'redacted' if marker['redacted'] else 'unredacted'} run; a "
                              f"{'redacted' if config.output.redact else 'unredacted'} run needs a folder of its own")
        return _run_batch(inputs, out, config, options or BatchOptions(), progress)


RUN_KIND = "batch"  # the run folder's kind in its marker (io/outfolder.py)


def _earlier_run(folder: Path, entries: set[str]) -> bool:
    """A run folder written before folders had a marker: finished sessions and nothing foreign."""
    known = {"sessions", "failures", "private", "convokit", "utterances.parquet", "utterances.csv", "sessions.csv",
             "failures.csv", "codes.parquet", "sessions.parquet", "datapackage.json"}
    return "sessions" in entries and all(e in known or e.startswith(".tmp-") for e in entries)


def _run_batch(inputs: Sequence[str | Path], out: Path, config: AnalyzeConfig, options: BatchOptions,
               progress: Progress | None) -> BatchResult:
    started = time.perf_counter()
    _remove_leftovers(out)
    selection = select(config.markers.markers)  # shipped markers, and custom codes ('+CODE')
    markers = selection.names
    # a retrained custom code changes the results under the same name: its weights are in the key
    custom = {name: sha256_file(folder / "weights.npz") for name, folder in selection.custom.items()
              if (folder / "weights.npz").is_file()}
    with redacting(config.output.redact, [], [str(i) for i in inputs]):
        found = discover(inputs, exclude=out)
    key = config_hash(config, {"custom": custom, "layout": LAYOUT})
    jobs = keyed(_private_ids(found, out, config, options.id_map), key)
    todo = [j for j in jobs if options.force or not finished(out, j)]
    corpus = options.corpus or default_corpus(inputs, out, config.output.redact)
    codes = [*markers, *client_code_names(selection.shipped, _coder_tasks(config.markers.coder))]
    outcomes = _run(todo, out, config, options, corpus, codes, progress) if todo else []
    by_id = {j.session_id: j for j in todo}
    for o in outcomes:
        if o.ok:
            (out / "failures" / f"{by_id[o.session_id].folder}.json").unlink(missing_ok=True)
        else:
            _record_failure(out, by_id[o.session_id], o, hide_input=config.output.redact)
    now = {j.session_id: finished(out, j) for j in jobs}  # each done.json read once more, after the run
    done = [j for j in jobs if now[j.session_id]]
    failures = _all_failures(out, [j for j in jobs if not now[j.session_id]])
    from .datapackage import RunInfo, recorded_config
    from .tables import write_corpus_tables

    run = RunInfo(corpus, recorded_config(config), key, config.output.redact)
    extras = {j.session_id: dict(j.extra) for j in done if j.extra}
    if config.output.redact and extras:
        extras = redacted_extras(extras, config.segment.spacy_model)
    tables = write_corpus_tables(out, [out / "sessions" / j.folder for j in done], markers, failures,
                                 config.output.raw_csv, codes=codes, corpus=corpus, extras=extras, run=run)
    if options.convokit:
        from .convokit import write_convokit

        tables.append(write_convokit(out, [out / "sessions" / j.folder for j in done], corpus))
    return BatchResult(out, len(jobs), len(jobs) - len(todo), sum(o.ok for o in outcomes), len(failures),
                       sum(o.utterances for o in outcomes), time.perf_counter() - started, tuple(tables),
                       tuple(failures))


# manifest columns whose every value is identifying or quasi-identifying under --redact
_IDENTIFYING_COLUMN = {"name", "names", "firstname", "surname", "age", "birth", "birthday", "dob", "date", "phone",
                       "email", "mail", "address", "postcode", "zip", "city", "town"}
_CODE = re.compile(r"[A-Za-z]{0,4}[-_]?\d+(?:[-_.][A-Za-z0-9]+)*")  # T03, P012_S3, 12, 4.5


def redacted_extras(extras: dict[str, dict[str, str]], spacy_model: str) -> dict[str, dict[str, str]]:
    """With --redact, a manifest's own columns are read as the transcripts are: a value in which the
    redactor finds a name, place, date, phone number, ... becomes '[redacted]' (a column such as
    therapist = 'Dr. Lee' would otherwise put a name beside every session of a redacted run). Plain
    numbers and short codes ('12', 'T03', 'P012_S3': the pseudonymous ids and counts researchers put in
    manifests) stay, except in a column whose name says it holds names, ages, dates or contact details."""
    from ..text.redact.redactor import Redactor

    redactor = Redactor(spacy_model)

    def clean(column: str, value: str) -> str:
        if not value:
            return value
        if set(re.split(r"[^a-z]+", column.lower())) & _IDENTIFYING_COLUMN:
            return "[redacted]"
        if _CODE.fullmatch(value.strip()):
            return value
        return "[redacted]" if redactor.find(value) else value

    return {sid: {k: clean(k, v) for k, v in columns.items()} for sid, columns in extras.items()}


def default_corpus(inputs: Sequence[str | Path], out: Path, redact: bool = False) -> str:
    """The corpus name when --corpus is not given: the input folder's name (a file's or a
    manifest's: the folder holding it; a glob's: the folder it starts in); several inputs: their
    names joined with '+'. With --redact, the run folder's name (input names may identify people)."""
    if redact:
        return out.resolve().name
    names = []
    for item in inputs:
        text = str(item)
        path = Path(text)
        if not path.exists() and glob.has_magic(text):
            path = Path(text.split("*")[0].split("?")[0].split("[")[0] or ".")
        folder = path if path.is_dir() else path.parent
        names.append(folder.resolve().name or "corpus")
    return "+".join(dict.fromkeys(names)) or out.resolve().name


def _coder_tasks(coder: str) -> tuple[str, ...]:
    """The coder's task names, read from its coder.json (the driver loads no model); none when it
    cannot be read (the workers then fail with the reason)."""
    try:
        data = json.loads((find_model(coder) / "coder.json").read_text(encoding="utf-8"))
        return tuple(t["name"] for t in data["tasks"])
    except (AnalyzerError, OSError, ValueError, KeyError, TypeError):
        return ()


def _remove_leftovers(out: Path) -> None:
    """Temporary folders a killed run left behind (their files were never renamed into place), and
    session folders caught between old and new set (io/outfolder.recover)."""
    import shutil

    for tmp in [*out.glob(".tmp-*"), *out.glob("sessions/*/.tmp-*"), *out.glob("failures/.tmp-*"),
                *out.parent.glob(f".{glob.escape(out.name)}.scratch-*")]:
        shutil.rmtree(tmp, ignore_errors=True)
    if (out / "sessions").is_dir():
        recover_all(out / "sessions")


def finished(out: Path, job: Job) -> bool:
    """A session is finished when its done.json (written last) carries the job's key."""
    try:
        return json.loads((out / "sessions" / job.folder / DONE).read_text(encoding="utf-8")).get("key") == job.key
    except (OSError, ValueError):
        return False


def _private_ids(jobs: list[Job], out: Path, config: AnalyzeConfig, id_map: Path | None = None) -> list[Job]:
    """With --redact, file names may identify people: sessions get opaque ids (the same on every
    run). The map back to the inputs is written only where the user asks (``id_map``), never
    inside the run folder, which holds nothing identifying."""
    if not config.output.redact:
        return jobs
    from .ids import opaque_id
    from .tables import csv_bytes

    opaque = [dataclasses.replace(j, session_id=opaque_id(j.session_id)) for j in jobs]
    if id_map is not None:
        target = Path(id_map)
        if target.resolve() == out.resolve() or out.resolve() in target.resolve().parents:
            raise OutputError(f"{id_map}: the id map identifies the inputs, so it may not be inside the run folder")
        rows = [{"session_id": o.session_id, "input": j.path, "original_id": j.session_id}
                for j, o in zip(jobs, opaque)]
        write_files(target.parent, {target.name: csv_bytes(rows, raw=config.output.raw_csv)})
    return opaque


def _record_failure(out: Path, job: Job, outcome: Outcome, hide_input: bool = False) -> dict[str, Any]:
    """A failure's row; in a redacted run without the file's path (--id-map maps the opaque id
    back). The error comes redacted from the worker (errors.redacting)."""
    error = outcome.error
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
         codes: Sequence[str], progress: Progress | None) -> list[Outcome]:
    """The local workers' scratch space (where Dask may spill task data, the sessions' text among
    it) is a private folder beside the run folder, removed after the run (or by the next one if
    this one is killed), not the shared temporary folder."""
    import shutil
    import tempfile

    import dask

    scratch = Path(tempfile.mkdtemp(prefix=f".{out.name}.scratch-", dir=out.parent))
    try:
        with dask.config.set({"temporary-directory": str(scratch)}):
            return _compute(jobs, out, config, options, corpus, codes, progress)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def _compute(jobs: Sequence[Job], out: Path, config: AnalyzeConfig, options: BatchOptions, corpus: str,
             codes: Sequence[str], progress: Progress | None) -> list[Outcome]:
    from distributed import as_completed

    client, cluster, threads = connect(options.scheduler, options.workers, options.tls, options.connect_timeout)
    try:
        try:
            client.register_plugin(AnalyzerPlugin(config, threads), name=PLUGIN)
        except AnalyzerError:
            raise
        except Exception as e:  # e.g. a remote worker without the package or its models
            raise ModelError(f"the Dask workers could not load the analysis models ({type(e).__name__}: {e})") from e
        futures = {client.submit(process, job, str(out), corpus, codes, key=f"analyze-{job.folder}-{job.key}",
                                 pure=False): job for job in jobs}
        outcomes = []
        for future in as_completed(futures):
            outcome = _outcome(future, futures[future], config.output.redact)
            outcomes.append(outcome)
            if progress:
                progress(outcome, len(outcomes), len(jobs))
            future.release()
        return outcomes
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def _outcome(future: Any, job: Job, redact: bool = False) -> Outcome:
    if future.status == "finished":
        return future.result()
    error = future.exception()
    detail = type(error).__name__ if redact else f"{type(error).__name__}: {error}"  # the message may quote the file
    return Outcome(job.session_id, False, stage="worker", error=f"the worker analysing this file died or failed ({detail})")
