"""The one data model every stage speaks.

Frozen dataclasses: a stage never mutates a session, it returns a new one
(``dataclasses.replace``). Every field carries a one-line description in its metadata; the
JSON Schema (``docs/schema.json``) and the JSON round trip are derived from these classes, so
the documentation cannot drift from the code.

This module imports nothing from the rest of the package but the generic JSON conversion its
classes use (dataclass_json.py).
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Any

from .dataclass_json import field_types, from_json, to_json  # noqa: F401  (field_types: schema.py reads it here)

SCHEMA_VERSION = "1.9"

THERAPIST = "therapist"
CLIENT = "client"
ROLES = (THERAPIST, CLIENT)
ROLE_SOURCES = ("transcript", "user", "model", "input")
TIME_SOURCES = ("words", "interpolated", "turn")
TIME_BASES = ("spans", "start_times")
VERDICTS = ("ok", "check", "unreliable")
SEVERITIES = ("check", "unreliable")


def _f(doc: str, default: Any = dataclasses.MISSING, *, choices: tuple[str, ...] | None = None) -> Any:
    """A dataclass field with a description (and allowed values), used by the JSON Schema and
    checked when a session is read back."""
    return field(default=default, metadata={"doc": doc, "choices": choices})


@dataclass(frozen=True)
class Word:
    """One recognised word with its timing (audio input only)."""

    text: str = _f("The word as recognised, with attached punctuation.")
    start: float | None = _f("Start time in seconds from the start of the recording.", None)
    end: float | None = _f("End time in seconds.", None)
    probability: float | None = _f("Recogniser's word probability, 0-1.", None)


@dataclass(frozen=True)
class Turn:
    """One speaker's uninterrupted stretch of speech."""

    index: int = _f("Position of the turn in the session, from 0.")
    speaker: str = _f("Speaker label as given by the source (a name, a role or SPEAKER_00).")
    text: str = _f("What was said in the turn.")
    start: float | None = _f("Start time in seconds, when the source has times.", None)
    end: float | None = _f("End time in seconds, when the source has end times.", None)
    role: str | None = _f("'therapist' or 'client' once roles are decided.", None, choices=ROLES)
    words: tuple[Word, ...] = _f("Timed words (audio input only).", ())
    source_line: int | None = _f("Line (or cue/row/paragraph) number in the source file.", None)


@dataclass(frozen=True)
class MechanismLevel:
    """One EPITOME empathy mechanism's level for an utterance (the empathy marker is built from them)."""

    mechanism: str = _f("'emotional_reactions', 'interpretations' or 'explorations' (docs/codebook.md section 3).")
    level: int = _f("Decided level: 0 none, 1 weak, 2 strong.")
    probability: float = _f("Calibrated probability of the decided level, 0-1.")


@dataclass(frozen=True)
class MarkerScore:
    """One marker's result for one utterance."""

    marker: str = _f("Marker name (see docs/codebook.md and `transcript-analyzer markers`).")
    probability: float = _f("Calibrated probability that the marker is present, 0-1.")
    decision: bool = _f("Whether the marker is counted as present (probability against the model's threshold, "
                        "plus session-context rules where the marker has them).")
    evidence: tuple[str, ...] = _f("Words of the utterance that drove the decision (most influential first).", ())
    reasons: tuple[str, ...] = _f("Session-context reasons behind the decision (e.g. 'third disclosure episode').", ())
    mechanisms: tuple[MechanismLevel, ...] = _f(
        "Empathy only: the EPITOME mechanisms the marker is built from, each with its level "
        "(empathy is present when one is strong).", ())


@dataclass(frozen=True)
class Utterance:
    """The unit markers are coded on: a whole turn, or a piece of a long one cut at sentence
    boundaries (the default, segment.unit = "turn"), or one sentence (segment.unit = "sentence")."""

    index: int = _f("Position in the session, from 0.")
    turn_index: int = _f("Index of the turn this utterance belongs to.")
    speaker: str = _f("Speaker label (same as the turn's).")
    role: str | None = _f("'therapist' or 'client' (same as the turn's).", choices=ROLES)
    text: str = _f("The utterance text.")
    start: float | None = _f("Start time in seconds, when known.", None)
    end: float | None = _f("End time in seconds, when known.", None)
    time_source: str | None = _f(
        "How start/end were obtained: 'words' (word timestamps), 'interpolated' (the turn's span "
        "divided by character position), 'turn' (the turn's own start) or null.",
        None,
        choices=TIME_SOURCES,
    )
    markers: tuple[MarkerScore, ...] = _f("Marker results, after the markers stage: the therapist markers on therapist "
                                          "utterances, the client codes (change_talk, sustain_talk, rupture_withdrawal, "
                                          "rupture_confrontation, risk_talk; docs/codebook.md section 8) on client ones.", ())


