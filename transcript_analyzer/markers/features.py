"""Linguistic cues and feature assembly for the heads.

Sentence embeddings smooth away form: whether a question opens with "what" or with "do", whether
a claim is hedged, whether the speaker talks about "my wife" or "your mother". These cues carry
that form, each tied to a section of docs/codebook.md. A head stores the cue names it was
trained with, so a head and a different cue set are never silently combined.
"""

from __future__ import annotations

import math
import re
from typing import Sequence

import numpy as np

_LEAD = r"^(?:\W*(?:so|and|but|okay|ok|well|um|uh|now|then|alright|all right|yeah|right|mm-hmm|and so)\W+)*"


def _rx(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.I)


CUES: tuple[tuple[str, re.Pattern[str]], ...] = (
    # questions (MI 7.3): open questions invite, closed ones ask for yes/no or a fact
    ("question_mark", _rx(r"\?\s*[\"'”’)]*\s*$")),
    ("wh_start", _rx(_LEAD + r"(what|how|why|when|where|who|which)\b")),
    ("aux_start", _rx(_LEAD + r"(do|does|did|are|is|was|were|have|has|had|can|could|would|will|should|may|might|am)\b")),
    ("invitation", _rx(r"\b(tell me|talk (to me )?about|describe|say more|help me understand|walk me through)\b")),
    ("quantity_question", _rx(r"\bhow (many|much|long|often|old)\b")),
    ("either_or", _rx(r"\b(or not|or are|or is|or do|, or)\b")),
    # reflections (MI 7.3, empathy 3.3)
    ("reflective_opener", _rx(_LEAD + r"(it sounds like|sounds like|it seems|so you|you feel|you're feeling|you've been|"
                              r"what i'm hearing|you're saying|part of you|on the one hand)")),
    ("feeling_word", _rx(r"\b(feel|feeling|felt|sad|angry|scared|afraid|hurt|frustrat\w*|lonely|alone|anxious|worried|"
                         r"upset|overwhelm\w*|ashamed|guilty|stuck|hopeless|relieved|proud|exhausted|tired)\b")),
    ("second_person", _rx(r"\b(you|your|you're|yourself|you've|you'd|you'll)\b")),
    # self-disclosure (5.3)
    ("first_person", _rx(r"\b(i|me|my|i'm|i've|i'd|myself|mine)\b")),
    ("own_life", _rx(r"\b(my (wife|husband|partner|kids?|son|daughter|mother|mom|mum|father|dad|family|divorce|"
                     r"ex|friend|job|own)|when i was|i remember|i used to|i went through|i had|me too|same here|"
                     r"i've been there|happened to me)\b")),
    ("immediacy", _rx(r"\b(i('m| am) (moved|touched|struck|aware)|i feel .* (right now|hearing)|between us|in here)\b")),
    # positive regard (4.3)
    ("affirmation", _rx(r"\b(well done|good for you|proud of you|great job|impressive|courage|brave|strength|strong|"
                        r"you (did|managed|worked|handled)|that took|thank you for|it's clear you care|you care)\b")),
    # interpretation and confrontation (6.4, MI confront)
    ("certainty", _rx(r"\b(clearly|obviously|really|actually|definitely|certainly|the real|what'?s really|deep down|"
                      r"the truth is|you'?re just|of course|no doubt|textbook|classic)\b")),
    ("hedge", _rx(r"\b(i wonder|could it be|maybe|perhaps|might|possibly|i guess|kind of|sort of|seems?)\b")),
    ("check", _rx(r"\b(does that fit|does that sound|am i (right|close|off)|is that right|correct me|tell me if)\b")),
    ("attribution", _rx(r"\b(because you|that'?s why you|the reason|stems? from|comes? from|rooted in|is about your|"
                        r"afraid of|fear of|your (mother|mom|mum|father|dad|parents|childhood)|pattern|defen[cs]e|"
                        r"resist\w*|denial|projecting|subconscious\w*|unconscious\w*)\b")),
    # advice and information (MI 7.3)
    ("directive", _rx(r"\b(you should|you need to|you have to|you must|you ought|try to|make sure|don'?t|i'?d recommend|"
                      r"i recommend|i suggest|i'?d suggest|why don'?t you|have you (tried|considered|thought about))\b")),
    ("imperative_start", _rx(_LEAD + r"(try|go|take|stop|start|call|talk|tell|get|make|keep|remember|consider|avoid|"
                             r"find|ask|write|let|be)\b")),
    ("permission", _rx(r"\b(would it be (ok|okay|alright|all right)|is it (ok|okay) if|may i|can i (share|tell|offer|give)|"
                       r"would you like (me|some|to hear)|if (it's|that's) (ok|okay)|do you mind if|would you be (open|interested))\b")),
    ("autonomy", _rx(r"\b(it's (up to you|your (choice|decision|call))|you decide|whatever you (decide|choose)|only you)\b")),
    ("information", _rx(r"\b(research|studies|study|percent|%|typically|usually|often|most people|people who|risk|"
                        r"the (recommended|guideline)|doctors?|medication|treatment)\b")),
)
CUE_NAMES: tuple[str, ...] = tuple(name for name, _ in CUES) + ("log_words",)


def cue_vector(text: str) -> np.ndarray:
    values = [1.0 if pattern.search(text) else 0.0 for _, pattern in CUES]
    values.append(math.log1p(len(text.split())))
    return np.array(values, dtype=np.float32)


def cue_matrix(texts: Sequence[str]) -> np.ndarray:
    return np.stack([cue_vector(t) for t in texts]) if texts else np.zeros((0, len(CUE_NAMES)), dtype=np.float32)


def assemble(u: np.ndarray, c: np.ndarray | None, cues: np.ndarray | None, context: bool,
             embedding: bool = True) -> np.ndarray:
    """[u] or [u, c, u*c], then the cues (or the cues alone): the layout every head is trained
    and used with."""
    parts = []
    if embedding:
        parts.append(u)
        if context:
            parts += [c, u * c]
    if cues is not None:
        parts.append(cues)
    return np.hstack(parts).astype(np.float32)
