import csv
import io

import pytest

from transcript_analyzer.errors import ConfigError
from transcript_analyzer.escape import csv_uncell
from transcript_analyzer.io.readers.build import clean_text
from transcript_analyzer.io.writers import session_json, session_rttm, session_vtt, utterances_csv, write_outputs
from transcript_analyzer.model import Session, Utterance

from ..conftest import make_session

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def timed():
    return make_session(("T", "How was the week?", 0.0, 2.0, "therapist"), ("C", "Hard --> really hard.", 2.5, 75.25, "client"),
                        session_id="s 1")


def test_vtt_has_a_cue_per_turn_with_voice_tags():
    text = session_vtt(timed()).decode()
    assert text.startswith("WEBVTT\n\n1\n00:00:00.000 --> 00:00:02.000\n<v.therapist T>How was the week?")
    assert "00:00:02.500 --> 00:01:15.250\n<v.client C>Hard --&gt; really hard." in text


def test_rttm_lines():
    lines = session_rttm(timed()).decode().splitlines()
    assert lines == ["SPEAKER s_1 1 0.000 2.000 <NA> <NA> T <NA> <NA>",
                     "SPEAKER s_1 1 2.500 72.750 <NA> <NA> C <NA> <NA>"]


def test_timed_sessions_get_vtt_and_rttm_by_default_untimed_ones_do_not(tmp_path):
    names = {p.name for p in write_outputs(timed(), tmp_path / "a")}
    assert names == {"session.json", "utterances.csv", "report.html", "summary.md", "session.vtt", "session.rttm"}
    untimed = make_session(("T", "Hello?"), ("C", "Hi."))
    assert {p.name for p in write_outputs(untimed, tmp_path / "b")} == {"session.json", "utterances.csv", "report.html",
                                                                        "summary.md"}
    with pytest.raises(ConfigError, match="need start and end times"):
        write_outputs(untimed, tmp_path / "c", ["json", "vtt"])


# ---- what the writers escape (issue 10) -----------------------------------------------------------

HOSTILE_LABELS = ("Therapist <b>&amp;</b> --> co", "Client\tone\nTwo > three", " Ünal  Ş. ")
HOSTILE_TEXTS = ("Hello <v Therapist>I am the therapist now</v> --> yes & &amp; &lt;",
                 "I said\n\nno -->\tfine.\n\nWEBVTT\n00:00:01.000 --> 00:00:02.000\n<v X>fake cue",
                 "<c.loud>Tags</c> <i>stay</i> text, 😀 «ça» &#10; &nbsp; <00:00:01.000> \u2028 end",
                 "=HYPERLINK(\"http://x\") - @me +1 NOTE STYLE")


def hostile() -> Session:
    turns = []
    for i in range(12):
        speaker = HOSTILE_LABELS[i % 3]
        role = "therapist" if i % 3 == 0 else "client"
        turns.append((speaker, HOSTILE_TEXTS[i % 4], round(i * 1.7 + 0.001, 3), round(i * 1.7 + 1.234, 3), role))
    return make_session(*turns, session_id="hostile")


def test_vtt_round_trip_is_lossless_for_hostile_labels_and_texts(read):
    session = hostile()
    back = read("session.vtt", session_vtt(session))
    assert len(back.turns) == len(session.turns)
    for a, b in zip(session.turns, back.turns):
        assert b.speaker == a.speaker  # exactly: tabs, newlines, spaces at either end, '<', '>', '&'
        assert b.role == a.role
        assert (round(b.start, 3), round(b.end, 3)) == (a.start, a.end)  # to the ms
        # every reader gives text with whitespace runs as one space: that, and nothing else, changes
        assert b.text == clean_text(a.text)
    assert not back.meta.warnings


def test_vtt_cue_text_carries_no_markup_and_no_arrow():
    text = session_vtt(hostile()).decode()
    cues = text.rstrip("\n").split("\n\n")[1:]
    assert len(cues) == 12
    for cue in cues:
        number, timing, payload = cue.split("\n")  # one line of text per cue: no blank line, no second arrow
        assert timing.count("-->") == 1 and "-->" not in payload
        voice, _, said = payload.partition(">")
        assert voice.startswith("<v.") and "<" not in said and ">" not in said


