from transcript_analyzer.audio.align import is_backchannel, speaker_of, to_turns
from transcript_analyzer.audio.diarize import SpeakerSegment
from transcript_analyzer.model import Word


def words(*items):
    """items: (text, start, end)"""
    return [Word(text=t, start=s, end=e, probability=0.9) for t, s, e in items]


SEGMENTS = [SpeakerSegment(0.0, 3.0, "A"), SpeakerSegment(3.0, 3.6, "B"), SpeakerSegment(3.6, 8.0, "A"),
            SpeakerSegment(8.5, 10.0, "B")]


def test_words_take_the_speaker_they_overlap_most_and_turns_follow_speakers():
    w = words(("So", 0.1, 0.3), ("tell", 0.3, 0.5), ("me.", 0.5, 0.8), ("Well,", 8.6, 8.9), ("okay.", 9.0, 9.4))
    turns = to_turns(w, SEGMENTS)
    assert [(t.speaker, t.text) for t in turns] == [("A", "So tell me."), ("B", "Well, okay.")]
    assert turns[0].start == 0.1 and turns[0].end == 0.8 and len(turns[1].words) == 2


def test_a_backchannel_does_not_split_the_turn_and_keeps_its_times():
    w = words(("I", 1.0, 1.2), ("was", 1.2, 1.5), ("saying", 1.5, 2.9), ("Mm-hmm.", 3.1, 3.5),
              ("that", 3.7, 4.0), ("it", 4.0, 4.2), ("hurt.", 4.2, 4.6))
    turns = to_turns(w, SEGMENTS)
    assert [(t.speaker, t.text) for t in turns] == [("A", "I was saying that it hurt."), ("B", "Mm-hmm.")]
    assert turns[1].start == 3.1 and turns[1].index == 1


def test_a_short_non_backchannel_island_is_a_diarization_slip():
    w = words(("I", 1.0, 1.2), ("went", 1.2, 2.9), ("home", 3.1, 3.5), ("and", 3.7, 4.0), ("slept.", 4.0, 4.6))
    turns = to_turns(w, SEGMENTS)
    assert [(t.speaker, t.text) for t in turns] == [("A", "I went home and slept.")]


def test_words_outside_every_segment_go_to_the_nearest():
    assert speaker_of(Word("late", 10.5, 10.8), SEGMENTS) == "B"
    assert speaker_of(Word("gap", 8.1, 8.2), SEGMENTS) == "A"


def test_backchannels():
    assert is_backchannel(words(("Mm-hmm.", 0, 1))) and is_backchannel(words(("Yeah,", 0, 1), ("right.", 1, 2)))
    assert is_backchannel(words(("I", 0, 1), ("see.", 1, 2)))
    assert not is_backchannel(words(("No,", 0, 1), ("never.", 1, 2)))


def test_channel_turns_split_at_pauses_and_keep_overlap():
    from transcript_analyzer.audio.align import channel_turns

    a = words(("Hello", 0.0, 0.4), ("there.", 0.4, 0.8), ("Later", 3.0, 3.5))
    b = words(("Hi.", 0.5, 0.9))
    turns = channel_turns([("SPEAKER_00", a), ("SPEAKER_01", b)])
    assert [(t.speaker, t.text, t.start) for t in turns] == [
        ("SPEAKER_00", "Hello there.", 0.0), ("SPEAKER_01", "Hi.", 0.5), ("SPEAKER_00", "Later", 3.0)]


# ---- words scored by their own frames; turn changes snapped to pauses (issue 11) -----------------

import numpy as np  # noqa: E402

from transcript_analyzer.audio.align import frame_evidence, word_speakers  # noqa: E402
from transcript_analyzer.audio.frames import FrameScores  # noqa: E402


