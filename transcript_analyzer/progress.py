"""The one progress display (rich), turned on by the CLI on a terminal and off everywhere else.

Library code takes a plain callback (``progress(...)``) and never draws anything itself; these
context managers turn such callbacks into a live bar on stderr, or give ``None`` when stderr is
not a terminal (logs, CI, tests)."""

from __future__ import annotations

import contextlib
import sys
from typing import Any, Callable, Iterator


def _progress(*columns: Any):
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    return Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), *columns,
                    TimeRemainingColumn(), console=Console(stderr=True), transient=False)


@contextlib.contextmanager
def batch_progress(enabled: bool | None = None) -> Iterator[Callable[[Any, int, int], None] | None]:
    """Sessions done of total, sessions/min, utterances/s and the ETA, for ``run_batch``."""
    if not (sys.stderr.isatty() if enabled is None else enabled):
        yield None
        return
    import time

    from rich.progress import TextColumn

    bar = _progress(TextColumn("{task.fields[rate]}"))
    started, utterances = time.perf_counter(), [0]
    with bar:
        task = bar.add_task("sessions", total=None, rate="")

        def show(outcome: Any, done: int, total: int) -> None:
            utterances[0] += outcome.utterances
            elapsed = max(time.perf_counter() - started, 1e-9)
            bar.update(task, completed=done, total=total,
                       rate=f"{done / elapsed * 60:.1f} sessions/min · {utterances[0] / elapsed:.0f} utt/s")

        yield show


@contextlib.contextmanager
def audio_progress(enabled: bool | None = None) -> Iterator[Callable[[str, float, float], None] | None]:
    """Minutes of audio done per step (transcribe, diarize), for ``Analyzer.analyze``."""
    if not (sys.stderr.isatty() if enabled is None else enabled):
        yield None
        return
    bar = _progress()
    tasks: dict[str, Any] = {}
    with bar:

        def show(step: str, done: float, total: float) -> None:
            if step not in tasks:
                for earlier in tasks.values():  # a new step means the earlier ones are done
                    bar.update(earlier, completed=bar.tasks[earlier].total)
                tasks[step] = bar.add_task(f"{step} (s of audio)", total=max(total, 1e-9))
            bar.update(tasks[step], completed=min(done, total), total=max(total, 1e-9))

        yield show
        for task in tasks.values():
            bar.update(task, completed=bar.tasks[task].total)
