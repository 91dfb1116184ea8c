"""CSV / TSV transcripts."""

from __future__ import annotations

import pytest

from .helpers import said, starts

ANNOMI = (
    "mi_quality,transcript_id,utterance_id,interlocutor,timestamp,utterance_text\n"
    'high,1,0,therapist,00:00:13,"Hello, how are you?"\n'
    "high,1,1,client,00:00:17,Fine thanks.\n"
    "high,2,0,therapist,00:00:02,Welcome back.\n"
    'high,2,1,client,00:00:05,"Thanks, it\'s good to be here."\n'
    "high,2,2,therapist,00:01:05,What brings you in?\n"
    "high,2,3,client,00:01:09.5,My drinking.\n"
)


# --- AnnoMI ------------------------------------------------------------------------------------


def test_annomi_with_several_sessions_asks_for_session(read_fails):
    error = read_fails("annomi.csv", ANNOMI, r"holds 2 sessions")
    assert "transcript_id" in str(error)
    assert "--session" in str(error)


def test_annomi_one_session(read):
    session = read("annomi.csv", ANNOMI, session="2")
    assert said(session) == [
        ("therapist", "Welcome back."),
        ("client", "Thanks, it's good to be here."),
        ("therapist", "What brings you in?"),
        ("client", "My drinking."),
    ]
    assert starts(session) == [2.0, 5.0, 65.0, 69.5]
    assert [t.source_line for t in session.turns] == [4, 5, 6, 7]
    assert session.meta.session_id == "2"
    assert session.meta.source_format == "csv"
    assert session.meta.duration == 69.5


def test_annomi_unknown_session_lists_the_sessions(read_fails):
    error = read_fails("annomi.csv", ANNOMI, r"no session '9'", session="9")
    assert "1, 2" in str(error)


def test_a_file_with_one_session_needs_no_session_option(read):
    one = "".join(line + "\n" for line in ANNOMI.splitlines()[:3])
    session = read("annomi.csv", one)
    assert session.meta.session_id == "1"
    assert [t.speaker for t in session.turns] == ["therapist", "client"]


# --- generic layouts ---------------------------------------------------------------------------


def test_generic_headers_with_start_and_end(read):
    session = read("s.csv", "Speaker,Text,Start,End\nA,Hello,0,1.5\nB,Hi,1.5,3\nA,How?,00:00:04,00:00:05\nB,Fine,5,6.25\n")
    assert said(session) == [("A", "Hello"), ("B", "Hi"), ("A", "How?"), ("B", "Fine")]
    assert [(t.start, t.end) for t in session.turns] == [(0.0, 1.5), (1.5, 3.0), (4.0, 5.0), (5.0, 6.25)]
    assert [t.source_line for t in session.turns] == [2, 3, 4, 5]


def test_rows_with_empty_text_are_skipped(read):
    session = read("s.csv", "speaker,text\nA,Hello\nB,\nB,   \nA,Again\nB,Hi\n")
    assert said(session) == [("A", "Hello Again"), ("B", "Hi")]


def test_columns_option_maps_unrecognised_headers(read):
    session = read("s.csv", "Who,Said,When\nA,Hello,1\nB,Hi,2\nA,How?,3\n",
                   columns=(("speaker", "Who"), ("text", "Said"), ("start", "When")))
    assert said(session) == [("A", "Hello"), ("B", "Hi"), ("A", "How?")]
    assert starts(session) == [1.0, 2.0, 3.0]


def test_columns_option_is_case_insensitive_and_needs_no_time(read):
    session = read("s.csv", "Who,Said\nA,Hello\nB,Hi\n", columns=(("speaker", "who"), ("text", "SAID")))
    assert said(session) == [("A", "Hello"), ("B", "Hi")]
    assert starts(session) == [None, None]


