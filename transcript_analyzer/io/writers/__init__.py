"""Writers: Session -> file contents, by name. ``write_outputs`` makes a folder hold exactly one
session's outputs (replaced as a whole, under a lock: io/outfolder.py)."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable, Sequence

from ...errors import ConfigError
from ...escape import csv_row, json_text, rttm_tokens, vtt_text, vtt_voice
from ...model import ROLES, Session
from ..outfolder import check_not_over_inputs, replace_folder

UTTERANCE_COLUMNS = ("session_id", "utterance_index", "turn_index", "speaker", "role", "start", "end",
                     "time_source", "text")


def session_json(session: Session) -> bytes:
    """The canonical output: the whole session, schema in docs/schema.json. UTF-8, with control and
    bidi characters as ``\\u`` escapes (escape.json_text): ``--out -`` prints it."""
    return (json_text(json.dumps(session.to_dict(), indent=2, ensure_ascii=False)) + "\n").encode("utf-8")


def marker_names(session: Session) -> list[str]:
    return list(dict.fromkeys(m.marker for u in session.utterances for m in u.markers))


def utterances_csv(session: Session, raw: bool = False) -> bytes:
    """One row per utterance (UTF-8, comma-separated, header row). With markers, two columns per
    marker: ``<marker>`` (1/0 decision, empty for client utterances) and ``<marker>_p``. Text
    cells that would start a spreadsheet formula get a leading ``'`` unless ``raw`` (escape.csv_cell)."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\n")
    markers = marker_names(session)
    writer.writerow([*UTTERANCE_COLUMNS, *(c for m in markers for c in (m, f"{m}_p"))])
    for u in session.utterances:
        scores = {m.marker: m for m in u.markers}
        cells = [c for m in markers for c in ((int(scores[m].decision), f"{scores[m].probability:.4f}") if m in scores else ("", ""))]
        text = csv_row([session.meta.session_id, u.speaker, u.role or "", u.time_source or "", u.text], raw)
        writer.writerow([text[0], u.index, u.turn_index, text[1], text[2], _num(u.start), _num(u.end), text[3], text[4],
                         *cells])
    return buffer.getvalue().encode("utf-8")


def _num(value: float | None) -> str:
    return "" if value is None else f"{value:.3f}".rstrip("0").rstrip(".")


def has_spans(session: Session) -> bool:
    return bool(session.turns) and all(t.start is not None and t.end is not None for t in session.turns)


def _clock(seconds: float) -> str:
    ms = int(round(seconds * 1000))
    h, rest = divmod(ms, 3_600_000)
    m, rest = divmod(rest, 60_000)
    return f"{h:02d}:{m:02d}:{rest // 1000:02d}.{rest % 1000:03d}"


def session_vtt(session: Session) -> bytes:
    """WebVTT, one cue per turn: the speaker as the voice, the role as its class
    (``<v.therapist Dr Lee>``). Text and labels are escaped (escape.vtt_text, vtt_voice), so
    reading the file back gives the same speakers, roles, texts and times (to the ms)."""
    lines = ["WEBVTT", ""]
    for t in sorted(session.turns, key=lambda t: (t.start, t.index)):
        role = f".{t.role}" if t.role in ROLES else ""
        lines += [f"{t.index + 1}", f"{_clock(t.start)} --> {_clock(max(t.end, t.start + 0.001))}",
                  f"<v{role} {vtt_voice(t.speaker)}>{vtt_text(t.text)}", ""]
    return "\n".join(lines).encode("utf-8")


SPEECH_PAUSE = 0.5  # seconds of silence between two recognised words of a turn that end an RTTM segment
# Whisper's word times are tight: a stretch of recognised words starts late and ends early, and in
# heavy noise it drops words. Each stretch is widened by up to SPEECH_PAD seconds on either side,
# but only into speech the voice activity detector found (meta.audio_quality.speech_regions) and
# never into another speaker's stretch. Chosen on the tune half of benchmarks/dialogues (DER against
# speech-level references, collar 0.25 s, median / worst over 16 dialogues): no padding 2.7 / 8.9 %;
# 0.1 s 2.4 / 6.9 %; 0.2 s 2.2 / 6.5 %; 0.3 s 2.2 / 7.5 %; 0.5 s 2.2 / 10.3 %; up to the edges of the
# detector's speech 2.9 / 16.0 % (it takes babble for speech); 0.2 s without the detector 2.4 / 7.2 %.
SPEECH_PAD = 0.2


