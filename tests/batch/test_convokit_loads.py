"""The --convokit export of `batch`, loaded by ConvoKit itself: counts, speakers, reply-to chains, the marker
decisions and probabilities in the utterances' metadata, the session measures in the conversations'.

ConvoKit is an optional test dependency (README, "Batch runs"); without it these tests skip and say so."""

from __future__ import annotations

import contextlib
import io
import json
import shutil
from pathlib import Path

import pytest

from transcript_analyzer.batch import BatchOptions, run_batch
from transcript_analyzer.batch.convokit import write_convokit
from transcript_analyzer.config import AnalyzeConfig, MarkerOptions
from transcript_analyzer.model import MarkerScore, Session, SessionMeta, Speaker, Turn, Utterance

convokit = pytest.importorskip(
    "convokit", reason="ConvoKit is not installed (optional test dependency: "
    "pip install --no-deps convokit==5.0.0 && pip install pymongo==4.20.1): the --convokit export is not loaded by it")
pytestmark = pytest.mark.slow

SAMPLES = Path(__file__).resolve().parents[2] / "sample_transcripts"
UNTIMED = """Therapist: How has the week been since we last met?
Client: Honestly, pretty hard. I barely slept.
Therapist: It sounds like the nights have been really rough for you.
Client: Yeah. I keep going over the argument with my sister.
Therapist: What goes through your mind when you replay it?
Client: That I always say the wrong thing.
"""


def load(folder: Path, home: Path):
    """ConvoKit's Corpus from the folder, in memory, and what ConvoKit printed (its warnings are prints).
    ConvoKit writes ~/.convokit/config.yml on first use: HOME points at a temporary folder meanwhile."""
    printed = io.StringIO()
    with pytest.MonkeyPatch.context() as mp, contextlib.redirect_stdout(printed):
        mp.setenv("HOME", str(home))
        mp.setenv("CONVOKIT_BACKEND", "mem")
        corpus = convokit.Corpus(filename=str(folder), backend="mem")
    return corpus, printed.getvalue()


@pytest.fixture(scope="module")
def run(tmp_path_factory):
    """A small batch with --convokit: a timed transcript with the roles named, a JSON one whose roles the model
    decides, and an untimed one; the finished sessions as the batch wrote them; the corpus as ConvoKit loads it."""
    tmp = tmp_path_factory.mktemp("convokit")
    inputs, out = tmp / "in", tmp / "run"
    inputs.mkdir()
    for name in ("strong_alliance.txt", "over_interpretation.json"):
        shutil.copy(SAMPLES / name, inputs / name)
    (inputs / "untimed.txt").write_text(UNTIMED)
    result = run_batch([inputs], out, AnalyzeConfig(markers=MarkerOptions(evidence=False)),
                       BatchOptions(workers=1, convokit=True, corpus="clinic-a"))
    assert (result.analysed, result.failed) == (3, 0), result.failures
    sessions = {s.meta.session_id: s for s in (Session.from_dict(json.loads(p.read_text(encoding="utf-8")))
                                               for p in sorted((out / "sessions").glob("*/session.json")))}
    corpus, printed = load(out / "convokit", tmp / "home")
    return sessions, corpus, printed, out / "convokit"


def test_convokit_loads_every_session_as_a_conversation(run):
    sessions, corpus, printed, _ = run
    assert "WARNING" not in printed, printed  # e.g. a speaker without metadata
    assert set(sessions) == {"strong_alliance", "over_interpretation", "untimed"}
    assert len(list(corpus.iter_utterances())) == sum(len(s.utterances) for s in sessions.values())
    assert set(corpus.get_conversation_ids()) == {f"{sid}:{s.utterances[0].index}" for sid, s in sessions.items()}
    for sid, s in sessions.items():
        conv = corpus.get_conversation(f"{sid}:{s.utterances[0].index}")
        assert conv.get_utterance_ids() == [f"{sid}:{u.index}" for u in s.utterances]
    assert dict(corpus.meta) == {"name": "clinic-a", "source": "transcript-analyzer"}