def frames(until: float, *spans):
    """Frame scores every 0.1 s up to ``until``: spans (start, end, margin) give speaker A a score of
    0.5 + margin / 2 and B 0.5 - margin / 2 inside [start, end); 0 margin elsewhere."""
    times = np.round(np.arange(0.0, until, 0.1), 3)
    margin = np.zeros(len(times))
    for a, b, m in spans:
        margin[(times >= a - 1e-9) & (times < b - 1e-9)] = m
    return FrameScores(times, np.stack([0.5 + margin / 2, 0.5 - margin / 2], axis=1), ("A", "B"))


def test_a_word_is_scored_by_the_frames_inside_its_own_times():
    f = frames(3.0, (0.0, 1.0, 0.4), (1.0, 3.0, -0.4))
    ev = frame_evidence(words(("one", 0.2, 0.8), ("two", 0.9, 1.3), ("late", 5.0, 5.2)), f)
    assert ev[0, 0] > ev[0, 1] and np.isclose(ev[0, 0], 0.7)
    assert np.isclose(ev[1, 0], (0.1 * 0.7 + 0.3 * 0.3) / 0.4)  # frames weighted by how much of the word they cover
    assert np.isnan(ev[2]).all()  # outside every scored frame


def test_frames_decide_where_the_smoothed_segments_would_not():
    # the smoothed segments give A everything up to 2.0 s; the word's own frames say B
    segments = [SpeakerSegment(0.0, 2.0, "A"), SpeakerSegment(2.0, 4.0, "B")]
    w = words(("Right", 0.2, 0.6), ("so", 0.6, 0.8), ("Where", 1.5, 1.8), ("now?", 2.2, 2.6))
    f = frames(4.0, (0.0, 1.2, 0.4), (1.2, 4.0, -0.4))
    assert word_speakers(w, segments) == ["A", "A", "A", "B"]
    assert word_speakers(w, segments, f) == ["A", "A", "B", "B"]


QUESTION = (("That", 0.0, 0.3), ("was", 0.3, 0.5), ("hard", 0.5, 1.0), ("for", 1.0, 1.2), ("me", 1.2, 1.6),
            ("Where", 2.1, 2.4), ("do", 2.4, 2.5), ("you", 2.5, 2.7), ("think", 2.7, 3.0), ("it", 3.0, 3.1),
            ("comes", 3.1, 3.4), ("from", 3.4, 3.8))


def test_a_turn_change_without_a_pause_moves_to_the_pause_when_the_evidence_is_weak():
    # A until 1.6 s, a 0.5 s pause, then B; the blurred frames still lean to A over "Where do"
    w = words(*QUESTION)
    f = frames(4.0, (0.0, 1.6, 0.4), (1.6, 2.5, 0.04), (2.5, 4.0, -0.4))
    before = [speaker_of(x, [SpeakerSegment(0.0, 2.5, "A"), SpeakerSegment(2.5, 4.0, "B")]) for x in w]
    assert before[5:7] == ["A", "A"]  # "Where do" given to the previous speaker
    assert word_speakers(w, [], f) == ["A"] * 5 + ["B"] * 7
    turns = to_turns(w, [SpeakerSegment(0.0, 2.5, "A"), SpeakerSegment(2.5, 4.0, "B")], f)
    assert [t.text for t in turns] == ["That was hard for me", "Where do you think it comes from"]


def test_strong_frame_evidence_is_not_overruled_by_a_pause():
    w = words(*QUESTION)
    f = frames(4.0, (0.0, 2.5, 0.4), (2.5, 4.0, -0.4))  # "Where do" clearly sound like A
    assert word_speakers(w, [], f) == ["A"] * 7 + ["B"] * 5


def test_a_sentence_end_counts_as_a_pause_for_snapping():
    # recognisers often leave no silence between words at a turn change; the full stop still marks it
    w = words(("It", 0.0, 0.3), ("hurt.", 0.3, 1.0), ("Why", 1.0, 1.3), ("did", 1.3, 1.5), ("it", 1.5, 1.7),
              ("hurt?", 1.7, 2.2))
    f = frames(3.0, (0.0, 1.0, 0.4), (1.0, 1.5, 0.05), (1.5, 3.0, -0.4))
    assert word_speakers(w, [], f) == ["A", "A", "B", "B", "B", "B"]


