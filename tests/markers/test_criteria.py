import pytest

from transcript_analyzer.errors import ModelError
from transcript_analyzer.markers.criteria import DisclosureCriteria
from transcript_analyzer.markers.rules import Episode


def episode(words=12, turns=1, number=1, returns_focus=True, solicited=False, intimate=False, client_next="engages"):
    return Episode(utterances=(3,), words=words, turns=turns, number=number, returns_focus=returns_focus,
                   solicited=solicited, intimate=intimate, contains_advice=False, client_next=client_next)


def test_returning_the_focus_needs_three_other_criteria_to_be_inappropriate():
    model = DisclosureCriteria(long_words=40, frequent_from=3)
    assert not model.judge(episode(intimate=True, number=5))[1]  # brief, hands the focus back
    assert model.judge(episode(intimate=True, number=5, words=60))[1]
    assert model.judge(episode(intimate=True, returns_focus=False))[1]
    assert not model.judge(episode(returns_focus=False))[1]  # a short, first, ordinary disclosure


def test_asked_for_intimate_content_is_not_a_criterion_and_the_reasons_name_what_was_met():
    model = DisclosureCriteria(long_words=40, frequent_from=3)
    _, decided, why = model.judge(episode(intimate=True, solicited=True, returns_focus=False))
    assert not decided and why == ["the focus does not return to the client"]
    _, decided, why = model.judge(episode(turns=2, number=4, returns_focus=False, client_next="caretaking"))
    assert decided and why[0] == "the focus does not return to the client"
    assert any("2 turns" in w for w in why) and any("number 4" in w for w in why) and any("takes care" in w for w in why)


def test_probability_comes_from_the_pattern_table_with_the_base_rate_as_fallback():
    model = DisclosureCriteria(rates={"2": 0.7, "0": 0.05}, base_rate=0.2)
    assert model.judge(episode(returns_focus=False, intimate=True, number=1))[0] == 0.7
    assert model.judge(episode())[0] == 0.05
    assert model.judge(episode(returns_focus=False))[0] == 0.2


def test_save_and_load_round_trip_with_checksums(tmp_path):
    from transcript_analyzer.resources import sha256_file
    model = DisclosureCriteria(long_words=30, frequent_from=2, rates={"1": 0.4}, base_rate=0.3)
    names = model.save(tmp_path)
    (tmp_path / "SHA256SUMS").write_text("".join(f"{sha256_file(tmp_path / n)}  {n}\n" for n in names))
    back = DisclosureCriteria.load(tmp_path)
    assert (back.long_words, back.frequent_from, back.rates, back.base_rate) == (30, 2, {"1": 0.4}, 0.3)
    assert back.sha256 == sha256_file(tmp_path / "criteria.json")
    (tmp_path / "criteria.json").write_text("{}")
    with pytest.raises(ModelError):
        DisclosureCriteria.load(tmp_path)
