"""The kinds of mention issue 10's probe found missing: handles, kinship names, ages in words,
lowercase names, given names that are words, plain-word organisations and places, non-ASCII names
(each with the look-alikes that must stay)."""

import json
import unicodedata

import pytest

from transcript_analyzer.model import Speaker
from transcript_analyzer.text.redact import Redactor
from transcript_analyzer.text.redact.handles import handle_mentions
from transcript_analyzer.text.redact.numbers import age_mentions
from transcript_analyzer.text.redact.wordnames import word_name_mentions

from ..conftest import make_session


@pytest.fixture(scope="module")
def redactor():
    return Redactor().load()


@pytest.mark.parametrize("text, expected", [
    ("He tagged me in it, @danny_b_1987, so everyone saw.", [("HANDLE", "@danny_b_1987")]),
    ("my insta is jay underscore smith", [("HANDLE", "jay underscore smith"), ("ORG", "insta")]),
    ("add me on snapchat its lils dot b", [("HANDLE", "lils dot b"), ("ORG", "snapchat")]),
    ("His gamertag is xXFrostbiteXx.", [("HANDLE", "xXFrostbiteXx")]),
    ("He made a fake account, real_tom_h, and messaged my sister.", [("HANDLE", "real_tom_h")]),
    ("my username was moonchild99 back then", [("HANDLE", "moonchild99")]),
])
def test_handles_written_and_spoken(text, expected):
    assert sorted({(m.label, m.text) for m in handle_mentions(text)}) == sorted(expected)


@pytest.mark.parametrize("text", [
    "Write to maya.r@example.com please.",
    "My PHQ9 was high, then covid19, and my iPhone broke.",
    "I want to finish my PhD first.",
    "my account is overdrawn and the page was blank",
    "the handle is broken on the door",
    "I'm not on social media at all, at the end of the day.",
    "she was on x all night",  # "x" alone is not the app
])
def test_handle_look_alikes_are_left_alone(text):
    assert [m for m in handle_mentions(text) if m.label == "HANDLE"] == []


@pytest.mark.parametrize("text, ages", [
    ("she's nineteen and she thinks she knows everything", ["she's nineteen"]),
    ("he was only nineteen when he went inside", ["nineteen"]),
    ("i turned forty two on friday", ["turned forty two"]),
    ("I left home at sixteen.", ["sixteen"]),
    ("my two are five and three", ["five", "three"]),
    ("the kids are nine, seven and two", ["nine", "seven", "two"]),
    ("My dad's sixty-three and still working nights.", ["sixty-three"]),
    ("twenty one today and im spending it in here", ["twenty one"]),
    ("the baby's six months now", ["six months"]),
])
def test_ages_in_words(text, ages):
    found = age_mentions(text)
    for age in ages:  # each age is inside a mention (several patterns may find it), and nothing else is
        start = text.index(age)
        assert any(m.start <= start and start + len(age) <= m.end for m in found), age
    assert all(any(a in m.text or m.text in a for a in ages) for m in found)


@pytest.mark.parametrize("text", [
    "we've been together nineteen years",
    "i scored nineteen on the form this time",
    "it's about twenty minutes on the bus",
    "he weighs sixteen stone",
    "I get up at six every day, even weekends.",
    "i left at six",
    "we left at sixteen hundred",
    "she's in year eleven now",
    "The car's ten years old.",
    "five or six times he rang",
])
def test_numbers_that_are_not_ages(text):
    assert age_mentions(text) == []


@pytest.mark.parametrize("text, expected", [
    ("she works for shelter now", [("ORG", "shelter")]),
    ("she's a manager at boots in sale", [("ORG", "boots"), ("PLACE", "sale")]),
    ("we moved to cork when i was ten", [("PLACE", "cork")]),
    ("my dad was from hull", [("PLACE", "hull")]),
])
def test_plain_word_organisations_and_places(text, expected):
    assert sorted({(m.label, m.text) for m in word_name_mentions(text, lowercase=True)}) == sorted(expected)


