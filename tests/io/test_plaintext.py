"""Plain-text transcripts with speaker prefixes."""

from __future__ import annotations

import pytest

from .helpers import said, starts

DIALOGUE = [("Therapist", "Hello."), ("Client", "Hi."), ("Therapist", "How are you?"), ("Client", "Fine.")]


def lines(*rows: str) -> str:
    return "\n".join(rows) + "\n"


# --- speaker labels --------------------------------------------------------------------------


def test_therapist_client_labels(read):
    session = read("s.txt", lines("Therapist: Hello.", "Client: Hi.", "Therapist: How are you?", "Client: Fine."))
    assert said(session) == DIALOGUE
    assert [t.index for t in session.turns] == [0, 1, 2, 3]
    assert session.meta.source_format == "txt"
    assert session.meta.warnings == ()
    # The reader does not decide roles from labels; that is the roles stage's job.
    assert all(t.role is None for t in session.turns)
    assert session.speakers == ()


def test_single_letter_labels(read):
    session = read("s.txt", lines("T: Hello.", "C: Hi.", "T: How are you?", "C: Fine."))
    assert said(session) == [("T", "Hello."), ("C", "Hi."), ("T", "How are you?"), ("C", "Fine.")]


def test_names_with_titles_hyphens_and_apostrophes(read):
    session = read("s.txt", lines(
        "Dr. Lee: Hello.", "Mary-Anne O'Neil: Hi.", "Dr. Lee: How are you?", "Mary-Anne O'Neil: Fine.",
    ))
    assert [t.speaker for t in session.turns] == ["Dr. Lee", "Mary-Anne O'Neil"] * 2


def test_unicode_names_curly_apostrophe_and_fullwidth_colon(read):
    session = read("s.txt", lines("José:\tHola.", "Zoë O’Neil： Hi.", "José: Bien.", "Zoë O’Neil： Fine."))
    assert said(session) == [("José", "Hola."), ("Zoë O’Neil", "Hi."), ("José", "Bien."), ("Zoë O’Neil", "Fine.")]


def test_diariser_labels(read):
    session = read("s.txt", lines("SPEAKER_00: Hello.", "SPEAKER_01: Hi.", "SPEAKER_00: How?", "SPEAKER_01: Fine."))
    assert [t.speaker for t in session.turns] == ["SPEAKER_00", "SPEAKER_01", "SPEAKER_00", "SPEAKER_01"]


def test_numbered_role_labels_stay_distinct(read):
    session = read("s.txt", lines("Client 1: a", "Client 2: b", "Client 1: c", "Client 2: d"))
    assert [t.speaker for t in session.turns] == ["Client 1", "Client 2", "Client 1", "Client 2"]


def test_labels_match_case_insensitively_and_keep_the_first_spelling(read):
    session = read("s.txt", lines("Therapist: a", "Client: b", "THERAPIST: c", "client: d"))
    assert [t.speaker for t in session.turns] == ["Therapist", "Client", "Therapist", "Client"]


@pytest.mark.parametrize(
    "text",
    [
        pytest.param(lines("**Therapist:** Hello.", "", "**Client:** Hi.", "", "**Therapist:** How are you?",
                           "", "**Client:** Fine."), id="bold-with-colon-inside"),
        pytest.param(lines("**Therapist**: Hello.", "**Client**: Hi.", "**Therapist**: How are you?",
                           "**Client**: Fine."), id="bold-with-colon-outside"),
        pytest.param(lines("__Therapist:__ Hello.", "__Client:__ Hi.", "__Therapist:__ How are you?",
                           "__Client:__ Fine."), id="underscore-bold"),
    ],
)
def test_markdown_bold_labels(read, text):
    assert said(read("s.md", text)) == DIALOGUE


# --- timestamps ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "pattern",
    [
        pytest.param("[{t}] {s}: {x}", id="bracket-before"),
        pytest.param("{t} {s}: {x}", id="bare-before"),
        pytest.param("({t}) {s}: {x}", id="paren-before"),
        pytest.param("{t} - {s}: {x}", id="dash"),
        pytest.param("{s} [{t}]: {x}", id="bracket-after-label"),
        pytest.param("{s} ({t}): {x}", id="paren-after-label"),
        pytest.param("{s}: [{t}] {x}", id="bracket-after-colon"),
    ],
)
def test_timestamp_positions(read, pattern):
    rows = [("00:12:03", "Therapist", "Hello."), ("00:12:10", "Client", "Hi."),
            ("01:02:15", "Therapist", "How are you?"), ("01:02:20", "Client", "Fine.")]
    session = read("s.txt", lines(*(pattern.format(t=t, s=s, x=x) for t, s, x in rows)))
    assert said(session) == DIALOGUE
    assert starts(session) == [723.0, 730.0, 3735.0, 3740.0]
    assert all(t.end is None for t in session.turns)
    assert session.meta.duration == 3740.0


def test_minute_second_and_fractional_timestamps(read):
    session = read("s.txt", lines("(12:03) Therapist: a", "(12:10.5) Client: b", "[00:13:01,25] Therapist: c",
                                  "Client: [0:14] d"))
    assert starts(session) == [723.0, 730.5, 781.25, 14.0]


