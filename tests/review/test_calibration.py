"""`train --recalibrate`: thresholds refitted to reviews, installed as a local model card in the user
models folder, refused with another coder, applied by `analyze --calibration NAME` only."""

import dataclasses
import json

import numpy as np
import pytest
from click.testing import CliRunner

from transcript_analyzer.cli import main
from transcript_analyzer.config import MarkerOptions
from transcript_analyzer.errors import ConfigError, InputError, ModelError
from transcript_analyzer.markers import calibration
from transcript_analyzer.markers.stage import MarkersStage
from transcript_analyzer.model import Session
from transcript_analyzer.resources import models_dir as shipped_models, sha256_file
from transcript_analyzer.review.recalibrate import recalibrate, shipped_coder

from ..markers.fakes import FakeCoder, FakeEncoder, fake_appropriateness, fake_heads
from .conftest import coded_session, write_run
from .helpers import review_dict, reviewer_items, write_review

PROBS = [float(x) for x in np.round(np.linspace(0.02, 0.98, 40), 4)]
REVIEWER = 0.15  # the site's reviewers see positive regard from 0.15; the shipped threshold is 0.35


@pytest.fixture(scope="module")
def coder():
    return shipped_coder()


def reviewed_run(tmp_path, coder, probs=PROBS, reviewer=REVIEWER, coder_sha=None, name="r.json"):
    session = coded_session(probs, coder_sha=coder_sha or coder.sha256,
                            threshold=coder.thresholds["positive_regard"])
    run = write_run(tmp_path / "run", session)
    review = write_review(tmp_path / name, review_dict(session, reviewer_items(session, "positive_regard", reviewer)))
    return session, run, review


def test_the_shipped_thresholds_come_from_the_coder_card(coder):
    card = json.loads((shipped_models() / "coder" / "coder.json").read_text())
    tasks = {t["name"]: t for t in card["tasks"]}
    expected = {d: tasks[d]["threshold"] for d in calibration.DECISIONS}
    expected.update({d: t for d, t in card.get("marker_thresholds", {}).items() if d in calibration.DECISIONS})
    assert coder.thresholds == expected and set(expected) == {"positive_regard", "self_disclosure", "advice", "confront"}
    assert coder.sha256 == sha256_file(shipped_models() / "coder" / "model.onnx")


def test_recalibrate_installs_a_verified_calibration_with_a_card(tmp_path, models_dir, coder):
    shipped_files = {p: sha256_file(p) for p in (shipped_models() / "coder").iterdir()}
    _, run, review = reviewed_run(tmp_path, coder)
    result = recalibrate([review], [run], "clinic_a")
    assert result.folder == models_dir / "clinic_a"
    assert sorted(p.name for p in result.folder.iterdir()) == ["SHA256SUMS", "calibration.json", "card.md"]
    data = result.data
    t = data["thresholds"]["positive_regard"]
    assert max(p for p in PROBS if p < REVIEWER) < t <= min(p for p in PROBS if p >= REVIEWER)
    entry = data["decisions"]["positive_regard"]
    assert entry["status"] == "recalibrated" and entry["reviewed"] == 40 and entry["after"]["agree"] == 1.0
    assert entry["before"]["agree"] < 1.0 and entry["shipped_threshold"] == coder.thresholds["positive_regard"]
    assert data["decisions"]["advice"]["status"] == "shipped" and "too few reviews" in data["decisions"]["advice"]["reason"]
    assert data["coder"]["sha256"] == coder.sha256 and data["reviewers"] == ["A. Supervisor"]
    assert data["sessions"][0]["session_id"] == "s1" and data["review_files"][0]["name"] == "r.json"
    card = (result.folder / "card.md").read_text()
    assert "# Site calibration `clinic_a`" in card and "Small numbers" in card and "| positive_regard | positive_regard | 0.352 |" in card
    loaded = calibration.load("clinic_a")
    assert loaded.thresholds == {"positive_regard": t} and loaded.reviewed == 40
    info = loaded.info()
    assert info.name == "clinic_a" and info.thresholds[0].marker == "positive_regard" and info.sha256
    assert {p: sha256_file(p) for p in (shipped_models() / "coder").iterdir()} == shipped_files  # shipped models untouched
    assert calibration.installed() == {"clinic_a": result.folder}
    from transcript_analyzer.markers.custom import installed as custom_codes

    assert custom_codes() == {}  # a calibration is not mistaken for a custom code


