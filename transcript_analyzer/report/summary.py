"""A short plain-text summary of an analysed session, for the terminal. What comes from the input
(the session id, speaker labels, warnings quoting the file) is passed through
``escape.terminal_text``: one line each, no control characters."""

from __future__ import annotations

from ..escape import terminal_text
from ..model import AudioQuality, Session, Speaker, Timing

VERDICT_TEXT = {"ok": "ok", "check": "check (read the reasons before trusting the numbers)",
                "unreliable": "UNRELIABLE: not reliably analysable; the transcript stands, the roles and marker "
                              "results do not"}


def _safe(text: str) -> str:
    return terminal_text(text, newlines=False)


def _clock(seconds: float | None) -> str:
    if seconds is None:
        return "?"
    s = int(round(seconds))
    return f"{s // 3600:d}:{s % 3600 // 60:02d}:{s % 60:02d}" if s >= 3600 else f"{s // 60:d}:{s % 60:02d}"


def _speaker(s: Speaker) -> str:
    how = {"transcript": "from the labels", "user": "given with --therapist", "input": "from the input",
           "model": "by the role model"}.get(s.role_source or "", s.role_source or "")
    conf = f", p(therapist)={s.therapist_probability:.2f}" if s.role_source == "model" and s.therapist_probability is not None else ""
    return f"{_safe(s.label)} = {s.role} ({how}{conf})"


def summary_text(session: Session) -> str:
    m = session.meta
    lines = [f"Session {_safe(m.session_id)}  [{m.source_format}, {len(session.turns)} turns, "
             f"{len(session.utterances)} utterances, duration {_clock(m.duration)}]"]
    if m.audio_quality:
        lines += quality_lines(m.audio_quality)
    lines += [f"  {_speaker(s)}" for s in session.speakers]
    if session.metrics:
        for r in session.metrics.roles:
            talk = f", {r.second_share:.0%} of talk time" if r.second_share is not None else ""
            lines.append(f"  {r.role:<9} {r.word_share:6.1%} of words{talk}; {r.turns} turns, "
                         f"{r.mean_turn_words:.1f} words/turn")
        t = session.metrics.roles[0]
        rate = session.metrics.therapist_questions_per_100
        lines.append(f"  therapist questions: {t.questions}"
                     + (f" ({rate:.0f} per 100 therapist utterances)" if rate is not None else ""))
    if session.metrics and session.metrics.timing:
        lines += _timing_lines(session.metrics.timing)
    if session.metrics and session.metrics.client:
        lines = lines[:1] + _client_lines(session) + lines[1:]  # risk talk and ruptures come first
    if session.metrics and session.metrics.markers:
        lines += _marker_lines(session)
    lines += [f"  warning: {_safe(w)}" for w in m.warnings]
    return "\n".join(lines)


def quality_lines(q: AudioQuality) -> list[str]:
    """The recording's verdict, its reasons and measures (no text from the input)."""
    db = lambda v, unit: "n/a" if v is None else f"{v:.0f} {unit}"  # noqa: E731
    shares = " / ".join(f"{s.share:.0%}" for s in q.speaker_shares) or "none"
    separation = f", separation {q.separation:.2f}" if q.separation is not None else ""
    if q.split_separation is not None:
        separation += f" (2-means split {q.split_separation:.2f})"
    lines = [f"  audio quality: {VERDICT_TEXT[q.verdict]}"]
    lines += [f"    - {r.message}" for r in q.reasons]
    lines.append(f"    speech {db(q.level_dbfs, 'dBFS')}, SNR {db(q.snr_db, 'dB')}, clipped {q.clipped_share:.2%}, "
                 f"above 4 kHz {db(q.high_band_db, 'dB')}; speech per speaker {shares}{separation}")
    return lines


def _timing_lines(t: Timing) -> list[str]:
    latency = (f"therapist response latency: median {t.therapist_latency_median:.1f} s over {t.therapist_responses} "
               f"responses, {t.therapist_interruptions} started before the client finished"
               if t.therapist_latency_median is not None else "therapist response latency: no client-to-therapist turns")
    lines = [f"  silences >= 1 s: {t.silences} ({t.silence_seconds:.0f} s; longest {t.longest_silence or 0:.1f} s); "
             f"overlapped speech {t.overlap_seconds:.1f} s ({t.overlap_share:.1%})", f"  {latency}"]
    for p in t.long_silences_after_client:
        lines.append(f"    {p.seconds:.1f} s silence after the client's turn {p.after_turn + 1}, at {_clock(p.start)}")
    return lines


def _client_lines(session: Session) -> list[str]:
    """Risk talk first (a prompt for the supervisor, not a risk assessment), then ruptures and
    their repair, then the client's talk."""
    c = session.metrics.client
    lines = []
    for r in session.risk:
        answer = " ".join(session.utterances[i].text for i in r.response_utterances) or "(no response)"
        lines.append(f"  RISK TALK at {_clock(r.start)} (utterance {r.client_utterance}, p {r.probability:.2f}): "
                     f"read it and the therapist's response: {_safe(answer[:120])}")
    if session.risk:
        lines.append("  (risk talk is a prompt for the supervisor, not a risk assessment)")
    from ..markers.validity import MIN_PRECISION, client_experimental

    unrepaired = [e for e in session.episodes if e.repaired is False]
    trial = f"  experimental (held-out precision < {MIN_PRECISION})" if client_experimental("rupture_unrepaired") else ""
    lines.append(f"  ruptures: {c.ruptures} (withdrawal {c.withdrawal}, confrontation {c.confrontation}); "
                 f"repaired {c.repaired}" + (f" ({c.repaired_share:.0%} of those answered)" if c.repaired_share is not None else "")
                 + (f"; not repaired at {', '.join(_clock(e.start) for e in unrepaired)}" if unrepaired else "") + trial)
    ratio = f"{c.change_to_sustain:.1f}" if c.change_to_sustain is not None else "n/a"
    lines.append(f"  client talk: change {c.change_talk}, sustain {c.sustain_talk} (change:sustain {ratio}) "
                 f"in {c.client_utterances} client utterances")
    return lines


def _marker_lines(session: Session) -> list[str]:
    metrics = session.metrics
    q = session.meta.audio_quality
    flag = " UNRELIABLE (see audio quality)" if q and q.verdict == "unreliable" else ""
    from ..markers.validity import experimental

    lines = [f"  markers (count, per 100 therapist utterances){flag}:"]
    for s in metrics.markers:
        trial = "  experimental (held-out precision < 0.5)" if experimental(s.marker) else ""
        lines.append(f"    {s.marker:<30} {s.count:>4}  {s.per_100:6.1f}{trial}")
    for b in metrics.benchmarks:
        value = "n/a" if b.value is None else f"{b.value:.2f}"
        lines.append(f"  {b.name.replace('_', ' ')}: {value} ({b.level or 'undefined'}; fair {b.fair:g}, good {b.good:g})")
    if metrics.alliance:
        top = ", ".join(f"{c.name} {c.contribution:+.1f}" for c in metrics.alliance.components[:3])
        lines.append(f"  alliance index: {metrics.alliance.value:.0f}/100 (50 = reference average; largest terms: {top})")
    from ..markers.calibration import decisions_line

    decisions = decisions_line(session)
    if decisions:
        lines.append(f"  {_safe(decisions)}")
    return lines