def speech_stretches(session: Session) -> list[tuple[float, float, str]]:
    """(start, end, speaker) of each stretch of speech, in time order: a turn's timed words split
    at silences longer than SPEECH_PAUSE, widened by up to SPEECH_PAD into detected speech
    (recordings); a turn without word times is one stretch from its start to its end. Stretches of
    one speaker that touch or overlap are joined; those of different speakers may overlap
    (overlapped speech, e.g. a backchannel during the other's turn)."""
    pieces: list[list] = []
    for t in session.turns:
        timed = sorted((w.start, max(w.end, w.start)) for w in t.words if w.start is not None and w.end is not None)
        spans = timed or ([(t.start, max(t.end, t.start))] if t.start is not None and t.end is not None else [])
        own: list[list] = []
        for start, end in spans:
            if own and start - own[-1][1] <= SPEECH_PAUSE:
                own[-1][1] = max(own[-1][1], end)
            else:
                own.append([start, end, t.speaker])
        pieces += own
    quality = session.meta.audio_quality
    if quality is not None and quality.speech_regions:
        pieces = _padded(sorted(pieces, key=lambda p: (p[0], p[1])), quality.speech_regions, SPEECH_PAD)
    by_speaker: dict[str, list[list[float]]] = {}
    for start, end, speaker in pieces:
        by_speaker.setdefault(speaker, []).append([start, end])
    out = []
    for speaker, spans in by_speaker.items():
        joined: list[list[float]] = []
        for start, end in sorted(spans):
            if joined and start <= joined[-1][1]:
                joined[-1][1] = max(joined[-1][1], end)
            else:
                joined.append([start, end])
        out += [(start, end, speaker) for start, end in joined]
    return sorted(out, key=lambda s: (s[0], s[1], s[2]))


def _padded(pieces: list[list], regions, pad: float) -> list[list]:
    """Each [start, end, speaker] widened by up to ``pad`` seconds inside the detected speech
    regions overlapping it, and at most half way to the nearest stretch of another speaker on either
    side, so that widening never makes two speakers overlap (stretches that already overlap it,
    such as a backchannel, do not limit it)."""
    import bisect

    regions = sorted((float(a), float(b)) for a, b in regions)
    region_starts = [a for a, _ in regions]
    out = []
    for i, (start, end, speaker) in enumerate(pieces):
        k = bisect.bisect_right(region_starts, end)  # regions starting at or before the stretch's end
        # a stretch (words at most SPEECH_PAUSE apart) meets one region, rarely a few: the last 8 suffice
        touching = [r for r in regions[max(0, k - 8):k] if r[1] >= start]
        if not touching:
            out.append([start, end, speaker])
            continue
        lo = max(start - pad, min(a for a, _ in touching))
        hi = min(end + pad, max(b for _, b in touching))
        for j in range(i - 1, -1, -1):  # the previous other-speaker stretch that ends before this one starts
            a, b, other = pieces[j]
            if other != speaker and b <= start:
                lo = max(lo, (b + start) / 2)
                break
            if start - a > 120:  # only this speaker for two minutes: nothing to stop at (keeps it linear)
                break
        for j in range(i + 1, len(pieces)):
            a, b, other = pieces[j]
            if other != speaker and a >= end:
                hi = min(hi, (end + a) / 2)
                break
        out.append([min(start, lo), max(end, hi), speaker])
    return out


def session_rttm(session: Session) -> bytes:
    """RTTM at speech level (``speech_stretches``): one SPEAKER line of ten fields per stretch of
    a speaker's speech (pauses inside a turn split it; overlapped speech is two overlapping
    lines), sorted by onset, positive durations only (a stretch that rounds to no time to the ms
    has no line). Speaker tokens have no whitespace or control characters; distinct labels keep
    distinct tokens (escape.rttm_tokens; session.json has the labels as given)."""
    name = "".join(c if c.isalnum() or c in "-_." else "_" for c in session.meta.session_id) or "session"
    tokens = rttm_tokens(t.speaker for t in session.turns)
    rows = []
    for start, end, speaker in speech_stretches(session):
        onset, duration = round(start, 3), round(round(end, 3) - round(start, 3), 3)
        if duration > 0:
            rows.append(f"SPEAKER {name} 1 {onset:.3f} {duration:.3f} <NA> <NA> {tokens[speaker]} <NA> <NA>")
    return ("\n".join(rows) + "\n").encode("utf-8")


@dataclass(frozen=True)
class WriteContext:
    """What a writer may need beyond the session: where the file goes (the HTML report links a
    recording relative to it) and whether to embed the recording."""

    out_dir: Path | None = None
    embed_audio: bool = False
    raw_csv: bool = False  # CSV text cells as they are, formula-like ones included (--raw-csv)


