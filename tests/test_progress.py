"""The progress display: off unless asked (tests, pipes), and a rich bar when on."""

from transcript_analyzer.batch.worker import Outcome
from transcript_analyzer.progress import audio_progress, batch_progress


def test_off_by_default_when_stderr_is_not_a_terminal():
    with batch_progress() as show, audio_progress() as audio:
        assert show is None and audio is None


def test_batch_bar_counts_sessions_and_throughput(capsys):
    with batch_progress(True) as show:
        show(Outcome("a", True, utterances=120), 1, 3)
        show(Outcome("b", False), 2, 3)
        show(Outcome("c", True, utterances=80), 3, 3)
    err = capsys.readouterr().err
    assert "3/3" in err and "sessions/min" in err and "utt/s" in err


def test_audio_bar_finishes_each_step(capsys):
    with audio_progress(True) as show:
        show("transcribe", 30.0, 60.0)
        show("transcribe", 60.0, 60.0)
        show("diarize", 0.0, 60.0)
    err = capsys.readouterr().err
    assert "transcribe" in err and "diarize" in err and err.count("60/60") >= 2