def test_columns_option_naming_a_missing_column(read_fails):
    error = read_fails("s.csv", "Who,Said\nA,Hello\nB,Hi\n", r"--columns names 'Line'",
                       columns=(("speaker", "Who"), ("text", "Line")))
    assert "Who, Said" in str(error)


def test_role_column_gives_roles(read):
    session = read("s.csv", "speaker,role,text\nDr Lee,therapist,Hello\nSam,client,Hi\nDr Lee,Therapist,How?\nSam,Client,Fine\n")
    assert [(t.speaker, t.role) for t in session.turns] == [
        ("Dr Lee", "therapist"), ("Sam", "client"), ("Dr Lee", "therapist"), ("Sam", "client"),
    ]


def test_role_words_are_normalised(read):
    session = read("s.csv", "speaker,role,text\nA,Counsellor,Hello\nB,Patient,Hi\n")
    assert [t.role for t in session.turns] == ["therapist", "client"]


def test_unknown_role_value_names_the_line(read_fails):
    error = read_fails("s.csv", "speaker,role,text\nDr Lee,therapist,Hello\nSam,wizard,Hi\n", r"unknown role 'wizard'")
    assert error.line == 3


def test_tsv(read):
    session = read("s.tsv", "speaker\ttext\tstart\nA\tHello, there\t0\nB\tHi; ok\t1\nA\tHow?\t2\n")
    assert said(session) == [("A", "Hello, there"), ("B", "Hi; ok"), ("A", "How?")]
    assert starts(session) == [0.0, 1.0, 2.0]


def test_tab_separated_with_csv_suffix(read):
    session = read("s.csv", "speaker\ttext\nA\tHello, there\nB\tHi\n")
    assert said(session) == [("A", "Hello, there"), ("B", "Hi")]


def test_semicolon_delimited(read):
    session = read("s.csv", "speaker;text;start\nA;Hello, there;0\nB;Hi;1.5\nA;How?;00:00:02,250\n")
    assert said(session) == [("A", "Hello, there"), ("B", "Hi"), ("A", "How?")]
    assert starts(session) == [0.0, 1.5, 2.25]


def test_quoted_multiline_cells_and_their_line_numbers(read):
    session = read("s.csv", 'speaker,text\nA,"Hello\nthere"\n\nB,Hi\nA,"One\n\ntwo"\nB,Fine\n')
    assert said(session) == [("A", "Hello there"), ("B", "Hi"), ("A", "One two"), ("B", "Fine")]
    assert [t.source_line for t in session.turns] == [2, 5, 6, 9]


def test_warning_lines_point_at_the_start_of_a_multiline_row(read):
    session = read("s.csv", 'speaker,text,start\nA,Hello,0\nB,"Hi\nthere",soon\nA,Bye,5\n')
    assert "'soon' in column start (line 3)" in session.meta.warnings[0]


def test_utf8_bom_and_cp1252_csv(read):
    assert said(read("a.csv", "\ufeffspeaker,text\nA,Caf\u00e9\nB,Hi\n".encode()))[0] == ("A", "Caf\u00e9")
    assert said(read("b.csv", "speaker,text\nA,It\u2019s\nB,Hi\n".encode("cp1252")))[0] == ("A", "It\u2019s")


# --- failures ----------------------------------------------------------------------------------


def test_no_text_column_names_the_columns_and_suggests_columns_option(read_fails):
    error = read_fails("s.csv", "speaker,foo,bar\nA,1,2\nB,3,4\n", r"no text column")
    assert "speaker, foo, bar" in str(error)
    assert "--columns text=" in str(error)


def test_no_speaker_column(read_fails):
    read_fails("s.csv", "foo,text\n1,Hello\n2,Hi\n", r"no speaker column")


def test_one_bad_time_value_is_a_warning_naming_the_line_and_column(read):
    session = read("s.csv", "speaker,text,start\nA,Hello,0\nB,Hi,soon\nA,How?,2\n")
    assert [t.start for t in session.turns] == [0.0, 1.0, 2.0]  # estimated between its neighbours
    assert session.meta.warnings == ("malformed time 'soon' in column start (line 3): the row is kept, its time "
                                     "estimated from the rows around it",)


