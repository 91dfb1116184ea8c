"""What `review import --out DIR` writes from imported reviews (importer.py):

* ``gold.csv`` — the reviewers' labels in the simple layout `evaluate --gold` reads
  (training/agreement/gold.py): ``session_id, utterance_index, code, value, annotator, text``, one
  row per reviewer, utterance and marker; each reviewer is an annotator, so several reviewers of a
  session are scored as coders (majority, or a reviewer named ``adjudicated``);
* ``labels_<marker>.csv`` — per therapist marker, training labels in the `train --labels` layout
  (``conversation, context, text, label``): one row per reviewed utterance with the reviewers'
  reference label (majority; a tie leaves the utterance out), the client's previous turn as context
  and the session id as conversation;
* ``review_import.json`` — what was imported: the files and their sessions, counts, warnings.

Client codes (risk talk, ruptures, change and sustain talk) are kept out of both tables:
`evaluate --gold` and `train --labels` score and train therapist codes only; they are counted.
The folder is replaced as a whole (io/outfolder.py) and never holds a review file or a session.
"""

from __future__ import annotations

import csv
import io
import json
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Mapping, Sequence

from ..escape import csv_row
from ..io.outfolder import check_not_over_inputs, replace_folder
from ..model import THERAPIST
from .importer import Imported, Label

KIND = "review-import"
GOLD = "gold.csv"
SUMMARY = "review_import.json"
GOLD_COLUMNS = ("session_id", "utterance_index", "code", "value", "annotator", "text")
LABEL_COLUMNS = ("conversation", "context", "text", "label")


def labels_file(code: str) -> str:
    return f"labels_{code}.csv"


@dataclass(frozen=True)
class LabelTable:
    code: str
    rows: tuple[tuple[str, str, str, int], ...]  # conversation, context, text, label
    ties: int

    @property
    def yes(self) -> int:
        return sum(r[3] for r in self.rows)

    @property
    def no(self) -> int:
        return len(self.rows) - self.yes

    def enough(self) -> bool:
        """Whether `train --labels` takes it (training/custom/labels.py: 20 rows, 5 of each label)."""
        from ..training.custom.labels import MIN_EXAMPLES, MIN_PER_CLASS

        return len(self.rows) >= MIN_EXAMPLES and min(self.yes, self.no) >= MIN_PER_CLASS


def gold_labels(imported: Imported) -> tuple[list[Label], dict[str, int]]:
    """The labels `evaluate --gold` can score, sorted; and the others counted by code (client codes)."""
    from ..training.agreement.gold import known_codes

    known = set(known_codes())
    kept = [label for label in imported.labels if label.code in known]
    left = defaultdict(int)
    for label in imported.labels:
        if label.code not in known:
            left[label.code] += 1
    return sorted(kept, key=lambda x: (x.session_id, x.utterance, x.code, x.reviewer)), dict(left)


def reference_labels(labels: Sequence[Label]) -> tuple[dict[tuple[str, str, int], int], dict[str, int]]:
    """(code, session, utterance) -> the reviewers' reference label (evaluate's rule: an adjudicating
    reviewer, else the majority); and ties left out, per code."""
    from ..training.agreement.human_agreement import reference_label

    by_unit: dict[tuple[str, str, int], dict[str, int]] = defaultdict(dict)
    for label in labels:
        by_unit[(label.code, label.session_id, label.utterance)][label.reviewer] = label.value
    out, ties = {}, defaultdict(int)
    for key, values in by_unit.items():
        ref = reference_label(values)
        if ref is None:
            ties[key[0]] += 1
        else:
            out[key] = ref
    return out, dict(ties)


def label_tables(imported: Imported) -> list[LabelTable]:
    """Per therapist marker, the training rows of the reviewed utterances."""
    from ..markers.stage import previous_client_turns

    sessions = imported.sessions
    therapist = [label for label in imported.labels
                 if sessions[label.session_id].utterances[label.utterance].role == THERAPIST]
    refs, ties = reference_labels(therapist)
    by_code: dict[str, list[tuple[str, int, int]]] = defaultdict(list)
    for (code, sid, u), value in sorted(refs.items()):
        by_code[code].append((sid, u, value))
    tables = []
    for code in sorted(set(by_code) | set(ties)):
        rows = []
        for sid, u, value in by_code.get(code, []):
            session = sessions[sid]
            (context,) = previous_client_turns(session, [u])
            rows.append((sid, context, session.utterances[u].text, value))
        tables.append(LabelTable(code, tuple(rows), ties.get(code, 0)))
    return tables


