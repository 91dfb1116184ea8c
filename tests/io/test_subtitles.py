"""WebVTT and SRT subtitles."""

from __future__ import annotations

import pytest

from .helpers import said


def vtt(*cues: str, header: str = "WEBVTT") -> str:
    return header + "\n\n" + "\n\n".join(cues) + "\n"


def srt(*cues: tuple[str, str]) -> str:
    return "\n\n".join(f"{n}\n{timing}\n{text}" for n, (timing, text) in enumerate(cues, start=1)) + "\n"


# --- WebVTT voices -------------------------------------------------------------------------------


def test_voice_tags_with_and_without_closing_tag(read):
    session = read("s.vtt", vtt(
        "00:00:01.000 --> 00:00:03.500\n<v Dr. Lee>Hello there.</v>",
        "00:00:04.000 --> 00:00:06.000\n<v Sam>Hi.",
        "00:00:07.000 --> 00:00:08.000\n<v Dr. Lee>How are you?",
        "00:00:09.000 --> 00:00:10.000\n<v Sam>Fine.</v>",
    ))
    assert said(session) == [("Dr. Lee", "Hello there."), ("Sam", "Hi."), ("Dr. Lee", "How are you?"),
                             ("Sam", "Fine.")]
    assert [(t.start, t.end) for t in session.turns] == [(1.0, 3.5), (4.0, 6.0), (7.0, 8.0), (9.0, 10.0)]
    assert session.meta.source_format == "vtt"
    assert session.meta.duration == 10.0
    assert session.meta.warnings == ()


def test_voice_tag_with_a_class(read):
    session = read("s.vtt", vtt(
        "00:01.000 --> 00:02.000\n<v.loud Sam>Stop!</v>",
        "00:03.000 --> 00:04.000\n<v.first.loud Dr. Lee>Okay.",
    ))
    assert said(session) == [("Sam", "Stop!"), ("Dr. Lee", "Okay.")]


def test_other_tags_stripped_and_entities_unescaped(read):
    session = read("s.vtt", vtt(
        "00:01.000 --> 00:02.000\n<v T><b>Really</b> &amp; <i>truly</i> &lt;3 <c.yellow>yes</c>",
        "00:03.000 --> 00:04.000\n<v C><00:03.500>Me &quot;too&quot;",
    ))
    assert said(session) == [("T", "Really & truly <3 yes"), ("C", 'Me "too"')]


def test_note_style_and_region_blocks_and_cue_identifiers_are_ignored(read):
    session = read("s.vtt", vtt(
        "NOTE written by hand\nspanning two lines",
        "STYLE\n::cue { color: red }",
        "REGION\nid:left width:40%",
        "intro\n00:00:01.000 --> 00:00:02.000 align:start position:10%\n<v T>Hello.",
        "2\n00:00:03.000 --> 00:00:04.000\n<v C>Hi.",
        header="WEBVTT - session 4\nKind: captions\nLanguage: en",
    ))
    assert said(session) == [("T", "Hello."), ("C", "Hi.")]
    assert [t.source_line for t in session.turns] == [15, 19]  # the timing line of each cue


def test_name_prefixes_instead_of_voice_tags(read):
    session = read("s.vtt", vtt(
        "00:00:01.000 --> 00:00:03.500\nTherapist: Hello there,\nhow are you?",
        "00:00:04.000 --> 00:00:06.000\nClient: Hi.",
        "00:00:07.000 --> 00:00:08.000\nTherapist: Good.",
        "00:00:09.000 --> 00:00:10.000\nClient: Fine.",
    ))
    assert said(session) == [("Therapist", "Hello there, how are you?"), ("Client", "Hi."),
                             ("Therapist", "Good."), ("Client", "Fine.")]


