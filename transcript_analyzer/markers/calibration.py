"""Site calibrations: the shipped markers' decision thresholds refitted to a site's own reviews.

`transcript-analyzer train --recalibrate REVIEWS... --sessions PATH --name NAME` (review/recalibrate.py)
writes ``<user models folder>/<NAME>/`` with ``calibration.json`` (the thresholds and how they were
fitted), ``card.md`` (a local model card) and ``SHA256SUMS``. `analyze --calibration NAME` then
decides the markers below with the site's thresholds instead of the shipped ones; every probability,
every other marker and the shipped models stay as they are. This module is the reading side: find,
verify and describe a calibration; the markers stage applies its thresholds.

Which decisions a calibration can set (``DECISIONS``): the shipped markers decided by one probability
against one threshold. Advice is one decision before the permission rule splits it into
``advice_with_permission`` and ``advice_without_permission``. Not recalibrated: empathy (its decision
is "one EPITOME mechanism is strong"; a single threshold on P(empathy) did worse than that rule at
every number of reviewed moments, benchmarks/review_recalibration.py), the MI behaviours (one class
of several), the session-rule markers and the client codes (risk talk is a safety net tuned for
recall).
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Mapping

from ..errors import ConfigError, ModelError
from ..model import CalibrationInfo, MarkerThreshold, Session
from ..resources import user_models_dir, verify

log = logging.getLogger(__name__)

KIND = "calibration"
FILE = "calibration.json"
DECISIONS: Mapping[str, tuple[str, ...]] = {
    "positive_regard": ("positive_regard",),
    "self_disclosure": ("self_disclosure",),
    "advice": ("advice_with_permission", "advice_without_permission"),
    "confront": ("confront",),
}
"""Decision -> the reported markers it decides."""


def decision_of(marker: str) -> str | None:
    """The decision a calibration can set for a reported marker (None: not recalibrated)."""
    return next((d for d, markers in DECISIONS.items() if marker in markers), None)


@dataclass(frozen=True)
class Calibration:
    """A site calibration as installed: its thresholds and where they come from."""

    name: str
    folder: Path
    thresholds: dict[str, float]  # decision -> the site's threshold (only the decisions it sets)
    shipped: dict[str, float | None]  # decision -> the shipped threshold
    coder_sha256: str | None
    reviewed: int
    date: str | None
    sha256: str | None
    data: dict[str, Any] = field(default_factory=dict, repr=False)

    def info(self) -> CalibrationInfo:
        return CalibrationInfo(self.name, self.reviewed, self.date, self.sha256,
                               tuple(MarkerThreshold(d, t, self.shipped.get(d)) for d, t in self.thresholds.items()))

    def check_coder(self, sha256: str | None) -> None:
        """A calibration's thresholds fit one coder's probabilities: refuse it with any other."""
        if self.coder_sha256 and sha256 and self.coder_sha256 != sha256:
            raise ModelError(f"site calibration '{self.name}' ({self.folder}) was fitted to the coder "
                             f"{self.coder_sha256[:12]}, but the installed coder is {sha256[:12]}: its thresholds do "
                             "not fit this coder's probabilities. Analyse without --calibration, or refit it "
                             "(`transcript-analyzer train --recalibrate REVIEWS --sessions RUNS`) on sessions analysed "
                             "with the installed coder")


def installed() -> dict[str, Path]:
    """{name: folder} of the calibrations in the user models folder."""
    root = user_models_dir()
    if not root.is_dir():
        return {}
    return {p.name: p for p in sorted(root.iterdir()) if p.is_dir() and _read(p) is not None}


def _read(folder: Path) -> dict | None:
    try:
        data = json.loads((folder / FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) and data.get("kind") == KIND else None


def find(name_or_path: str) -> Path:
    """A calibration's folder by name (user models folder) or path; ConfigError listing the installed ones."""
    candidate = user_models_dir() / name_or_path
    for folder in (candidate, Path(name_or_path).expanduser()):
        if folder.is_dir() and (folder / FILE).is_file():
            return folder
    found = ", ".join(installed()) or "none (fit one with `transcript-analyzer train --recalibrate`)"
    raise ConfigError(f"unknown calibration '{name_or_path}'; calibrations installed in {user_models_dir()}: {found}")


def load(name_or_path: str) -> Calibration:
    """A calibration, verified against its SHA256SUMS."""
    folder = find(name_or_path)
    sums = verify(folder)
    data = _read(folder)
    if data is None:
        raise ModelError(f"{folder / FILE}: not a calibration written by `train --recalibrate`")
    try:
        thresholds = {d: float(t) for d, t in data["thresholds"].items()}
        shipped = {d: (None if m.get("shipped_threshold") is None else float(m["shipped_threshold"]))
                   for d, m in data["decisions"].items()}
    except (KeyError, TypeError, ValueError, AttributeError) as e:
        raise ModelError(f"{folder / FILE}: malformed calibration ({e}); refit it with `train --recalibrate`") from e
    unknown = sorted(set(thresholds) - set(DECISIONS))
    if unknown:
        raise ModelError(f"{folder / FILE}: sets thresholds for {', '.join(unknown)}, which this version cannot "
                         f"recalibrate (known: {', '.join(DECISIONS)})")
    return Calibration(data.get("name", folder.name), folder, thresholds, shipped, (data.get("coder") or {}).get("sha256"),
                       int(data.get("reviewed_moments", 0)), data.get("date"), sums.get(FILE), data)


def installed_lines() -> list[str]:
    """For `transcript-analyzer markers`: the installed calibrations and the thresholds they set."""
    found = installed()
    lines = [f"site calibrations (analyze --calibration NAME; docs/review.md): {len(found)}"] if found else []
    for name in found:
        try:
            c = load(name)
        except ModelError as e:
            lines.append(f"{name}  not usable: {e}")
            continue
        changed = ", ".join(f"{d} {c.shipped.get(d) or 0:.3f} -> {t:.3f}" for d, t in c.thresholds.items()) or "none"
        lines.append(f"{name}  fitted {c.date} on {c.reviewed} reviewed moments; thresholds: {changed}")
    return lines


def decisions_line(session: Session) -> str | None:
    """'Decisions: shipped calibration' or 'Decisions: site calibration NAME (n reviewed moments, date)';
    None when no marker was coded."""
    if not any(u.markers for u in session.utterances):
        return None
    c = session.meta.calibration
    if c is None:
        return "Decisions: shipped calibration"
    return f"Decisions: site calibration {c.name} ({c.reviewed} reviewed moments{f', {c.date}' if c.date else ''})"
