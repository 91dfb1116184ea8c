"""Installed size of `pip install transcript-analyzer` and of each extra, each in a fresh venv.

Builds the wheel from a copy of the source tree (so the tree gets no build/ or egg-info), then for
each install set makes a new venv, installs the wheel with that extra (versions held to
requirements.lock, so the numbers are the pinned set's), and measures its site-packages (disk
usage, as `du -s`), the distributions in it, and the install time. Prints one Markdown table;
the latest is in docs/benchmarks.md ("Installed size"). Needs the package registry (or pip's
cache) once per set; about 5 minutes on 2 cores with the registry reachable.

    .venv/bin/python benchmarks/install_size.py [--sets core,audio,batch,train,research,all]

tests/test_install.py uses the same helpers to check that the core install analyzes a transcript.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SETS = ("core", "audio", "batch", "train", "research", "all")
SKIP = {".git", ".venv", "demo_output", ".pytest_cache", "build", "__pycache__", "transcript_analyzer.egg-info"}


def build_wheel(dest: Path, python: str = sys.executable) -> Path:
    """The project's wheel, built from a copy of the tree by ``python``'s setuptools (no network)."""
    source = dest / "source"
    shutil.copytree(ROOT, source, symlinks=True, ignore=lambda folder, names: [n for n in names if n in SKIP])
    subprocess.run([python, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation", "-w", str(dest),
                    str(source)], check=True, capture_output=True, text=True)
    shutil.rmtree(source)
    (wheel,) = dest.glob("transcript_analyzer-*.whl")
    return wheel


def fresh_venv(path: Path) -> Path:
    """A new venv (with pip) at ``path``, on this interpreter's base Python; returns its python."""
    subprocess.run([sys.executable, "-m", "venv", str(path)], check=True, capture_output=True, text=True)
    return path / "bin" / "python"


def install(python: Path, wheel: Path, extra: str | None, constraints: Path | None = ROOT / "requirements.lock"
            ) -> subprocess.CompletedProcess:
    target = f"{wheel}[{extra}]" if extra else str(wheel)
    command = [str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check", target]
    if constraints:
        command += ["-c", str(constraints)]
    return subprocess.run(command, capture_output=True, text=True)


def site_packages(python: Path) -> Path:
    out = subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                         check=True, capture_output=True, text=True).stdout.strip()
    return Path(out)


def disk_usage(path: Path) -> int:
    """Bytes on disk under ``path`` (as `du -s`; hard links counted once)."""
    seen, total = set(), 0
    for folder, _, files in os.walk(path):
        for name in files:
            st = os.lstat(os.path.join(folder, name))
            if (st.st_dev, st.st_ino) not in seen:
                seen.add((st.st_dev, st.st_ino))
                total += st.st_blocks * 512
    return total


def distributions(python: Path) -> list[str]:
    out = subprocess.run([str(python), "-m", "pip", "list", "--format=freeze", "--disable-pip-version-check"],
                         check=True, capture_output=True, text=True).stdout
    return [line.split("==")[0] for line in out.splitlines() if "==" in line]


def measure(work: Path, wheel: Path, name: str) -> dict:
    python = fresh_venv(work / name)
    baseline = disk_usage(site_packages(python))
    started = time.perf_counter()
    result = install(python, wheel, None if name == "core" else name)
    seconds = time.perf_counter() - started
    if result.returncode != 0:
        raise SystemExit(f"installing {name} failed:\n{result.stderr[-3000:]}")
    dists = distributions(python)
    size = disk_usage(site_packages(python))
    shutil.rmtree(work / name)
    return {"set": name, "bytes": size, "venv_baseline": baseline, "seconds": seconds, "dists": len(dists),
            "torch": any(d.lower() == "torch" for d in dists)}


def table(rows: list[dict], wheel_bytes: int) -> str:
    core = next((r["bytes"] for r in rows if r["set"] == "core"), None)
    lines = ["| install | command | site-packages | over the core | distributions | torch | install time |",
             "|---|---|---|---|---|---|---|"]
    for r in rows:
        command = "pip install transcript-analyzer" + ("" if r["set"] == "core" else f"[{r['set']}]")
        over = "" if core is None or r["set"] == "core" else f"+{(r['bytes'] - core) / 1e6:,.0f} MB"
        lines.append(f"| {r['set']} | `{command}` | {r['bytes'] / 1e6:,.0f} MB | {over} | {r['dists']} | "
                     f"{'yes' if r['torch'] else 'no'} | {r['seconds']:.0f} s |")
    machine = f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
    base = rows[0]["venv_baseline"] / 1e6 if rows else 0
    return "\n".join(lines) + (f"\n\n{date.today().isoformat()}, {machine}; wheel {wheel_bytes / 1e6:.1f} MB; sizes "
                               f"include the new venv's own pip ({base:.0f} MB); versions held to requirements.lock.")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sets", default=",".join(SETS), help=f"comma-separated, of: {', '.join(SETS)}")
    args = parser.parse_args()
    sets = [s.strip() for s in args.sets.split(",") if s.strip()]
    unknown = set(sets) - set(SETS)
    if unknown:
        parser.error(f"unknown set(s) {', '.join(sorted(unknown))}; known: {', '.join(SETS)}")
    with tempfile.TemporaryDirectory(prefix="ta-install-") as tmp:
        work = Path(tmp)
        wheel = build_wheel(work)
        rows = []
        for name in sets:
            rows.append(measure(work, wheel, name))
            print(f"{name}: {rows[-1]['bytes'] / 1e6:,.0f} MB in {rows[-1]['seconds']:.0f} s", file=sys.stderr)
        print(table(rows, wheel.stat().st_size))


if __name__ == "__main__":
    main()