def test_two_voices_in_one_cue_become_two_turns(read):
    session = read("s.vtt", vtt(
        "00:00:01.000 --> 00:00:02.000\n<v T>Hello.",
        "00:00:09.000 --> 00:00:10.000\n<v C>Hi.</v> <v T>Go on.</v>",
    ))
    assert said(session) == [("T", "Hello."), ("C", "Hi."), ("T", "Go on.")]
    assert [(t.start, t.end) for t in session.turns][1:] == [(9.0, 10.0), (9.0, 10.0)]


def test_consecutive_cues_of_one_speaker_merge_start_of_first_end_of_last(read):
    session = read("s.vtt", vtt(
        "00:00:01.000 --> 00:00:02.000\n<v T>One.",
        "00:00:02.500 --> 00:00:04.000\n<v T>Two.",
        "00:00:04.500 --> 00:00:06.250\n<v T>Three.",
        "00:00:07.000 --> 00:00:08.000\n<v C>Four.",
    ))
    assert said(session) == [("T", "One. Two. Three."), ("C", "Four.")]
    assert (session.turns[0].start, session.turns[0].end) == (1.0, 6.25)
    assert session.turns[0].source_line == 3


def test_unlabelled_cues_continue_the_previous_speaker_with_a_warning(read):
    session = read("s.vtt", vtt(
        "00:00:01.000 --> 00:00:02.000\n<v T>Hello.",
        "00:00:03.000 --> 00:00:04.000\n<v C>Hi, I wanted",
        "00:00:04.000 --> 00:00:05.000\nto talk about work.",
        "00:00:06.000 --> 00:00:07.000\n<v T>Go on.",
    ))
    assert said(session) == [("T", "Hello."), ("C", "Hi, I wanted to talk about work."), ("T", "Go on.")]
    assert session.turns[1].end == 5.0
    assert any("without a speaker label" in w and "previous speaker" in w for w in session.meta.warnings)


def test_unlabelled_cues_before_the_first_speaker_are_skipped_with_a_warning(read):
    session = read("s.vtt", vtt(
        "00:00:00.000 --> 00:00:01.000\n[music]",
        "00:00:01.000 --> 00:00:02.000\n<v T>Hello.",
        "00:00:03.000 --> 00:00:04.000\n<v C>Hi.",
    ))
    assert said(session) == [("T", "Hello."), ("C", "Hi.")]
    assert any("skipped" in w for w in session.meta.warnings)


def test_vtt_with_a_bom_and_crlf(read):
    data = vtt("00:01.000 --> 00:02.000\n<v T>Hello.", "00:03.000 --> 00:04.000\n<v C>Hi.")
    session = read("s.vtt", "\ufeff" + data.replace("\n", "\r\n"))
    assert said(session) == [("T", "Hello."), ("C", "Hi.")]


# --- WebVTT failures ---------------------------------------------------------------------------


def test_missing_webvtt_header(read_fails):
    error = read_fails("s.vtt", "00:00:01.000 --> 00:00:02.000\n<v T>Hello.\n", "WEBVTT")
    assert error.line == 1


def test_one_malformed_timing_line_is_a_warning_naming_the_line(read):
    session = read("s.vtt", vtt(
        "00:00:01.000 --> 00:00:02.000\n<v T>Hello.",
        "00:00:03.000 --> 00:0x:04.000\n<v C>Hi.",
        "00:00:05.000 --> 00:00:06.000\n<v T>How are you?",
    ))
    assert said(session) == [("T", "Hello."), ("C", "Hi."), ("T", "How are you?")]
    assert [(t.start, t.end) for t in session.turns] == [(1.0, 2.0), (2.0, 5.0), (5.0, 6.0)]  # between its neighbours
    assert session.meta.warnings == ("malformed cue timing '00:00:03.000 --> 00:0x:04.000' (line 6): the cue is kept, "
                                     "its time estimated from the cues around it",)