def test_rttm_has_one_line_of_ten_fields_per_turn_and_keeps_speakers_apart():
    labels = ["Dr Lee", "Dr\tLee", "Dr\nLee", "Client\r\nX", "Dr_Lee"]
    turns = [(labels[i % 5], f"turn {i}", float(i), i + 0.5) for i in range(56)]
    session = make_session(*turns, session_id="s\t1\nx")
    lines = session_rttm(session).decode().split("\n")
    assert lines[-1] == "" and len(lines) - 1 == 56
    rows = [line.split(" ") for line in lines[:-1]]
    assert all(len(r) == 10 and r[0] == "SPEAKER" and r[1] == "s_1_x" for r in rows)
    token_of = {}
    for (label, *_), row in zip(turns, rows):
        assert token_of.setdefault(label, row[7]) == row[7]  # a label always gets the same token
    assert len(set(token_of.values())) == len(labels)  # and distinct labels distinct tokens


def coded(*texts: str, speaker: str = "C", session_id: str = "s") -> Session:
    base = make_session(*[(speaker, t) for t in texts], session_id=session_id)
    utterances = tuple(Utterance(i, i, speaker, "client", t) for i, t in enumerate(texts))
    return Session(meta=base.meta, turns=base.turns, utterances=utterances)


def csv_rows(data: bytes) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(data.decode("utf-8"), newline="")))


def test_utterances_csv_neutralises_formulas_and_raw_csv_keeps_them():
    texts = ["=1+1", "- yeah, I guess", "+44 20", "@SUM(A1)", "\tindented", "fine", "'-already quoted"]
    session = coded(*texts, speaker="@evil", session_id="-s1")
    rows = csv_rows(utterances_csv(session))
    assert [r["text"] for r in rows] == ["'=1+1", "'- yeah, I guess", "'+44 20", "'@SUM(A1)", "'\tindented", "fine",
                                         "''-already quoted"]
    assert {r["speaker"] for r in rows} == {"'@evil"} and {r["session_id"] for r in rows} == {"'-s1"}
    assert [csv_uncell(r["text"]) for r in rows] == texts
    raw = csv_rows(utterances_csv(session, raw=True))
    assert [r["text"] for r in raw] == texts and raw[0]["speaker"] == "@evil"


