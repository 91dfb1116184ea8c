"""Session-context rules: what a single-utterance model cannot see.

Plain functions over texts and per-utterance decisions, shared by the markers stage and by the
training code that fits the disclosure-appropriateness model on annotated conversations.

- Disclosure episodes and their context features (codebook 5.3-5.4, after Hill & Knox 2002):
  size, how many came before, whether the focus returns to the client, whether it was asked for,
  intimate content, advice inside it, and how the client answered next.
- Persistence (codebook 6.3, Q3): an interpretation repeated after the client disagreed.
- Advice with or without permission (MITI 4.2.1): permission asked and granted, or offered in the
  utterance itself.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Sequence

_WORD = re.compile(r"\w+(?:['’]\w+)*")
_FILLER = {"ok", "okay", "yeah", "yes", "right", "mm", "hmm", "mm-hmm", "uh", "um", "sure", "oh", "ah", "i", "see",
           "thanks", "thank", "you", "true", "no", "well", "so", "hm", "k"}

CARETAKING = re.compile(r"\b(i'?m (so )?sorry (for you|about (that|your)|to hear (that|about) (you|your))|sorry (that )?you|"
                        r"that (sounds|must (have been|be)) (so |really )?(hard|tough|awful|difficult|painful) for you|"
                        r"congratulations|congrats|good for you|proud of you|are you (ok|okay|alright|all right)|"
                        r"how are you (doing|holding up|feeling)|i hope you'?re (ok|okay))\b", re.I)
# Codebook SD-9: asking how the therapist coped is the client seeking help, not caretaking.
COPING = re.compile(r"\bhow did you (deal|cope|manage|handle|get|solve|overcome|stop|do it|get through)", re.I)
REDIRECT = re.compile(r"^\W*(anyway|anyways|but (my|i|what)|back to|so about|as i was saying|regardless|either way)\b|"
                      r"\b(for me|in my case|my situation|my question)\b", re.I)
LOST = re.compile(r"\b(lost my (train of thought|thread)|where was i|what was i saying|i forgot what)\b", re.I)
SOLICITED = re.compile(r"\b(have you|did you|do you|are you|were you|what about you|how about you|you ever|your own)\b[^.?!]*\?", re.I)
INTIMATE = re.compile(r"\b(divorce|divorced|affair|cheat\w*|drink\w*|alcohol|sober|sobriety|rehab|arrest\w*|"
                      r"suicid\w*|depress\w*|my (own )?therap\w*|panic attack|abuse\w*|my (late )?(father|mother|dad|mum|mom) "
                      r"(died|passed)|funeral|miscarriage|custody|bankrupt\w*|debt)\b", re.I)
ADVICE = re.compile(r"\b(you should|you need to|you have to|take (the|them|it)|i'd (recommend|suggest)|try (to )?\w+|"
                    r"don'?t (wait|do|let)|make sure)\b", re.I)
YOU = re.compile(r"\b(you|your|you'?re|yourself)\b", re.I)  # a reflection that turns the focus to the client
# Confrontation and withdrawal markers in a client turn (Safran & Muran 2000; codebook 6.2, Q3):
# rejecting the therapist's claim, correcting it, or objecting to how the therapist is treating them.
DISAGREE = re.compile(
    r"^\W*(no\b|nah\b|not really|i don'?t (agree|see it)|it'?s not (that|about)|i didn'?t say|"
    r"i disagree|that isn'?t|you'?re wrong)|"
    r"\b(that'?s not (it|true|right|what|why|fair|how)|i (really )?don'?t think (that'?s|it'?s|this is|so|he|she)|"
    r"i don'?t know (if|that) (that'?s|it'?s|this is)|i didn'?t say|not what i (said|meant)|"
    r"(that|it|this)(?: i'?m describing)? (isn'?t|is not|wasn'?t) (it|about|what|why|true|right|a \w+)|"
    r"(isn'?t|is not|wasn'?t|aren'?t) (a|an) (rationali[sz]ation|excuse|defen[cs]e)|"
    r"(he|she|they|it) (didn'?t|doesn'?t|don'?t|wasn'?t|isn'?t)\b[^.?!]*\bthough\b|"
    r"you'?re not (listening|hearing)|you keep (saying|bringing|coming back)|you picked|"
    r"i'?m (getting )?(frustrated|annoyed|irritated) (with|by|at) (you|this)|i'?m getting (frustrated|annoyed)|"
    r"that'?s different|i don'?t see it (that way|like that)|i wouldn'?t (say|put it)|"
    r"that'?s not (the|my) (point|problem|issue))\b", re.I)
# Defending an interpretation or treating disagreement as evidence (codebook 6.7, Q3): "That's the
# defence talking", "You're not ready to see it", "It's textbook", "That's part of the pattern".
DEFENDS = re.compile(
    r"\b(defen[cs](e|ive|iveness)|resist(ing|ance)?|denial|rationali[sz]\w*|avoid(ing|ance)|projecting|"
    r"not ready to (see|hear|face|admit)|ready to see|deeper than you|textbook|classic|"
    r"part of the pattern|the (same )?pattern|that'?s (the|your) \w+ talking|"
    r"because (your|you'?re|you are|you have|you've)|that'?s why you|is (really |clearly |obviously )?about your)\b", re.I)
PERMISSION = re.compile(r"\b(would it be (ok|okay|alright|all right)|is it (ok|okay) if|may i|can i (share|tell|offer|give|make)|"
                        r"would you like (me to|some|to hear)|do you mind if|would you be (open|interested)|"
                        r"if (it'?s|that'?s) (ok|okay|alright) with you|with your permission)\b", re.I)
AGREE = re.compile(r"^\W*(yes|yeah|yep|sure|ok|okay|go ahead|please|of course|i'?d like that|that'?s fine|alright|all right)\b", re.I)


def words(text: str) -> int:
    return len(_WORD.findall(text))


def client_reply(text: str | None) -> str:
    """How the client answered: caretaking, lost_thread, redirect, minimal, engages (or none)."""
    if text is None:
        return "none"
    if COPING.search(text):
        return "engages"
    if CARETAKING.search(text):
        return "caretaking"
    if LOST.search(text):
        return "lost_thread"
    if REDIRECT.search(text):
        return "redirect"
    content = [w for w in _WORD.findall(text.lower()) if w not in _FILLER]
    return "minimal" if len(content) <= 3 else "engages"


EPISODE_FEATURES = ("log_words", "utterances", "multi_turn", "number", "no_return", "solicited", "intimate",
                    "advice", "client_caretaking", "client_minimal", "client_redirect")


@dataclass(frozen=True)
class Episode:
    """Consecutive disclosure utterances of the therapist (codebook 5.3)."""

    utterances: tuple[int, ...]  # utterance indices
    words: int
    turns: int
    number: int  # 1 = first episode of the session
    returns_focus: bool
    solicited: bool
    intimate: bool
    contains_advice: bool
    client_next: str

    def features(self) -> dict[str, float]:
        """The numeric description used by the appropriateness model (names are stable)."""
        return {
            "log_words": math.log1p(self.words), "utterances": float(len(self.utterances)),
            "multi_turn": float(self.turns > 1), "number": float(min(self.number, 5)),
            "no_return": float(not self.returns_focus), "solicited": float(self.solicited),
            "intimate": float(self.intimate), "advice": float(self.contains_advice),
            "client_caretaking": float(self.client_next == "caretaking"),
            "client_minimal": float(self.client_next in ("minimal", "lost_thread")),
            "client_redirect": float(self.client_next == "redirect"),
        }


@dataclass(frozen=True)
class Utt:
    """What the rules need to know about one utterance."""

    index: int
    turn: int
    role: str
    text: str
    disclosure: bool = False
    question_or_reflection: bool = False
    disagrees: bool | None = None  # client: the coder's confrontation code, when it codes clients (else the word list)


def turns_to_client(u: Utt) -> bool:
    """A question or reflection about the client: it hands the focus back, whatever else it holds."""
    return u.question_or_reflection and (u.text.rstrip().endswith("?") or bool(YOU.search(u.text)))


def disclosure_episodes(utts: Sequence[Utt]) -> list[Episode]:
    """Group disclosure utterances into episodes: a therapist turn from its first to its last
    disclosing utterance (the sentences between belong to the story), continuing across a client
    turn that is only a backchannel."""
    disclosing = {u.index for u in utts if u.role == "therapist" and u.disclosure and not turns_to_client(u)}
    last_disclosure: dict[int, int] = {}
    for u in utts:
        if u.index in disclosing:
            last_disclosure[u.turn] = u.index
    groups: list[list[Utt]] = []
    current: list[Utt] = []
    for u in utts:
        inside = bool(current) and u.turn == current[-1].turn and u.index < last_disclosure.get(u.turn, -1)
        if u.role == "therapist" and (u.index in disclosing or inside):
            current.append(u)
        elif u.role == "therapist" and current:
            groups.append(current)
            current = []
        elif u.role != "therapist" and current and client_reply(u.text) != "minimal":
            groups.append(current)
            current = []
    if current:
        groups.append(current)
    return [_episode(g, number, utts) for number, g in enumerate(groups, start=1)]


def _episode(group: list[Utt], number: int, utts: Sequence[Utt]) -> Episode:
    first, last = group[0], group[-1]
    before = [u for u in utts if u.index < first.index and u.role != "therapist"]
    after_therapist = [u for u in utts if u.index > last.index and u.role == "therapist"]
    same_turn_after = [u for u in after_therapist if u.turn == last.turn]
    next_therapist = same_turn_after[:1] or after_therapist[:1]
    client_after = [u for u in utts if u.index > last.index and u.role != "therapist"]
    client_turn = [u.text for u in client_after if u.turn == client_after[0].turn] if client_after else None
    text = " ".join(u.text for u in group)
    return Episode(
        utterances=tuple(u.index for u in group), words=words(text), turns=len({u.turn for u in group}), number=number,
        returns_focus=bool(next_therapist and next_therapist[0].turn == last.turn and turns_to_client(next_therapist[0]))
        or bool(re.search(r"\?\s*$", last.text) and YOU.search(last.text)),
        solicited=bool(before and SOLICITED.search(before[-1].text)), intimate=bool(INTIMATE.search(text)),
        contains_advice=bool(ADVICE.search(text)), client_next=client_reply(" ".join(client_turn)) if client_turn else "none",
    )


def persistence(utts: Sequence[Utt], interpretive: Sequence[bool], window: int = 6) -> dict[int, str]:
    """Utterance index -> reason, for utterances that restate an interpretation, defend it or
    treat the disagreement as evidence, within ``window`` turns after the client disagreed with
    an interpretation in the turn just before (codebook 6.5 Q3, 6.7; hedges do not rescue them,
    OI-3). A defended interpretation stays on the table: disagreeing with it counts too. The client
    disagreed when the coder's learned confrontation code says so (``Utt.disagrees``, when it codes
    client turns; trained on the project's rupture annotation) or the ``DISAGREE`` words do (kept
    for the plain forms and for coders without client codes; not extended)."""
    flagged: dict[int, str] = {}
    last_interpretation_turn: int | None = None
    disagreed_turn: int | None = None
    for u, interp in zip(utts, interpretive):
        if u.role != "therapist":
            # the client answers the turn that made (or defended) an interpretation
            disagrees = bool(u.disagrees) or bool(DISAGREE.search(u.text))
            if last_interpretation_turn is not None and u.turn == last_interpretation_turn + 1 and disagrees:
                disagreed_turn = u.turn
            continue
        after_disagreement = disagreed_turn is not None and u.turn - disagreed_turn <= window
        if after_disagreement and interp:
            flagged[u.index] = f"repeats an interpretation after the client disagreed (turn {disagreed_turn + 1})"
        elif after_disagreement and DEFENDS.search(u.text):
            flagged[u.index] = f"defends an interpretation the client disagreed with (turn {disagreed_turn + 1})"
        if interp or u.index in flagged:
            last_interpretation_turn = u.turn
    return flagged


def permission_given(utts: Sequence[Utt], i: int) -> bool:
    """Advice at position i was preceded by a granted request for permission, or offers it itself."""
    u = utts[i]
    if PERMISSION.search(u.text):
        return True
    earlier = [v for v in utts[:i] if v.turn >= u.turn - 2]
    for j in range(len(earlier) - 1, -1, -1):
        v = earlier[j]
        if v.role == "therapist" and PERMISSION.search(v.text):
            replies = [w for w in earlier[j + 1:] if w.role != "therapist"]
            return not replies or bool(AGREE.search(replies[0].text))
    return False