def test_cue_without_a_timing_arrow_is_a_malformed_timing(read, read_fails):
    session = read("s.vtt", vtt("00:00:01.000 --> 00:00:02.000\n<v T>Hello.", "00:00:03.000 -> 00:00:04.000\n<v C>Hi.",
                                "00:00:05.000 --> 00:00:06.000\n<v T>Bye."))
    assert said(session)[1] == ("C", "Hi.") and "'00:00:03.000 -> 00:00:04.000' (line 6)" in session.meta.warnings[0]
    error = read_fails("s.vtt", vtt("00:00:01.000 -> 00:00:02.000\n<v T>Hello."),
                       r"line 3: malformed cue timing '00:00:01.000 -> 00:00:02.000'; most of the file's times")
    assert error.line == 3


def test_cue_ending_before_it_starts(read, read_fails):
    session = read("s.vtt", vtt("00:00:01.000 --> 00:00:02.000\n<v T>Hello.", "00:00:05.000 --> 00:00:03.500\n<v C>Hi.",
                                "00:00:06.000 --> 00:00:07.000\n<v T>Bye."))
    assert "(ends before it starts) (line 6)" in session.meta.warnings[0]
    assert session.turns[1].start == 2.0 and session.turns[1].end == 6.0
    read_fails("s.vtt", vtt("00:00:05.000 --> 00:00:03.500\n<v T>Hello."), r"ends before it starts")


def test_no_cues_at_all(read_fails):
    read_fails("s.vtt", "WEBVTT\n\nNOTE nothing here\n", "no subtitle cues")


def test_no_speakers_at_all(read_fails):
    read_fails("s.vtt", vtt("00:00:01.000 --> 00:00:02.000\nHello.", "00:00:03.000 --> 00:00:04.000\nHi."),
               r"no speaker labels")


# --- SRT ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("form", "labels"),
    [
        pytest.param("{name}: {text}", ("Therapist", "Client"), id="name-colon"),
        pytest.param("[{name}] {text}", ("Dr. Lee", "Sam"), id="brackets"),
        pytest.param("({name}) {text}", ("Dr. Lee", "Sam"), id="parens"),
        pytest.param(">> {name}: {text}", ("THERAPIST", "CLIENT"), id="chevrons"),
    ],
)
def test_srt_speaker_forms(read, form, labels):
    a, b = labels
    timings = ["00:00:01,000 --> 00:00:03,500", "00:00:04,000 --> 00:00:06,250",
               "00:00:07,000 --> 00:00:08,000", "00:00:09,000 --> 00:00:10,125"]
    texts = [(a, "Hello."), (b, "Hi."), (a, "How are you?"), (b, "Fine.")]
    session = read("s.srt", srt(*((t, form.format(name=n, text=x)) for t, (n, x) in zip(timings, texts))))
    assert said(session) == texts
    assert [(t.start, t.end) for t in session.turns] == [(1.0, 3.5), (4.0, 6.25), (7.0, 8.0), (9.0, 10.125)]
    assert [t.source_line for t in session.turns] == [2, 6, 10, 14]
    assert session.meta.source_format == "srt"


def test_srt_multiline_cue_text_and_tags(read):
    session = read("s.srt", srt(
        ("00:00:01,000 --> 00:00:03,500", "Therapist: <i>Hello</i> there,\nhow are you?"),
        ("00:00:04,000 --> 00:00:06,250", "Client: Hi."),
        ("00:00:07,000 --> 00:00:08,000", "and thanks."),
    ))
    assert said(session) == [("Therapist", "Hello there, how are you?"), ("Client", "Hi. and thanks.")]


def test_srt_malformed_timing(read, read_fails):
    session = read("s.srt", srt(("00:00:01,000 --> 00:00:03,500", "T: Hi."),
                                ("00:00:0x,000 --> 00:00:05,000", "C: Yo.")))
    assert "malformed cue timing '00:00:0x,000 --> 00:00:05,000' (line 6)" in session.meta.warnings[0]
    read_fails("s.srt", srt(("00:00:0x,000 --> 00:00:03,500", "T: Hi."), ("00:00:0x,000 --> 00:00:05,000", "C: Yo.")),
               r"line 2: malformed cue timing .*most of the file's times are malformed \(2 of 2 cues: lines 2, 6\)")