@dataclass(frozen=True)
class RuptureEpisode:
    """A client rupture marker and what the therapist did next (docs/codebook.md section 9)."""

    kind: str = _f("'withdrawal' or 'confrontation' (3RS).", choices=("withdrawal", "confrontation"))
    client_utterances: tuple[int, ...] = _f("The client utterances with the marker (consecutive markers before a repair "
                                            "are one episode).")
    probability: float = _f("The coder's probability of the marker on the first of them, 0-1.")
    response_utterances: tuple[int, ...] = _f("The therapist's utterances in answer (the first therapist turn that is not "
                                              "a backchannel); empty when the session ends first.", ())
    repaired: bool | None = _f("Whether the response repairs the rupture (acknowledges, explores, adjusts); null when "
                               "there is no response.", None)
    repair_probability: float | None = _f("The coder's probability that the response is a repair, 0-1.", None)
    reaction_utterance: int | None = _f("The client's next utterance after the response (the client's reaction).", None)
    reaction_codes: tuple[str, ...] = _f("Client codes decided on the reaction (e.g. change_talk, rupture_withdrawal).", ())
    start: float | None = _f("Start of the marker, seconds.", None)
    end: float | None = _f("End of the response, seconds.", None)


@dataclass(frozen=True)
class RiskMoment:
    """Client risk talk (suicidal thoughts, self-harm, harm to others, abuse; codebook 8.6) and the
    therapist's response. A prompt for the supervisor, not a risk assessment."""

    client_utterance: int = _f("The client utterance.")
    probability: float = _f("The coder's probability of risk talk, 0-1 (the threshold favours recall).")
    response_utterances: tuple[int, ...] = _f("The therapist's next turn (its utterances), shown beside it; never "
                                              "counted as a strength.", ())
    evidence: tuple[str, ...] = _f("Words of the client utterance that drove the decision.", ())
    start: float | None = _f("Start time, seconds.", None)


@dataclass(frozen=True)
class MoveReaction:
    """What clients said next after one kind of therapist move."""

    move: str = _f("Therapist marker (e.g. complex_reflection, advice_without_permission).")
    moves: int = _f("Therapist utterances with that marker followed by a client utterance.")
    change_talk: float | None = _f("Share of those followed by change talk, 0-1.", None)
    sustain_talk: float | None = _f("Share followed by sustain talk, 0-1.", None)
    rupture: float | None = _f("Share followed by a rupture marker, 0-1.", None)


@dataclass(frozen=True)
class ClientMeasures:
    """Session measures from the client codes (after the markers stage)."""

    client_utterances: int = _f("Client utterances coded.")
    change_talk: int = _f("Client utterances coded as change talk.")
    sustain_talk: int = _f("Client utterances coded as sustain talk.")
    change_to_sustain: float | None = _f("Change talk per sustain talk utterance (null without sustain talk).", None)
    ruptures: int = _f("Rupture episodes.", 0)
    withdrawal: int = _f("Episodes that began with withdrawal.", 0)
    confrontation: int = _f("Episodes that began with confrontation.", 0)
    repaired: int = _f("Episodes whose response was a repair.", 0)
    repaired_share: float | None = _f("Repaired episodes among those with a response, 0-1.", None)
    risk_statements: int = _f("Client utterances flagged as risk talk.", 0)
    reactions: tuple[MoveReaction, ...] = _f("Client reaction after each kind of therapist move.", ())


@dataclass(frozen=True)
class Speaker:
    """A speaker in the session and how their role was decided."""

    label: str = _f("Speaker label as in the turns.")
    role: str | None = _f("'therapist' or 'client'.", None, choices=ROLES)
    role_source: str | None = _f(
        "'transcript' (the label names a role), 'user' (--therapist), 'model' (the role model) "
        "or 'input' (carried over from a session file).",
        None,
        choices=ROLE_SOURCES,
    )
    therapist_probability: float | None = _f(
        "Role model's probability that this speaker is the therapist (model decisions only).", None
    )


