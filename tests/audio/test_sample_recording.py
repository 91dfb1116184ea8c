"""The bundled synthesized session (sample_transcripts/audio/) through the whole audio path,
scored against its reference transcript and RTTM."""

import pytest

from transcript_analyzer.audio.align import speaker_of
from transcript_analyzer.audio.diarize import SpeakerSegment
from transcript_analyzer.audio.evaluation import der, read_reference_text, read_rttm, wer

from ..conftest import SAMPLES

AUDIO = SAMPLES / "audio"


@pytest.fixture(scope="module")
def session():
    from transcript_analyzer.api import Analyzer

    return Analyzer(asr_model="tiny.en", evidence=False).analyze(AUDIO / "sample_session.ogg")


@pytest.mark.slow
def test_words_speakers_and_roles_match_the_references(session):
    hypothesis = " ".join(t.text for t in sorted(session.turns, key=lambda t: t.start))
    assert wer(read_reference_text(AUDIO / "sample_session.reference.txt"), hypothesis) <= 0.03
    reference = read_rttm(AUDIO / "sample_session.rttm")
    assert der(reference, [SpeakerSegment(t.start, t.end, t.speaker) for t in session.turns])["der"] <= 0.05
    words = [w for t in session.turns for w in t.words]
    role = {s.label: s.role for s in session.speakers}
    by_word = [(role[t.speaker], speaker_of(w, reference)) for t in session.turns for w in t.words]
    assert sum(a == b for a, b in by_word) / len(words) >= 0.97  # the right speaker, named by role


@pytest.mark.slow
def test_timing_finds_the_two_long_silences_after_the_client(session):
    long = session.metrics.timing.long_silences_after_client
    assert len(long) == 2 and all(3.0 <= p.seconds <= 4.6 for p in long)  # scripted: 3.5 s and 4.0 s
    assert 30 <= long[0].start <= 40 and 75 <= long[1].start <= 85