def test_standalone_timestamp_line_applies_to_the_next_turn(read):
    session = read("s.txt", lines("[00:00:05]", "Therapist: Hello.", "00:00:09", "Client: Hi.",
                                  "Therapist: How are you?", "Client: Fine."))
    assert said(session) == DIALOGUE
    assert starts(session) == [5.0, 9.0, None, None]
    assert [t.source_line for t in session.turns] == [2, 4, 5, 6]


def test_timestamp_after_the_label_with_the_text_on_the_next_line(read):
    session = read("s.txt", lines("Therapist: [00:00:05]", "Hello.", "Client: (00:00:09)", "Hi.",
                                  "Therapist: [00:00:12] Good.", "Client: Fine."))
    assert said(session) == [("Therapist", "Hello."), ("Client", "Hi."), ("Therapist", "Good."), ("Client", "Fine.")]
    assert starts(session) == [5.0, 9.0, 12.0, None]


def test_a_bare_time_as_the_whole_answer_stays_text(read):
    session = read("s.txt", lines("Therapist: When did you wake up?", "Client: 6:45", "Therapist: Early."))
    assert said(session)[1] == ("Client", "6:45")
    assert session.turns[1].start is None


def test_clock_times_inside_text_are_not_labels(read):
    session = read("s.txt", lines(
        "Therapist: Shall we meet at 3:30 then?",
        "Client: I wrote it down.",
        "Meet Tom 3:30 today",
        "Therapist: Good.",
        "Client: Yes.",
    ))
    assert said(session) == [
        ("Therapist", "Shall we meet at 3:30 then?"),
        ("Client", "I wrote it down. Meet Tom 3:30 today"),
        ("Therapist", "Good."),
        ("Client", "Yes."),
    ]


# --- turns -------------------------------------------------------------------------------------


def test_continuation_lines_join_the_previous_turn(read):
    session = read("s.txt", lines(
        "Therapist: Hello there.", "How are you?", "Client: Hi.", "I'm ok.", "", "  really.  ",
        "Therapist: Good.", "Client: Yes.",
    ))
    assert said(session) == [
        ("Therapist", "Hello there. How are you?"),
        ("Client", "Hi. I'm ok. really."),
        ("Therapist", "Good."),
        ("Client", "Yes."),
    ]


def test_label_alone_on_its_line_takes_the_text_below(read):
    session = read("s.txt", lines("Therapist:", "Hello there.", "Client:", "Hi.", "Therapist: Bye.", "Client: Bye."))
    assert said(session)[:2] == [("Therapist", "Hello there."), ("Client", "Hi.")]


def test_consecutive_lines_of_one_speaker_merge(read):
    session = read("s.txt", lines("Therapist: Hello.", "Therapist: Again.", "Client: Hi.", "Therapist: How?",
                                  "Client: Fine.", "Client: Really."))
    assert said(session) == [("Therapist", "Hello. Again."), ("Client", "Hi."), ("Therapist", "How?"),
                             ("Client", "Fine. Really.")]
    assert [t.source_line for t in session.turns] == [1, 3, 4, 5]


def test_merged_turn_keeps_the_first_start_time(read):
    session = read("s.txt", lines("[00:01] T: a", "[00:05] T: b", "[00:09] C: c", "[00:12] T: d"))
    assert said(session)[0] == ("T", "a b")
    assert starts(session) == [1.0, 9.0, 12.0]


def test_ordinary_colon_line_inside_a_turn_stays_text(read):
    session = read("s.txt", lines(
        "Therapist: What did you write?",
        "Client: Let me read it.",
        "My goal for this week: walk daily",
        "Note: call the pharmacy",
        "Therapist: Good.",
        "Client: Yes.",
    ))
    assert said(session) == [
        ("Therapist", "What did you write?"),
        ("Client", "Let me read it. My goal for this week: walk daily Note: call the pharmacy"),
        ("Therapist", "Good."),
        ("Client", "Yes."),
    ]


def test_source_lines_count_from_one_including_blank_lines(read):
    session = read("s.txt", "\n\nTherapist: a\n\nClient: b\n\n\nTherapist: c\n")
    assert [t.source_line for t in session.turns] == [3, 5, 8]


# --- headers -----------------------------------------------------------------------------------


def test_header_lines_before_the_first_repeated_label_are_skipped_with_a_warning(read):
    session = read("s.txt", lines(
        "Trainee: J. Ellis", "Date: 14 March 2026", "Session 4 of 12", "",
        "Therapist: Hello.", "Client: Hi.", "Therapist: How are you?", "Client: Fine.",
    ))
    assert said(session) == DIALOGUE
    assert session.turns[0].source_line == 5
    assert len(session.meta.warnings) == 1
    warning = session.meta.warnings[0]
    assert "header" in warning and "3 line(s)" in warning and "lines 1-3" in warning


# --- Otter / Zoom exports -------------------------------------------------------------------


