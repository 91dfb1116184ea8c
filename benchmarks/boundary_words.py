"""Words at turn boundaries given to the wrong speaker, on two-voice dialogues with known word
times (the synthetic set of benchmarks/dialogues, built into ~/.cache/transcript-analyzer/dialogues):
the aligner as it was (each word takes the speaker whose smoothed segments overlap it most) against
the aligner with frame scores and turn changes snapped to pauses (audio/align.py), on the same
recognised words and the same diarization.

    python benchmarks/boundary_words.py [--set DIR] [--half tune|heldout|all] [--only ID ...]
        [--words asr|reference] [--model base] [--clustering current|kmeans] [--cache DIR] [--rttm]

Words: ``asr`` = faster-whisper's words (the pipeline's Transcriber, cached per dialogue), each
matched to a reference word by aligning the two word sequences (difflib); ``reference`` = the
reference words with their own times (the aligner alone, without recogniser timing errors).
Boundary words are the first and last 3 words of each reference turn (backchannels excluded);
hypothesis labels are mapped one-to-one to the reference voices to maximise agreement.
``--clustering kmeans`` swaps the diarizer's clustering for k-means on the same embeddings, for
measuring the aligner on dialogues where the current clustering collapses into one voice.
``--rttm`` also scores the RTTM written from the shipped aligner's turns against the reference
RTTM (speech level): one segment per turn (as written before) against one per stretch of speech.
"""

from __future__ import annotations

import argparse
import difflib
import json
import pickle
import re
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from transcript_analyzer.audio.evaluation import read_rttm  # noqa: E402
from transcript_analyzer.model import Word  # noqa: E402

DEFAULT_SET = Path.home() / ".cache" / "transcript-analyzer" / "dialogues"
BOUNDARY = 3


def _token(text: str) -> str:
    return re.sub(r"[^a-z0-9]", "", text.lower())


def asr_words(args, wav: Path, name: str) -> list[Word]:
    cache = args.cache / f"{name}.{args.model}.words.json"
    if cache.is_file():
        return [Word(t, s, e, p) for t, s, e, p in json.loads(cache.read_text())]
    from transcript_analyzer.audio.decode import decode
    from transcript_analyzer.audio.transcribe import AsrOptions, Transcriber

    transcriber = getattr(args, "_transcriber", None) or Transcriber(AsrOptions(model=args.model)).load()
    args._transcriber = transcriber
    words = list(transcriber.transcribe(decode(wav).mono, source=str(wav)).words)
    cache.write_text(json.dumps([[w.text, w.start, w.end, w.probability] for w in words]))
    return words


def _kmeans(vectors: np.ndarray, speakers: int | None, max_speakers: int):
    from sklearn.cluster import KMeans

    from transcript_analyzer.audio.diarize import estimate_speakers

    k = speakers if speakers is not None else estimate_speakers(vectors, max_speakers)
    k = max(1, min(k, len(vectors)))
    labels = KMeans(n_clusters=k, n_init=10, random_state=0).fit_predict(vectors) if k > 1 else np.zeros(len(vectors), int)
    return labels, k


def _code_version() -> str:
    """A digest of the diarizer's source, so that a cached diarization is never reused after the code changes."""
    import hashlib

    audio = ROOT / "transcript_analyzer" / "audio"
    return hashlib.sha256(b"".join((audio / f).read_bytes() for f in ("diarize.py", "frames.py", "voices.py", "vad.py")
                                   if (audio / f).is_file())).hexdigest()[:10]


def diarization(args, wav: Path, name: str, speakers: int = 2):
    cache = args.cache / f"{name}.{args.clustering}.{_code_version()}.diarization.pkl"
    if cache.is_file():
        return pickle.loads(cache.read_bytes())
    from transcript_analyzer.audio import diarize
    from transcript_analyzer.audio.decode import decode

    if args.clustering == "kmeans":
        diarize._cluster = _kmeans  # benchmark only: the same windows and embeddings, another clustering
    result = diarize.Diarizer(diarize.DiarizeOptions(speakers=speakers, stereo="off")).load().cluster(decode(wav).mono, str(wav))
    cache.write_bytes(pickle.dumps(result))
    return result


