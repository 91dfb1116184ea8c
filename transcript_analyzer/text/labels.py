"""Speaker labels that name a role ("Therapist", "T", "Client 2", "Counsellor").

Kept free of heavy imports: readers use it to tell a speaker prefix from ordinary text.
"""

from __future__ import annotations

import re

from ..model import CLIENT, THERAPIST

_ROLE_WORDS = {
    THERAPIST: {
        "therapist", "t", "th", "tx", "counsellor", "counselor", "clinician", "psychologist",
        "psychotherapist", "psychiatrist", "practitioner", "provider", "trainee", "interviewer",
        "helper", "supporter", "facilitator", "coach", "mi practitioner", "analyst",
    },
    CLIENT: {
        "client", "c", "cl", "patient", "pt", "p", "participant", "interviewee", "seeker",
        "respondent", "member", "partner", "parent", "child", "adolescent", "family member",
        "caller", "service user",
    },
}

_STRIP = re.compile(r"(?:[\s_.\-#]+[a-z]|[\s_.\-#]*\d+)$")


def normalise_label(label: str) -> str:
    """Lower-case, collapse spaces, drop trailing numbering ('Client 2', 'Partner B', 'T1')."""
    text = " ".join(label.replace("_", " ").split()).lower().strip(" .:*")
    if text in _ROLE_WORDS[THERAPIST] or text in _ROLE_WORDS[CLIENT]:
        return text
    return _STRIP.sub("", text) if len(text) > 1 else text


def role_from_label(label: str) -> str | None:
    """The role a speaker label names, or None when it is a name or a diariser label."""
    key = normalise_label(label)
    for role, words in _ROLE_WORDS.items():
        if key in words:
            return role
    return None