@dataclass(frozen=True)
class RoleStats:
    """Talk statistics for one role."""

    role: str = _f("'therapist' or 'client'.", choices=ROLES)
    speakers: int = _f("Number of speakers with this role.")
    turns: int = _f("Number of turns.")
    utterances: int = _f("Number of utterances.")
    words: int = _f("Number of words.")
    word_share: float = _f("Share of all words in the session, 0-1.")
    mean_turn_words: float = _f("Mean words per turn.")
    questions: int = _f("Utterances that are questions.")
    seconds: float | None = _f("Talk time in seconds (see SessionMetrics.time_basis).", None)
    second_share: float | None = _f("Share of all talk time, 0-1.", None)
    mean_turn_seconds: float | None = _f("Mean turn duration in seconds.", None)


@dataclass(frozen=True)
class MarkerSummary:
    """How often a marker occurred in the session."""

    marker: str = _f("Marker name.")
    count: int = _f("Therapist utterances with the marker present.")
    per_100: float | None = _f("Count per 100 therapist utterances.", None)
    mean_probability: float | None = _f("Mean probability over therapist utterances (an expected rate).", None)


@dataclass(frozen=True)
class Benchmark:
    """A summary score compared with published thresholds."""

    name: str = _f("Score name, e.g. 'reflection_to_question'.")
    value: float | None = _f("The session's value (null when undefined, e.g. no questions).")
    fair: float = _f("Threshold for 'fair'.")
    good: float = _f("Threshold for 'good'.")
    level: str | None = _f("'below fair', 'fair' or 'good'.", None, choices=("below fair", "fair", "good"))
    source: str = _f("Where the thresholds come from.", "")


@dataclass(frozen=True)
class IndexComponent:
    """One term of the alliance index."""

    name: str = _f("Component name.")
    value: float = _f("The session's value of the component.")
    weight: float = _f("Weight in the index formula.")
    contribution: float = _f("weight * standardised value: what it adds to the index.")


@dataclass(frozen=True)
class AllianceIndex:
    """A session-level summary of the markers (formula in docs/alliance_index.md)."""

    value: float = _f("Index value: 0-100, 50 = the average of the reference sessions.")
    components: tuple[IndexComponent, ...] = _f("Terms of the formula, largest contribution first.", ())
    version: str = _f("Formula version.", "1")


@dataclass(frozen=True)
class Pause:
    """A silence between two turns."""

    start: float = _f("Start of the silence (end of the turn before), seconds.")
    end: float = _f("End of the silence (start of the next turn), seconds.")
    seconds: float = _f("Length of the silence.")
    after_turn: int = _f("Index of the turn the silence follows.")
    after_role: str | None = _f("Role of the speaker whose turn the silence follows.", None, choices=ROLES)


@dataclass(frozen=True)
class Timing:
    """What only the clock tells: silences, response latency, overlap. Needs turn start and end
    times (recordings, timed transcripts)."""

    silences: int = _f("Gaps of at least 1 s between consecutive turns.")
    silence_seconds: float = _f("Their total length, seconds.")
    longest_silence: float | None = _f("Longest gap between turns, seconds.", None)
    long_silences_after_client: tuple[Pause, ...] = _f(
        "Gaps of at least 3 s after a client turn (the client's pause, or the therapist's wait), with times.", ())
    therapist_responses: int = _f("Client turns followed by a therapist turn (backchannels inside the client's turn "
                                  "are not responses).", 0)
    therapist_latency_median: float | None = _f(
        "Median time from the end of a client turn to the start of the therapist's next one, seconds "
        "(negative: the therapist started before the client finished).", None)
    therapist_latency_mean: float | None = _f("Mean of the same, seconds.", None)
    therapist_interruptions: int = _f("Therapist turns that began before the client's turn had ended.", 0)
    overlaps: int = _f("Places where a turn starts before the previous one ended.", 0)
    overlap_seconds: float = _f("Total overlapped speech, seconds.", 0.0)
    overlap_share: float = _f("Overlapped speech as a share of the session's talk time.", 0.0)


