"""Accuracy and speed of the audio path on real clips (and the bundled sample recording when it
exists): WER, DER (0.25 s collar), words given to the right speaker, real-time factor per stage
and end to end, peak RSS, and the ratio to a bare faster-whisper run with the same model.

    python benchmarks/audio_accuracy.py --data ../shared/data [--models tiny.en base]
"""

from __future__ import annotations

import argparse
import resource
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
JFK = "And so my fellow Americans, ask not what your country can do for you, ask what you can do for your country."


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument("--models", nargs="+", default=["tiny.en", "base"])
    args = parser.parse_args()

    from transcript_analyzer.api import Analyzer
    from transcript_analyzer.audio.align import speaker_of, to_turns
    from transcript_analyzer.audio.decode import decode
    from transcript_analyzer.audio.diarize import Diarizer
    from transcript_analyzer.audio.evaluation import der, read_reference_text, read_rttm, wer
    from transcript_analyzer.audio.transcribe import AsrOptions, Transcriber

    audio_dir = args.data / "audio"
    sample = ROOT / "sample_transcripts" / "audio" / "sample_session.ogg"
    clips = [("jfk", audio_dir / "jfk.flac", JFK, None), ("stereo", audio_dir / "stereo_diarization.wav", None, None),
             ("pyannote", audio_dir / "pyannote_sample.wav", None, audio_dir / "pyannote_sample.rttm")]
    if sample.is_file():
        reference_text = read_reference_text(sample.parent / "sample_session.reference.txt")
        clips.append(("sample", sample, reference_text, sample.parent / "sample_session.rttm"))

    print(f"{'clip':<9} {'model':<8} {'dur s':>6} {'decode':>7} {'asr':>7} {'diar':>7} {'align':>7} {'e2e RTF':>8} "
          f"{'bare':>7} {'ratio':>6} {'WER':>6} {'DER':>6} {'spk ok':>7}")
    diarizer = Diarizer().load()
    for model in args.models:
        transcriber = Transcriber(AsrOptions(model=model)).load()
        analyzer = Analyzer(asr_model=model, evidence=False).load()
        from faster_whisper import WhisperModel

        bare = WhisperModel(str(transcriber.path), device="cpu", compute_type="int8", cpu_threads=2)
        for name, path, reference, rttm in clips:
            t0 = time.perf_counter()
            audio = decode(path)
            t1 = time.perf_counter()
            transcript = transcriber.transcribe(audio.mono)
            t2 = time.perf_counter()
            diarization = diarizer(audio)
            t3 = time.perf_counter()
            turns = to_turns(transcript.words, diarization.segments, diarization.frames)
            t4 = time.perf_counter()
            if len({t.speaker for t in turns}) > 1:  # the whole analysis, as `analyze` runs it
                analyzer.analyze(path)
            else:  # one voice (jfk): no session to code; decode + ASR + diarization
                analyzer.read(path)
            t5 = time.perf_counter()
            segments, _ = bare.transcribe(str(path), beam_size=5, word_timestamps=True, vad_filter=True)
            list(segments)
            t6 = time.perf_counter()
            d = audio.duration
            total = t5 - t4
            text = " ".join(w.text for w in transcript.words)
            w = f"{100 * wer(reference, text):5.1f}%" if reference else "    -"
            score = der(read_rttm(rttm), diarization.segments) if rttm else None
            dr = f"{100 * score['der']:5.1f}%" if score else "    -"
            ok = "      -"
            if rttm and name == "sample":
                ref_segments = read_rttm(rttm)
                hyp = [speaker_of(word, diarization.segments) for word in transcript.words]
                truth = [speaker_of(word, ref_segments) for word in transcript.words]
                mapping = {}
                for h, r in zip(hyp, truth):
                    mapping.setdefault(h, {}).setdefault(r, 0)
                    mapping[h][r] += 1
                best = {h: max(c, key=c.get) for h, c in mapping.items()}
                ok = f"{100 * sum(best[h] == r for h, r in zip(hyp, truth)) / max(len(hyp), 1):6.1f}%"
            print(f"{name:<9} {model:<8} {d:6.1f} {(t1 - t0) / d:7.3f} {(t2 - t1) / d:7.3f} {(t3 - t2) / d:7.3f} "
                  f"{(t4 - t3) / d:7.3f} {total / d:8.3f} {(t6 - t5) / d:7.3f} {total / max(t6 - t5, 1e-9):6.2f} {w:>6} {dr:>6} {ok:>7}")
    print(f"peak RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB (whole run, both models loaded)")


if __name__ == "__main__":
    main()