def test_few_reviews_keep_every_shipped_threshold(tmp_path, models_dir, coder):
    _, run, review = reviewed_run(tmp_path, coder, probs=PROBS[:6])
    result = recalibrate([review], [run], "small")
    assert result.data["thresholds"] == {}
    assert "too few reviews" in result.data["decisions"]["positive_regard"]["reason"]


def test_sessions_coded_by_another_coder_are_refused(tmp_path, models_dir, coder):
    _, run, review = reviewed_run(tmp_path, coder, coder_sha="c" * 64)
    with pytest.raises(InputError) as e:
        recalibrate([review], [run], "clinic_a")
    assert "was coded by the coder cccccccccccc" in str(e.value) and "Analyse the session again" in str(e.value)
    assert not (models_dir / "clinic_a").exists()


def test_names_and_replacing(tmp_path, models_dir, coder):
    _, run, review = reviewed_run(tmp_path, coder)
    with pytest.raises(ConfigError, match="calibration name 'Clinic A'"):
        recalibrate([review], [run], "Clinic A")
    recalibrate([review], [run], "clinic_a")
    with pytest.raises(ConfigError, match="already exists; pass --replace"):
        recalibrate([review], [run], "clinic_a")
    recalibrate([review], [run], "clinic_a", replace=True)
    (models_dir / "sleep_question").mkdir()
    (models_dir / "sleep_question" / "head.json").write_text(
        json.dumps({"kind": "head", "name": "sleep_question", "info": {"custom": True}}))
    with pytest.raises(ConfigError, match="holds the custom code 'sleep_question'"):
        recalibrate([review], [run], "sleep_question")
    with pytest.raises(ConfigError, match=r"unknown calibration 'nope'; calibrations installed in .*: clinic_a"):
        calibration.load("nope")


def test_a_changed_calibration_file_is_refused(tmp_path, models_dir, coder):
    _, run, review = reviewed_run(tmp_path, coder)
    folder = recalibrate([review], [run], "clinic_a").folder
    data = json.loads((folder / "calibration.json").read_text())
    data["thresholds"]["positive_regard"] = 0.0
    (folder / "calibration.json").write_text(json.dumps(data))
    with pytest.raises(ModelError, match="checksum mismatch"):
        calibration.load("clinic_a")


def stage(name=None):
    return MarkersStage(MarkerOptions(calibration=name, evidence=False), encoder=FakeEncoder(), heads=fake_heads(),
                        appropriateness=fake_appropriateness(), coder=FakeCoder())


def install(folder, thresholds, coder_sha=None):
    """A calibration written by hand (as train --recalibrate writes it)."""
    from transcript_analyzer.training import write_model

    data = {"kind": "calibration", "name": folder.name, "date": "2026-12-07", "coder": {"sha256": coder_sha},
            "thresholds": thresholds, "reviewed_moments": 40,
            "decisions": {d: {"shipped_threshold": 0.5} for d in thresholds}}

    def save(tmp):
        (tmp / "calibration.json").write_text(json.dumps(data))
        (tmp / "card.md").write_text("card")
        return ["calibration.json", "card.md"]

    write_model(folder, save, {})
    return folder