def report_html(session: Session, ctx: WriteContext) -> bytes:
    """The self-contained HTML report (report/html.py)."""
    from ...report.html import session_html

    return session_html(session, ctx.out_dir, ctx.embed_audio).encode("utf-8")


def summary_markdown(session: Session, ctx: WriteContext) -> bytes:
    """A Markdown summary for supervision notes (report/markdown.py)."""
    from ...report.markdown import session_markdown

    return session_markdown(session).encode("utf-8")


@dataclass(frozen=True)
class Writer:
    name: str
    filename: str
    render: Callable[[Session, WriteContext], bytes]
    description: str = ""


def _plain(render: Callable[[Session], bytes]) -> Callable[[Session, WriteContext], bytes]:
    return lambda session, ctx: render(session)


WRITERS: tuple[Writer, ...] = (
    Writer("json", "session.json", _plain(session_json), "the whole session (canonical; docs/schema.md)"),
    Writer("csv", "utterances.csv", lambda session, ctx: utterances_csv(session, ctx.raw_csv),
           "one row per utterance with every marker"),
    Writer("html", "report.html", report_html, "the alliance-marker report, one self-contained page"),
    Writer("md", "summary.md", summary_markdown, "a Markdown summary for supervision notes"),
    Writer("vtt", "session.vtt", _plain(session_vtt), "WebVTT subtitles with speakers (timed sessions)"),
    Writer("rttm", "session.rttm", _plain(session_rttm), "RTTM speech segments per speaker (timed sessions)"),
)
DEFAULT_OUTPUTS = ("json", "csv", "html", "md")
TIMED_OUTPUTS = ("vtt", "rttm")  # added by default when every turn has a start and an end


def get_writer(name: str) -> Writer:
    for writer in WRITERS:
        if writer.name == name:
            return writer
    raise ConfigError(f"unknown output '{name}'; known: {', '.join(w.name for w in WRITERS)}")


def render_outputs(session: Session, out_dir: str | Path, outputs: Sequence[str] | None = None,
                   embed_audio: bool = False, raw_csv: bool = False) -> dict[str, bytes]:
    """{file name: content} of the outputs, rendered for a folder (the report links a recording
    relative to it). By default: session.json, utterances.csv, report.html and summary.md, plus
    session.vtt and session.rttm when turns are timed. ``raw_csv``: formula-like CSV cells as
    they are (see escape.csv_cell)."""
    if outputs is None:
        outputs = DEFAULT_OUTPUTS + (TIMED_OUTPUTS if has_spans(session) else ())
    writers = [get_writer(n) for n in outputs]
    if any(w.name in TIMED_OUTPUTS for w in writers) and not has_spans(session):
        raise ConfigError("VTT and RTTM outputs need start and end times on every turn")
    ctx = WriteContext(Path(out_dir), embed_audio, raw_csv)
    return {w.filename: w.render(session, ctx) for w in writers}


OUTPUT_KIND = "analyze"  # the kind of folder in its marker (io/outfolder.py)


def write_outputs(session: Session, out_dir: str | Path, outputs: Sequence[str] | None = None,
                  embed_audio: bool = False, raw_csv: bool = False,
                  inputs: Iterable[str | Path] = ()) -> list[Path]:
    """Make out_dir hold exactly this session's outputs (see ``render_outputs``): rendered and
    swapped in as a whole under the folder's lock, the files of an earlier run removed. Refused
    (OutputError) when out_dir holds files this tool did not write, or is (or holds) the folder of
    one of ``inputs``."""
    check_not_over_inputs(out_dir, inputs)
    return replace_folder(out_dir, lambda: render_outputs(session, out_dir, outputs, embed_audio, raw_csv), OUTPUT_KIND,
                          adopt=earlier_outputs)


def check_output_folder(out_dir: str | Path, inputs: Iterable[str | Path] = ()) -> None:
    """What ``write_outputs`` would refuse, checked before a long analysis."""
    from ..outfolder import check_replaceable

    check_not_over_inputs(out_dir, inputs)
    check_replaceable(out_dir, OUTPUT_KIND, earlier_outputs)


def earlier_outputs(folder: Path, entries: set[str]) -> bool:
    """A folder written by a version of the tool before folders had a marker: only output file
    names, among them a session.json of ours."""
    entries = {e for e in entries if not e.startswith(".tmp-")}  # an earlier version's killed write
    if not entries <= {w.filename for w in WRITERS} or "session.json" not in entries:
        return False
    try:
        meta = json.loads((folder / "session.json").read_text(encoding="utf-8")).get("meta")
    except (OSError, ValueError, AttributeError):
        return False
    return isinstance(meta, dict) and "schema_version" in meta and "tool_version" in meta
