"""The worker side of a batch run: models load once per Dask worker (a worker plugin), and each
task analyses one file and writes its outputs atomically, a ``done.json`` last."""

from __future__ import annotations

import dataclasses
import json
import time
import traceback
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Sequence

from distributed import WorkerPlugin

from ..config import AnalyzeConfig
from ..errors import AnalyzerError, redacting
from ..model import Session
from ..text.roles import given_therapist
from .inputs import Job

PLUGIN = "transcript-analyzer"
DONE = "done.json"


@dataclass(frozen=True)
class Outcome:
    """What a task reports back: finished, or failed at a stage with the reason."""

    session_id: str
    ok: bool
    utterances: int = 0
    seconds: float = 0.0
    stage: str = ""
    error: str = ""


class AnalyzerPlugin(WorkerPlugin):
    """A Dask worker plugin: builds and loads the analyzer once when the worker starts. Its
    share of the cores (Whisper threads, texts encoded at once, torch threads) is ``threads``,
    or, on a cluster started elsewhere, the worker's own thread count (`dask worker --nthreads`)."""

    name = PLUGIN

    def __init__(self, config: AnalyzeConfig, threads: int | None = None):
        self.config = config
        self.threads = threads
        self.analyzer: Any = None

    def setup(self, worker: Any = None) -> None:
        from ..api import Analyzer

        threads = self.threads or max(1, int(getattr(getattr(worker, "state", None), "nthreads", 1) or 1))
        _limit_threads(threads)
        self.analyzer = Analyzer(worker_config(self.config, threads)).load()

    def teardown(self, worker: Any = None) -> None:
        self.analyzer = None


def worker_config(config: AnalyzeConfig, threads: int) -> AnalyzeConfig:
    """A worker's share of the cores: recognition threads and texts encoded at once."""
    return dataclasses.replace(config, audio=dataclasses.replace(config.audio, threads=threads),
                               markers=dataclasses.replace(config.markers, threads=config.markers.threads or threads))


def _limit_threads(threads: int) -> None:
    try:
        import torch

        torch.set_num_threads(threads)
    except ImportError:  # pragma: no cover - torch is a dependency
        pass


def analyzer_on_this_worker() -> Any:
    from distributed import get_worker

    return get_worker().plugins[PLUGIN].analyzer


def process(job: Job, out_dir: str, corpus: str, codes: Sequence[str]) -> Outcome:
    """Analyse one file into ``out_dir/sessions/<folder>/`` (replaced as a whole: a finished
    session's folder holds its done.json); never raises for a bad file. ``codes``: the wide
    table's code columns. In a redacted run the error it reports is redacted too
    (errors.redacting), and done.json holds no input path."""
    started = time.perf_counter()
    stage = ["read"]
    try:
        analyzer = analyzer_on_this_worker()
        redact = analyzer.config.output.redact
        with redacting(redact, [job.therapist or ""], [job.path]):
            session = analyzer.read(job.path, read=_read_options(analyzer.config, job))
            session = _with_job(session, job)
            session = analyzer.run(session, hook=lambda name: stage.__setitem__(0, name))
        stage[0] = "write"
        _write(Path(out_dir) / "sessions" / job.folder, session, job, corpus, codes, analyzer.config.output,
               code_decisions(analyzer))
        return Outcome(job.session_id, True, len(session.utterances), time.perf_counter() - started)
    except AnalyzerError as e:
        return Outcome(job.session_id, False, seconds=time.perf_counter() - started, stage=stage[0], error=str(e))
    except Exception as e:  # one bad file never stops a run: report it with where it failed
        where = traceback.extract_tb(e.__traceback__)[-1]
        return Outcome(job.session_id, False, seconds=time.perf_counter() - started, stage=stage[0],
                       error=f"{type(e).__name__}: {e} ({Path(where.filename).name}:{where.lineno})")


SESSION_KIND = "batch-session"  # a session folder's kind in its marker (io/outfolder.py)
SESSION_FILES = ("utterances.parquet", "codes.parquet", "row.json", DONE)
LAYOUT = "2"
"""The session folder's layout (its tables' files and columns): part of every job's key, so a
session written with another layout is redone rather than mixed into the tables."""


def code_decisions(analyzer: Any) -> dict[str, Any]:
    """How the analyzer's markers stage decides each code (markers/decisions.py); none without one."""
    stage = next((s for s in analyzer.pipeline.stages if s.name == "markers"), None)
    return stage.decisions() if stage is not None else {}


def _write(folder: Path, session: Session, job: Job, corpus: str, codes: Sequence[str], output: Any,
           decisions: dict[str, Any]) -> None:
    from ..io.outfolder import replace_folder
    from ..io.writers import render_outputs
    from .codes import code_table_bytes
    from .tables import session_row, utterance_table_bytes

    files = render_outputs(session, folder, raw_csv=output.raw_csv)
    files["utterances.parquet"] = utterance_table_bytes(session, corpus, codes)
    files["codes.parquet"] = code_table_bytes(session, corpus, decisions)
    files["row.json"] = json.dumps(session_row(session, corpus), ensure_ascii=False).encode("utf-8")
    done = {"key": job.key, "session_id": job.session_id, "utterances": len(session.utterances),
            "models": [dataclasses.asdict(m) for m in session.meta.models]}
    if not output.redact:  # the path often names the client
        done["input"] = job.path
    files[DONE] = json.dumps(done).encode("utf-8")
    replace_folder(folder, files, SESSION_KIND, adopt=_earlier_session, lock=False)  # the run holds the run lock


def _earlier_session(folder: Path, entries: set[str]) -> bool:
    """A session folder written before folders had a marker (it has its done.json, or is a
    killed run's)."""
    from ..io.writers import WRITERS

    return entries <= {w.filename for w in WRITERS} | set(SESSION_FILES) | {e for e in entries if e.startswith(".tmp-")}


def _read_options(config: AnalyzeConfig, job: Job):
    """The manifest's per-file read options (format, session, date) over the configured ones."""
    changes = {k: v for k, v in (("format", job.format), ("session", job.session), ("date", job.date)) if v}
    return dataclasses.replace(config.read, **changes) if changes else None


def _with_job(session: Session, job: Job) -> Session:
    """The job's session id, and a manifest's therapist as the user's choice of roles."""
    session = dataclasses.replace(session, meta=dataclasses.replace(session.meta, session_id=job.session_id))
    if not job.therapist:
        return session
    labels = list(dict.fromkeys(t.speaker for t in session.turns))
    return dataclasses.replace(session, speakers=given_therapist(labels, job.therapist, job.path,
                                                                 "the manifest's therapist"))