@pytest.mark.parametrize("text", [
    "i went to the next one and it was worse",
    "i dont mind either way",
    "reading helps me calm down at night",
    "i'm interested in reading",
    "i had a long bath and felt better",
    "it was nice to be out of the house",
])
def test_plain_words_stay_words(text):
    assert word_name_mentions(text, lowercase=True) == []


@pytest.mark.slow
@pytest.mark.parametrize("text, names", [
    # kinship names in lowercase, also names that are plain words or verbs
    ("my uncle dev used to take us fishing", ["dev"]),
    ("nana pat still sends me a card", ["pat"]),
    ("auntie bisi said i was being dramatic", ["bisi"]),
    ("my nan's partner stan is lovely", ["stan"]),
    # lowercase names with no cue but a person beside them
    ("me and will split up in the end", ["will"]),
    ("yeah bridget at the front desk knows me", ["bridget"]),
    # given names that are words, by use
    ("Patience is my sponsor.", ["Patience"]),
    ("Mo and Kez are coming to the hearing.", ["Mo", "Kez"]),
    ("Gemma, Sue and me go every Thursday.", ["Gemma", "Sue"]),
    ("Fantastic. Thanks, Natalie.", ["Natalie"]),
    ("Nina, I'm wondering what your hope is.", ["Nina"]),
])
def test_names_by_kinship_and_company(redactor, text, names):
    found = [m for m in redactor.find(text) if m.label == "PERSON"]
    assert len(found) == len(names)
    for m, name in zip(found, names):  # the name, perhaps with its family title ("nana pat")
        assert m.text.endswith(name) and m.text[:-len(name)].strip().lower() in ("", "nana", "uncle", "auntie")


@pytest.mark.slow
@pytest.mark.parametrize("text", [
    "my uncle was the one who found him",
    "nana always said worse things happen at sea",
    "auntie came down for the weekend",
    "It was a blessing in disguise, honestly.",
    "There's precious little time for myself.",
    "My French is a bit rusty but I get by.",
    "I will, I promise I will.",
    "i hope me and will be ok",
    "Honestly, I just want some peace.",
    "Grandpa was a Marine and never talked about it.",
    "Café au lait, no sugar.",
    "Oh, I know. Oh, you lost touch, oh my gosh.",  # interjections before a comma are no vocative
    "On a scale where 10 means you're 100 confident, where are you?",
])
def test_look_alikes_of_names_are_left_alone(redactor, text):
    assert redactor.find(text) == []


@pytest.mark.slow
@pytest.mark.parametrize("form", ["NFC", "NFD"])
def test_a_non_ascii_name_is_one_person_placeholder(redactor, form):
    text = unicodedata.normalize(form, "Zoë says I should have left him. I told Zoë no.")
    session = make_session(("Client", text, 0.0, 4.0, "client"))
    session = session.__class__(meta=session.meta, turns=session.turns, utterances=session.utterances,
                                speakers=(Speaker("Client", "client", "transcript"),))
    red = redactor.session(session)
    assert red.turns[0].text == "[PERSON_1] says I should have left him. I told [PERSON_1] no."
    assert "Zo" not in json.dumps(red.to_dict(), ensure_ascii=False)


@pytest.mark.slow
def test_a_handle_gets_its_own_placeholder(redactor):
    session = make_session(("Client", "She's @kezzaaa on TikTok, and @kezzaaa blocked me.", 0.0, 4.0, "client"))
    red = redactor.session(session)
    assert red.turns[0].text == "She's [HANDLE_1] on [ORG_1], and [HANDLE_1] blocked me."


@pytest.mark.slow
def test_given_names_beyond_the_us_lists(redactor):
    lexicon = redactor._lexicon
    assert all(lexicon.given_name(n) for n in ("siobhan", "kayleigh", "blessing", "mary"))
    # covered whatever the label (NER calls "Siobhan" here a place; "Blessing" follows it)
    assert [m.text for m in redactor.find("I rang Siobhan and Blessing came round.")] == ["Siobhan", "Blessing"]
