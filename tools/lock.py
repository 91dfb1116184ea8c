"""Print requirements.lock from the working .venv: `pip freeze`, limited to what
`pip install -e '.[dev]'` brings (the core, every extra, the test and dev tools), so that packages
installed by hand for an experiment stay out. torch is written as torch==2.13.0 (the CPU wheel that
`make install` puts in first; pip freeze says 2.13.0+cpu).

    .venv/bin/python tools/lock.py > requirements.lock      (or: make lock)
"""

from __future__ import annotations

import importlib.metadata as md
import subprocess
import sys

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

PROJECT = "transcript-analyzer"
EXTRAS = frozenset({"dev", "all", "test", "audio", "batch", "train", "research"})
HEADER = ("# Full pinned dependency set (pip freeze of a working .venv: what `pip install -e '.[dev]'` brings; "
          "tools/lock.py). torch first: see Makefile.")


def needed() -> set[str]:
    """Canonical names of every distribution the project with EXTRAS requires, transitively."""
    seen: set[tuple[str, frozenset[str]]] = set()
    todo = [(PROJECT, EXTRAS)]
    while todo:
        name, extras = todo.pop()
        key = (canonicalize_name(name), frozenset(extras))
        if key in seen:
            continue
        seen.add(key)
        try:
            requires = md.requires(name) or []
        except md.PackageNotFoundError:
            sys.exit(f"{name} is required but not installed: run `make install` first")
        for line in requires:
            req = Requirement(line)
            envs = [{"extra": e} for e in (extras or {""})]
            if req.marker is None or any(req.marker.evaluate(env) for env in envs):
                todo.append((req.name, frozenset(req.extras)))
    return {name for name, _ in seen} - {PROJECT}


def main() -> None:
    names = needed()
    freeze = subprocess.run([sys.executable, "-m", "pip", "freeze", "--exclude-editable"], capture_output=True,
                            text=True, check=True).stdout.splitlines()
    lines = [HEADER]
    for line in freeze:
        name, sep, version = line.partition("==")
        if sep and canonicalize_name(name) in names:
            lines.append("torch==" + version.split("+")[0] if canonicalize_name(name) == "torch" else line)
    print("\n".join(lines))


if __name__ == "__main__":
    main()