def match(reference: list[dict], words: list[Word]) -> list[tuple[int, int]]:
    """(reference index, word index) of the words the two sequences share, in order."""
    a, b = [_token(w["word"]) for w in reference], [_token(w.text) for w in words]
    blocks = difflib.SequenceMatcher(None, a, b, autojunk=False).get_matching_blocks()
    return [(m.a + k, m.b + k) for m in blocks for k in range(m.size)]


def word_labels(turns) -> dict[int, str]:
    """id(word) -> speaker of the turn holding it."""
    return {id(w): t.speaker for t in turns for w in t.words}


def turns_before(words: list[Word], segments):
    """The aligner as it was before frame scores (commit 966be86): each word takes the speaker whose
    segments overlap it most, and every short run of another speaker inside a turn is a backchannel
    or a slip (no short answer set apart by pauses kept as a turn)."""
    from transcript_analyzer.audio import align

    def island(idx, words):
        span = (words[idx[-1]].end or 0.0) - (words[idx[0]].start or 0.0)
        return len(idx) <= align.BACKCHANNEL_WORDS and span <= align.BACKCHANNEL_SECONDS

    current, align._island = align._island, island  # benchmark only: the earlier rule, restored below
    try:
        return align.to_turns(words, segments)
    finally:
        align._island = current


def score(reference: list[dict], words: list[Word], pairs, labels: dict[int, str]) -> dict:
    from scipy.optimize import linear_sum_assignment

    hyp = [labels[id(words[j])] for _, j in pairs]
    ref = [reference[i]["speaker"] for i, _ in pairs]
    hs, rs = sorted(set(hyp)), sorted(set(ref))
    counts = np.zeros((len(hs), len(rs)))
    for h, r in zip(hyp, ref):
        counts[hs.index(h), rs.index(r)] += 1
    rows, cols = linear_sum_assignment(-counts)
    to_ref = {hs[r]: rs[c] for r, c in zip(rows, cols)}
    right = {i: to_ref.get(h) == r for (i, _), h, r in zip(pairs, hyp, ref)}
    turns: dict[tuple, list[int]] = {}
    for i, w in enumerate(reference):
        if w["kind"] == "turn":
            turns.setdefault((w["turn"], w["speaker"]), []).append(i)
    boundary = {i for idx in turns.values() for i in idx[:BOUNDARY] + idx[-BOUNDARY:]} & right.keys()
    starts = {i for idx in turns.values() for i in idx[:BOUNDARY]} & right.keys()
    back = {i for i, w in enumerate(reference) if w["kind"] == "backchannel"} & right.keys()
    top = counts.sum(axis=1).max() / max(counts.sum(), 1)
    return {"matched": len(pairs), "right": [right[i] for i in sorted(right)], "boundary": [right[i] for i in sorted(boundary)],
            "starts": [right[i] for i in sorted(starts)], "back": [right[i] for i in sorted(back)],
            "collapsed": bool(top > 0.9)}


def rttm_der(name: str, turns, reference_rttm: Path, regions=(), duration: float | None = None) -> dict[str, float]:
    """DER by pyannote.metrics (collar 0.25 s each side, and none; benchmarks/dialogues/scoring.py)
    of session.rttm as written now (speech level, widened into the detector's speech ``regions``
    as the pipeline does) and of one segment per turn (as written before)."""
    from benchmarks.dialogues import scoring
    from transcript_analyzer.io.writers import speech_stretches
    from transcript_analyzer.model import AudioQuality, Session, SessionMeta

    reference = [(s.start, s.end, s.speaker) for s in read_rttm(reference_rttm)]
    quality = AudioQuality(verdict="ok", speech_regions=tuple(regions))
    session = Session(meta=SessionMeta(session_id=name, source_file=name, audio_quality=quality), turns=tuple(turns))
    speech = list(speech_stretches(session))
    per_turn = [(t.start, t.end, t.speaker) for t in turns]
    end = duration or max(b for _, b, _ in reference + speech + per_turn) + 1.0
    out = {}
    for kind, hyp in (("turn", per_turn), ("speech", speech)):
        scores = scoring.Metrics().score(reference, hyp, end)
        out.update({f"{kind}@{c}": scores[f"der@{c}"] for c in (0.25, 0.0)})
    return out


def share_wrong(values: list[bool]) -> float:
    return 1 - sum(values) / len(values) if values else float("nan")