# --- cue order ---------------------------------------------------------------------------------


def test_out_of_order_vtt_cues_are_named_and_kept_in_file_order(read):
    session = read("s.vtt", vtt(
        "00:00:05.000 --> 00:00:06.000\n<v T>Hello.",
        "00:00:01.000 --> 00:00:02.000\n<v C>Hi.",
        "00:00:07.000 --> 00:00:08.000\n<v T>How are you?",
        "00:00:09.000 --> 00:00:10.000\n<v C>Fine.",
    ))
    assert said(session) == [("T", "Hello."), ("C", "Hi."), ("T", "How are you?"), ("C", "Fine.")]
    assert session.meta.warnings == ("1 cue starts earlier than the cue before it (line 6); kept in file order, "
                                     "so response times and silences there may be wrong: check the times",)


def test_out_of_order_srt_cues_are_named(read):
    session = read("s.srt", srt(
        ("00:00:01,000 --> 00:00:02,000", "T: Hello."),
        ("00:01:00,000 --> 00:01:02,000", "C: Hi."),
        ("00:00:03,000 --> 00:00:04,000", "T: How are you?"),
        ("00:00:05,000 --> 00:00:06,000", "C: Fine."),
        ("00:00:04,500 --> 00:00:05,000", "T: Good."),
    ))
    assert session.meta.warnings == ("2 cues start earlier than the cue before them (lines 10, 18); kept in file "
                                     "order, so response times and silences there may be wrong: check the times",)


def test_cues_in_order_and_overlapping_cues_give_no_order_warning(read):
    session = read("s.vtt", vtt(
        "00:00:01.000 --> 00:00:05.000\n<v T>Hello, and then",
        "00:00:04.000 --> 00:00:06.000\n<v C>Hi.",
        "00:00:04.000 --> 00:00:07.000\n<v T>we talk.",
        "00:00:08.000 --> 00:00:09.000\n<v C>Fine.",
    ))
    assert session.meta.warnings == ()


def test_voice_tags_differing_only_in_case_or_punctuation_are_one_speaker(read):
    session = read("s.vtt", vtt(
        "00:00:01.000 --> 00:00:02.000\n<v Dr. Lee>Hello.",
        "00:00:03.000 --> 00:00:04.000\n<v Sam>Hi.",
        "00:00:05.000 --> 00:00:06.000\n<v Dr Lee>How are you?",
        "00:00:07.000 --> 00:00:08.000\n<v Dr. Lee>Go on.",
    ))
    assert [t.speaker for t in session.turns] == ["Dr. Lee", "Sam", "Dr. Lee"]
    assert session.meta.warnings == ("speaker label 'Dr Lee' (1 cue) taken as 'Dr. Lee' (2 cues): they differ "
                                     "only in case, spacing or punctuation",)


def test_vtt_prefix_labels_differing_in_case_merge_with_a_warning(tmp_path):
    from transcript_analyzer.api import read

    path = tmp_path / "case.vtt"
    path.write_text("WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nDr. Lee: Hello there.\n\n"
                    "00:00:02.500 --> 00:00:03.000\nSam: Hi.\n\n00:00:03.500 --> 00:00:04.000\ndr. lee: How are you?\n\n"
                    "00:00:04.500 --> 00:00:05.000\nSam: Fine.\n\n00:00:05.500 --> 00:00:06.000\nDr. Lee: Good.\n",
                    encoding="utf-8")
    session = read(path)
    assert {t.speaker for t in session.turns} == {"Dr. Lee", "Sam"}
    assert any("'dr. lee'" in w and "taken as 'Dr. Lee'" in w for w in session.meta.warnings)