def test_the_markers_stage_decides_with_the_calibration_only_when_asked(tmp_path, models_dir):
    from ..markers.test_stage import SESSION

    t = 0.0  # everything is positive regard for this site (a threshold no refit would give: a clear test)
    install(models_dir / "clinic_a", {"positive_regard": t})
    shipped = stage()(SESSION)
    site = stage("clinic_a")(SESSION)
    assert shipped.meta.calibration is None and site.meta.calibration.name == "clinic_a"
    assert site.meta.calibration.thresholds[0].threshold == t
    changed = 0
    for a, b in zip(shipped.utterances, site.utterances):
        for ma, mb in zip(a.markers, b.markers):
            assert ma.probability == mb.probability
            if ma.marker == "positive_regard":
                assert mb.decision == (mb.probability >= t and not mb.reasons)
                changed += ma.decision != mb.decision
            elif ma.marker not in ("inappropriate_self_disclosure",):
                assert ma.decision == mb.decision, ma.marker
    assert changed
    st = stage("clinic_a")
    st.load()
    assert [m.name for m in st.models()][-1] == "site calibration clinic_a"
    # a session read back keeps which calibration decided it; an old file has none
    again = Session.from_dict(json.loads(json.dumps(site.to_dict())))
    assert again.meta.calibration == site.meta.calibration
    old = site.to_dict()
    del old["meta"]["calibration"]
    old["meta"]["schema_version"] = "1.8"
    assert Session.from_dict(old).meta.calibration is None


def test_the_calibration_must_fit_the_coder_that_codes(tmp_path, models_dir, coder):
    install(models_dir / "clinic_a", {"positive_regard": 0.2}, coder.sha256)

    class OtherCoder(FakeCoder):
        def info(self):
            return dataclasses.replace(super().info(), sha256="d" * 64)

    st = MarkersStage(MarkerOptions(calibration="clinic_a"), encoder=FakeEncoder(), heads=fake_heads(),
                      appropriateness=fake_appropriateness(), coder=OtherCoder())
    with pytest.raises(ModelError, match="was fitted to the coder .* but the installed coder is dddddddddddd"):
        st.load()


def test_decisions_line():
    session = coded_session([0.5])
    assert calibration.decisions_line(session) == "Decisions: shipped calibration"
    info = calibration.Calibration("clinic_a", None, {"positive_regard": 0.2}, {"positive_regard": 0.35}, None, 40,
                                   "2026-12-07", None).info()
    site = dataclasses.replace(session, meta=dataclasses.replace(session.meta, calibration=info))
    assert calibration.decisions_line(site) == "Decisions: site calibration clinic_a (40 reviewed moments, 2026-12-07)"
    from transcript_analyzer.report.markdown import session_markdown
    from transcript_analyzer.metrics import MetricsStage

    text = session_markdown(MetricsStage(with_index=False)(site))
    assert "Decisions: site calibration clinic\\_a (40 reviewed moments, 2026-12-07)" in text
    assert calibration.decisions_line(coded_session([])) is None


def test_cli_train_recalibrate(tmp_path, models_dir, coder):
    _, run, review = reviewed_run(tmp_path, coder)
    runner = CliRunner()
    result = runner.invoke(main, ["train", "--recalibrate", str(review), "--sessions", str(run), "--name", "clinic_a"])
    assert result.exit_code == 0, result.output
    assert f"wrote {models_dir / 'clinic_a'}" in result.output and "positive_regard: threshold 0.352 -> " in result.output
    assert "advice: shipped threshold kept (0 reviewed" in result.output
    assert "use it: transcript-analyzer analyze SESSION --calibration clinic_a" in result.output
    again = runner.invoke(main, ["train", "--recalibrate", str(review), "--sessions", str(run), "--name", "clinic_a"])
    assert again.exit_code == 2 and "already exists; pass --replace" in again.output
    usage = runner.invoke(main, ["train", "--recalibrate", str(review)])
    assert usage.exit_code == 2 and "--recalibrate needs the review files (REVIEWS...) and --sessions PATH" in usage.output
    usage = runner.invoke(main, ["train", str(review), "--sessions", str(run)])
    assert usage.exit_code == 2 and "--sessions goes with --recalibrate" in usage.output
    out = tmp_path / "elsewhere"
    result = runner.invoke(main, ["train", "--recalibrate", str(review), "--sessions", str(run), "--out", str(out)])
    assert result.exit_code == 0 and (out / "site" / "calibration.json").is_file()
