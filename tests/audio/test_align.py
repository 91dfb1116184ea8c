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
