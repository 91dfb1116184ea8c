import pytest

from transcript_analyzer.markers import rules
from transcript_analyzer.markers.criteria import DisclosureCriteria
from transcript_analyzer.markers.rules import Utt


def convo(*items):
    """items: (role, text[, disclosure[, question_or_reflection]]); each item its own turn unless role repeats."""
    out, turn, last = [], -1, None
    for item in items:
        role, text, *flags = item
        if role != last:
            turn += 1
            last = role
        out.append(Utt(len(out), turn, role, text, disclosure=bool(flags and flags[0]),
                       question_or_reflection=bool(len(flags) > 1 and flags[1])))
    return out


def test_client_reply_categories():
    assert rules.client_reply("Oh, I'm so sorry to hear that, that must have been so hard for you.") == "caretaking"
    assert rules.client_reply("Okay.") == "minimal"
    assert rules.client_reply("Anyway, about my situation at work.") == "redirect"
    assert rules.client_reply("Sorry, I lost my train of thought.") == "lost_thread"
    assert rules.client_reply("My boss called again and I just froze in the meeting.") == "engages"
    assert rules.client_reply(None) == "none"


def test_a_long_disclosure_without_return_and_a_caretaking_client():
    utts = convo(
        ("client", "He came for his things and I fell apart."),
        ("therapist", "When my wife left me I slept on the couch for a month.", True),
        ("therapist", "I was drinking every night back then and my kids barely saw me.", True),
        ("therapist", "It took me years and a lot of meetings to get sober.", True),
        ("therapist", "Divorce just wrecks you, and nobody tells you how long it lasts.", True),
        ("client", "Oh, I'm so sorry, that must have been so hard for you."),
    )
    (episode,) = rules.disclosure_episodes(utts)
    assert episode.utterances == (1, 2, 3, 4) and episode.number == 1
    assert not episode.returns_focus and episode.intimate and episode.client_next == "caretaking"
    _, inappropriate, why = DisclosureCriteria().judge(episode)
    reasons = " ".join(why)
    assert inappropriate and "long disclosure" in reasons and "focus does not return" in reasons and "takes care of the therapist" in reasons
    feats = episode.features()
    assert tuple(feats) == rules.EPISODE_FEATURES and feats["client_caretaking"] == 1.0


def test_a_brief_disclosure_that_returns_the_focus():
    utts = convo(
        ("client", "I caught myself planning the trip around the wine."),
        ("therapist", "I've had moments like that too.", True),
        ("therapist", "What was it like noticing it just now?", False, True),
        ("client", "Scary, honestly. It made me think about my dad."),
    )
    (episode,) = rules.disclosure_episodes(utts)
    assert episode.returns_focus and episode.client_next == "engages"
    _, inappropriate, why = DisclosureCriteria(frequent_from=3).judge(episode)
    assert not inappropriate and why == []


def test_episodes_are_counted_and_continue_over_backchannels():
    utts = convo(
        ("therapist", "My mum was the same.", True), ("client", "Mm-hmm."), ("therapist", "She never slept either.", True),
        ("client", "Right, and then I started avoiding her calls altogether."),
        ("therapist", "I did that too.", True), ("client", "Yes and then my sister got involved too."),
        ("therapist", "My sister did the same thing.", True),
    )
    episodes = rules.disclosure_episodes(utts)
    assert [e.utterances for e in episodes] == [(0, 2), (4,), (6,)]
    assert episodes[0].turns == 2 and episodes[2].number == 3
    assert "frequent" in " ".join(DisclosureCriteria(frequent_from=3).judge(episodes[2])[2])


def test_persistence_after_disagreement():
    utts = convo(
        ("therapist", "This is clearly about your father."),
        ("client", "No, I don't think that's it at all."),
        ("therapist", "I think it's deeper than you're ready to see."),
        ("therapist", "What would you like to talk about?"),
    )
    flags = rules.persistence(utts, [True, False, True, False])
    assert list(flags) == [2] and "repeats" in flags[2]
    assert rules.persistence(utts, [False, False, True, False]) == {}  # no interpretation before the disagreement


