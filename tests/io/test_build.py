"""What every reader shares: time parsing, merging entries into turns, label checks, provenance."""

from __future__ import annotations

import pytest

from transcript_analyzer import __version__
from transcript_analyzer.errors import InputError
from transcript_analyzer.io.readers.build import Entry, build_session, parse_time
from transcript_analyzer.io.readers.source import Source
from transcript_analyzer.model import Word

from .helpers import said


@pytest.mark.parametrize(
    ("value", "seconds"),
    [
        ("00:12:03", 723.0), ("12:03", 723.0), ("1:02:03", 3723.0), ("0:03", 3.0),
        ("00:00:01.5", 1.5), ("00:00:01,25", 1.25), ("00:00:01.125", 1.125), (" 00:01 ", 1.0),
        ("42", 42.0), ("3.75", 3.75), ("0", 0.0),
    ],
)
def test_parse_time(value, seconds):
    assert parse_time(value) == pytest.approx(seconds)


@pytest.mark.parametrize("value", ["", "soon", "-3", "12:3", "1:2:3:4", "12h03", "nan", "inf", "-inf", "1e400"])
def test_parse_time_rejects(value):
    assert parse_time(value) is None


@pytest.fixture
def source(write):
    return Source.open(write("session.txt", "Therapist: placeholder\n"))


def test_build_merges_consecutive_entries_of_one_speaker(source):
    words = (Word("a", 0.0, 0.5), Word("b", 1.0, 1.5))
    session = build_session([
        Entry("T", "One.", 0.0, 1.0, line=1, words=words[:1]),
        Entry("T", "  Two.  ", 1.0, 3.0, line=2, words=words[1:]),
        Entry("C", "Three.", 3.0, None, line=3),
        Entry("C", "", 4.0, 9.0, line=4),  # empty text: dropped before merging
        Entry("T", "Four.", 5.0, 6.0, line=5),
    ], source, "txt", warnings=["careful"], session_id="s-1", encoding="utf-8")
    assert said(session) == [("T", "One. Two."), ("C", "Three."), ("T", "Four.")]
    assert [(t.start, t.end, t.source_line) for t in session.turns] == [(0.0, 3.0, 1), (3.0, None, 3), (5.0, 6.0, 5)]
    assert session.turns[0].words == words
    meta = session.meta
    assert (meta.session_id, meta.source_format, meta.source_encoding) == ("s-1", "txt", "utf-8")
    assert meta.duration == 6.0
    assert meta.warnings == ("careful",)
    assert meta.source_sha256 == source.sha256
    assert meta.tool_version == __version__


def test_build_splits_turns_when_the_role_changes(source):
    session = build_session([Entry("A", "x", role="therapist"), Entry("A", "y", role="client")], source, "csv")
    assert [(t.speaker, t.role) for t in session.turns] == [("A", "therapist"), ("A", "client")]


def test_build_without_times_has_no_duration(source):
    session = build_session([Entry("T", "x"), Entry("C", "y")], source, "txt")
    assert session.meta.duration is None
    assert session.meta.session_id == "session"  # the file stem


def test_build_with_no_text_at_all(source):
    with pytest.raises(InputError, match=r"no speech turns found \(read as csv\)") as info:
        build_session([Entry("T", "  "), Entry("C", "")], source, "csv")
    assert str(source.path) in str(info.value)


def test_build_rejects_unknown_roles(source):
    with pytest.raises(InputError, match=r"unknown role\(s\) boss"):
        build_session([Entry("T", "x", role="boss"), Entry("C", "y", role="client")], source, "csv")


# --- labels that never repeat ---------------------------------------------------------------------


def test_labels_that_never_repeat_in_text(read_fails):
    error = read_fails("s.txt", "Ann: one\nBob: two\nCat: three\nDan: four\nEve: five\n", r"never repeat")
    assert "5 labels on 5 turns" in str(error)


def test_labels_that_never_repeat_in_a_csv(read_fails):
    rows = "".join(f"{name},line {i}\n" for i, name in enumerate(["A1", "B2", "C3", "D4"]))
    read_fails("s.csv", "speaker,text\n" + rows, r"never repeat")


def test_two_distinct_labels_are_fine(read):
    assert said(read("s.txt", "Ann: Hello.\nBob: Hi.\n")) == [("Ann", "Hello."), ("Bob", "Hi.")]


def test_only_one_speaker_is_left_to_the_roles_stage(read):
    session = read("s.txt", "Sam: I talked to myself.\nSam: Nobody answered.\n")
    assert said(session) == [("Sam", "I talked to myself. Nobody answered.")]
    csv_session = read("s.csv", "speaker,text\nSam,One\nSam,Two\n")
    assert said(csv_session) == [("Sam", "One Two")]