def test_speakers_are_per_session_with_their_label_and_role(run):
    sessions, corpus, _, _ = run
    talked = {sid: {u.speaker for u in s.utterances} for sid, s in sessions.items()}
    expected = {f"{sid}:{sp.label}": {"label": sp.label, "role": sp.role, "role_source": sp.role_source}
                for sid, s in sessions.items() for sp in s.speakers if sp.label in talked[sid]}
    assert {sp.id: dict(sp.meta) for sp in corpus.iter_speakers()} == expected
    assert {m["role_source"] for m in expected.values()} == {"transcript", "model"}
    for sid, s in sessions.items():
        for u in s.utterances:
            utt = corpus.get_utterance(f"{sid}:{u.index}")
            assert utt.speaker.id == f"{sid}:{u.speaker}" and utt.speaker.meta["role"] == u.role
        conv = corpus.get_conversation(f"{sid}:{s.utterances[0].index}")
        assert {sp.id for sp in conv.iter_speakers()} == {f"{sid}:{label}" for label in talked[sid]}


def test_each_conversation_is_one_reply_to_chain_in_session_order(run):
    sessions, corpus, _, _ = run
    for sid, s in sessions.items():
        ids = [f"{sid}:{u.index}" for u in s.utterances]
        conv = corpus.get_conversation(ids[0])
        assert conv.check_integrity(verbose=False)
        assert [[u.id for u in path] for path in conv.get_root_to_leaf_paths()] == [ids]
        assert [corpus.get_utterance(i).reply_to for i in ids] == [None, *ids[:-1]]
        # ConvoKit orders by timestamp: the start when the session is timed, else the utterance's index
        assert [u.id for u in conv.get_chronological_utterance_list()] == ids
        timed = all(u.start is not None for u in s.utterances)
        assert timed == (sid != "untimed")
        assert [corpus.get_utterance(i).timestamp for i in ids] == [u.start if timed else u.index for u in s.utterances]


def test_utterance_metadata_holds_every_marker_decision_and_probability(run):
    sessions, corpus, _, _ = run
    for sid, s in sessions.items():
        for u in s.utterances:
            meta = dict(corpus.get_utterance(f"{sid}:{u.index}").meta)
            assert u.markers  # therapist markers on therapist utterances, client codes on client ones
            expected = {"role": u.role, "turn_index": u.turn_index, "start": u.start, "end": u.end,
                        **{m.marker: int(m.decision) for m in u.markers},
                        **{f"{m.marker}_p": m.probability for m in u.markers}}
            assert meta == expected
            assert corpus.get_utterance(f"{sid}:{u.index}").text == u.text
    therapist = next(u for u in corpus.iter_utterances() if u.meta["role"] == "therapist")
    client = next(u for u in corpus.iter_utterances() if u.meta["role"] == "client")
    assert {"empathy", "empathy_p", "complex_reflection_p"} <= set(therapist.meta)
    assert {"change_talk", "change_talk_p", "risk_talk_p"} <= set(client.meta) and "empathy" not in client.meta
    assert any(u.meta.get("empathy") == 1 for u in corpus.iter_utterances())
    frame = corpus.get_utterances_dataframe()  # what a ConvoKit user analyses
    assert {"meta.empathy", "meta.empathy_p", "meta.change_talk_p"} <= set(frame.columns)
    assert len(frame) == sum(len(s.utterances) for s in sessions.values())


def test_conversation_metadata_holds_the_session_measures(run):
    sessions, corpus, _, _ = run
    for sid, s in sessions.items():
        meta = dict(corpus.get_conversation(f"{sid}:{s.utterances[0].index}").meta)
        m = s.metrics
        assert m is not None and m.alliance is not None
        assert meta == {"session_id": sid, "date": s.meta.date, "duration": s.meta.duration,
                        "redacted": s.meta.redacted, "alliance_index": m.alliance.value, "audio_verdict": None,
                        **{f"{x.marker}_per_100": x.per_100 for x in m.markers}}
        assert "empathy_per_100" in meta


