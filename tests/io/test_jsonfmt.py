"""JSON transcripts: our own session.json, WhisperX segments, lists of turns."""

from __future__ import annotations

import json

from transcript_analyzer.model import Session, SessionMeta, Speaker, Turn, Utterance, Word

from .helpers import said, starts


def hand_made_session() -> Session:
    return Session(
        meta=SessionMeta(session_id="intake-07", source_format="txt", warnings=("old warning",)),
        turns=(
            Turn(0, "Dr. Lee", "Hello.", 1.0, 2.0, "therapist", (Word("Hello.", 1.0, 2.0, 0.9),), 3),
            Turn(1, "Sam", "Hi there.", 2.5, 3.0, "client"),
            Turn(2, "Dr. Lee", "How are you?", 4.0, None, "therapist"),
        ),
        speakers=(Speaker("Dr. Lee", "therapist", "model", 0.91), Speaker("Sam", "client", "model", 0.09)),
        utterances=(Utterance(0, 0, "Dr. Lee", "therapist", "Hello.", 1.0, 2.0, "turn"),),
    )


# --- our own schema ------------------------------------------------------------------------------


def test_session_json_round_trip_keeps_turns_and_roles(read):
    original = hand_made_session()
    session = read("session.json", json.dumps(original.to_dict()))
    assert said(session) == said(original)
    assert [(t.start, t.end, t.role, t.source_line) for t in session.turns] == [
        (1.0, 2.0, "therapist", 3), (2.5, 3.0, "client", None), (4.0, None, "therapist", None),
    ]
    assert session.turns[0].words == (Word("Hello.", 1.0, 2.0, 0.9),)
    assert [(s.label, s.role, s.role_source) for s in session.speakers] == [
        ("Dr. Lee", "therapist", "input"), ("Sam", "client", "input"),
    ]
    assert session.meta.session_id == "intake-07"
    assert session.meta.source_format == "json"
    # Derived parts are recomputed by later stages, not carried over.
    assert session.utterances == ()
    assert session.metrics is None


def test_session_json_speakers_without_a_role_are_dropped(read):
    data = hand_made_session().to_dict()
    data["speakers"] = [{"label": "Dr. Lee", "role": None}, {"label": "Sam", "role": "client", "role_source": "user"}]
    session = read("session.json", json.dumps(data))
    assert [(s.label, s.role, s.role_source) for s in session.speakers] == [("Sam", "client", "input")]


def test_invalid_session_json_names_the_field(read_fails):
    data = hand_made_session().to_dict()
    data["turns"][0]["bogus"] = 1
    error = read_fails("session.json", json.dumps(data), r"not a valid session file")
    assert "turns[0]" in str(error) and "bogus" in str(error)


# --- WhisperX ------------------------------------------------------------------------------------

WHISPERX = {
    "segments": [
        {"start": 0.5, "end": 2.0, "text": " Hello there.", "speaker": "SPEAKER_00",
         "words": [{"word": "Hello", "start": 0.5, "end": 1.0, "score": 0.9, "speaker": "SPEAKER_00"},
                   {"word": " there.", "start": 1.1, "end": 2.0, "probability": 0.8}]},
        {"start": 2.5, "end": 3.0, "text": " Hi.", "speaker": "SPEAKER_01",
         "words": [{"word": "Hi.", "start": 2.5, "end": 3.0}]},
        {"start": 3.5, "end": 4.0, "text": " How are you?", "speaker": "SPEAKER_00", "words": []},
    ],
    "language": "en",
}


def test_whisperx_segments_with_words(read):
    session = read("whisperx.json", json.dumps(WHISPERX))
    assert said(session) == [("SPEAKER_00", "Hello there."), ("SPEAKER_01", "Hi."), ("SPEAKER_00", "How are you?")]
    assert [(t.start, t.end) for t in session.turns] == [(0.5, 2.0), (2.5, 3.0), (3.5, 4.0)]
    assert session.turns[0].words == (Word("Hello", 0.5, 1.0, 0.9), Word("there.", 1.1, 2.0, 0.8))
    assert session.turns[1].words == (Word("Hi.", 2.5, 3.0, None),)
    assert session.turns[2].words == ()
    assert session.meta.duration == 4.0
    assert session.meta.warnings == ()


