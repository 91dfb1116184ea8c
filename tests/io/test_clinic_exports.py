"""The transcript exports clinics actually send: Zoom, Teams, Otter.ai, Rev, Descript, Sonix, Trint.

Text layouts are copies of real exports in fixtures/clinic/ (names and speech invented); Word
layouts are built here paragraph by paragraph, as the services write them.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from .helpers import said, starts
from .test_docx import make_docx

FIXTURES = Path(__file__).parent / "fixtures" / "clinic"


def fixture(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()


def paragraphs(*texts: str) -> bytes:
    def build(document):
        for text in texts:
            document.add_paragraph(text)

    return make_docx(build)


def speakers(session) -> list[str]:
    return [t.speaker for t in session.turns]


# --- Zoom ------------------------------------------------------------------------------------


def test_zoom_vtt_drops_pronouns_and_merges_the_phone_of_a_participant(read):
    session = read("GMT20240312-140301_Recording.transcript.vtt", fixture("zoom.transcript.vtt"))
    assert speakers(session) == ["Dr. Sarah Smith", "Jordan Lee"] * 3
    assert said(session)[3] == ("Jordan Lee", "Honestly, it's been rough. I had two more. Sorry, my laptop died. "
                                              "Can you hear me now?")
    assert [(t.start, t.end) for t in session.turns][:2] == [(2.31, 6.84), (7.52, 9.1)]
    assert session.meta.warnings == ("speaker label 'Jordan's iPhone' (2 cues) taken as 'Jordan Lee' (2 cues): "
                                     "the same person, joined from a device",)


def test_zoom_numbered_cues_with_blank_lines(read):
    session = read("zoom.vtt", "WEBVTT\n\n\n1\n\n00:00:01.000 --> 00:00:03.000\nSarah Smith: Hello.\n\n\n\n"
                               "2\n00:00:04.000 --> 00:00:05.500\nJordan Lee: Hi.\n\n3\n\n"
                               "00:00:06.000 --> 00:00:08.000\nSarah Smith: How are you?\n\n")
    assert said(session) == [("Sarah Smith", "Hello."), ("Jordan Lee", "Hi."), ("Sarah Smith", "How are you?")]
    assert starts(session) == [1.0, 4.0, 6.0]


@pytest.mark.parametrize(
    ("people", "device"),
    [
        pytest.param(("Sarah Smith", "Jordan Lee", "Jordan Park"), "Jordan's iPad", id="two-jordans"),
        pytest.param(("Sarah Smith", "Jordan Lee"), "Alex's Galaxy S21", id="nobody-called-alex"),
        pytest.param(("Sarah Smith", "Jordana Lee"), "Jordan's iPhone", id="a-longer-name-is-not-jordan"),
    ],
)
def test_a_device_name_without_exactly_one_owner_stays_a_speaker(read, people, device):
    who = [*people, device, *people]
    cues = [f"00:00:{n:02}.000 --> 00:00:{n:02}.900\n{name}: Line {n}." for n, name in enumerate(who, start=1)]
    session = read("zoom.vtt", "WEBVTT\n\n" + "\n\n".join(cues) + "\n")
    assert speakers(session) == who
    assert not session.meta.warnings


def test_a_device_merge_that_would_leave_one_speaker_is_not_made(read):
    # The therapist and a client who both happen to be called Jordan
    session = read("zoom.vtt", "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nJordan Smith: Hello.\n\n"
                               "00:00:03.000 --> 00:00:04.000\nJordan’s iPhone: Hi.\n")
    assert speakers(session) == ["Jordan Smith", "Jordan’s iPhone"]


# --- Microsoft Teams -------------------------------------------------------------------------


def test_teams_vtt_voice_tags_with_surname_first(read):
    session = read("Session 4.vtt", fixture("teams.vtt"))
    assert speakers(session) == ["Smith, Sarah", "Lee, Jordan", "Smith, Sarah", "Lee, Jordan"]
    assert said(session)[0][1] == ("Good morning, Jordan. Thanks for joining on Teams today. "
                                   "How have you been since our last session?")
    assert [(t.start, t.end) for t in session.turns][1] == (11.2, 15.64)
    assert not session.meta.warnings


@pytest.mark.parametrize("times", [("0:03", "0:11", "1:02:15"), ("0:00:03", "0:00:11", "1:02:15")],
                         ids=["m:ss", "h:mm:ss"])
def test_teams_docx(read, times):
    session = read("Session 4.docx", paragraphs(
        "Session 4 - Jordan Lee-20240312_140301-Meeting Recording", "March 12, 2024, 2:03PM", "1h 2m 20s", "",
        "Sarah Smith started transcription", "",
        f"Smith, Sarah   {times[0]}", "Good morning, Jordan. Thanks for joining on Teams today.", "",
        f"Lee, Jordan   {times[1]}", "Up and down, to be honest.", "The new job is a lot.", "",
        f"Smith, Sarah   {times[2]}", "Let's stop there for today.", "",
        "Sarah Smith stopped transcription",
    ))
    assert said(session) == [("Smith, Sarah", "Good morning, Jordan. Thanks for joining on Teams today."),
                             ("Lee, Jordan", "Up and down, to be honest. The new job is a lot."),
                             ("Smith, Sarah", "Let's stop there for today.")]
    assert starts(session) == [3.0, 11.0, 3735.0]


# --- Otter.ai --------------------------------------------------------------------------------


def test_otter_txt_without_its_footer(read):
    session = read("Session 4 - otter.ai.txt", fixture("otter.txt"))
    assert speakers(session) == ["Speaker 1", "Jordan Lee"] * 3 + ["Speaker 1"]
    assert said(session)[3] == ("Jordan Lee", "I guess with the thing with my sister. She called on Sunday, "
                                              "and it turned into the same argument again.")
    assert said(session)[-1] == ("Speaker 1", "Okay. Same time next week, then.")
    assert starts(session) == [3.0, 9.0, 14.0, 19.0, 31.0, 34.0, 2882.0]
    assert not session.meta.warnings


def test_otter_speaker_seen_once_and_lines_that_look_like_label_lines(read):
    session = read("otter.txt", "Speaker 1  0:03\nWhen suits you next week?\n\nJordan Lee  0:09\nThursday 2:30\n\n"
                                "Unknown Speaker  0:14\nSorry, wrong room.\n\nSpeaker 1  0:20\nThursday it is.\n"
                                "Friday 4:15\n\nJordan Lee  0:24\nGreat.\n")
    assert said(session) == [("Speaker 1", "When suits you next week?"), ("Jordan Lee", "Thursday 2:30"),
                             ("Unknown Speaker", "Sorry, wrong room."), ("Speaker 1", "Thursday it is. Friday 4:15"),
                             ("Jordan Lee", "Great.")]
    assert not session.meta.warnings


def test_a_clock_time_in_brackets_after_a_label_is_speech(read):
    session = read("s.txt", "Sarah Smith: [00:00:03] When works?\nJordan Lee: [00:00:06] (10:30am) works for me.\n"
                            "Sarah Smith: [00:00:09] Great.\n")
    assert said(session)[1] == ("Jordan Lee", "(10:30am) works for me.")
    assert not session.meta.warnings


def test_otter_docx_with_its_summary_header_and_footer(read):
    session = read("Session 4.docx", paragraphs(
        "Session 4", "Tue, Mar 12, 2024 2:03PM • 48:12", "",
        "SUMMARY KEYWORDS", "sister, argument, christmas, drive, week", "",
        "SPEAKERS", "Speaker 1, Jordan Lee", "",
        "Speaker 1  0:03", "Hi Jordan, come on in.", "",
        "Jordan Lee  0:09", "Not bad. Traffic on the ring road.", "",
        "Speaker 1  48:02", "Same time next week, then.", "", "", "",
        "Transcribed by https://otter.ai",
    ))
    assert said(session) == [("Speaker 1", "Hi Jordan, come on in."),
                             ("Jordan Lee", "Not bad. Traffic on the ring road."),
                             ("Speaker 1", "Same time next week, then.")]
    assert starts(session) == [3.0, 9.0, 2882.0]


# --- Rev and Descript ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "times"),
    [("rev.csv", [(3.0, 8.0), (9.0, 14.0), (15.0, 17.0), (18.0, 25.0)]),
     ("descript.csv", [(3.12, 8.4), (9.01, 14.5), (15.2, 17.0), (18.3, 25.9)])],
)
def test_rev_and_descript_csv(read, name, times):
    session = read(name, fixture(name))
    assert speakers(session) == ["Sarah Smith", "Jordan Lee"] * 2
    assert said(session)[3][1] == "Mornings. I wake up and I'm already dreading it, you know?"
    assert [(t.start, t.end) for t in session.turns] == times


@pytest.mark.parametrize("header", ["SPEAKER NAME,START TIME,END TIME,TEXT", "speaker_name,start_time,end_time,text",
                                    "Speaker,Start,End,Transcript", "Speaker Name,Start-Time,End-Time,Text"])
def test_csv_header_variants(read, header):
    session = read("export.csv", f"{header}\nSarah Smith,00:00:03,00:00:08,Hello.\nJordan Lee,00:00:09,00:00:10,Hi.\n")
    assert said(session) == [("Sarah Smith", "Hello."), ("Jordan Lee", "Hi.")]
    assert [(t.start, t.end) for t in session.turns] == [(3.0, 8.0), (9.0, 10.0)]


@pytest.mark.parametrize("times", [("00:03", "00:09", "01:02:15"), ("00:00:03", "00:00:09", "01:02:15")],
                         ids=["mm:ss", "hh:mm:ss"])
def test_rev_docx(read, times):
    session = read("Session 4.docx", paragraphs(
        "Session 4 (Completed 03/12/24)", "Transcript by Rev.com", "",
        f"Sarah Smith ({times[0]}):", "Good morning, Jordan. How have you been?", "",
        f"Jordan Lee ({times[1]}):", "Up and down, honestly.", "",
        f"Sarah Smith ({times[2]}):", "Let's stop there for today.",
    ))
    assert said(session) == [("Sarah Smith", "Good morning, Jordan. How have you been?"),
                             ("Jordan Lee", "Up and down, honestly."), ("Sarah Smith", "Let's stop there for today.")]
    assert starts(session) == [3.0, 9.0, 3735.0]


def test_descript_docx(read):
    session = read("Session 4.docx", paragraphs(
        "[00:00:03] Sarah Smith: Good morning, Jordan. How have you been?",
        "[00:00:09] Jordan Lee: Up and down, honestly.",
        "[00:00:15] Sarah Smith: What's been the hardest part?",
    ))
    assert speakers(session) == ["Sarah Smith", "Jordan Lee", "Sarah Smith"]
    assert starts(session) == [3.0, 9.0, 15.0]


# --- Sonix and Trint -------------------------------------------------------------------------


def test_sonix_docx_without_its_paragraphs_about_itself(read):
    session = read("Session 4.docx", paragraphs(
        "Session 4.mp3", "",
        "Sarah Smith: [00:00:03] Good morning, Jordan. How have you been?",
        "Jordan Lee: [00:00:09] Up and down, honestly.",
        "Automatically convert your audio files to text with Sonix. Sonix is the best online, automated "
        "transcription service.",
        "Sarah Smith: [00:00:15] What's been the hardest part?",
        "Jordan Lee: [00:00:18] Mornings.",
    ))
    assert said(session) == [("Sarah Smith", "Good morning, Jordan. How have you been?"),
                             ("Jordan Lee", "Up and down, honestly."), ("Sarah Smith", "What's been the hardest part?"),
                             ("Jordan Lee", "Mornings.")]
    assert starts(session) == [3.0, 9.0, 15.0, 18.0]


@pytest.mark.parametrize("label", ["[{time}] {name}", "{name}  [{time}]"], ids=["time-first", "name-first"])
def test_trint_docx(read, label):
    def head(time, name):
        return label.format(time=time, name=name)

    session = read("Session 4.docx", paragraphs(
        head("00:00:03", "Sarah Smith"), "Good morning, Jordan. How have you been?",
        head("00:00:09", "Jordan Lee"), "Up and down, honestly.", "Work has been a lot.",
        head("00:00:15", "Sarah Smith"), "What's been the hardest part?",
    ))
    assert said(session) == [("Sarah Smith", "Good morning, Jordan. How have you been?"),
                             ("Jordan Lee", "Up and down, honestly. Work has been a lot."),
                             ("Sarah Smith", "What's been the hardest part?")]
    assert starts(session) == [3.0, 9.0, 15.0]


# --- malformed times ------------------------------------------------------------------------


def test_one_malformed_otter_time_keeps_the_turn_with_a_warning(read):
    text = fixture("otter.txt").decode().replace("Jordan Lee  0:19", "Jordan Lee  0:1x")
    session = read("otter.txt", text)
    assert speakers(session) == ["Speaker 1", "Jordan Lee"] * 3 + ["Speaker 1"]  # not run into the turn before
    assert starts(session)[3] == 22.5  # between 0:14 and 0:31
    assert session.meta.warnings == ("malformed time '0:1x' (line 10): the line is kept, its time estimated from "
                                     "the lines around it",)


def test_one_malformed_zoom_timing_keeps_the_cue_with_a_warning(read):
    good, slip = "00:00:07.520 --> 00:00:09.100", "00:00:07.520 --> 00:00:9.1OO"  # letter O for zero
    text = fixture("zoom.transcript.vtt").decode().replace(good, slip)
    session = read("zoom.vtt", text)
    assert said(session)[1] == ("Jordan Lee", "Yeah, I can hear you.")
    assert (session.turns[1].start, session.turns[1].end) == (6.84, 9.95)
    assert session.meta.warnings[0] == ("malformed cue timing '00:00:07.520 --> 00:00:9.1OO' (line 8): the cue is "
                                        "kept, its time estimated from the cues around it")


def test_one_malformed_descript_time_in_a_word_file(read):
    session = read("Session 4.docx", paragraphs(
        "[00:00:03] Sarah Smith: Good morning.", "[00:0O:09] Jordan Lee: Morning.", "[00:00:15] Sarah Smith: So.",
    ))
    assert speakers(session) == ["Sarah Smith", "Jordan Lee", "Sarah Smith"]
    assert starts(session) == [3.0, 9.0, 15.0]
    assert session.meta.warnings == ("malformed time '00:0O:09' (paragraph 2): the paragraph is kept, its time "
                                     "estimated from the paragraphs around it",)


def test_mostly_malformed_times_fail_naming_the_file_and_the_lines(read_fails):
    text = "".join(f"{who}  0:{n}x\nSomething said.\n\n" for n, who in enumerate(["Speaker 1", "Jordan Lee"] * 2))
    error = read_fails("otter.txt", text + "Speaker 1  0:30\nBye.\n",
                       r"line 1: malformed time '0:0x'; most of the file's times are malformed "
                       r"\(4 of 5 lines: lines 1, 4, 7, 10\)")
    assert "\n" not in str(error)