def test_the_metadata_index_is_convokits_and_survives_its_dump(run, tmp_path):
    """index.json lists, per key, the types of the non-null values as ConvoKit names them ([] when all are null),
    and a corpus ConvoKit dumps and reloads is the same corpus."""
    _, corpus, _, folder = run
    ours = json.loads((folder / "index.json").read_text())
    seen = {"utterances-index": corpus.iter_utterances, "speakers-index": corpus.iter_speakers,
            "conversations-index": corpus.iter_conversations}
    for part, objects in seen.items():
        types: dict[str, set[str]] = {}
        for obj in objects():
            for key, value in obj.meta.items():
                types.setdefault(key, set()).update([str(type(value))] if value is not None else [])
        assert {k: set(v) for k, v in ours[part].items()} == types, part
    assert ours["conversations-index"]["date"] == [] and ours["conversations-index"]["audio_verdict"] == []
    assert corpus.meta_index.to_dict(force_version=1) == ours  # loading refined nothing

    corpus.dump("again", base_path=str(tmp_path))
    again, printed = load(tmp_path / "again", tmp_path / "home")
    assert "WARNING" not in printed, printed
    assert again.get_conversation_ids() == corpus.get_conversation_ids()
    for utt in corpus.iter_utterances():
        back = again.get_utterance(utt.id)
        assert (back.speaker.id, back.reply_to, back.timestamp, back.text, dict(back.meta)) == \
            (utt.speaker.id, utt.reply_to, utt.timestamp, utt.text, dict(utt.meta))
    for conv in corpus.iter_conversations():
        assert dict(again.get_conversation(conv.id).meta) == dict(conv.meta)


def test_a_dated_partly_timed_session_written_directly(tmp_path):
    """Without a batch: a session with a date, one utterance without a start (so the index orders it), and a
    speaker with no utterance (left out of speakers.json: ConvoKit knows speakers by their utterances)."""
    t = "therapist"
    utterances = (
        Utterance(index=0, turn_index=0, speaker="T", role=t, text="How was the week?", start=0.0, end=2.0,
                  markers=(MarkerScore(marker="open_question", probability=0.9, decision=True),)),
        Utterance(index=1, turn_index=1, speaker="C", role="client", text="Hard.", start=None, end=None,
                  markers=(MarkerScore(marker="change_talk", probability=0.1, decision=False),)),
    )
    session = Session(meta=SessionMeta(session_id="s1", date="2026-01-12", duration=4.0),
                      turns=(Turn(index=0, speaker="T", text="How was the week?", start=0.0, end=2.0, role=t),
                             Turn(index=1, speaker="C", text="Hard.", role="client")),
                      speakers=(Speaker(label="T", role=t), Speaker(label="C", role="client"),
                                Speaker(label="Observer", role=None)),
                      utterances=utterances)
    (tmp_path / "sessions" / "s1").mkdir(parents=True)
    (tmp_path / "sessions" / "s1" / "session.json").write_text(json.dumps(session.to_dict()), encoding="utf-8")
    folder = write_convokit(tmp_path, [tmp_path / "sessions" / "s1"], "tiny")
    corpus, printed = load(folder, tmp_path / "home")
    assert "WARNING" not in printed, printed
    assert [u.timestamp for u in corpus.get_conversation("s1:0").get_chronological_utterance_list()] == [0, 1]
    assert corpus.get_utterance("s1:1").meta["start"] is None
    assert corpus.get_utterance("s1:0").meta["open_question"] == 1
    assert corpus.get_utterance("s1:1").meta["change_talk_p"] == 0.1
    assert corpus.get_conversation("s1:0").meta["date"] == "2026-01-12"
    assert corpus.get_conversation("s1:0").meta["alliance_index"] is None  # no metrics yet
    assert sorted(corpus.get_speaker_ids()) == ["s1:C", "s1:T"]
    assert sorted(json.loads((folder / "speakers.json").read_text())) == ["s1:C", "s1:T"]
