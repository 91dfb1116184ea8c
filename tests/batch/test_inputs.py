"""Finding a batch's inputs and keying them (no cluster)."""

import pytest

from transcript_analyzer.batch.inputs import config_hash, discover, keyed
from transcript_analyzer.config import AnalyzeConfig
from transcript_analyzer.errors import ConfigError, InputError

T = "Therapist: How are you?\nClient: Fine.\n"


def tree(tmp_path):
    (tmp_path / "site1").mkdir()
    (tmp_path / "site1" / "a.txt").write_text(T)
    (tmp_path / "site1" / "b.vtt").write_text("WEBVTT\n")
    (tmp_path / "site1" / "notes.xyz").write_text("x")
    (tmp_path / "site1" / ".hidden").mkdir()
    (tmp_path / "site1" / ".hidden" / "c.txt").write_text(T)
    (tmp_path / "site2").mkdir()
    (tmp_path / "site2" / "a.txt").write_text(T)
    return tmp_path


def test_folders_are_searched_recursively_for_known_suffixes(tmp_path):
    jobs = discover([tree(tmp_path)])
    assert [j.session_id for j in jobs] == ["site1/a", "site1/b", "site2/a"]
    assert [j.folder for j in jobs] == ["site1__a", "site1__b", "site2__a"]


def test_globs_files_and_duplicates(tmp_path):
    tree(tmp_path)
    jobs = discover([str(tmp_path / "site*" / "a.txt"), tmp_path / "site1" / "a.txt"])
    assert sorted(j.session_id for j in jobs) == ["a", "site1/a", "site2/a"]
    with pytest.raises(InputError, match="also used by"):
        discover([tmp_path / "site1" / "a.txt", tmp_path / "site2" / "a.txt"])
    with pytest.raises(InputError, match="matches no file"):
        discover([str(tmp_path / "*.docx")])
    with pytest.raises(InputError, match="no such file"):
        discover([tmp_path / "missing"])
    with pytest.raises(ConfigError):
        discover([])


def test_manifest_rows_carry_their_options(tmp_path):
    tree(tmp_path)
    manifest = tmp_path / "manifest.csv"
    manifest.write_text("path,session_id,therapist,date\nsite1/a.txt,s1,Therapist,2026-01-05\nsite2/a.txt,,,\n")
    jobs = discover([manifest])
    assert [(j.session_id, j.therapist, j.date) for j in jobs] == [("s1", "Therapist", "2026-01-05"),
                                                                   ("site2/a", None, None)]
    manifest.write_text("path,session\nsite1/a.txt,1\nsite1/a.txt,2\n")  # two sessions of one file
    assert [j.session_id for j in discover([manifest])] == ["site1/a/1", "site1/a/2"]
    manifest.write_text("path\nsite1/a.txt\nsite1/nope.txt\n")
    with pytest.raises(InputError, match=r"line 3.*nope.txt: no such file|nope.txt: no such file"):
        discover([manifest])


def test_keys_change_with_content_options_and_configuration(tmp_path):
    tree(tmp_path)
    base = config_hash(AnalyzeConfig())
    jobs = keyed(discover([tmp_path / "site1"]), base)
    again = keyed(discover([tmp_path / "site1"]), base)
    assert [j.key for j in jobs] == [j.key for j in again]
    (tmp_path / "site1" / "a.txt").write_text(T + "Therapist: And now?\n")
    changed = keyed(discover([tmp_path / "site1"]), base)
    assert changed[0].key != jobs[0].key and changed[1].key == jobs[1].key
    import dataclasses

    other = config_hash(dataclasses.replace(AnalyzeConfig(), markers=dataclasses.replace(AnalyzeConfig().markers,
                                                                                         evidence=False)))
    assert other != base


def test_a_folder_without_sessions_is_an_error(tmp_path):
    (tmp_path / "notes.xyz").write_text("x")
    with pytest.raises(InputError, match="holds no transcript or recording"):
        discover([tmp_path])


def test_the_runs_own_output_folder_is_never_read(tmp_path):
    root = tree(tmp_path)
    out = root / "site1" / "run"  # --out inside an input folder, with a finished session in it
    (out / "sessions" / "site1__a").mkdir(parents=True)
    for name in ("session.json", "utterances.csv", "summary.md", "report.html"):
        (out / "sessions" / "site1__a" / name).write_text(T)
    (out / "utterances.csv").write_text("corpus,session_id\n")
    assert [j.session_id for j in discover([root], exclude=out)] == ["site1/a", "site1/b", "site2/a"]
    with pytest.raises(InputError, match="the pattern matches no file"):
        discover([f"{root}/**/utterances.csv"], exclude=out)
    with pytest.raises(InputError, match="inside the run's output folder"):
        discover([out / "utterances.csv"], exclude=out)
    with pytest.raises(InputError, match="inside the run's output folder"):
        discover([root / "site1"], exclude=root / "site1")  # --out is the input folder
    manifest = root / "m.csv"
    manifest.write_text("path\nsite1/run/sessions/site1__a/session.json\n")
    with pytest.raises(InputError, match="inside the run's output folder"):
        discover([manifest], exclude=out)