def test_whisperx_segments_missing_a_speaker_are_filled_with_a_warning(read):
    data = {"segments": [
        {"start": 0.0, "end": 1.0, "text": "Hello.", "speaker": "SPEAKER_00"},
        {"start": 1.0, "end": 2.0, "text": "Hi.", "speaker": "SPEAKER_01"},
        # no speaker: the words' majority speaker decides
        {"start": 2.0, "end": 3.0, "text": "How are you?", "words": [
            {"word": "How", "speaker": "SPEAKER_00"}, {"word": "are", "speaker": "SPEAKER_00"},
            {"word": "you?", "speaker": "SPEAKER_01"}]},
        # no speaker, no word speakers: the previous segment's speaker
        {"start": 3.0, "end": 4.0, "text": "Take your time.", "speaker": None},
        {"start": 4.0, "end": 5.0, "text": "Fine.", "speaker": "SPEAKER_01"},
    ]}
    session = read("whisperx.json", json.dumps(data))
    assert said(session) == [("SPEAKER_00", "Hello."), ("SPEAKER_01", "Hi."),
                             ("SPEAKER_00", "How are you? Take your time."), ("SPEAKER_01", "Fine.")]
    assert (session.turns[2].start, session.turns[2].end) == (2.0, 4.0)
    assert any("2 segment(s) had no speaker" in w for w in session.meta.warnings)


def test_whisperx_segments_without_any_speaker(read_fails):
    data = {"segments": [{"start": 0, "end": 1, "text": "Hello."}, {"start": 1, "end": 2, "text": "Hi."}]}
    error = read_fails("whisperx.json", json.dumps(data), r"no speaker labels")
    assert "diarization" in str(error)


def test_whisperx_words_that_are_not_objects(read_fails):
    data = {"segments": [{"start": 0, "end": 1, "text": "Hello.", "speaker": "A", "words": ["Hello."]},
                         {"start": 1, "end": 2, "text": "Hi.", "speaker": "B"}]}
    read_fails("whisperx.json", json.dumps(data), r"words must be objects")


# --- lists of turns -----------------------------------------------------------------------------


def test_bare_list_of_speaker_text_objects(read):
    data = [{"speaker": "T", "text": "Hello"}, {"speaker": "C", "text": "Hi"}, {"speaker": "T", "text": "How?"}]
    session = read("turns.json", json.dumps(data, indent=2))
    assert said(session) == [("T", "Hello"), ("C", "Hi"), ("T", "How?")]
    assert [t.source_line for t in session.turns] == [1, 2, 3]  # position in the list


def test_turns_object_with_times_and_roles(read):
    data = {"turns": [{"speaker": "Dr Lee", "role": "therapist", "text": "Hello", "start": "00:00:01", "end": 2},
                      {"speaker": "Sam", "role": "client", "text": "Hi", "start": 2.5}]}
    session = read("turns.json", json.dumps(data))
    assert [(t.speaker, t.role) for t in session.turns] == [("Dr Lee", "therapist"), ("Sam", "client")]
    assert starts(session) == [1.0, 2.5]
    assert session.turns[0].end == 2.0


def test_json_list_with_a_bad_time(read):
    data = [{"speaker": "T", "text": "Hello", "start": 0}, {"speaker": "C", "text": "Hi", "start": "later"}]
    session = read("turns.json", json.dumps(data))
    assert "malformed time 'later' in column start (item 2)" in session.meta.warnings[0]
    assert [t.start for t in session.turns] == [0.0, 0.0]


def test_json_infinity_is_not_a_time(read_fails):
    # Python's json module accepts the non-standard Infinity literal.
    text = '[{"speaker": "T", "text": "Hello", "start": Infinity}, {"speaker": "C", "text": "Hi", "start": Infinity}]'
    error = read_fails("turns.json", text, r"malformed time 'inf' in column start; most of the file's times "
                                           r"are malformed \(2 of 2 segments: items 1-2\)")
    assert "--columns start=FIELD" in str(error)


def test_json_utf8_bom(read):
    data = "\ufeff" + json.dumps([{"speaker": "T", "text": "Caf\u00e9"}, {"speaker": "C", "text": "Oui"}])
    assert said(read("turns.json", data.encode())) == [("T", "Caf\u00e9"), ("C", "Oui")]


# --- failures ---------------------------------------------------------------------------------