@dataclass(frozen=True)
class SessionMetrics:
    """Session-level metrics computed from turns and utterances."""

    roles: tuple[RoleStats, ...] = _f("Statistics per role, therapist first.")
    turns: int = _f("Total number of turns.")
    utterances: int = _f("Total number of utterances.")
    words: int = _f("Total number of words.")
    therapist_questions_per_100: float | None = _f(
        "Questions per 100 therapist utterances.", None
    )
    time_basis: str | None = _f(
        "'spans' when talk time comes from start and end times; 'start_times' when only start "
        "times exist and a turn lasts until the next one starts (includes pauses); null when "
        "the source has no times.",
        None,
        choices=TIME_BASES,
    )
    markers: tuple[MarkerSummary, ...] = _f("Per-marker counts and rates (after the markers stage).", ())
    benchmarks: tuple[Benchmark, ...] = _f("MITI summary scores against fair/good thresholds.", ())
    alliance: AllianceIndex | None = _f("Alliance index (after the markers stage).", None)
    timing: Timing | None = _f("Silences, response latency and overlap (when turns have start and end times).", None)
    client: ClientMeasures | None = _f("Client codes, rupture episodes and reactions (after the markers stage, when the "
                                      "coder has client codes).", None)


@dataclass(frozen=True)
class ModelInfo:
    """A model used to produce the session."""

    name: str = _f("Model name.")
    stage: str = _f("Pipeline stage that used it.")
    version: str | None = _f("Model or package version.", None)
    sha256: str | None = _f("SHA-256 of the model file, when it is a file.", None)


@dataclass(frozen=True)
class MarkerThreshold:
    """One decision threshold a site calibration sets (docs/review.md)."""

    marker: str = _f("What the threshold decides: a marker name, or 'advice' (both advice markers, before the "
                     "permission rule).")
    threshold: float = _f("The site's threshold: the marker is present when its probability is at least this.")
    shipped: float | None = _f("The shipped model's threshold (null: the shipped decision is not a single threshold, "
                               "e.g. empathy's mechanism levels).", None)


@dataclass(frozen=True)
class CalibrationInfo:
    """The site calibration the marker decisions used (`analyze --calibration NAME`): thresholds
    refitted to a site's own reviews by `train --recalibrate` (docs/review.md)."""

    name: str = _f("The calibration's name (a folder in the user models folder).")
    reviewed: int = _f("Reviewed moments it was fitted on.")
    date: str | None = _f("When it was fitted (ISO 8601 date).", None)
    sha256: str | None = _f("SHA-256 of its calibration.json.", None)
    thresholds: tuple[MarkerThreshold, ...] = _f("The thresholds it sets; every other decision is the shipped one.", ())


@dataclass(frozen=True)
class SpeakerShare:
    """How much of the recording's speech the diarizer gave one speaker."""

    speaker: str = _f("Speaker label as in the turns.")
    seconds: float = _f("Speech given to the speaker, seconds.")
    share: float = _f("Share of all speaker speech, 0-1.")


@dataclass(frozen=True)
class QualityReason:
    """One finding of the recording's quality checks (docs/recording_quality.md)."""

    measure: str = _f("What was measured: 'level', 'clipping', 'snr', 'bandwidth', 'balance', 'separation', "
                      "'speakers'.")
    severity: str = _f("'check' (a supervisor should read it) or 'unreliable' (the analysis cannot be trusted).",
                       choices=SEVERITIES)
    message: str = _f("One line saying what was found and what to do.")


