"""What a batch run works on: input files found in folders, globs or a manifest CSV, each made
a Job with a stable session id and a key (its content hash and the run's configuration) that
tells whether a finished result is still valid."""

from __future__ import annotations

import csv
import dataclasses
import glob
import hashlib
import json
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Sequence

from .. import __version__
from ..audio.decode import AUDIO_SUFFIXES
from ..config import AnalyzeConfig
from ..errors import ConfigError, InputError
from ..io.readers import READERS

MANIFEST_COLUMNS = ("path", "session_id", "therapist", "date", "format", "session")


@dataclass(frozen=True)
class Job:
    """One session to analyse."""

    path: str  # absolute path of the input file
    session_id: str  # unique within the run: the path below its input folder, without suffix
    key: str = ""  # content hash + configuration hash; set by ``keyed``
    therapist: str | None = None  # per-file overrides from a manifest
    date: str | None = None
    format: str | None = None
    session: str | None = None
    extra: tuple[tuple[str, str], ...] = ()  # a manifest's own columns (name, value), carried into the session tables

    @property
    def folder(self) -> str:
        """The session's output folder name (no path separators)."""
        return re.sub(r"[^\w.-]+", "_", self.session_id.replace("/", "__")).strip("._") or "session"


def input_suffixes() -> frozenset[str]:
    return frozenset(f".{s}" for r in READERS for s in r.suffixes) | AUDIO_SUFFIXES


def discover(inputs: Sequence[str | Path], exclude: str | Path | None = None) -> list[Job]:
    """Jobs for folders (searched recursively for transcripts and recordings), glob patterns,
    single files and manifest CSVs (a .csv with a ``path`` column). Sorted, without duplicates.
    Nothing inside ``exclude`` (the run's own output folder) is read: folders and patterns skip
    it, and a file or input folder inside it is an error."""
    if not inputs:
        raise ConfigError("give at least one input: a folder, a glob pattern, a file or a manifest CSV")
    skip = Path(exclude).resolve() if exclude is not None else None
    jobs: list[Job] = []
    for item in inputs:
        text = str(item)
        path = Path(text)
        check_apart([path], skip)
        if path.is_dir():
            found = [_job(f, path) for f in sorted(_files(path, skip))]
            if not found:
                looked = ", ".join(sorted(input_suffixes()))
                raise InputError(path, f"holds no transcript or recording (looked for {looked})", quoted=())
            jobs += found
        elif path.is_file() and is_manifest(path):
            jobs += read_manifest(path, skip)
        elif path.is_file():
            jobs.append(_job(path, path.parent))
        elif glob.has_magic(text):
            found = sorted(Path(p) for p in glob.glob(text, recursive=True)
                           if Path(p).is_file() and not (skip and _inside(Path(p).resolve(), skip)))
            if not found:
                raise InputError(text, "the pattern matches no file", quoted=())
            root = Path(text.split("*")[0].split("?")[0].split("[")[0] or ".")
            root = root if root.is_dir() else root.parent
            jobs += [_job(f, root) for f in found]
        else:
            raise InputError(text, "no such file or folder", quoted=())
    return _unique(jobs)


def check_apart(inputs: Sequence[str | Path], out: str | Path | None) -> None:
    """An input file or folder may not be the run's output folder nor inside it."""
    if out is None:
        return
    folder = Path(out).resolve()
    for item in inputs:
        path = Path(item)
        if path.exists() and _inside(path.resolve(), folder):
            raise InputError(path, "is inside the run's output folder (--out); choose an output folder apart "
                                   "from the inputs", quoted=())


def _inside(path: Path, folder: Path) -> bool:
    return path == folder or folder in path.parents


def _files(folder: Path, skip: Path | None = None) -> Iterable[Path]:
    """Input files below ``folder``, not in hidden folders nor in ``skip`` (pruned, not walked)."""
    suffixes = input_suffixes()
    for root, dirs, files in os.walk(folder):
        here = Path(root)
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and not (skip and (here / d).resolve() == skip))
        for name in files:
            if not name.startswith(".") and Path(name).suffix.lower() in suffixes:
                yield here / name


