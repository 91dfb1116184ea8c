"""Names told by use (uses.py, round 3): direct address, apposition, word-names before a relation or a
person's doings, lowercase objects of telling, pairs, family title before a past verb, nicknames
after a naming verb; each with look-alikes that must stay. All examples invented for these tests."""

import pytest

from transcript_analyzer.text.redact import Redactor

TAGGER_FALSE_ALARM = pytest.mark.xfail(reason="known false alarm of the learned tagger (text/redact/tagger.py, model card): a "
                                "word that is often a name, used as a word; over-redaction is the safe way to be wrong", strict=True)


@pytest.fixture(scope="module")
def redactor():
    return Redactor().load()


def _people(redactor, text):
    return sorted(m.text for m in redactor.find(text) if m.label == "PERSON")


@pytest.mark.parametrize("text, name", [
    ("Faith, you have come a long way since March.", "Faith"),
    ("Joy, before we stop, can we look at the plan?", "Joy"),
    ("Ngozi, it sounds like that week was heavy.", "Ngozi"),
    ("Luz, it sounds as if the move was a loss too.", "Luz"),
    ("Hope, I'm wondering what that was like.", "Hope"),
    ("Grace, my sponsor, rang me twice on Sunday.", "Grace"),
    ("My youngest, Ivy, has started walking.", "Ivy"),
    ("Patience was in my group at the day centre.", "Patience"),
    ("Hazel started reception last week.", "Hazel"),
    ("Summer and I split up after the wedding.", "Summer"),
    ("i told faith everything in the end", "faith"),
    ("i had a brew with dawn from the choir", "dawn"),
    ("how old is jade now", "jade"),
    ("grandad will died when i was small", "will"),
    ("at school they all called him beans", "beans"),
    ("Eilís lives near the coast now.", "Eilís"),
    ("i slept round at amber's after the row", "amber"),
    ("we stayed at uncle tunde's for a week", "tunde"),
    ("her name is may and she's lovely", "may"),
    ("they named him frank after his grandad", "frank"),
])
def test_names_told_by_use(redactor, text, name):
    assert any(p == name or p == f"{name}'s" for p in _people(redactor, text))


@pytest.mark.parametrize("text", [
    pytest.param("Hope, you know, is a funny thing.", marks=TAGGER_FALSE_ALARM),
    pytest.param("Hope, I'm not sure I have any left.", marks=TAGGER_FALSE_ALARM),
    "Patience, that's what my nan always said.",
    "Joy, it's a word I haven't used in years.",
    "Wednesday, you said you felt low.",
    "Ugh, it's gonna be a waste of my time.",
    "I wouldn't call them drunks, to be fair.",
    "I tried to call her roommate but she was out.",
    "maybe ask boss to let you go early",
    "Well, you did try your best.",
    "Right, I think we should stop there.",
    "Hope is the thing that keeps me going.",
    "Summer and winter are both hard for me.",
    "i told him everything in the end",
    "he called me stupid in front of everyone",
    "she calls him names when shes drunk",
    "my mum calls me babygirl still",
    "my dad just died last year",
    "i went round to my mum's after",
    pytest.param("she named it hope, the little plant", marks=TAGGER_FALSE_ALARM),
    "My sister called me yesterday and we argued.",
    "Faith is important to me, church and all that.",
])
def test_look_alikes_stay(redactor, text):
    assert _people(redactor, text) == []


def test_lowercase_pair_before_a_verb_of_people(redactor):
    assert _people(redactor, "kemi and tobi came round after the funeral") == ["kemi", "tobi"]
    assert _people(redactor, "hope and faith are what keep me going") in ([], ["hope"])  # the tagger's known false alarm
    assert _people(redactor, "the kids and work came first") == []


@pytest.mark.parametrize("text, age", [
    ("She'll be seventy in June, and she wants a party.", "seventy"),
    ("we were all fifteen and stupid", "fifteen"),
    ("So you were how old then, nine?", "nine"),
    ("There's my nephew, who's eleven, and he worries me.", "eleven"),
    ("my pal dobbo is fifty this year", "fifty"),
])
def test_ages_in_more_constructions(text, age):
    from transcript_analyzer.text.redact.numbers import age_mentions
    assert any(m.text.endswith(age) for m in age_mentions(text))


@pytest.mark.parametrize("text", [
    "it will be six in the morning before I sleep",
    "The cat's getting on, she's about fourteen now.",
    "Your GAD-7 was 15 last time.",
    "they were both ten minutes late",
    "who's got twelve quid",
])
def test_not_ages_in_those_constructions(text):
    from transcript_analyzer.text.redact.numbers import age_mentions
    assert age_mentions(text) == []


