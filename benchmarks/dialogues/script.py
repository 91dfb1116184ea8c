"""Invented therapy-style dialogue scripts: a therapist's open and closed questions, reflections,
validations and summaries; a client's accounts of one topic, short answers and hesitations; and
the listener's backchannels ("Mm-hmm", "Yeah", "Right"). Every choice comes from a seeded
generator, so a seed always gives the same dialogue. All text is written for this benchmark.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterator

import numpy as np

THERAPIST, CLIENT = "therapist", "client"

TOPICS = {
    "work": ("my job", "work", [
        "My manager keeps moving the deadlines, and I never know where I stand.",
        "I stay late most nights, even when nobody asks me to.",
        "On Sunday evenings I already feel the knot in my stomach.",
        "There was a meeting last week where I just froze, and I could not say anything.",
        "I used to like the work itself, but now I dread opening my email.",
        "A colleague took credit for the report I wrote, and I said nothing.",
        "I keep thinking that if I make one mistake they will let me go.",
        "My partner says I talk about the office all the time.",
    ]),
    "mother": ("my mother", "your mother", [
        "She calls every morning, and if I miss it she calls my brother.",
        "When I was small she was often ill, so I learned to be quiet.",
        "I love her, but after every visit I feel about ten years old.",
        "She still comments on what I eat, and I still let it get to me.",
        "Last month she forgot my birthday, and I told everyone it was fine.",
        "I sometimes rehearse our conversations in the car before I see her.",
        "My sister just laughs it off, but I cannot do that.",
        "She is getting older, and I feel guilty for being angry with her.",
    ]),
    "sleep": ("sleeping", "your sleep", [
        "I fall asleep fine, but I wake up at three and my mind starts racing.",
        "I lie there making lists of everything I have not done.",
        "Some nights I give up and watch videos until the sun comes up.",
        "The doctor said to cut out coffee, and I did, for about a week.",
        "When I do not sleep, the whole next day feels grey and far away.",
        "I started dreading the bedroom, which sounds silly when I say it.",
        "On holiday I slept nine hours a night, so it must be something here.",
    ]),
    "grief": ("losing my grandfather", "your grandfather", [
        "He died in March, and I still reach for the phone to call him.",
        "We used to walk to the river on Saturdays and hardly talk at all.",
        "At the funeral I did not cry, and I have been wondering why.",
        "His coat is still hanging in my hallway; I cannot move it.",
        "Everyone else seems to have gone back to normal.",
        "Sometimes I hear a song he liked, and it just knocks me over.",
        "I keep thinking I should have visited more in the last year.",
    ]),
    "partner": ("things with Sam", "your relationship", [
        "We argue about small things, the dishes, whose turn it is to cook.",
        "When Sam goes quiet I assume I have done something wrong.",
        "We have not really talked, properly talked, in months.",
        "Last weekend was actually good, we went hiking and laughed a lot.",
        "I worry that I am the difficult one in this relationship.",
        "Sam wants to move in together, and part of me wants to run.",
        "I check my phone constantly when Sam is out with friends.",
    ]),
    "moving": ("the move", "moving here", [
        "I moved here for the course, and I do not know anyone yet.",
        "The flat is fine, but it is very quiet in the evenings.",
        "Back home I had the same friends since school.",
        "I joined a running club, and then I stopped going after two weeks.",
        "On the phone I tell my parents everything is great.",
        "Some days I do not speak to a single person until evening.",
        "I thought a fresh start would make me a different person.",
    ]),
}
OPEN = ["How have things been since we last met?", "What would you like to focus on today?",
        "What was that like for you?", "Can you tell me more about that?", "What goes through your mind when that happens?",
        "Where do you think that feeling comes from?", "How did you respond in that moment?",
        "What would you have liked to say?", "What do you notice in your body when you talk about it?",
        "How does that connect with what you said earlier about {them}?", "What has helped, even a little?",
        "What do you make of that?", "How do you usually cope when it gets like this?",
        "If a friend told you this, what would you say to them?", "What would be different if things improved?"]
CLOSED = ["Did you tell anyone about it?", "Was that this week?", "Is that still going on?",
          "Have you felt like this before?", "Did it help?", "Would it be all right to stay with that for a moment?"]
REFLECT = ["So it sounds like {them} has been weighing on you.", "You felt {feeling}, and you kept it to yourself.",
           "It sounds as if part of you wants to change it, and part of you is afraid to.",
           "I hear a lot of {feeling} in what you are saying.", "So when that happens, you go quiet.",
           "You have been carrying this on your own for quite a while."]
VALIDATE = ["That makes a lot of sense.", "That sounds really hard.", "Thank you for telling me that.",
            "It takes courage to say that out loud.", "Of course you would feel that way."]
SUMMARY = ["Let me check I have understood: {them} has been difficult, you have been feeling {feeling}, "
           "and you have mostly kept it to yourself. Is that right?",
           "We have a few minutes left. I wonder if we could think about one small thing to try this week."]
FEELINGS = ["anxious", "lonely", "frustrated", "tired", "guilty", "sad", "on edge", "overwhelmed"]
GENERIC = ["I do not really know how to explain it.", "It is hard to put into words.",
           "I suppose I have always been like this.", "I have not told anyone else about this.",
           "It sounds small when I say it out loud.", "Part of me thinks I am overreacting.",
           "I felt {feeling}, really {feeling}.", "Then I just went home and went to bed."]
SHORT = ["Yeah, I think so.", "Not really.", "Maybe, I am not sure.", "Yes, that is it exactly.",
         "No, I never did.", "A little, I suppose.", "Honestly? I do not know."]
HESITATE = ["Um,", "Well,", "I mean,", "So,", "Hmm,"]
BACKCHANNELS = ["Mm-hmm.", "Yeah.", "Right.", "Okay.", "Mm-hmm.", "I see.", "Yeah, yeah.", "Sure."]


@dataclass(frozen=True)
class Line:
    """One turn: its role and its sentences (each sentence is a list of clauses spoken in one go)."""

    role: str
    sentences: tuple[str, ...]


def dialogue_lines(seed: int) -> Iterator[Line]:
    """An endless, seeded therapy conversation on one topic (the caller stops it at the length it needs)."""
    rng = np.random.default_rng(seed)
    topic = list(TOPICS)[int(rng.integers(len(TOPICS)))]
    _mine, them, statements = TOPICS[topic]
    feeling = lambda: FEELINGS[int(rng.integers(len(FEELINGS)))]  # noqa: E731
    pick = lambda pool: pool[int(rng.integers(len(pool)))].format(them=them, feeling=feeling())  # noqa: E731
    yield Line(THERAPIST, (pick(OPEN[:2]),))
    turn = 0
    while True:
        turn += 1
        # client: an account (1-4 sentences), or a short answer after a closed question
        if turn > 1 and rng.random() < 0.2:
            yield Line(CLIENT, (pick(SHORT),))
        else:
            n = int(rng.integers(1, 5))
            parts = [pick(statements) if rng.random() < 0.7 else pick(GENERIC) for _ in range(n)]
            if rng.random() < 0.3:
                parts[0] = f"{pick(HESITATE)} {parts[0][0].lower()}{parts[0][1:]}"
            yield Line(CLIENT, tuple(parts))
        # therapist: a question, a reflection (often followed by a question), validation, or a summary
        r = rng.random()
        if turn % 9 == 0:
            yield Line(THERAPIST, (pick(SUMMARY),))
        elif r < 0.35:
            yield Line(THERAPIST, (pick(OPEN),))
        elif r < 0.5:
            yield Line(THERAPIST, (pick(CLOSED),))
        elif r < 0.8:
            yield Line(THERAPIST, (pick(REFLECT), pick(OPEN)) if rng.random() < 0.6 else (pick(REFLECT),))
        else:
            yield Line(THERAPIST, (pick(VALIDATE), pick(OPEN)))


def clauses(sentence: str) -> list[str]:
    """A sentence cut at commas and semicolons: each clause is rendered on its own, so the pause
    after it is placed (and known) by the layout, not left to the TTS engine."""
    out, cur = [], ""
    for token in sentence.split(" "):
        cur = f"{cur} {token}" if cur else token
        if token.endswith((",", ";", ":")):
            out.append(cur)
            cur = ""
    if cur:
        out.append(cur)
    return out


def words(text: str) -> list[str]:
    """The words of a clause as written (punctuation kept on the word), for the reference word list."""
    return [w for w in text.split() if any(c.isalnum() for c in w)]