@pytest.mark.parametrize("value", ["-3", "inf"])
def test_negative_or_infinite_time_is_malformed(read, value):
    session = read("s.csv", f"speaker,text,start\nA,Hello,0\nB,Hi,{value}\nA,Bye,4\nB,Ok,6\n")
    assert [t.start for t in session.turns] == [0.0, 2.0, 4.0, 6.0]
    assert f"'{value}' in column start (line 3)" in session.meta.warnings[0]


def test_mostly_bad_times_fail_naming_the_column_and_the_option(read_fails):
    error = read_fails("s.csv", "speaker,text,start\nA,Hello,soon\nB,Hi,later\nA,Bye,4\n",
                       r"line 2: malformed time 'soon' in column start; most of the file's times are malformed "
                       r"\(2 of 3 rows: lines 2-3\)")
    assert "--columns start=COLUMN" in str(error)


def test_row_with_text_but_no_speaker(read_fails):
    error = read_fails("s.csv", "speaker,text\nA,Hello\n,Hi\n", r"no speaker")
    assert error.line == 3


def test_a_single_column_is_not_a_transcript(read_fails):
    read_fails("s.csv", "text\nHello\nHi\n", r"header row")


def test_session_option_without_a_session_column_is_an_error(read_fails):
    read_fails("s.csv", "speaker,text\nT,Hi\nC,Hello\n", "no session column", session="2")


def test_doubled_quotes_inside_cells_keep_the_whole_text(read):
    text = ('speaker,text\n'
            'Therapist,"You said, ""I can\'t do this"", and then you did it anyway."\n'
            'Client,"Yeah. ""Anyway"" is my middle name."\n'
            'Therapist,"A; semicolon, and ""quotes"" again."\n')
    session = read("q.csv", text)
    assert said(session)[0][1] == 'You said, "I can\'t do this", and then you did it anyway.'
    assert said(session)[1][1] == 'Yeah. "Anyway" is my middle name.'
    assert said(session)[2][1] == 'A; semicolon, and "quotes" again.'


def test_csv_label_variants_and_rows_out_of_time_order_are_warned(read):
    session = read("s.csv", "speaker,start,text\nTherapist,0,Hello.\nClient,4,Hi.\nTHERAPIST,2,How are you?\n"
                            "Client,9,Fine.\n")
    assert [t.speaker for t in session.turns] == ["Therapist", "Client", "Therapist", "Client"]
    assert session.meta.warnings == (
        "speaker label 'THERAPIST' (1 row) taken as 'Therapist' (1 row): they differ only in case, spacing or punctuation",
        "1 row starts earlier than the row before it (line 4); kept in file order, so response times and silences "
        "there may be wrong: check the times",
    )


def test_the_tools_own_utterances_csv_reads_back_without_its_formula_escapes(tmp_path):
    import dataclasses

    from tests.conftest import make_session
    from transcript_analyzer.io.readers import read_transcript
    from transcript_analyzer.io.writers import utterances_csv
    from transcript_analyzer.model import Utterance

    session = make_session(("Therapist", "-so what happened?"), ("Client", "=nothing much"),
                           ("Therapist", "@home or at work?"), ("Client", "'quoted' at home"))
    session = dataclasses.replace(session, utterances=tuple(
        Utterance(index=t.index, turn_index=t.index, speaker=t.speaker, role=None, text=t.text) for t in session.turns))
    path = tmp_path / "utterances.csv"
    path.write_bytes(utterances_csv(session))
    assert "'-so what" in path.read_text(encoding="utf-8")
    back = read_transcript(path)
    assert [t.text for t in back.turns] == ["-so what happened?", "=nothing much", "@home or at work?", "'quoted' at home"]