def _csv(header: Sequence[str], rows: Sequence[Sequence[object]], escape: bool) -> bytes:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow(csv_row(row) if escape else row)
    return buffer.getvalue().encode("utf-8")


def gold_csv(imported: Imported) -> bytes:
    """gold.csv (text cells escaped like the tool's other CSVs; the gold reader undoes it)."""
    labels, _ = gold_labels(imported)
    sessions = imported.sessions
    rows = [(x.session_id, x.utterance, x.code, x.value, x.reviewer, sessions[x.session_id].utterances[x.utterance].text)
            for x in labels]
    return _csv(GOLD_COLUMNS, rows, escape=True)


def label_csv(table: LabelTable) -> bytes:
    """A labels file; text as it is (`train --labels` reads cells as written)."""
    return _csv(LABEL_COLUMNS, [(c, ctx, t, "yes" if v else "no") for c, ctx, t, v in table.rows], escape=False)


def summary(imported: Imported, tables: Sequence[LabelTable]) -> dict[str, object]:
    gold, left = gold_labels(imported)
    warnings = list(imported.warnings)
    if left:
        warnings.append("client codes are not written to gold.csv or the labels files (evaluate --gold and train "
                        "--labels take therapist codes): " + ", ".join(f"{c} ({n})" for c, n in sorted(left.items())))
    for t in tables:
        if not t.enough():
            warnings.append(f"{labels_file(t.code)}: {len(t.rows)} rows ({t.yes} yes, {t.no} no): train --labels needs "
                            "at least 20 rows with at least 5 of each label")
    codes: Mapping[str, dict[str, int]] = defaultdict(lambda: {"yes": 0, "no": 0})
    for x in gold:
        codes[x.code]["yes" if x.value else "no"] += 1
    return {
        "reviews": [{"file": str(r.review.path), "sha256": r.review.sha256, "reviewer": r.review.reviewer,
                     "session_id": r.session.meta.session_id, "session_file": str(r.found.path),
                     "items": len(r.review.items)} for r in imported.reviews],
        "reviewers": list(imported.reviewers), "reviewed_moments": imported.reviewed_moments, "notes": imported.notes,
        "gold": {"file": GOLD, "rows": len(gold), "codes": dict(codes)},
        "labels": {t.code: {"file": labels_file(t.code), "rows": len(t.rows), "yes": t.yes, "no": t.no, "ties": t.ties,
                            "enough_for_train_labels": t.enough()} for t in tables},
        "warnings": warnings,
    }


def summary_lines(info: Mapping[str, object]) -> tuple[list[str], list[str]]:
    """What `review import` prints (lines, warnings) from an import's summary."""
    lines = [f"{r['file']}: {r['items']} items by {r['reviewer']} on session {r['session_id']} ({r['session_file']})"
             for r in info["reviews"]]
    lines.append(f"{info['reviewed_moments']} reviewed moments, {info['notes']} notes; gold: {info['gold']['rows']} rows")
    for code, t in info["labels"].items():
        lines.append(f"  {t['file']}: {t['rows']} rows ({t['yes']} yes, {t['no']} no)")
    return lines, list(info["warnings"])


def render(imported: Imported) -> tuple[dict[str, bytes], dict[str, object]]:
    """The files of an import (name -> bytes) and its summary."""
    tables = label_tables(imported)
    info = summary(imported, tables)
    files = {GOLD: gold_csv(imported), **{labels_file(t.code): label_csv(t) for t in tables},
             SUMMARY: (json.dumps(info, indent=2, ensure_ascii=False) + "\n").encode("utf-8")}
    return files, info


def write_import(imported: Imported, out_dir: str | Path, inputs: Sequence[str | Path] = ()) -> tuple[list[Path], dict]:
    """Write the import into ``out_dir`` as a whole (never over an input's folder)."""
    check_not_over_inputs(out_dir, inputs)
    files, info = render(imported)
    return replace_folder(out_dir, files, KIND), info