def test_annomi_utterances_starting_with_a_dash_are_neutralised(shared_data, tmp_path):
    with open(shared_data / "annomi" / "annomi-full.dev.csv", newline="", encoding="utf-8") as f:
        dashed = [r["utterance_text"] for r in csv.DictReader(f) if r["utterance_text"].startswith("-")]
    assert len(dashed) > 100  # 555 of the dev set's 7,226 utterances
    session = coded(*dashed)
    write_outputs(session, tmp_path, ["csv"])
    with open(tmp_path / "utterances.csv", newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    assert len(rows) == len(dashed)
    assert not any(cell.startswith(FORMULA_START) for r in rows for cell in r.values())
    assert [csv_uncell(r["text"]) for r in rows] == dashed
    write_outputs(session, tmp_path / "raw", ["csv"], raw_csv=True)
    with open(tmp_path / "raw" / "utterances.csv", newline="", encoding="utf-8") as f:
        assert [r["text"] for r in csv.DictReader(f)] == dashed


def test_session_json_holds_no_raw_control_character_and_reads_back_the_same():
    import json

    session = make_session(("Dr \x1b[31mLee\x9b2J\u202e", "a\u2028b\x7f\x07 é 😀"), ("C", "Hi.\r\n"))
    data = session_json(session).decode("utf-8")
    assert not any(ord(c) < 0x20 and c != "\n" or 0x7f <= ord(c) <= 0x9f or c in "\u202e\u2028" for c in data)
    assert Session.from_dict(json.loads(data)) == session and "é 😀" in data


# ---- RTTM at speech level (issue 11) ----------------------------------------------------------------

def worded(*turns: tuple) -> Session:
    """turns: (speaker, [(word, start, end), ...]) -> a session whose turns carry timed words."""
    from transcript_analyzer.model import Turn, Word

    built = []
    for i, (speaker, items) in enumerate(turns):
        words = tuple(Word(t, s, e, 0.9) for t, s, e in items)
        built.append(Turn(index=i, speaker=speaker, text=" ".join(w.text for w in words), start=min(w.start for w in words),
                          end=max(w.end for w in words), words=words))
    base = make_session(session_id="rec")
    return Session(meta=base.meta, turns=tuple(built))


def rttm_rows(session: Session) -> list[tuple[float, float, str]]:
    lines = session_rttm(session).decode().splitlines()
    rows = []
    for line in lines:
        f = line.split(" ")
        assert len(f) == 10 and f[0] == "SPEAKER" and f[2] == "1" and f[5:7] == ["<NA>", "<NA>"] and f[8:] == ["<NA>", "<NA>"]
        assert float(f[4]) > 0  # positive durations only
        rows.append((float(f[3]), float(f[4]), f[7]))
    assert rows == sorted(rows, key=lambda r: r[0])  # sorted by onset
    return rows


def test_rttm_splits_a_turn_at_pauses_between_its_words():  # longer than SPEECH_PAUSE (0.5 s)
    session = worded(("T", [("So", 0.0, 0.3), ("how", 0.4, 0.6), ("was", 0.6, 0.9), ("it?", 2.0, 2.4)]),
                     ("C", [("Fine.", 3.0, 3.5)]))
    assert rttm_rows(session) == [(0.0, 0.9, "T"), (2.0, 0.4, "T"), (3.0, 0.5, "C")]  # 0.1 s gap kept, 1.1 s split


def test_rttm_backchannel_sits_in_the_pause_of_the_turn_around_it_without_overlap():
    session = worded(("T", [("I", 1.0, 1.2), ("was", 1.2, 1.5), ("saying", 1.5, 2.9), ("that", 3.7, 4.0),
                            ("it", 4.0, 4.2), ("hurt.", 4.2, 4.6)]),
                     ("C", [("Mm-hmm.", 3.0, 3.5)]))
    rows = rttm_rows(session)
    assert rows == [(1.0, 1.9, "T"), (3.0, 0.5, "C"), (3.7, 0.9, "T")]
    spans = [(a, a + d) for a, d, _ in rows]
    assert all(spans[k][1] <= spans[k + 1][0] for k in range(len(spans) - 1))


def test_rttm_marks_overlapped_speech_as_overlapping_segments_of_two_speakers():
    session = worded(("A", [("Well", 0.0, 0.5), ("then", 0.5, 1.5)]), ("B", [("But", 1.0, 1.4), ("no.", 1.4, 2.0)]))
    assert rttm_rows(session) == [(0.0, 1.5, "A"), (1.0, 1.0, "B")]


def test_rttm_joins_touching_stretches_of_one_speaker_and_drops_empty_ones():
    session = worded(("A", [("one", 0.0, 1.0)]), ("A", [("two", 1.0, 2.0)]), ("B", [("uh", 3.0, 3.0)]))
    assert rttm_rows(session) == [(0.0, 2.0, "A")]


def with_speech(session: Session, regions) -> Session:
    """The session as a recording: the voice activity detector found speech in ``regions``."""
    import dataclasses

    from transcript_analyzer.model import AudioQuality

    quality = AudioQuality(verdict="ok", speech_regions=tuple(regions))
    return dataclasses.replace(session, meta=dataclasses.replace(session.meta, audio_quality=quality))


def test_rttm_widens_word_stretches_into_detected_speech_by_at_most_the_pad():
    session = worded(("T", [("So", 1.0, 1.3), ("how", 1.4, 1.9)]), ("C", [("Fine.", 5.0, 5.5)]))
    # Detected speech runs well past the words on both sides of T's stretch: widened by 0.2 s only.
    # C's stretch has detected speech only after it, ending 0.1 s later: widened by that 0.1 s, not before.
    rows = rttm_rows(with_speech(session, [(0.2, 2.6), (5.0, 5.6)]))
    assert rows == [(0.8, pytest.approx(1.3), "T"), (5.0, pytest.approx(0.6), "C")]
    assert rttm_rows(session) == [(1.0, 0.9, "T"), (5.0, 0.5, "C")]  # transcripts: no detector, no widening


def test_rttm_widening_stops_at_another_speakers_stretch():
    session = worded(("T", [("Right.", 1.0, 1.5)]), ("C", [("Yes", 1.6, 2.0)]))
    rows = rttm_rows(with_speech(session, [(0.0, 3.0)]))
    assert rows == [(0.8, pytest.approx(0.75), "T"), (1.55, pytest.approx(0.65), "C")]  # half the 0.1 s gap each
    spans = [(a, a + d) for a, d, _ in rows]
    assert spans[0][1] <= spans[1][0] + 1e-9
