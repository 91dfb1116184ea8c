"""The diarizer on synthesized two-voice dialogues of the benchmark set's hardest kinds (issue 11): a
same-gender pair of similar voices, and a same-gender pair in babble noise at 10 dB. With the
average-linkage clustering used before, both kinds collapsed into one speaker on the benchmark;
this test fails when speakers collapse or speaker confusion grows."""

from __future__ import annotations

import importlib.util
import shutil

import pytest

from benchmarks.dialogues import scoring
from benchmarks.dialogues.build import synthesize
from benchmarks.dialogues.specs import Spec
from transcript_analyzer.audio.decode import Audio
from transcript_analyzer.audio.diarize import Diarizer, DiarizeOptions

pytestmark = [pytest.mark.slow,
              pytest.mark.skipif(shutil.which("espeak-ng") is None or importlib.util.find_spec("hibari") is None,
                                 reason="espeak-ng (Debian; `make speechtools`) or hibari-tts not installed")]

DIALOGUES = [
    Spec("x_same_gender", "tune", "es_gb_m1", "es_us_m3", minutes=2.0, seed=101),  # the pair of t12 (collapsed)
    Spec("x_babble", "tune", "es_us_f2", "es_rp_f4", minutes=2.0, seed=102, noise="babble", snr=10.0),  # as t05
]


@pytest.fixture(scope="module")
def diarizer() -> Diarizer:
    return Diarizer(DiarizeOptions(speakers=2)).load()


@pytest.mark.parametrize("spec", DIALOGUES, ids=lambda s: s.id)
def test_two_similar_voices_do_not_collapse(diarizer, spec):
    import numpy as np
    from pyannote.metrics.diarization import DiarizationErrorRate

    samples, reference, _, _ = synthesize(spec)
    result = diarizer(Audio(channels=samples[None, :].astype(np.float32), source=spec.id))
    hypothesis = [(s.start, s.end, s.speaker) for s in result.segments]
    shares = scoring.speech_shares(hypothesis)
    assert not scoring.collapsed(reference, hypothesis), shares
    assert len(shares) == 2 and min(shares.values()) > 0.2, shares
    # speaker confusion, not DER: in babble the voice-activity detector takes background talkers for
    # speech (false alarm 11-15 % on the benchmark), which is not what this test is about
    parts = DiarizationErrorRate(collar=0.5)(scoring.annotation(reference), scoring.annotation(hypothesis), detailed=True)
    assert parts["confusion"] / parts["total"] < 0.05, parts