def test_truncated_json_names_the_line(read_fails):
    error = read_fails("turns.json", '[\n  {"speaker": "T", "text": "Hello"},\n  {"speaker": "C", "te', r"invalid JSON")
    assert error.line == 3
    assert "line 3" in str(error)


def test_json_of_the_wrong_shape(read_fails):
    for name, data in [("a.json", {"a": 1}), ("b.json", [1, 2, 3]), ("c.json", []), ("d.json", {"segments": []}),
                       ("e.json", "just a string")]:
        error = read_fails(name, json.dumps(data), r"unrecognised JSON layout")
        assert "segments" in str(error)


def test_json_list_without_a_text_field(read_fails):
    error = read_fails("turns.json", json.dumps([{"speaker": "T", "said": "Hello"}, {"speaker": "C", "said": "Hi"}]),
                       r"no text column")
    assert "said" in str(error)


def test_json_list_with_a_text_field_mapped_by_columns(read):
    data = [{"who": "T", "said": "Hello"}, {"who": "C", "said": "Hi"}]
    session = read("turns.json", json.dumps(data), columns=(("speaker", "who"), ("text", "said")))
    assert said(session) == [("T", "Hello"), ("C", "Hi")]


def test_word_speaker_ties_are_broken_by_first_seen_word(read):
    import json as _json

    data = {"segments": [
        {"speaker": "A", "start": 0.0, "end": 1.0, "text": "Hi there."},
        {"start": 1.0, "end": 2.0, "text": "x y", "words": [
            {"word": "x", "start": 1.0, "end": 1.5, "speaker": "B"}, {"word": "y", "start": 1.5, "end": 2.0, "speaker": "A"}]},
        {"speaker": "B", "start": 2.0, "end": 3.0, "text": "Ok."},
        {"speaker": "A", "start": 3.0, "end": 4.0, "text": "Fine."},
    ]}
    session = read("w.json", _json.dumps(data))
    assert [t.speaker for t in session.turns] == ["A", "B", "A"]


# --- nesting depth ------------------------------------------------------------------------------


def test_nesting_depth_counts_brackets_outside_strings():
    from transcript_analyzer.io.readers.jsonfmt import nesting_depth

    assert nesting_depth('{"a": [1, {"b": []}]}') == 4
    assert nesting_depth('{"text": "[[[{{{ not nesting"}') == 1
    assert nesting_depth(r'["a \"[[[\" b", "c\\", [1]]') == 2  # escaped quotes and a final backslash
    assert nesting_depth("3") == 0
    assert nesting_depth("[" * 500 + "]" * 500) == 500


def test_nesting_depth_is_linear_on_pathological_quotes():
    import time

    from transcript_analyzer.io.readers.jsonfmt import nesting_depth

    start = time.perf_counter()
    nesting_depth('"' + '\\"' * 200_000 + "\\")  # an unterminated string of escaped quotes
    nesting_depth('"\\' * 200_000)
    assert time.perf_counter() - start < 2.0


def test_json_nested_past_the_limit_is_refused_before_parsing(read_fails):
    error = read_fails("deep.json", "[" * 100_000 + "]" * 100_000, r"JSON nested 100,000 levels deep, over the limit of 64")
    assert "read.max_json_depth" in str(error)
    read_fails("deep.json", '{"turns": ' + "[" * 10 + "]" * 10 + "}", r"nested 11 levels deep, over the limit of 8",
               max_json_depth=8)


def test_json_nested_past_pythons_recursion_limit_is_an_input_error(read_fails):
    read_fails("deep.json", "[" * 5_000 + "]" * 5_000, r"nested too deeply for the parser", max_json_depth=100_000)


def test_a_session_json_nests_well_within_the_limit(read):
    session = hand_made_session()
    data = json.dumps(session.to_dict())
    from transcript_analyzer.io.readers.jsonfmt import nesting_depth

    assert nesting_depth(data) <= 8
    assert said(read("s.json", data))


def test_whisperx_segments_out_of_time_order_are_named_by_position(read):
    segments = [{"speaker": s, "text": t, "start": a, "end": a + 1}
                for s, t, a in [("A", "Hi.", 0), ("B", "Hello.", 8), ("A", "So.", 3), ("B", "Yes.", 9)]]
    session = read("s.json", json.dumps({"segments": segments}))
    assert session.meta.warnings == ("1 segment starts earlier than the segment before it (item 3); kept in file "
                                     "order, so response times and silences there may be wrong: check the times",)