@pytest.mark.parametrize("text, label, mention", [
    ("my brother drove for lyft for a bit", "ORG", "lyft"),
    ("she got sacked from greggs last week", "ORG", "greggs"),
    ("he works at tesco in hull now", "PLACE", "hull"),
    ("after the match we went down the red lion", "PLACE", "red lion"),
    ("she does a class at willowbank wellbeing centre on fridays", "ORG", "willowbank wellbeing centre"),
    ("our two go to st bede's", "ORG", "st bede's"),
    ("He did eighteen months in HMP Castlemoor.", "ORG", "HMP Castlemoor"),
    ("its the third of the fourth, eighty-nine", "DATE", "third of the fourth, eighty-nine"),
    ("my address is flat two forty one larch road", "ADDRESS", "flat two forty one larch road"),
])
def test_lowercase_organisations_places_dates_addresses(redactor, text, label, mention):
    assert any(m.text.endswith(mention) for m in redactor.find(text))


@pytest.mark.parametrize("text", [
    pytest.param("she has to go to the crown court on monday", marks=TAGGER_FALSE_ALARM),
    "i went to the bell and nobody answered",
    pytest.param("i did a year at further education college", marks=TAGGER_FALSE_ALARM),
    pytest.param("i take st john's wort for my mood", marks=pytest.mark.xfail(
        reason="known false alarm of the learned tagger (text/redact/tagger.py): 'john' in a medicine's name", strict=True)),
    "we went to the chip shop after",
    "any trouble at home or school or somewhere else",
    "i would like to play football in college",
    "you want good grades to get into law school",
    "reach out to people you can trust in your network",
])
def test_lowercase_look_alikes_stay(redactor, text):
    assert [m for m in redactor.find(text) if m.label in ("ORG", "PLACE")] == []


@pytest.mark.parametrize("text, handle", [
    ("her username is moon rider forty two", "moon rider forty two"),
    ("i found him at lads with vans on tiktok", "lads with vans"),
    ("shes on twitch as tiny terror most nights", "tiny terror"),
    ("add me on snap at lottie loo twenty", "lottie loo twenty"),
    ("he keeps making new accounts now hes ghost dot fox eleven", "ghost dot fox eleven"),
])
def test_handles_said_as_words(text, handle):
    from transcript_analyzer.text.redact.handles import handle_mentions
    assert handle in [m.text for m in handle_mentions(text) if m.label == "HANDLE"]


@pytest.mark.parametrize("text", [
    "hes on twitch as well",
    "shes on insta at night mostly",
    "he added me at school on snapchat",
    "I wore my polka dot dress in the photo on my instagram",
    "be there at seven on the dot",
])
def test_not_handles(text):
    from transcript_analyzer.text.redact.handles import handle_mentions
    assert [m for m in handle_mentions(text) if m.label == "HANDLE"] == []


@pytest.mark.parametrize("text, place", [
    ("we moved to whitstable when i was nine", "whitstable"),
    ("my dad used to take us to porthcawl every summer", "porthcawl"),
    ("she lives in kirkintilloch now", "kirkintilloch"),
])
def test_lowercase_towns_unseen_in_lowercase(redactor, text, place):
    assert place in [m.text for m in redactor.find(text)]


@pytest.mark.parametrize("text", [
    "she went to rehab for a month",
    "i went to bed early",
    "he moved to detox last week",
    "we went back to therapy after christmas",
    "i think my dad is going to devoice her",
])
def test_common_words_after_a_place_cue_stay(redactor, text):
    assert [m for m in redactor.find(text) if m.label == "PLACE"] == []


def test_family_title_before_a_name_at_the_end(redactor):
    assert "sue" in _people(redactor, "we went to the coast with nan and aunty sue")
    assert _people(redactor, "that is just what my dad said") == []
    assert _people(redactor, "i know my mum will") == []


@pytest.mark.parametrize("text, mention", [
    ("my wife trần thị mai doesnt know", "trần thị"),
    ("i was a cleaner at maple lodge for two years", "maple lodge"),
    ("kezia is the only one i talk to", "kezia"),
    ("Aisling at the Riverside Project sorted my forms.", "Aisling"),
])
def test_more_names_by_use(redactor, text, mention):
    assert any(m.text.startswith(mention) for m in redactor.find(text))


@pytest.mark.parametrize("text", [
    "My rabbit's called Clover and she's ancient.",
    "Our dog, Mr Biscuit, sleeps on my bed.",
    "I haven't seen him since about Year 9.",
    "Every Father's Day is hard.",
    "i had to go to the food bank again",
    "My National Insurance number is on the letter.",
    "I worked at a car park for years",
    "me and my sister share a room",
])
def test_more_look_alikes_stay(redactor, text):
    assert [m.text for m in redactor.find(text) if m.label in ("PERSON", "ORG", "PLACE", "DATE")] == []