# --- near-identical labels -------------------------------------------------------------------------


def test_label_key_ignores_case_spacing_and_punctuation():
    from transcript_analyzer.io.readers.checks import label_key

    assert len({label_key(x) for x in ["Dr. Lee", "Dr Lee", "DR  LEE", "dr.lee", "Dr. Lee "]}) == 1
    assert label_key("SPEAKER_00") == label_key("Speaker 00")
    assert len({label_key(x) for x in ["Client 1", "Client 2", "T", "C", "Dr. Lee", "Dr. Li", "Ann", "Anne"]}) == 8


def test_label_variants_take_the_most_used_spelling_with_a_warning(source):
    session = build_session([
        Entry("Dr Lee", "a", line=1), Entry("Sam", "b", line=2), Entry("Dr. Lee", "c", line=3),
        Entry("Sam", "d", line=4), Entry("DR. LEE", "e", line=5), Entry("sam", "f", line=6),
        Entry("Dr. Lee", "g", line=7), Entry("Sam", "h", line=8),
    ], source, "txt")
    assert [t.speaker for t in session.turns] == ["Dr. Lee", "Sam"] * 4
    assert session.meta.warnings == (
        "speaker labels 'Dr Lee' (1 line) and 'DR. LEE' (1 line) taken as 'Dr. Lee' (2 lines): "
        "they differ only in case, spacing or punctuation",
        "speaker label 'sam' (1 line) taken as 'Sam' (3 lines): they differ only in case, spacing or punctuation",
    )


def test_different_speakers_are_not_merged(source):
    labels = ["Client 1", "Client 2", "T", "C", "Client 1", "Client 2", "T", "C"]
    session = build_session([Entry(label, "x") for label in labels], source, "txt")
    assert [t.speaker for t in session.turns] == labels
    assert session.meta.warnings == ()


def test_label_variants_with_different_stated_roles_stay_apart(source):
    session = build_session([Entry("A", "x", role="therapist"), Entry("a", "y", role="client"),
                             Entry("A", "z", role="therapist")], source, "csv")
    assert [t.speaker for t in session.turns] == ["A", "a", "A"]
    assert session.meta.warnings == ()


def test_a_session_files_speaker_list_follows_the_merge(source):
    from transcript_analyzer.model import Speaker

    speakers = (Speaker("Dr. Lee", role="therapist"), Speaker("Dr Lee", role="therapist"), Speaker("Sam", role="client"))
    session = build_session([Entry("Dr. Lee", "a"), Entry("Sam", "b"), Entry("Dr Lee", "c"), Entry("Dr. Lee", "d")],
                            source, "json", speakers=speakers)
    assert [s.label for s in session.speakers] == ["Dr. Lee", "Sam"]
    assert {t.speaker for t in session.turns} == {"Dr. Lee", "Sam"}


# --- times running backwards -----------------------------------------------------------------------


def test_entries_starting_before_the_one_before_them_are_named(source):
    starts = [0.0, 5.0, 3.0, 6.0, 10.0, 8.0, 7.0, 12.0]
    session = build_session([Entry("TC"[i % 2], f"x{i}", start=s, line=10 * (i + 1)) for i, s in enumerate(starts)],
                            source, "vtt")
    assert [t.start for t in session.turns] == starts  # the file's order is kept
    assert session.meta.warnings == (
        "3 cues start earlier than the cue before them (lines 30, 60, 70); kept in file order, so response "
        "times and silences there may be wrong: check the times",
    )


def test_equal_starts_and_untimed_entries_are_not_out_of_order(source):
    session = build_session([Entry("T", "a", start=1.0), Entry("C", "b", start=1.0), Entry("T", "c"),
                             Entry("C", "d", start=2.0)], source, "csv")
    assert session.meta.warnings == ()


# --- turn length ----------------------------------------------------------------------------------


def test_a_turn_over_the_limit_is_refused_naming_its_line(source):
    entries = [Entry("T", "Hi.", line=1), Entry("C", "word " * 30, line=2), Entry("C", "more " * 30, line=3),
               Entry("T", "Ok.", line=4)]
    with pytest.raises(InputError, match=r"line 2: one turn \(C\) is 299 characters long, over the 200 limit") as info:
        build_session(entries, source, "txt", max_turn_chars=200)
    assert "read.max_turn_chars" in str(info.value)
    assert len(build_session(entries, source, "txt", max_turn_chars=299).turns) == 3