def _job(path: Path, root: Path) -> Job:
    rel = path.resolve().relative_to(root.resolve()) if path.resolve().is_relative_to(root.resolve()) else Path(path.name)
    return Job(path=str(path.resolve()), session_id=rel.with_suffix("").as_posix())


def is_manifest(path: Path) -> bool:
    if path.suffix.lower() != ".csv":
        return False
    with open(path, newline="", encoding="utf-8-sig", errors="replace") as f:
        header = next(csv.reader(f), [])
    return "path" in [h.strip().lower() for h in header]


def read_manifest(path: Path, skip: Path | None = None) -> list[Job]:
    """A CSV with a ``path`` column (relative to the manifest's folder) and optional
    session_id, therapist, date, format and session columns; any other column (e.g. quality,
    topic, therapist_id) is carried as it is into the session tables (``Job.extra``)."""
    jobs = []
    try:
        with open(path, newline="", encoding="utf-8-sig") as f:
            rows = list(csv.DictReader(f))
    except (OSError, UnicodeDecodeError, csv.Error) as e:
        raise InputError(path, f"cannot read the manifest ({e})") from e
    for line, given in enumerate(rows, start=2):
        row = {(k or "").strip().lower(): (v or "").strip() for k, v in given.items() if not isinstance(v, list)}
        extra = tuple((k.strip(), (v or "").strip()) for k, v in given.items()
                      if isinstance(k, str) and k.strip() and k.strip().lower() not in MANIFEST_COLUMNS)
        if not row.get("path"):
            raise InputError(path, "the path cell is empty", line=line)
        file = (path.parent / row["path"]).resolve()
        if not file.is_file():
            raise InputError(path, f"{row['path']}: no such file", line=line)
        if skip is not None and _inside(file, skip):
            raise InputError(path, f"{row['path']}: is inside the run's output folder (--out)", line=line)
        base = _job(file, path.parent)
        default_id = f"{base.session_id}/{row['session']}" if row.get("session") else base.session_id
        jobs.append(dataclasses.replace(base, session_id=row.get("session_id") or default_id,
                                        therapist=row.get("therapist") or None, date=row.get("date") or None,
                                        format=row.get("format") or None, session=row.get("session") or None,
                                        extra=extra))
    if not jobs:
        raise InputError(path, "the manifest lists no files")
    return jobs


def _unique(jobs: list[Job]) -> list[Job]:
    seen: dict[str, Job] = {}
    for job in jobs:
        other = seen.get(job.session_id)
        if other and (other.path, other.session) != (job.path, job.session):
            raise InputError(job.path, f"session id '{job.session_id}' is also used by {other.path}; "
                                       "give unique ids in a manifest (session_id column)")
        seen.setdefault(job.session_id, job)
    folders: dict[str, str] = {}
    for job in seen.values():
        if folders.setdefault(job.folder, job.session_id) != job.session_id:
            raise InputError(job.path, f"sessions '{job.session_id}' and '{folders[job.folder]}' would share "
                                       f"the output folder '{job.folder}'")
    return list(seen.values())


def config_hash(config: AnalyzeConfig, extra: dict | None = None) -> str:
    """What decides a session's result besides its input: every option and the tool's version."""
    blob = json.dumps({"config": dataclasses.asdict(config), "version": __version__, **(extra or {})},
                      sort_keys=True, default=str)
    return hashlib.sha256(blob.encode()).hexdigest()[:16]


def keyed(jobs: Sequence[Job], config_key: str) -> list[Job]:
    """Each job with its key: the input's content hash, its per-file options and the configuration."""
    out = []
    for job in jobs:
        digest = hashlib.sha256()
        with open(job.path, "rb") as f:
            for block in iter(lambda: f.read(1 << 20), b""):
                digest.update(block)
        options = f"{job.therapist}|{job.date}|{job.format}|{job.session}"
        out.append(dataclasses.replace(job, key=f"{digest.hexdigest()[:24]}-{config_key}-"
                                                f"{hashlib.sha256(options.encode()).hexdigest()[:8]}"))
    return out
