"""The four sample sessions show the markers they were written to show
(sample_transcripts/ANSWER_KEY.md; turn numbers there start at 1)."""

import pytest

from .conftest import SAMPLES


@pytest.fixture(scope="module")
def sessions(analyzer):
    return {name: analyzer.analyze(SAMPLES / name) for name in
            ("strong_alliance.txt", "self_disclosure.vtt", "over_interpretation.json", "trainee_session.docx")}


def flagged_turns(session, marker):
    """Key-numbered turns (from 1) with at least one utterance where the marker is decided."""
    return {u.turn_index + 1 for u in session.utterances for m in u.markers if m.marker == marker and m.decision}


def hits(session, marker, turns):
    return len(flagged_turns(session, marker) & set(turns))


@pytest.mark.slow
def test_inappropriate_self_disclosure_is_found_where_it_was_written(sessions):
    s = sessions["self_disclosure.vtt"]
    assert hits(s, "inappropriate_self_disclosure", [7, 13, 23, 31, 41, 47]) >= 4
    assert 37 not in flagged_turns(s, "inappropriate_self_disclosure")  # the brief one that returns the focus
    assert hits(s, "self_disclosure", [7, 13, 23, 31, 37, 41, 47]) >= 6
    assert flagged_turns(sessions["strong_alliance.txt"], "inappropriate_self_disclosure") == set()


@pytest.mark.slow
def test_rigid_interpretation_is_found_where_it_was_written(sessions):
    s = sessions["over_interpretation.json"]
    rigid = [12, 20, 30, 34, 38, 50]
    persisting = [14, 16, 22, 24, 32, 36, 46, 54]
    assert hits(s, "rigid_interpretation", rigid + persisting) >= 6
    assert hits(s, "rigid_interpretation", rigid) >= 3
    assert len(flagged_turns(sessions["strong_alliance.txt"], "rigid_interpretation")) <= 1


@pytest.mark.slow
def test_empathy_and_positive_regard_in_the_strong_alliance_session(sessions):
    s = sessions["strong_alliance.txt"]
    assert hits(s, "empathy", [5, 9, 11, 23, 25, 33, 41, 51]) >= 4
    assert hits(s, "positive_regard", [19, 21, 35, 53, 63]) >= 2
    assert hits(s, "open_question", [1, 3, 15, 31, 39, 43, 49, 55, 59, 65]) >= 6


@pytest.mark.slow
def test_trainee_session_shows_closed_questions_and_unasked_advice(sessions):
    s = sessions["trainee_session.docx"]
    assert hits(s, "closed_question", [11, 13, 15, 17, 37, 39, 41, 43, 53, 67, 69]) >= 6
    assert hits(s, "advice_without_permission", [21, 45, 61]) >= 2


@pytest.mark.slow
@pytest.mark.xfail(strict=True, reason="coder v4 does not code the turn's closing invitation ('I'm curious what it's like "
                   "for you…', no question mark) as a question, so the disclosure's focus does not return (v3 did)")
def test_the_trainees_brief_disclosure_handed_back_is_not_inappropriate(sessions):
    assert 51 not in flagged_turns(sessions["trainee_session.docx"], "inappropriate_self_disclosure")


@pytest.mark.slow
def test_alliance_index_ranks_the_strong_session_above_the_damaging_ones(sessions):
    """Experimental markers (held-out precision below 0.5, issue 12) stay out of the index: rigid
    interpretation is one, so the over-interpretation session's damage shows in its flagged
    (experimental) moments, not in its index; the index still ranks the strong session above the
    self-disclosing one and above the reference average."""
    from transcript_analyzer.markers.index import COMPONENT_MARKERS
    from transcript_analyzer.markers.validity import experimental

    index = {name: s.metrics.alliance.value for name, s in sessions.items()}
    assert index["strong_alliance.txt"] > index["self_disclosure.vtt"]
    assert index["strong_alliance.txt"] > 50
    used = {c.name for c in sessions["strong_alliance.txt"].metrics.alliance.components}
    assert used and not any(experimental(m) for c in used for m in COMPONENT_MARKERS[c])
    assert experimental("rigid_interpretation") == ("rigid_interpretation_per_100" not in used)