def run(args) -> None:
    from transcript_analyzer.audio.align import to_turns

    manifest = json.loads((args.set / "manifest.json").read_text(encoding="utf-8"))["dialogues"]
    todo = [d for d in manifest if (args.half == "all" or d["half"] == args.half) and (not args.only or d["id"] in args.only)]
    totals = {m: {"all": [], "ok": [], "starts": [], "back": [], "right": []} for m in ("before", "after")}
    ders: list[dict[str, float]] = []
    print(f"{'id':<10} {'words':>5} {'bound':>5} {'coll':>4}  {'before':>7} {'after':>7}  {'start b':>7} {'start a':>7}"
          f"  {'bkch b':>6} {'bkch a':>6}  {'all b':>6} {'all a':>6}")
    for d in todo:
        wav, name = args.set / d["files"]["wav"], d["id"]
        reference = json.loads((args.set / d["files"]["words"]).read_text(encoding="utf-8"))
        words = (asr_words(args, wav, name) if args.words == "asr"
                 else sorted((Word(w["word"], w["start"], w["end"], 1.0) for w in reference), key=lambda w: w.start))
        result = diarization(args, wav, name, len(d["voices"]))
        pairs = match(reference, words)
        turns = to_turns(words, result.segments, result.frames)
        rows = {"before": score(reference, words, pairs, word_labels(turns_before(words, result.segments))),
                "after": score(reference, words, pairs, word_labels(turns))}
        rttm = ""
        if args.rttm and not rows["after"]["collapsed"]:
            ders.append(rttm_der(name, turns, args.set / d["files"]["rttm"], result.regions, d["duration"]))
            rttm = f"  rttm {100 * ders[-1]['speech@0.25']:5.1f}%"
        for method, r in rows.items():
            totals[method]["all"] += r["boundary"]
            if not r["collapsed"]:
                for key in ("starts", "back", "right"):
                    totals[method][key] += r[key]
                totals[method]["ok"] += r["boundary"]
        b, a = rows["before"], rows["after"]
        print(f"{name:<10} {b['matched']:5d} {len(b['boundary']):5d} {'YES' if b['collapsed'] else 'no':>4}  "
              f"{100 * share_wrong(b['boundary']):6.1f}% {100 * share_wrong(a['boundary']):6.1f}%  "
              f"{100 * share_wrong(b['starts']):6.1f}% {100 * share_wrong(a['starts']):6.1f}%  "
              f"{100 * share_wrong(b['back']):5.1f}% {100 * share_wrong(a['back']):5.1f}%  "
              f"{100 * share_wrong(b['right']):5.1f}% {100 * share_wrong(a['right']):5.1f}%{rttm}", flush=True)
    print(f"\nboundary words given to the wrong speaker ({args.half}, words {args.words}, clustering {args.clustering}):")
    for method, t in totals.items():
        print(f"  {method:<6} all dialogues {100 * share_wrong(t['all']):5.1f}% of {len(t['all'])}; "
              f"not collapsed {100 * share_wrong(t['ok']):5.1f}% of {len(t['ok'])} "
              f"(turn starts {100 * share_wrong(t['starts']):5.1f}%, backchannel words {100 * share_wrong(t['back']):5.1f}% "
              f"of {len(t['back'])}, all words {100 * share_wrong(t['right']):5.1f}%)")
    if ders:
        print(f"RTTM against the speech-level reference, DER median / worst over {len(ders)} dialogues not collapsed: "
              + ", ".join(f"{k} {100 * float(np.median([x[k] for x in ders])):.1f} / {100 * max(x[k] for x in ders):.1f}%"
                          for k in ders[0]))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--set", type=Path, default=DEFAULT_SET)
    parser.add_argument("--half", choices=["tune", "heldout", "all"], default="heldout")
    parser.add_argument("--only", nargs="*")
    parser.add_argument("--words", choices=["asr", "reference"], default="asr")
    parser.add_argument("--model", default="base")
    parser.add_argument("--clustering", choices=["current", "kmeans"], default="current")
    parser.add_argument("--rttm", action="store_true", help="also score session.rttm: per turn against speech level")
    parser.add_argument("--cache", type=Path, default=Path.home() / ".cache" / "transcript-analyzer" / "boundary-words")
    args = parser.parse_args()
    if not (args.set / "manifest.json").is_file():
        sys.exit(f"{args.set}: no manifest.json; build the set first (python -m benchmarks.dialogues.build)")
    args.cache.mkdir(parents=True, exist_ok=True)
    run(args)


if __name__ == "__main__":
    main()