def test_otter_export_label_lines_with_text_below(read):
    session = read("otter.txt", lines(
        "Speaker 1  0:03", "Hello there.", "How are you?", "",
        "Speaker 2  0:07", "Hi. Fine.", "",
        "Speaker 1  0:12", "Good.", "",
        "Speaker 2  1:02:12", "Yes.",
    ))
    assert said(session) == [("Speaker 1", "Hello there. How are you?"), ("Speaker 2", "Hi. Fine."),
                             ("Speaker 1", "Good."), ("Speaker 2", "Yes.")]
    assert starts(session) == [3.0, 7.0, 12.0, 3732.0]
    assert [t.source_line for t in session.turns] == [1, 5, 8, 11]


def test_export_label_line_with_a_single_space_before_the_time(read):
    # "Speaker 1 0:03" must not read as speaker "Speaker 1 0" saying "03 ...".
    session = read("otter.txt", lines("Speaker 1 0:03", "Hello.", "Speaker 2 0:07", "Hi.",
                                      "Speaker 1 10:12", "Good.", "Speaker 2 10:15", "Yes."))
    assert said(session) == [("Speaker 1", "Hello."), ("Speaker 2", "Hi."), ("Speaker 1", "Good."),
                             ("Speaker 2", "Yes.")]
    assert starts(session) == [3.0, 7.0, 612.0, 615.0]


def test_zoom_style_names_with_full_timestamps(read):
    session = read("zoom.txt", lines("Dr. Lee  00:00:03", "Hello there.", "", "Sam  00:00:07", "Hi.",
                                     "", "Dr. Lee  00:00:12", "Good.", "", "Sam  (00:00:15)", "Yes."))
    assert [t.speaker for t in session.turns] == ["Dr. Lee", "Sam", "Dr. Lee", "Sam"]
    assert starts(session) == [3.0, 7.0, 12.0, 15.0]


# --- failures ----------------------------------------------------------------------------------


def test_no_speaker_labels_at_all(read_fails):
    error = read_fails("notes.txt", lines("Just some prose.", "No labels here at all.", "The end."),
                       r"no speaker labels")
    assert "Therapist:" in str(error)  # says what a label looks like


def test_a_single_speaker_reads_fine(read):
    # Rejecting a one-speaker session is the roles stage's job, not the reader's.
    session = read("s.txt", lines("Therapist: one", "Therapist: two", "and three"))
    assert said(session) == [("Therapist", "one two and three")]


def test_two_line_exchange_without_repeats_reads(read):
    assert said(read("s.txt", lines("Therapist: Hello?", "Client: Hi."))) == [("Therapist", "Hello?"),
                                                                                ("Client", "Hi.")]


def test_a_bare_name_and_time_line_inside_a_turn_stays_text(read):
    session = read("s.txt", "T: When shall we meet?\nC: Maybe\nTuesday 3:30\nT: Good.\nC: Fine.\n")
    assert [t.speaker for t in session.turns] == ["T", "C", "T", "C"]
    assert "Tuesday 3:30" in session.turns[1].text


# --- near-identical labels -------------------------------------------------------------------


def test_one_dr_lee_line_among_dr_dot_lee_turns_is_the_same_speaker_with_a_warning(read):
    session = read("s.txt", lines("Dr. Lee: Hello.", "Sam: Hi.", "Dr. Lee: How are you?", "Sam: Fine.",
                                  "Dr Lee: Anything else?", "Sam: No.", "Dr. Lee: Ok."))
    assert {t.speaker for t in session.turns} == {"Dr. Lee", "Sam"}
    assert session.turns[4].text == "Anything else?"
    assert session.meta.warnings == ("speaker label 'Dr Lee' (1 line) taken as 'Dr. Lee' (3 lines): they differ "
                                     "only in case, spacing or punctuation",)


def test_a_lower_case_variant_seen_once_still_starts_a_turn(read):
    # 'dr lee' is not name-like, so alone it would have been read as text of Sam's turn
    session = read("s.txt", lines("Dr. Lee: Hello.", "Sam: Hi.", "Dr. Lee: How are you?", "Sam: Fine.",
                                  "dr lee: anything else?", "Sam: No."))
    assert said(session)[4] == ("Dr. Lee", "anything else?")
    assert "'dr lee' (1 line) taken as 'Dr. Lee'" in session.meta.warnings[0]


def test_two_spellings_seen_once_each_count_as_a_repeated_label(read):
    session = read("s.txt", lines("Intro: notes", "Dr. Lee: Hello.", "sam: Hi.", "DR LEE: How are you?", "Sam: Fine."))
    assert said(session) == [("Dr. Lee", "Hello."), ("sam", "Hi."), ("Dr. Lee", "How are you?"), ("sam", "Fine.")]
    assert len([w for w in session.meta.warnings if "taken as" in w]) == 2


def test_timed_lines_running_backwards_are_named(read):
    session = read("s.txt", lines("[00:00:01] T: Hello.", "[00:00:09] C: Hi.", "[00:00:05] T: How are you?",
                                  "[00:00:12] C: Fine."))
    assert starts(session) == [1.0, 9.0, 5.0, 12.0]
    assert session.meta.warnings == ("1 line starts earlier than the line before it (line 3); kept in file order, "
                                     "so response times and silences there may be wrong: check the times",)