@dataclass(frozen=True)
class AudioQuality:
    """Quality gates of a recording (audio input only): measures, and a verdict on whether the
    speaker turns, roles and markers can be trusted."""

    verdict: str = _f("'ok'; 'check' (read the reasons); 'unreliable' (not reliably analysable: the transcript "
                      "stands, the marker results and role statistics do not).", choices=VERDICTS)
    reasons: tuple[QualityReason, ...] = _f("Why the verdict is not 'ok', most severe first.", ())
    mode: str = _f("How speakers were separated: 'clustering' (one mixed signal) or 'stereo' (one voice per channel).",
                   "clustering", choices=("clustering", "stereo"))
    speech_seconds: float = _f("Speech found by the voice activity detector, seconds.", 0.0)
    level_dbfs: float | None = _f("RMS level of the speech, dB relative to full scale.", None)
    clipped_share: float = _f("Share of samples at or near full scale (clipping), 0-1.", 0.0)
    snr_db: float | None = _f("Speech-to-noise ratio estimated from speech and non-speech stretches, dB.", None)
    high_band_db: float | None = _f("Speech energy above 4 kHz relative to all speech energy, dB (about -45 dB or "
                                    "less: telephone band or an 8 kHz source).", None)
    speakers_expected: int | None = _f("Speakers asked for (--speakers); null for 'auto'.", None)
    speakers_found: int = _f("Speakers with speech in the diarization.", 0)
    speaker_shares: tuple[SpeakerShare, ...] = _f("Speech per speaker, largest first.", ())
    separation: float | None = _f("Cosine distance between the closest two speakers' voice centroids as the diarizer "
                                  "clustered them (0 = same voice); null with one speaker or one voice per channel. "
                                  "Reported, not gated (see split_separation).", None)
    split_separation: float | None = _f("Cosine distance between the two groups a plain 2-means split finds in the "
                                        "diarizer's voice embeddings: under 0.09 the speakers sound like one voice.",
                                        None)
    split_share: float | None = _f("Share of windows in the smaller of those two groups, 0-1.", None)
    speech_regions: tuple[tuple[float, float], ...] = _f(
        "Stretches of speech found by the voice activity detector, [start, end] in seconds; session.rttm widens "
        "the recognised words' stretches into them by up to 0.2 s.", ())


@dataclass(frozen=True)
class SessionMeta:
    """Provenance of a session."""

    session_id: str = _f("Identifier of the session (file stem unless given).")
    source_file: str | None = _f("Path of the input file as given.", None)
    source_sha256: str | None = _f("SHA-256 of the input file's bytes.", None)
    source_format: str | None = _f("Reader that parsed the input (txt, vtt, srt, csv, json, docx).", None)
    source_encoding: str | None = _f("Detected text encoding of the input.", None)
    duration: float | None = _f("Session duration in seconds, when the source has times.", None)
    date: str | None = _f("Date of the session (ISO 8601), given with --date or read from the recording's "
                          "creation time; orders sessions in progress reports.", None)
    redacted: bool = _f("Whether identifying details were replaced by placeholders (--redact).", False)
    utterance_unit: str | None = _f("What an utterance is: 'turn' (a speaker turn, long ones cut at sentence boundaries) or "
                                    "'sentence' (segment.unit); null in files before schema 1.7, which used sentences.", None,
                                    choices=("turn", "sentence"))
    models: tuple[ModelInfo, ...] = _f("Models used by the pipeline.", ())
    calibration: CalibrationInfo | None = _f("The site calibration of the marker decisions; null: the shipped "
                                             "thresholds (and in files before schema 1.9).", None)
    warnings: tuple[str, ...] = _f("Things the reader or a stage noticed and the user should know.", ())
    audio_quality: AudioQuality | None = _f("Quality gates of the recording (audio input only).", None)
    tool_version: str | None = _f("transcript-analyzer version that wrote the session.", None)
    schema_version: str = _f("Version of this schema.", SCHEMA_VERSION)


@dataclass(frozen=True)
class Session:
    """A therapy session: what the readers produce and every stage returns."""

    meta: SessionMeta = _f("Provenance.")
    turns: tuple[Turn, ...] = _f("Speaker turns in order.")
    speakers: tuple[Speaker, ...] = _f("Speakers and their roles (after the roles stage).", ())
    utterances: tuple[Utterance, ...] = _f("Utterances in order (after segmentation).", ())
    risk: tuple[RiskMoment, ...] = _f("Client risk talk with the therapist's response (after the markers stage).", ())
    episodes: tuple[RuptureEpisode, ...] = _f("Rupture episodes (after the markers stage).", ())
    metrics: SessionMetrics | None = _f("Session metrics (after the metrics stage).", None)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict (the canonical session.json layout)."""
        return to_json(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Session:
        """Rebuild a session from :meth:`to_dict` output. Raises ``ValueError`` naming the path
        of the first field that does not fit the schema."""
        if not isinstance(data, dict):
            raise ValueError("a session must be a JSON object")
        version = (data.get("meta") or {}).get("schema_version", SCHEMA_VERSION)
        if str(version).split(".")[0] != SCHEMA_VERSION.split(".")[0]:
            raise ValueError(
                f"schema_version {version} is not readable by this version (schema {SCHEMA_VERSION})"
            )
        return from_json(cls, data, "session")

    def speaker(self, label: str) -> Speaker | None:
        """The speaker with this label, or None."""
        return next((s for s in self.speakers if s.label == label), None)