def test_defending_an_interpretation_after_disagreement_persists_it():
    utts = convo(
        ("therapist", "This is clearly about your father."),
        ("client", "Wait, I didn't say anything about my dad."),
        ("therapist", "That's the defence talking."),
        ("therapist", "Okay, tell me more about the flat."),
    )
    flags = rules.persistence(utts, [True, False, False, False])
    assert list(flags) == [2] and "defends" in flags[2]
    agreed = convo(("therapist", "This is clearly about your father."), ("client", "Yeah, maybe it is."),
                   ("therapist", "That's the defence talking."))
    assert rules.persistence(agreed, [True, False, False]) == {}


def test_advice_permission():
    asked = convo(("therapist", "Would it be okay if I shared an idea?"), ("client", "Sure, go ahead."),
                  ("therapist", "You could try writing it down each night."))
    assert rules.permission_given(asked, 2)
    refused = convo(("therapist", "Would it be okay if I shared an idea?"), ("client", "No, not now."),
                    ("therapist", "You should write it down each night."))
    assert not rules.permission_given(refused, 2)
    cold = convo(("client", "I can't sleep."), ("therapist", "You should stop drinking coffee."))
    assert not rules.permission_given(cold, 1)
    assert rules.permission_given(convo(("therapist", "If it's okay with you, try a short walk after dinner.")), 0)


def test_coping_questions_are_not_caretaking():
    """Codebook SD-9: the client asking how the therapist coped is seeking help for themselves."""
    assert rules.client_reply("How did you deal with it?") == "engages"
    assert rules.client_reply("Really? How did you get through that, because for me it's awful.") == "engages"
    assert rules.client_reply("I'm so sorry for you, are you okay?") == "caretaking"


@pytest.mark.parametrize("text", [
    "I... I don't know if that's it. I mean, I love him.", "Wait, I didn't say anything about my dad.",
    "He didn't leave, though. My mom left him.", "I really don't think that's what this is.",
    "No. No, I don't think that's it.", "The money thing isn't a rationalization.",
    "I'm getting frustrated. That's different.", "You keep saying that.", "That's not the point."])
def test_client_disagreement_is_recognised(text):
    assert rules.DISAGREE.search(text)


@pytest.mark.parametrize("text", [
    "Yeah. That's it.", "That's not a no, it's just breathing room.", "It sits quite well, actually.", "I don't know what to say to that.", "Yes. Exactly that.",
    "I don't think I can do it alone.", "It's not easy to talk about.", "I didn't sleep much, though.",
    "It feels threatening because it's twenty thousand dollars."])
def test_agreement_and_plain_talk_are_not_disagreement(text):
    assert not rules.DISAGREE.search(text)


def test_a_story_sentence_after_a_disclosure_does_not_return_the_focus():
    utts = convo(
        ("client", "He took the dining table."),
        ("therapist", "When my wife left she took the table too.", True),
        ("therapist", "Honestly, I'm not sure I ever got over that.", False, True),  # coded as a reflection, about the therapist
        ("client", "Oh."),
    )
    (episode,) = rules.disclosure_episodes(utts)
    assert not episode.returns_focus


def test_answering_no_to_a_question_is_not_disagreeing_with_an_interpretation():
    utts = convo(
        ("therapist", "This is clearly about your father."), ("client", "Maybe, I'm not sure."),
        ("therapist", "Do you drink in the mornings?"), ("client", "No. God, no."),
        ("therapist", "Because your father drank, you do too."),
    )
    assert rules.persistence(utts, [True, False, False, False, True]) == {}


def test_a_question_to_the_client_ends_the_episode_even_if_coded_as_disclosure():
    utts = convo(
        ("client", "Fridays are the hard part."),
        ("therapist", "I used to work in bars, and the after-shift drink was a big part of it.", True),
        ("therapist", "But I'm curious what it's like for you when you imagine a Friday without it.", True, True),
        ("client", "Honestly? Boring. And a bit scary."),
    )
    (episode,) = rules.disclosure_episodes(utts)
    assert episode.utterances == (1,) and episode.returns_focus