def test_a_backchannel_before_a_pause_is_not_absorbed_by_snapping():
    w = words(("I", 0.0, 0.2), ("did", 0.2, 0.5), ("wrong", 0.5, 1.0), ("Yeah.", 1.05, 1.4), ("I", 1.9, 2.0),
              ("have", 2.0, 2.3), ("not", 2.3, 2.6))
    f = frames(3.0, (0.0, 1.0, 0.4), (1.0, 1.4, -0.05), (1.4, 3.0, 0.4))
    assert word_speakers(w, [], f) == ["A", "A", "A", "B", "A", "A", "A"]
    turns = to_turns(w, [], f)
    assert [(t.speaker, t.text) for t in turns] == [("A", "I did wrong I have not"), ("B", "Yeah.")]
    assert (turns[1].start, turns[1].end) == (1.05, 1.4)


def test_a_short_answer_set_apart_by_pauses_is_a_turn_not_a_slip():
    segments = [SpeakerSegment(0.0, 2.1, "A"), SpeakerSegment(2.1, 3.0, "B"), SpeakerSegment(3.0, 9.0, "A")]
    w = words(("Did", 0.0, 0.3), ("it", 0.3, 0.5), ("help?", 0.5, 1.0), ("Not", 2.2, 2.5), ("really.", 2.5, 2.9),
              ("Can", 5.7, 5.9), ("you", 5.9, 6.0), ("say", 6.0, 6.3), ("more?", 6.3, 6.8))
    turns = to_turns(w, segments)
    assert [(t.speaker, t.text) for t in turns] == [("A", "Did it help?"), ("B", "Not really."), ("A", "Can you say more?")]


def test_a_lone_backchannel_blurred_towards_the_talker_goes_to_the_listener():
    # "Yeah." between two sentences of A, 0.4 s long: its frames lean to A, but far less than A's own words
    w = words(("It", 0.0, 0.2), ("was", 0.2, 0.5), ("hard.", 0.5, 1.0), ("Yeah.", 1.4, 1.8), ("And", 2.2, 2.4),
              ("then", 2.4, 2.7), ("worse.", 2.7, 3.2))
    weak = frames(4.0, (0.0, 1.2, 0.4), (1.2, 2.0, 0.1), (2.0, 4.0, 0.4))
    assert word_speakers(w, [], weak) == ["A", "A", "A", "B", "A", "A", "A"]
    turns = to_turns(w, [], weak)
    assert [(t.speaker, t.text) for t in turns] == [("A", "It was hard. And then worse."), ("B", "Yeah.")]
    strong = frames(4.0, (0.0, 1.2, 0.4), (1.2, 2.0, 0.35), (2.0, 4.0, 0.4))  # sounds like A: A's own "Yeah."
    assert word_speakers(w, [], strong) == ["A"] * 7
    not_a_backchannel = words(*[(t if t != "Yeah." else "Maybe.", s, e) for t, s, e in
                                [(x.text, x.start, x.end) for x in w]])
    assert word_speakers(not_a_backchannel, [], weak) == ["A"] * 7


def test_a_word_whose_frames_cannot_tell_keeps_the_segments_speaker():
    segments = [SpeakerSegment(0.0, 2.0, "A"), SpeakerSegment(2.0, 4.0, "B")]
    w = words(("reach", 0.2, 0.6), ("for", 0.6, 0.8), ("the", 0.8, 1.0), ("phone", 1.0, 1.4))
    babble = frames(4.0, (0.0, 0.6, 0.3), (0.6, 1.4, -0.01))  # "for the phone" lean to B by a hair
    assert word_speakers(w, segments, babble) == ["A"] * 4
    clear = frames(4.0, (0.0, 0.6, 0.3), (0.6, 1.4, -0.3))
    assert word_speakers(w, segments, clear) == ["A", "B", "B", "B"]
